import type { PlatformRules } from './types';
import { shortLink, twitterTextLinks } from './entities';
import { measureWeighted } from './counting';

/**
 * Mastodon, as its StatusLengthValidator counts: each `http(s)://` URL weighs
 * `characters_reserved_per_url` (23), a remote mention `@user@domain` weighs as `@user`,
 * everything else one per grapheme cluster. The limit is the instance's (500 by default).
 */
export const MASTODON_DEFAULT_MAX = 500;
export const MASTODON_URL_WEIGHT = 23;

/** `@user` or `@user@domain`, not inside a word or URL (Mastodon's MENTION_RE). */
const MENTION = /(?<![=/\p{L}\p{M}\p{N}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(@[\p{L}\p{M}\p{N}_.-]+[\p{L}\p{M}\p{N}_]+)?/giu;

/** Hashtags: `#` not after a word, `/` or `)`, then word characters or `·`, not only digits (Mastodon's HASHTAG_RE). */
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_/)])#([\p{L}\p{M}\p{N}_·]*[\p{L}\p{M}_·][\p{L}\p{M}\p{N}_·]*)/gu;

export const mastodon: PlatformRules = {
  id: 'mastodon',
  name: 'Mastodon',
  measure(text, settings) {
    const limit = settings.maxCharacters ?? MASTODON_DEFAULT_MAX;
    const urlWeight = settings.charactersReservedPerUrl ?? MASTODON_URL_WEIGHT;
    const spans: Array<{ start: number; end: number; weight: number }> = [];
    for (const link of twitterTextLinks(text, false)) spans.push({ start: link.start, end: link.end, weight: urlWeight });
    if (text.includes('@')) {
      for (const m of text.matchAll(MENTION)) {
        if (!m[2]) continue;
        // The `@domain` part weighs nothing: it starts after `@user`.
        const domainStart = m.index + 1 + m[1]!.length;
        spans.push({ start: domainStart, end: domainStart + m[2].length, weight: 0 });
      }
      spans.sort((a, b) => a.start - b.start);
    }
    return measureWeighted(text, limit, () => 1, spans);
  },
  hashtags(text) {
    if (!text.includes('#')) return [];
    return [...text.matchAll(HASHTAG)].map((m) => ({ start: m.index, end: m.index + m[0].length, tag: m[1]! }));
  },
  links: (text) => twitterTextLinks(text, false),
  threads: true,
  media: { max: 4, required: false },
  display: {
    mentions: (text) => (text.includes('@') ? [...text.matchAll(MENTION)].map((m) => ({ start: m.index, end: m.index + m[0].length, handle: m[1]! + (m[2] ?? '') })) : []),
    // Mastodon hides `https://` and cuts the rest after 30 characters.
    linkText: (url) => shortLink(url, 31),
    linksClickable: true,
  },
};
