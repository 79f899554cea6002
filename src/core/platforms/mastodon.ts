import type { PlatformRules } from './types';
import { shortLink, twitterTextLinks } from './entities';
import { measureWeighted } from './counting';
import { mastodonHashtags, mastodonMentions } from './mastodonEntities';

/**
 * Mastodon, as its StatusLengthValidator counts: each `http(s)://` URL weighs
 * `characters_reserved_per_url` (23), a remote mention `@user@domain` weighs as `@user`,
 * everything else one per grapheme cluster. The limit is the instance's (500 by default).
 * URLs and mentions are the extractor's (see `mastodonEntities.ts`); where they overlap, the
 * first one wins, as Mastodon's `remove_overlapping_entities` keeps it.
 */
export const MASTODON_DEFAULT_MAX = 500;
export const MASTODON_URL_WEIGHT = 23;

type Span = { start: number; end: number; weight: number };

/**
 * The spans StatusLengthValidator rewrites: a URL to 23 characters, a remote mention's `@domain`
 * to nothing. Each entity carries its rewrite (none for a local mention), so that one inside an
 * earlier entity is dropped with it.
 */
function rewrittenSpans(text: string, urlWeight: number): Span[] {
  const links = twitterTextLinks(text, false).map((l) => ({ start: l.start, end: l.end, rewrite: { start: l.start, end: l.end, weight: urlWeight } }));
  const mentions = mastodonMentions(text);
  if (mentions.length === 0) return links.map((l) => l.rewrite);
  const entities: Array<{ start: number; end: number; rewrite?: Span }> = [...links];
  for (const m of mentions) {
    const domainAt = m.start + 1 + m.user.length;
    entities.push(m.domain === undefined ? m : { start: m.start, end: m.end, rewrite: { start: domainAt, end: m.end, weight: 0 } });
  }
  entities.sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  let lastEnd = 0;
  for (const e of entities) {
    if (e.start < lastEnd) continue;
    lastEnd = e.end;
    if (e.rewrite) spans.push(e.rewrite);
  }
  return spans;
}

export const mastodon: PlatformRules = {
  id: 'mastodon',
  name: 'Mastodon',
  measure(text, settings) {
    const limit = settings.maxCharacters ?? MASTODON_DEFAULT_MAX;
    const urlWeight = settings.charactersReservedPerUrl ?? MASTODON_URL_WEIGHT;
    return measureWeighted(text, limit, () => 1, rewrittenSpans(text, urlWeight));
  },
  hashtags: mastodonHashtags,
  links: (text) => twitterTextLinks(text, false),
  threads: true,
  // The instance's configuration.polls; Mastodon's defaults: 4 options of 50 characters, 5 minutes to about a month.
  polls: { minOptions: 2, maxOptions: 4, maxOptionLength: 50, minDuration: 300_000, maxDuration: 2_629_746_000 },
  media: { max: 4, required: false },
  display: {
    mentions: mastodonMentions,
    // Mastodon hides `https://` and cuts the rest after 30 characters.
    linkText: (url) => shortLink(url, 31),
    linksClickable: true,
  },
};
