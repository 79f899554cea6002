import { diffWordsWithSpace } from 'diff';

/** A stretch of a word diff: text kept, removed or added, or unchanged words left out. */
export type WordPiece = { readonly kind: 'same' | 'removed' | 'added'; readonly text: string } | { readonly kind: 'gap' };

/**
 * The words that changed between two texts, with `context` unchanged words around each change and
 * the rest left out (a `gap`): what a reviewer reads in a pull-request comment. Whitespace counts
 * as a change only where it is all that changed (jsdiff's word diff, which keeps spaces).
 *
 * @example shortWordDiff('Nova 3 arrive le 12 janvier', 'Nova 3 arrive le 19 janvier', 2)
 * // gap, same 'arrive le ', removed '12', added '19', same ' janvier'
 */
export function shortWordDiff(before: string, after: string, context = 5): WordPiece[] {
  const changes = diffWordsWithSpace(before, after);
  const out: WordPiece[] = [];
  changes.forEach((c, i) => {
    if (c.added) return void out.push({ kind: 'added', text: c.value });
    if (c.removed) return void out.push({ kind: 'removed', text: c.value });
    const tokens = c.value.split(/(\s+)/).filter((t) => t !== '');
    const words = (ts: string[]) => ts.filter((t) => !/^\s+$/.test(t)).length;
    const first = i === 0;
    const last = i === changes.length - 1;
    // Keep `context` words on the side(s) facing a change.
    const head = first ? [] : take(tokens, context);
    const tail = last ? [] : take([...tokens].reverse(), context).reverse();
    if (words(tokens) <= (first || last ? context : 2 * context)) return void out.push({ kind: 'same', text: c.value });
    if (head.length > 0) out.push({ kind: 'same', text: head.join('') });
    out.push({ kind: 'gap' });
    if (tail.length > 0) out.push({ kind: 'same', text: tail.join('') });
  });
  return out;
}

/** The first tokens holding `count` words (spaces between them kept), up to the end of the line. */
function take(tokens: readonly string[], count: number): string[] {
  const out: string[] = [];
  let words = 0;
  for (const t of tokens) {
    const space = /^\s+$/.test(t);
    if (space && t.includes('\n')) break;
    if (!space && words === count) break;
    out.push(t);
    if (!space) words++;
  }
  return out;
}
