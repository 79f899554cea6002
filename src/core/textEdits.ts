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
export function lazyFix(compute: () => { title: string; edits: readonly TextEdit[] }, preferred = false, changes?: Fix['changes']): Fix {
  return new LazyFix(compute, preferred, changes);
}

/**
 * A class, not an object literal with getters: V8 keeps a literal's accessors where its
 * young-generation collector treats them as roots, so every finding's fix kept its whole post (text,
 * renders) alive through a collection; on 10,000 posts that promoted 45 MB to the old generation.
 */
class LazyFix implements Fix {
  private done: { title: string; edits: readonly TextEdit[] } | undefined;
  readonly changes?: Fix['changes'];

  constructor(
    private readonly compute: () => { title: string; edits: readonly TextEdit[] },
    readonly preferred: boolean,
    changes: Fix['changes'] | undefined,
  ) {
    if (changes) this.changes = changes;
  }

  get title(): string {
    return (this.done ??= this.compute()).title;
  }

  get edits(): readonly TextEdit[] {
    return (this.done ??= this.compute()).edits;
  }
}

/**
 * The text after applying non-overlapping edits (in any order) to `text`.
 *
 * @example applyEdits('status: draft', [{ start: 8, end: 13, newText: 'review' }]) // 'status: review'
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Edits on `text` that do what `first` (on `text`) then `second` (on the result of `first`) do.
 * Edits that touch are merged, so each returned edit replaces one span of the original text: an
 * editor applies and undoes them exactly, and every byte outside them stays.
 *
 * @example composeEdits('a: 1\n', [{ start: 3, end: 4, newText: '2' }], [{ start: 5, end: 5, newText: 'b: 3\n' }])
 * // [{ start: 3, end: 4, newText: '2' }, { start: 5, end: 5, newText: 'b: 3\n' }]
 */
export function composeEdits(text: string, first: readonly TextEdit[], second: readonly TextEdit[]): TextEdit[] {
  const a = [...first].sort((x, y) => x.start - y.start || x.end - y.end);
  const middle = applyEdits(text, a);
  const final = applyEdits(middle, second);
  // Where a position of the middle text comes from in `text`: inside an insertion of `first`, the
  // start (or end) of the span that insertion replaced.
  const back = (p: number, side: 'start' | 'end'): number => {
    let shift = 0;
    for (const e of a) {
      const from = e.start + shift;
      const to = from + e.newText.length;
      if (p < from || (p === from && side === 'start')) break;
      if (p <= to) return side === 'start' ? e.start : e.end;
      shift += e.newText.length - (e.end - e.start);
    }
    return p - shift;
  };
  const spans = [
    ...a.map((e) => ({ start: e.start, end: e.end, delta: e.newText.length - (e.end - e.start) })),
    ...second.map((e) => ({ start: back(e.start, 'start'), end: back(e.end, 'end'), delta: e.newText.length - (e.end - e.start) })),
  ].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: TextEdit[] = [];
  let shift = 0; // text → final offset before the current group
  for (let i = 0; i < spans.length; ) {
    let { start, end, delta } = spans[i]!;
    let j = i + 1;
    while (j < spans.length && spans[j]!.start <= end) {
      end = Math.max(end, spans[j]!.end);
      delta += spans[j]!.delta;
      j++;
    }
    out.push({ start, end, newText: final.slice(start + shift, end + shift + delta) });
    shift += delta;
    i = j;
  }
  return out;
}
