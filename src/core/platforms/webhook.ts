import { measureGraphemes, measureWeighted } from './counting';
import { twitterTextLinks } from './entities';
import type { PlatformRules } from './types';


/** Discord's limit for a message's `content`: 2,000 characters, counted as code points. */
export const DISCORD_MAX = 2000;

/**
 * A bound for the other formats, which have no limit of their own: the check reads a post's
 * first 65,536 characters only, so a longer part is not measured truly anyway.
 */
export const WEBHOOK_MAX = 65_536;

/** Code points in a grapheme cluster (Discord's API is Python 3: `len()` counts code points). */
function codePoints(text: string, index: number, length: number): number {
  let n = 0;
  for (let i = index; i < index + length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > index && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) n++;
  }
  return n;
}

/** A text's length in code points, as Discord counts a message's `content`. */
export function discordLength(text: string): number {
  return codePoints(text, 0, text.length);
}

/**
 * A generic webhook (an in-house endpoint, Slack, Discord): a JSON POST per thread part, with no
 * character limit of its own (Discord's 2,000 when `format: discord`), no hashtag rules, threads
 * and media allowed (media go as file names and alt text: nothing is uploaded).
 */
export const webhook: PlatformRules = {
  id: 'webhook',
  name: 'Webhook',
  measure: (text, settings) =>
    settings.format === 'discord' ? measureWeighted(text, DISCORD_MAX, codePoints) : measureGraphemes(text, WEBHOOK_MAX),
  hashtags: () => [],
  links: (text) => twitterTextLinks(text, false),
  threads: true,
  media: { required: false },
  display: {
    mentions: () => [],
    linkText: (url) => url,
    linksClickable: true,
  },
};
