import twitter from 'twitter-text';
import { memoizeByText } from '../text/memo';
import type { Hashtag, Mention } from './types';

/*
 * Mentions and hashtags as Mastodon's server finds them (`Account::MENTION_RE`, `Tag::HASHTAG_RE`
 * and `Extractor`, mastodon/mastodon 2026), which is what its length validator and its formatter
 * use. Ruby's POSIX classes on Unicode text follow UTS #18: [[:alpha:]] is the Alphabetic property,
 * [[:word:]] adds marks, decimal digits, connector punctuation and the joiners (ZWNJ, ZWJ), and
 * [[:space:]] is the separators plus the ASCII controls and NEL.
 * Mastodon's hashtag pattern, ported as is, backtracks quadratically when a tag runs into a long
 * run of `·` (`#a····…`: seconds for 100,000 characters); here the run is matched by one plain
 * class and the tag is cut from it in a single pass, so every scan is linear.
 */
const WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
const SPACE = '\\p{Zs}\\p{Zl}\\p{Zp}\\t\\n\\v\\f\\r\\u0085';

/** Mastodon refuses a remote mention whose domain is longer than a DNS name may be. */
export const MASTODON_MAX_DOMAIN_LENGTH = 253;

/**
 * `@user` or `@user@domain`, not after `=`, `/` or a word character: the user is ASCII word
 * characters with inner `.` or `-` runs, the domain word characters with inner `.` or `-` runs.
 * Separators and word characters are disjoint, so the pattern cannot backtrack.
 */
const MENTION = new RegExp(`(?<![=/${WORD}])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@([${WORD}]+(?:[.-]+[${WORD}]+)*))?`, 'giu');

/**
 * What may not follow a mention (`@`, `＠`, an accented Latin letter, `://`): twitter-text's own
 * `endMentionMatch`, which Mastodon's extractor applies, made sticky to test at an offset.
 */
const MENTION_END = new RegExp(twitter.regexen.endMentionMatch.source.replace(/^\^/, ''), 'y');

/** A mention as Mastodon links it; `handle` is `user` or `user@domain`. */
export interface MastodonMention extends Mention {
  readonly user: string;
  readonly domain?: string;
}

/**
 * Mentions as Mastodon's extractor finds them, in order. The one definition of a mention: the
 * length count (a remote mention weighs as `@user`) and the preview both use it.
 *
 * @example mastodonMentions('Merci @lea@grå.org !') // [{ start: 6, end: 18, handle: 'lea@grå.org', user: 'lea', domain: 'grå.org' }]
 */
export const mastodonMentions = memoizeByText((text: string): readonly MastodonMention[] => {
  if (!text.includes('@')) return [];
  const out: MastodonMention[] = [];
  for (const m of text.matchAll(MENTION)) {
    const end = m.index + m[0].length;
    MENTION_END.lastIndex = end;
    if (MENTION_END.test(text)) continue;
    const user = m[1]!;
    const domain = m[2];
    if (domain === undefined) {
      out.push({ start: m.index, end, handle: user, user });
    } else if (!tooLongDomain(domain)) {
      out.push({ start: m.index, end, handle: `${user}@${domain}`, user, domain });
    }
  }
  return out;
});

/** Ruby measures the domain in code points (UTF-16 units are never fewer). */
function tooLongDomain(domain: string): boolean {
  return domain.length > MASTODON_MAX_DOMAIN_LENGTH && [...domain].length > MASTODON_MAX_DOMAIN_LENGTH;
}

/** `#` or `＃` at the start or after a space, then the run of characters a tag can hold. */
const TAG_RUN = new RegExp(`(?<=^|[${SPACE}])[#＃]([${WORD}·・]*)`, 'gu');
const IS_WORD = new RegExp(`[${WORD}]`, 'u');
const IS_ALPHA = /\p{Alphabetic}/u;
/** Mastodon's HASHTAG_SEPARATORS: `_`, middle dot, katakana middle dot, ZWNJ. */
const SEPARATORS = '_·・\u200c';

/**
 * Hashtags as Mastodon's extractor finds them, in order, `#` included in the span. A tag that runs
 * into `://` loses the `http` or `https` it ends with (`#taghttp://…` is the tag `tag`).
 *
 * @example mastodonHashtags('#ぼっち・ざ・ろっく a=#b') // [{ start: 0, end: 10, tag: 'ぼっち・ざ・ろっく' }]
 */
export const mastodonHashtags = memoizeByText((text: string): readonly Hashtag[] => {
  if (!text.includes('#') && !text.includes('＃')) return [];
  const out: Hashtag[] = [];
  for (const m of text.matchAll(TAG_RUN)) {
    let tag = tagName(m[1]!);
    if (tag === undefined) continue;
    if (text.startsWith('://', m.index + 1 + tag.length)) tag = withoutScheme(tag);
    out.push({ start: m.index, end: m.index + 1 + tag.length, tag });
  }
  return out;
});

/**
 * The tag HASHTAG_NAME_PAT takes from the start of `run` (word characters, `·` and `・`). Its first
 * branch: a word character, then up to the run's last word character, with a letter or separator
 * somewhere between the two. Else its second branch: the leading word characters, if one is a letter.
 */
function tagName(run: string): string | undefined {
  let index = 0;
  let offset = 0;
  let firstIsWord = false;
  let lastWord = -1;
  let lastWordEnd = 0;
  let firstMiddle = -1;
  let prefixEnd = run.length;
  let prefixHasAlpha = false;
  for (const ch of run) {
    const word = IS_WORD.test(ch);
    const alpha = word && IS_ALPHA.test(ch);
    if (index === 0) firstIsWord = word;
    if (word) {
      lastWord = index;
      lastWordEnd = offset + ch.length;
    } else if (prefixEnd === run.length) {
      prefixEnd = offset;
    }
    if (alpha && offset < prefixEnd) prefixHasAlpha = true;
    if (index > 0 && firstMiddle < 0 && (alpha || SEPARATORS.includes(ch))) firstMiddle = index;
    index++;
    offset += ch.length;
  }
  if (firstIsWord && firstMiddle > 0 && firstMiddle < lastWord) return run.slice(0, lastWordEnd);
  return prefixHasAlpha ? run.slice(0, prefixEnd) : undefined;
}

/** `tag` without the `http` or `https` it ends with, if something comes before it. */
function withoutScheme(tag: string): string {
  if (tag.length > 5 && tag.endsWith('https')) return tag.slice(0, -5);
  if (tag.length > 4 && tag.endsWith('http')) return tag.slice(0, -4);
  return tag;
}
