import twitter, { type ParseTweetOptions } from 'twitter-text';
import { parse as parseEmoji } from 'twemoji-parser';
import { twitterTextLinks } from './entities';

/** What X's counter says of a text: twitter-text's `parseTweet`, the fields we use. */
export interface XLength {
  readonly weightedLength: number;
  readonly valid: boolean;
  /** The last UTF-16 index (inclusive) of the longest valid start of the text. */
  readonly validRangeEnd: number;
}

/**
 * twitter-text's `parseTweet`, computed as it does (NFC text, each URL weighing
 * `transformedURLLength`, each emoji sequence `defaultWeight`, other code points by `ranges`), but
 * reusing the URLs the rules already found for the text (`twitterTextLinks`, remembered per text)
 * instead of extracting them again, and skipping twemoji's scan for texts that cannot hold an emoji.
 * A property test holds it equal to `parseTweet`.
 */
export function xLength(text: string, options: Required<ParseTweetOptions>): XLength {
  const { defaultWeight, scale, maxWeightedTweetLength, transformedURLLength, ranges } = options;
  const normalized = text.normalize();
  const urls = normalized === text ? twitterTextLinks(text) : twitter.extractUrlsWithIndices(normalized).map((u) => ({ start: u.indices[0], end: u.indices[1], url: u.url }));
  // Every emoji twemoji knows holds a code unit from U+2000 on (a keycap's U+20E3, a variation
  // selector, a surrogate…): without one there is nothing to look for.
  const emojis = options.emojiParsingEnabled && mayHoldEmoji(normalized) ? parseEmoji(normalized) : [];
  const max = maxWeightedTweetLength * scale;
  let weighted = 0;
  let validIndex = 0;
  let valid = true;
  let u = 0;
  let e = 0;
  for (let i = 0; i < normalized.length; i++) {
    while (u < urls.length && urls[u]!.start < i) u++;
    while (e < emojis.length && emojis[e]!.indices[0] < i) e++;
    if (u < urls.length && urls[u]!.start === i) {
      weighted += transformedURLLength * scale;
      i += urls[u]!.url.length - 1;
    } else if (e < emojis.length && emojis[e]!.indices[0] === i) {
      weighted += defaultWeight;
      i += emojis[e]!.text.length - 1;
    } else {
      if (isHighSurrogate(normalized, i)) i++;
      weighted += weightOf(normalized.charCodeAt(i), defaultWeight, ranges);
    }
    if (valid) valid = !isInvalid(normalized.charCodeAt(i));
    if (valid && weighted <= max) validIndex = i;
  }
  const weightedLength = weighted / scale;
  return {
    weightedLength,
    valid: valid && weightedLength > 0 && weightedLength <= maxWeightedTweetLength,
    validRangeEnd: validIndex + text.length - normalized.length,
  };
}

function mayHoldEmoji(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x2000) return true;
  return false;
}

/** As twitter-text tests it: a high surrogate followed by a low one, not at the text's last unit. */
function isHighSurrogate(text: string, i: number): boolean {
  if (i >= text.length - 1) return false;
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}

/** twitter-text weighs the UTF-16 unit it lands on (for a surrogate pair, the low one). */
function weightOf(code: number, defaultWeight: number, ranges: Required<ParseTweetOptions>['ranges']): number {
  for (const r of ranges) if (code >= r.start && code <= r.end) return r.weight;
  return defaultWeight;
}

/** twitter-text's invalid characters: U+FFFE, U+FEFF, U+FFFF (NaN past the end, as `substring` gives ''). */
function isInvalid(code: number): boolean {
  return code === 0xfffe || code === 0xfeff || code === 0xffff;
}
