import { utf8Length } from '../text/unicode';
import { measureWeighted } from './counting';
import { commonHashtags, twitterTextLinks } from './entities';
import type { PlatformRules } from './types';

/**
 * Threads (Meta). 500 characters, where an emoji counts as many characters as its UTF-8 bytes
 * (Meta's API documentation); we read "emoji" as a grapheme cluster holding a pictographic
 * character, a regional indicator (flags) or a keycap. At most 5 distinct links; one topic tag.
 */
export const THREADS_MAX = 500;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

export const threads: PlatformRules = {
  id: 'threads',
  name: 'Threads',
  measure: (text) => measureWeighted(text, THREADS_MAX, (g) => (EMOJI.test(g) ? utf8Length(g) : 1)),
  hashtags: commonHashtags,
  links: (text) => twitterTextLinks(text),
  threads: true,
  media: { max: 20, required: false },
  hashtagCap: { max: 1, severity: 'warning', message: 'hashtag.too-many-threads' },
  maxLinks: 5,
};
