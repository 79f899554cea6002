import { utf8Length } from '../text/unicode';
import { measureWeighted } from './counting';
import { commonHashtags, commonMentions, shortLink, twitterTextLinks } from './entities';
import type { PlatformRules } from './types';

/**
 * Threads (Meta). 500 characters, where an emoji counts as many characters as its UTF-8 bytes
 * (Meta's API documentation); we read "emoji" as a grapheme cluster holding a pictographic
 * character, a regional indicator (flags) or a keycap. At most 5 distinct links; one topic tag.
 */
export const THREADS_MAX = 500;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** An emoji cluster weighs its UTF-8 bytes; anything else one. */
function emojiWeight(text: string, index: number, length: number): number {
  if (length === 1 && text.charCodeAt(index) < 0x2000) return 1;
  const cluster = text.slice(index, index + length);
  return EMOJI.test(cluster) ? utf8Length(cluster) : 1;
}

export const threads: PlatformRules = {
  id: 'threads',
  name: 'Threads',
  measure: (text) => measureWeighted(text, THREADS_MAX, emojiWeight),
  hashtags: commonHashtags,
  links: (text) => twitterTextLinks(text),
  threads: true,
  media: { max: 20, required: false },
  hashtagCap: { max: 1, severity: 'warning', message: 'hashtag.too-many-threads' },
  maxLinks: 5,
  display: {
    mentions: commonMentions,
    // A post has one topic: the first hashtag becomes it, later ones stay plain text.
    linkedHashtags: (hashtags) => hashtags.slice(0, 1),
    linkText: (url) => shortLink(url, 60),
    linksClickable: true,
    // Assumed: the feed folds after about 280 characters or 6 lines.
    fold: { chars: 280, lines: 6 },
  },
};
