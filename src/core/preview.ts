import type { CalendarConfig } from './config';
import type { LintResult } from './lint';
import type { MediaItem, PlatformId } from './model';
import { PLATFORMS } from './platforms/registry';
import { publishedLinks } from './publish/results';
import { graphemeOffset } from './text/unicode';

/** A span of a part's text the network turns into a link. */
export interface PreviewEntity {
  readonly kind: 'hashtag' | 'mention' | 'link';
  /** UTF-16 offsets in the part's text. */
  readonly start: number;
  readonly end: number;
  /** What the app shows there (a shortened link, the hashtag as written…). */
  readonly display: string;
  /** Where it leads, for links. */
  readonly href?: string;
}

/** One post of what a network receives, ready to draw. */
export interface PreviewPart {
  readonly text: string;
  /** Linked spans, sorted and not overlapping. */
  readonly entities: readonly PreviewEntity[];
  /** Offset where the feed folds the text behind "… more" (absent when it shows it all). */
  readonly fold?: number;
  /** Offset of the first character the network would cut (absent when the part fits). */
  readonly cut?: number;
  readonly length: number;
  readonly limit: number;
  /** File offsets of the part, to reveal it in the editor. */
  readonly sourceStart: number;
  readonly sourceEnd: number;
}

/** Everything a preview card of one network shows. */
export interface PlatformPreview {
  readonly platform: PlatformId;
  readonly name: string;
  readonly account: { readonly name?: string; readonly handle?: string };
  readonly parts: readonly PreviewPart[];
  readonly fromVariant: boolean;
  /** The post's media, with the network's limit (undefined: no limit). */
  readonly media: readonly MediaItem[];
  readonly mediaLimit?: number;
  /** The first link, which networks show as a card when the post has no media. */
  readonly linkCard?: string;
  /** Where the post went out on this network, once published (its first part's link). */
  readonly published?: { readonly url?: string };
  /** The post's poll, where the network publishes polls. */
  readonly poll?: { readonly options: readonly string[]; readonly duration: string; readonly question?: string };
}

/**
 * The per-network rendering model of a linted post: for each network, the parts it receives with
 * the spans it links (as its app displays them), where its feed folds the text and where it would
 * cut it. The webview only draws this.
 */
export function buildPreviews(result: LintResult, config: CalendarConfig): PlatformPreview[] {
  return result.renders.map((render) => {
    const rules = PLATFORMS[render.platform];
    const settings = config.platforms[render.platform] ?? {};
    const parts = render.parts.map((part): PreviewPart => {
      const entities: PreviewEntity[] = [];
      if (rules.display.linksClickable) {
        for (const l of part.linkEntities) {
          const href = /^[a-z][a-z0-9+.-]*:\/\//i.test(l.url) ? l.url : `https://${l.url}`;
          entities.push({ kind: 'link', start: l.start, end: l.end, display: rules.display.linkText(l.url), href });
        }
      }
      const hashtags = rules.display.linkedHashtags?.(part.hashtagEntities) ?? part.hashtagEntities;
      for (const h of hashtags) entities.push({ kind: 'hashtag', start: h.start, end: h.end, display: part.text.slice(h.start, h.end) });
      for (const m of rules.display.mentions(part.text)) entities.push({ kind: 'mention', start: m.start, end: m.end, display: part.text.slice(m.start, m.end) });
      const linked = withoutOverlaps(entities);
      let fold = foldAt(part.text, rules.display.fold);
      // Feeds never fold inside a link, hashtag or mention: before it (after it when it leads).
      const inside = fold === undefined ? undefined : linked.find((e) => e.start < fold! && fold! < e.end);
      if (inside) fold = inside.start > 0 ? inside.start : inside.end;
      return {
        text: part.text,
        entities: linked,
        ...(fold !== undefined ? { fold } : {}),
        ...(part.length > part.limit ? { cut: part.fitsUntil } : {}),
        length: part.length,
        limit: part.limit,
        sourceStart: part.sourceStart,
        sourceEnd: part.sourceEnd,
      };
    });
    const firstLink = render.parts[0]?.linkEntities[0]?.url;
    const { poll } = result.post.meta;
    const published = publishedLinks(result.post.meta).find((l) => l.network === render.platform);
    return {
      platform: render.platform,
      name: rules.name,
      account: settings.account ?? {},
      parts,
      fromVariant: render.fromVariant,
      media: result.post.meta.media,
      ...(settings.maxMedia ?? rules.media.max) !== undefined ? { mediaLimit: Math.min(settings.maxMedia ?? Infinity, rules.media.max ?? Infinity) } : {},
      ...(firstLink && result.post.meta.media.length === 0 && rules.display.linksClickable ? { linkCard: firstLink } : {}),
      ...(published ? { published: published.url ? { url: published.url } : {} } : {}),
      ...(poll && rules.polls ? { poll: { options: poll.options, duration: poll.durationText, ...(poll.question && rules.polls.maxQuestionLength !== undefined ? { question: poll.question } : {}) } } : {}),
    };
  });
}

/** Where a feed showing `chars` characters or `lines` lines folds `text`; undefined if it shows all. */
export function foldAt(text: string, fold: { chars: number; lines: number } | undefined): number | undefined {
  if (!fold) return undefined;
  const end = text.trimEnd().length;
  const chars = graphemeOffset(text, fold.chars);
  let newline = -1;
  for (let i = 0; i < fold.lines; i++) {
    newline = text.indexOf('\n', newline + 1);
    if (newline < 0) break;
  }
  // The line limit comes first: the fold sits at the end of the last line shown.
  if (newline >= 0 && newline <= chars) return newline < end ? newline : undefined;
  if (chars >= end) return undefined;
  // Otherwise at the last word boundary before the character limit, as feeds do.
  const space = Math.max(text.lastIndexOf(' ', chars), text.lastIndexOf('\n', chars));
  return space > chars - 20 && space > 0 ? space : chars;
}

/** Entities sorted by position, an entity inside an earlier one dropped (a hashtag in a URL). */
function withoutOverlaps(entities: PreviewEntity[]): PreviewEntity[] {
  const out: PreviewEntity[] = [];
  for (const e of entities.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (out.length === 0 || e.start >= out[out.length - 1]!.end) out.push(e);
  }
  return out;
}
