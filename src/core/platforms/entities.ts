import twitter from 'twitter-text';
import { memoizeByText } from '../text/memo';
import type { Hashtag, Link, Mention } from './types';

/**
 * Hashtags as most networks (Instagram, LinkedIn, Facebook, Threads, TikTok, YouTube, Pinterest)
 * link them: `#` after a space, start of text or punctuation, then letters, marks, digits or `_`,
 * not only digits.
 */
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&/#])[#＃]([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu;

/** Hashtags by the common rule (see `HASHTAG`). */
export const commonHashtags = memoizeByText((text: string): Hashtag[] => {
  if (!text.includes('#') && !text.includes('＃')) return [];
  const out: Hashtag[] = [];
  for (const m of text.matchAll(HASHTAG)) {
    out.push({ start: m.index, end: m.index + m[0].length, tag: m[1]! });
  }
  return out;
});

const linksWithoutProtocol = memoizeByText((text: string): Link[] => {
  if (!text.includes('.')) return [];
  return twitter.extractUrlsWithIndices(text).map((u) => ({ start: u.indices[0], end: u.indices[1], url: u.url }));
});
// twitter-text finds the same URLs either way; without the option it only drops those lacking a
// scheme (a property test checks this), so one extraction serves both. A text without `:` has no
// scheme, so the extraction (slow on long `a.b.c…` runs) is skipped, as twitter-text skips it.
const linksWithProtocol = memoizeByText((text: string): Link[] =>
  text.includes(':') ? linksWithoutProtocol(text).filter((l) => /^https?:\/\//i.test(l.url)) : [],
);

/** Links with (and by default without) `https://`, as twitter-text finds them (X, LinkedIn, Mastodon…). */
export function twitterTextLinks(text: string, withoutProtocol = true): readonly Link[] {
  return withoutProtocol ? linksWithoutProtocol(text) : linksWithProtocol(text);
}

/**
 * Words a person meant as hashtags: `#` at the start or after a space, up to the next space,
 * without trailing punctuation. Compared with what a network links, to warn when it will not.
 */
const CANDIDATE = /(?<=^|\s)[#＃][^\s#＃]*/gu;
const TRAILING_PUNCTUATION = /[\p{P}\p{S}]+$/u;

export const hashtagCandidates = memoizeByText((text: string): Array<{ start: number; end: number; text: string }> => {
  if (!text.includes('#') && !text.includes('＃')) return [];
  const out: Array<{ start: number; end: number; text: string }> = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const word = m[0].slice(1).replace(TRAILING_PUNCTUATION, '');
    if (word === '') continue;
    out.push({ start: m.index, end: m.index + 1 + word.length, text: '#' + word });
  }
  return out;
});

const MENTION = /(?<![\p{L}\p{N}_@.\/])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)/gu;

/** `@handle` mentions as most networks link them (letters, digits, `_` and inner dots). */
export const commonMentions = memoizeByText((text: string): Mention[] => {
  if (!text.includes('@')) return [];
  return [...text.matchAll(MENTION)].map((m) => ({ start: m.index, end: m.index + m[0].length, handle: m[1]! }));
});

/**
 * A link as apps show it: without `https://` and `www.`, cut to `max` characters with an ellipsis.
 *
 * @example shortLink('https://www.nova.app/blog/remote-rituals', 20) // 'nova.app/blog/remot…'
 */
export function shortLink(url: string, max: number): string {
  const bare = url.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  return bare.length > max ? bare.slice(0, max - 1) + '…' : bare;
}
