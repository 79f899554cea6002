import twitter from 'twitter-text';
import { memoizeByText } from '../text/memo';
import type { Hashtag, Link, Mention } from './types';
import { findInWords } from './twitterWords';

/**
 * Hashtags as most networks (Instagram, LinkedIn, Facebook, Threads, TikTok, YouTube, Pinterest)
 * link them: `#` after a space, start of text or punctuation, then letters, marks, digits or `_`,
 * not only digits.
 */
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&/#])[#＃]([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu;

/**
 * What two hashtags share when they are the same tag written in another case (#Nova, #nova).
 * Locale-independent, so that a check gives the same findings on every machine
 * (`toLocaleLowerCase` follows the machine's locale: a Turkish one folds `I` to `ı`), and fast.
 */
export function hashtagKey(tag: string): string {
  return tag.toLowerCase();
}

/** Hashtags by the common rule (see `HASHTAG`). */
export const commonHashtags = memoizeByText((text: string): Hashtag[] => {
  if (!text.includes('#') && !text.includes('＃')) return [];
  const out: Hashtag[] = [];
  for (const m of text.matchAll(HASHTAG)) {
    out.push({ start: m.index, end: m.index + m[0].length, tag: m[1]! });
  }
  return out;
});

// A URL's domain has a `.`: only the words holding one are searched (see `wordsHolding`).
const urlsInWords = findInWords(['.'], (word) => twitter.extractUrlsWithIndices(word));
const linksWithoutProtocol = memoizeByText((text: string): Link[] => {
  const links: Link[] = [];
  urlsInWords(text, (u, at) => links.push({ start: at + u.indices[0], end: at + u.indices[1], url: u.url }));
  return links;
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
 * As the pattern `(?<=^|\s)[#＃][^\s#＃]*` (flags `gu`) with `[\p{P}\p{S}]+$` stripped from each word (a property
 * test holds it equal), found with `indexOf`: a lookbehind tried at every offset cost more than
 * the rule that reads the result.
 */
export const hashtagCandidates = memoizeByText((text: string): Array<{ start: number; end: number; text: string }> => {
  const out: Array<{ start: number; end: number; text: string }> = [];
  const signs = hashSigns(text);
  let from = 0;
  for (;;) {
    const start = signs.next(from);
    if (start < 0) return out;
    WORD.lastIndex = start + 1;
    const raw = WORD.exec(text)![0];
    from = start + 1 + raw.length;
    if (start > 0 && !isSpace(text.charCodeAt(start - 1))) continue;
    const word = endsInLetterOrDigit(raw) ? raw : raw.replace(TRAILING_PUNCTUATION, '');
    if (word !== '') out.push({ start, end: start + 1 + word.length, text: '#' + word });
  }
});

const WORD = /[^\s#＃]*/y;
const TRAILING_PUNCTUATION = /[\p{P}\p{S}]+$/u;
const SPACE = /\s/;

/**
 * The next `#` or `＃` from an offset, for offsets that only grow. Each sign's next place is
 * searched again only once passed: a text of many `#` and no `＃` is not scanned to its end each time.
 */
function hashSigns(text: string): { next(from: number): number } {
  let hash = -2;
  let wide = -2;
  return {
    next(from) {
      if (hash !== -1 && hash < from) hash = text.indexOf('#', from);
      if (wide !== -1 && wide < from) wide = text.indexOf('＃', from);
      return hash < 0 ? wide : wide < 0 ? hash : Math.min(hash, wide);
    },
  };
}

/** JavaScript's `\s` (all of it in the BMP, so one UTF-16 unit tells). */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(String.fromCharCode(code));
}

/** True when the word's last unit is an ASCII letter or digit: nothing to strip then. */
function endsInLetterOrDigit(word: string): boolean {
  const c = word.charCodeAt(word.length - 1);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

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
