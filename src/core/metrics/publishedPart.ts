import type { PlatformId } from '../model';
import type { ParsedPost } from '../post';

/** A part the post's `results` say went out: where to read its counts. */
export interface PublishedPart {
  /** The post, calendar-relative. */
  readonly file: string;
  readonly network: PlatformId;
  /** From 1. */
  readonly part: number;
  readonly id: string;
  /** Its link, as recorded. */
  readonly url?: string;
  /** When the post went out on that network, epoch ms (its `results.<network>.at`), if known. */
  readonly at?: number;
}

/** Every part of the post recorded as sent, in order: a thread's parts each have their counts. */
export function publishedParts(file: string, post: ParsedPost): PublishedPart[] {
  const out: PublishedPart[] = [];
  for (const [network, result] of Object.entries(post.meta.results) as Array<[PlatformId, NonNullable<ParsedPost['meta']['results'][PlatformId]>]>) {
    const at = result.at !== undefined ? Date.parse(result.at) : NaN;
    // A result written by hand (or before parts were recorded) names its one part by `id`.
    const sent = result.parts.length > 0 ? result.parts : result.id !== undefined ? [{ id: result.id }] : [];
    sent.forEach((p, i) => {
      const url = p.url ?? (i === 0 ? result.url : undefined);
      if (p.id) out.push({ file, network, part: i + 1, id: p.id, ...(url !== undefined ? { url } : {}), ...(Number.isNaN(at) ? {} : { at }) });
    });
  }
  return out;
}
