import tlds from 'tlds';
import { graphemeCut, utf8FitOffset, utf8Length, utf8Offset } from '../text/unicode';
import type { Hashtag, Link, PlatformRules } from './types';

/**
 * Bluesky. A post is at most 300 grapheme clusters and 3,000 UTF-8 bytes, links counted as written.
 * Hashtags, links and mentions become facets addressed by UTF-8 byte offsets. Detection follows
 * the AT Protocol's rich-text rules; tests check it against `@atproto/api`'s RichText on generated text.
 */
export const BLUESKY_MAX_GRAPHEMES = 300;
export const BLUESKY_MAX_BYTES = 3000;

/** A rich-text facet as the `app.bsky.richtext.facet` lexicon describes it. */
export interface Facet {
  readonly index: { readonly byteStart: number; readonly byteEnd: number };
  readonly features: ReadonlyArray<
    | { readonly $type: 'app.bsky.richtext.facet#tag'; readonly tag: string }
    | { readonly $type: 'app.bsky.richtext.facet#link'; readonly uri: string }
    | { readonly $type: 'app.bsky.richtext.facet#mention'; readonly did: string }
  >;
}

// Characters that never belong to a tag: spaces and the invisible joiners/hyphens people paste.
const INVISIBLE = '\\u00AD\\u2060\\u200A\\u200B\\u200C\\u200D\\u20e2';
const TAG = new RegExp(
  `(^|\\s)[#＃]((?!\\ufe0f)[^\\s${INVISIBLE}]*[^\\d\\s\\p{P}${INVISIBLE}]+[^\\s${INVISIBLE}]*)?`,
  'gu',
);
const TAG_TRAILING_PUNCTUATION = /\p{P}+$/u;
const MENTION = /(^|\s|\()@([a-zA-Z0-9.-]+)(\b)/g;
const LINK = /(^|\s|\()((https?:\/\/\S+)|((?<domain>[a-z][a-z0-9]*(\.[a-z0-9]+)+)\S*))/gim;
const CASHTAG = /(^|\s|\()\$([A-Za-z][A-Za-z0-9]{0,4})(?=\s|$|[.,;:!?)"'\u2019])/gu;

const tldSet = new Set<string>(tlds);

/** True when the last label of `domain` is a top-level domain (lower case, as the TLD list has them). */
function isDomainWithTld(domain: string): boolean {
  const dot = domain.lastIndexOf('.');
  return dot >= 0 && tldSet.has(domain.slice(dot + 1));
}

/** Hashtags, in order, with UTF-16 offsets (the `#` included). */
function blueskyHashtags(text: string): Hashtag[] {
  if (!text.includes('#') && !text.includes('＃')) return [];
  const out: Hashtag[] = [];
  for (const m of text.matchAll(TAG)) {
    const raw = m[2];
    if (!raw) continue;
    const tag = raw.trim().replace(TAG_TRAILING_PUNCTUATION, '');
    if (tag.length === 0 || tag.length > 64) continue;
    const start = m.index + m[1]!.length;
    out.push({ start, end: start + 1 + tag.length, tag });
  }
  return out;
}

/** Links: `http(s)://…`, or a bare domain with a known top-level domain (then `https://` is added). */
function blueskyLinks(text: string): Link[] {
  const out: Link[] = [];
  for (const m of text.matchAll(LINK)) {
    let uri = m[2]!;
    if (!uri.startsWith('http')) {
      const domain = m.groups?.['domain'];
      if (!domain || !isDomainWithTld(domain)) continue;
      uri = `https://${uri}`;
    }
    const start = m.index + m[1]!.length;
    let end = start + m[2]!.length;
    if (/[.,;:!?]$/.test(uri)) {
      uri = uri.slice(0, -1);
      end--;
    }
    if (uri.endsWith(')') && !uri.includes('(')) {
      uri = uri.slice(0, -1);
      end--;
    }
    out.push({ start, end, url: uri });
  }
  return out;
}

/** Mentions of handles (`@nova.bsky.social`), with the handle where the DID will go once resolved. */
function blueskyMentions(text: string): Array<{ start: number; end: number; handle: string }> {
  if (!text.includes('@')) return [];
  const out: Array<{ start: number; end: number; handle: string }> = [];
  for (const m of text.matchAll(MENTION)) {
    const handle = m[2]!;
    if (!isDomainWithTld(handle) && !handle.endsWith('.test')) continue;
    const start = m.index + m[1]!.length;
    out.push({ start, end: start + 1 + handle.length, handle });
  }
  return out;
}

/**
 * The facets Bluesky's clients attach to a post: mentions (handle in place of the DID until
 * resolved), links, hashtags and cashtags, by UTF-8 byte offsets.
 */
export function blueskyFacets(text: string): Facet[] {
  const facets: Facet[] = [];
  const bytes = (start: number, end: number) => ({ byteStart: utf8Offset(text, start), byteEnd: utf8Offset(text, end) });
  for (const m of blueskyMentions(text)) {
    facets.push({ index: bytes(m.start, m.end), features: [{ $type: 'app.bsky.richtext.facet#mention', did: m.handle }] });
  }
  for (const l of blueskyLinks(text)) {
    facets.push({ index: bytes(l.start, l.end), features: [{ $type: 'app.bsky.richtext.facet#link', uri: l.url }] });
  }
  for (const h of blueskyHashtags(text)) {
    facets.push({ index: bytes(h.start, h.end), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: h.tag }] });
  }
  if (text.includes('$')) {
    for (const m of text.matchAll(CASHTAG)) {
      const start = m.index + m[1]!.length;
      const ticker = m[2]!.toUpperCase();
      facets.push({
        index: bytes(start, start + 1 + ticker.length),
        features: [{ $type: 'app.bsky.richtext.facet#tag', tag: '$' + ticker }],
      });
    }
  }
  // Clients send facets ordered by position (a stable sort keeps detection order on ties).
  return facets.sort((a, b) => a.index.byteStart - b.index.byteStart);
}

export const bluesky: PlatformRules = {
  id: 'bluesky',
  name: 'Bluesky',
  measure(text) {
    const { count: graphemes, cut } = graphemeCut(text, BLUESKY_MAX_GRAPHEMES);
    const bytes = utf8Length(text);
    // Both limits apply; report the one that binds, cut where the first is crossed.
    const fitsUntil = bytes > BLUESKY_MAX_BYTES ? Math.min(cut, utf8FitOffset(text, BLUESKY_MAX_BYTES)) : cut;
    if (bytes > BLUESKY_MAX_BYTES && graphemes <= BLUESKY_MAX_GRAPHEMES) {
      return { length: bytes, limit: BLUESKY_MAX_BYTES, fitsUntil, unit: 'bytes' };
    }
    return { length: graphemes, limit: BLUESKY_MAX_GRAPHEMES, fitsUntil, unit: 'graphemes' };
  },
  hashtags: blueskyHashtags,
  links: blueskyLinks,
  threads: true,
  media: { max: 4, required: false },
  display: {
    mentions: (text) => blueskyMentions(text),
    // The Bluesky app shows the host, and the path cut after 13 characters with "...".
    linkText: (url) => {
      const bare = url.replace(/^https?:\/\//i, '');
      const slash = bare.indexOf('/');
      if (slash < 0) return bare;
      const path = bare.slice(slash) === '/' ? '' : bare.slice(slash);
      return bare.slice(0, slash) + (path.length > 15 ? path.slice(0, 13) + '...' : path);
    },
    linksClickable: true,
  },
};
