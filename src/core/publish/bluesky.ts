import type { MediaItem, PostMeta } from '../model';
import { blueskyFacets, bluesky, type Facet } from '../platforms/bluesky';
import type { PartDetail } from '../render';
import { utf8Offset } from '../text/unicode';

/** An `app.bsky.feed.post` record, as `com.atproto.repo.putRecord` receives it. */
export interface BlueskyRecord {
  readonly $type: 'app.bsky.feed.post';
  readonly text: string;
  readonly facets?: readonly Facet[];
  readonly langs?: readonly string[];
  readonly createdAt: string;
  readonly embed?: unknown;
  readonly reply?: { readonly root: StrongRef; readonly parent: StrongRef };
}

/** A reference to a record: its `at://` URI and content id. */
export interface StrongRef {
  readonly uri: string;
  readonly cid: string;
}

/** What the records need besides the text. */
export interface BlueskyRecordOptions {
  /** When the post is created, ISO 8601 (the send time; a dry run uses the post's date). */
  readonly createdAt: string;
  /** A handle's DID, when known; a mention without one stays plain text (no facet). */
  readonly did?: (handle: string) => string | undefined;
  /** The images' embed for the first part (blob references once uploaded). */
  readonly images?: ReadonlyArray<{ readonly alt: string; readonly image: unknown }>;
}

/**
 * The records for a post's Bluesky parts, one per thread part, in order, from the text the check
 * measured (no second rendering): each link shown as the app shows it (host and a cut path) with
 * the full URI in its facet, hashtags, cashtags and resolved mentions as facets by UTF-8 byte
 * offsets, `langs` from the post's `lang`, the images on the first part. Reply references are
 * added by the publisher as each part is written.
 */
export function blueskyRecords(parts: readonly PartDetail[], meta: PostMeta, options: BlueskyRecordOptions): BlueskyRecord[] {
  return parts.map((part, index) => {
    const { text, facets } = richText(part.text, options.did ?? (() => undefined));
    const images = index === 0 ? options.images ?? [] : [];
    return {
      $type: 'app.bsky.feed.post',
      text,
      ...(facets.length > 0 ? { facets } : {}),
      ...(meta.lang ? { langs: [meta.lang] } : {}),
      createdAt: options.createdAt,
      ...(images.length > 0 ? { embed: { $type: 'app.bsky.embed.images', images } } : {}),
    };
  });
}

/** A dry run's stand-in for an image not uploaded yet: the calendar file it will be. */
export function pendingImages(media: readonly MediaItem[]): Array<{ alt: string; image: { file: string } }> {
  return media.slice(0, bluesky.media.max).map((m) => ({ alt: m.alt ?? '', image: { file: m.file } }));
}

/** The text with links shortened for display, and its facets. */
function richText(source: string, did: (handle: string) => string | undefined): { text: string; facets: Facet[] } {
  const links = bluesky.links(source);
  let text = '';
  let at = 0;
  const linkSpans: Array<{ start: number; end: number; uri: string }> = [];
  for (const link of links) {
    text += source.slice(at, link.start);
    const shown = bluesky.display.linkText(link.url);
    linkSpans.push({ start: text.length, end: text.length + shown.length, uri: link.url });
    text += shown;
    at = link.end;
  }
  text += source.slice(at);
  const bytes = (start: number, end: number) => ({ byteStart: utf8Offset(text, start), byteEnd: utf8Offset(text, end) });
  const facets: Facet[] = linkSpans.map((l) => ({ index: bytes(l.start, l.end), features: [{ $type: 'app.bsky.richtext.facet#link', uri: l.uri }] }));
  const inLink = (f: Facet) => facets.some((l) => f.index.byteStart < l.index.byteEnd && l.index.byteStart < f.index.byteEnd);
  for (const facet of blueskyFacets(text)) {
    const feature = facet.features[0]!;
    if (feature.$type === 'app.bsky.richtext.facet#link' || inLink(facet)) continue; // links are ours, with their full URI
    if (feature.$type === 'app.bsky.richtext.facet#mention') {
      const resolved = did(feature.did);
      if (resolved) facets.push({ index: facet.index, features: [{ $type: 'app.bsky.richtext.facet#mention', did: resolved }] });
      continue;
    }
    facets.push(facet);
  }
  return { text, facets: facets.sort((a, b) => a.index.byteStart - b.index.byteStart) };
}
