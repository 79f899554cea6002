import type { CalendarConfig } from './config';
import type { TextEdit } from './model';
import { PLATFORMS } from './platforms/registry';
import type { PartDetail, PlatformRender } from './render';

const SENTENCE_END = /[.!?…]+["'’»)\]]*(\s+)/gu;
const SPACE = /\s+/gu;

/**
 * Edits that split an over-long thread part into parts that fit every network of the post that
 * publishes threads from the same text: cuts go at sentence ends, else at line breaks (list items),
 * else at spaces, each replacing the spaces there by a `---` separator line.
 * Returns `undefined` when no network of the text publishes threads, or no cut can be mapped back.
 */
export function threadSplitEdits(part: PartDetail, renders: readonly PlatformRender[], config: CalendarConfig, sourceText: string, eol: string): TextEdit[] | undefined {
  const sharing = renders.filter((r) => PLATFORMS[r.platform].threads && r.parts.includes(part));
  if (sharing.length === 0) return undefined;
  const fits = (text: string) => sharing.every((r) => {
    const m = PLATFORMS[r.platform].measure(text, config.platforms[r.platform] ?? {});
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
