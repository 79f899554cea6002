import { parseBody } from './body';
import type { CalendarConfig } from './config';
import type { PlatformId, TextEdit } from './model';
import { PLATFORMS } from './platforms/registry';
import { parsePost, type ParsedPost } from './post';
import { renderPost, variantFor, type PartDetail, type PlatformRender } from './render';
import { applyEdits } from './textEdits';

const SENTENCE_END = /[.!?…]+["'’»)\]]*(\s+)/gu;
const SPACE = /\s+/gu;
const FENCE = /^:::/m;

/** How an over-long text becomes a thread without breaking a network that publishes none. */
export type ThreadSplit =
  /** `---` separators in the text itself: every network reading it publishes threads. */
  | { readonly kind: 'in-place'; readonly count: number; readonly edits: readonly TextEdit[] }
  /**
   * The text is also the default of networks without threads (LinkedIn…): a `:::id` variant
   * holding the thread for each network that needs one, the default text left whole for the others.
   */
  | { readonly kind: 'variants'; readonly platforms: readonly PlatformId[]; readonly others: readonly PlatformId[]; readonly edits: readonly TextEdit[] };

/**
 * The split for `part` of `platform`'s text, over its limit, or `undefined` when no network
 * reading that text publishes threads, or no cut can be mapped back to the file.
 *
 * @example threadSplit(post, renders, config, 'x', part) // { kind: 'variants', platforms: ['x'], others: ['linkedin'], … }
 */
export function threadSplit(post: ParsedPost, renders: readonly PlatformRender[], config: CalendarConfig, platform: PlatformId, part: PartDetail): ThreadSplit | undefined {
  const variant = variantFor(post, platform);
  const readers = renders.filter((r) => variantFor(post, r.platform) === variant);
  const threaded = readers.filter((r) => PLATFORMS[r.platform].threads);
  const others = readers.filter((r) => !PLATFORMS[r.platform].threads).map((r) => r.platform);
  if (threaded.length === 0) return undefined;
  if (others.length === 0) {
    const edits = threadSplitEdits(part, threaded.map((r) => r.platform), config, post.text, post.eol);
    const expected = new Map(threaded.map((r) => [r.platform, { parts: r.parts.length + (edits?.length ?? 0), over: overLimit(r) }]));
    return edits && splitAsMeant(post, config, edits, expected) ? { kind: 'in-place', count: edits.length + 1, edits } : undefined;
  }
  // Only the default text is shared by several networks, so this is it: each threaded network
  // with a part over its limit gets the whole text as a variant, split to fit that network.
  if (variant) return undefined;
  const blocks: string[] = [];
  const platforms: PlatformId[] = [];
  const expected = new Map<PlatformId, { parts: number; over: number }>();
  for (const render of threaded) {
    const over = render.parts.filter((p) => p.length > p.limit);
    if (over.length === 0) continue;
    const edits: TextEdit[] = [];
    for (const p of over) {
      const cut = threadSplitEdits(p, [render.platform], config, post.text, post.eol);
      if (!cut) return undefined;
      edits.push(...cut);
    }
    const text = defaultTextOf(applyEdits(post.text, edits), post.sections.bodyStart);
    // A stray `:::` line of the default text would close the variant early.
    if (text === undefined) return undefined;
    blocks.push(`:::${render.platform}${post.eol}${text.replace(/\n/g, post.eol)}${post.eol}:::${post.eol}`);
    platforms.push(render.platform);
    expected.set(render.platform, { parts: render.parts.length + edits.length, over: over.length });
  }
  if (blocks.length === 0) return undefined;
  const end = post.text.length;
  const lead = post.text.endsWith('\n') ? post.eol : post.eol + post.eol;
  const edits = [{ start: end, end, newText: lead + blocks.join(post.eol) }];
  return splitAsMeant(post, config, edits, expected) ? { kind: 'variants', platforms, others, edits } : undefined;
}

/**
 * Whether the split post gives each network the number of parts meant, none empty, and fewer
 * over its limit: a cut mapped to the wrong place in the file (text the Markdown conversion
 * rewrote) must not become a fix.
 */
function splitAsMeant(post: ParsedPost, config: CalendarConfig, edits: readonly TextEdit[], expected: ReadonlyMap<PlatformId, { parts: number; over: number }>): boolean {
  const after = renderPost(parsePost(post.path, applyEdits(post.text, edits), config), config);
  return [...expected].every(([id, before]) => {
    const render = after.find((r) => r.platform === id);
    return render !== undefined && render.parts.length === before.parts && render.parts.every((p) => p.text.trim() !== '') && (overLimit(render) < before.over || overLimit(render) === 0);
  });
}

function overLimit(render: PlatformRender): number {
  return render.parts.filter((p) => p.length > p.limit).length;
}

/** The default text of a file as written, without blank lines around it; undefined when it holds a fence line. */
function defaultTextOf(fileText: string, bodyStart: number): string | undefined {
  const text = parseBody(fileText, bodyStart).defaultText.value.replace(/^(?:[ \t]*\n)+/, '').replace(/(?:\n[ \t]*)+$/, '');
  return FENCE.test(text) ? undefined : text;
}

/**
 * Edits that split an over-long thread part into parts that fit every one of `networks` (which
 * all read this text): cuts go at sentence ends, else at line breaks (list items), else at
 * spaces, each replacing the spaces there by a `---` separator line.
 * Returns `undefined` when no cut can be mapped back.
 */
export function threadSplitEdits(part: PartDetail, networks: readonly PlatformId[], config: CalendarConfig, sourceText: string, eol: string): TextEdit[] | undefined {
  const fits = (text: string) => networks.every((id) => {
    const m = PLATFORMS[id].measure(text, config.platforms[id] ?? {});
    return m.length <= m.limit;
  });
  const text = part.text;
  const sentenceCuts = [...text.matchAll(SENTENCE_END)].map((m) => ({ start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length }));
  const spaceCuts = [...text.matchAll(SPACE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const lineCuts = spaceCuts.filter((c) => text.slice(c.start, c.end).includes('\n'));

  const cuts: Array<{ start: number; end: number }> = [];
  let from = 0;
  while (!fits(text.slice(from).trim())) {
    // The furthest cut whose part fits: a longer part never measures shorter, so binary search.
    const pick = (candidates: Array<{ start: number; end: number }>) => {
      let lo = candidates.findIndex((c) => c.start > from);
      if (lo < 0) return undefined;
      let hi = candidates.length - 1;
      let best: { start: number; end: number } | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (fits(text.slice(from, candidates[mid]!.start).trim())) {
          best = candidates[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return best;
    };
    const cut = pick(sentenceCuts) ?? pick(lineCuts) ?? pick(spaceCuts);
    if (!cut) return undefined;
    cuts.push(cut);
    from = cut.end;
  }
  if (cuts.length === 0) return undefined;
  const edits: TextEdit[] = [];
  for (const cut of cuts) {
    // The next part starts where its first character is written (a list bullet maps to its `-`);
    // the separator replaces the spaces and line breaks written just before it.
    const next = part.toSource(cut.end);
    let start = next;
    while (start > 0 && /\s/.test(sourceText[start - 1]!)) start--;
    if (start === next && start > 0) return undefined; // no space to cut at in the file
    edits.push({ start, end: next, newText: `${eol}${eol}---${eol}${eol}` });
  }
  return edits;
}
