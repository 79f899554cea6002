import type { Fix, TextEdit } from './model';

/**
 * Edits that can be applied together: sorted, with overlapping deletions merged into one and any
 * other edit that overlaps an earlier one left out (editors reject overlapping edits).
 *
 * @example combineEdits([{ start: 4, end: 9, newText: '' }, { start: 8, end: 12, newText: '' }])
 * // [{ start: 4, end: 12, newText: '' }]
 */
export function combineEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    const overlaps = last !== undefined && e.start < last.end;
    const touchingInsert = last !== undefined && e.start === last.end && e.start === e.end && last.start === last.end;
    if (!overlaps && !touchingInsert) out.push(e);
    else if (last.newText === '' && e.newText === '') out[out.length - 1] = { start: last.start, end: Math.max(last.end, e.end), newText: '' };
  }
  return out;
}

/**
 * A fix whose title and edits are worked out on first access (then kept): for fixes that cost
 * real work and are rarely applied. A fix that turns out to have no edits is simply not offered.
 */
export function lazyFix(compute: () => { title: string; edits: readonly TextEdit[] }, preferred = false): Fix {
  let done: ReturnType<typeof compute> | undefined;
  const get = () => (done ??= compute());
  return {
    get title() {
      return get().title;
    },
    get edits() {
      return get().edits;
    },
    preferred,
  };
}
