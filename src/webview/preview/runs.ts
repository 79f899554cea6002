// A part's text as the nodes that draw it, and the few changes that turn the nodes of one version
// into those of the next: a keystroke edits one text node instead of drawing the part again
// (unit-tested with a model of the nodes; the webview applies them to the DOM).
import type { PreviewPart } from '../../core/preview';
import { splice } from '../previewDelta';
import type { TextSplice } from '../protocol';
import { pieces } from './pieces';

/** One node of a part's text: plain text (no class), or a span with its classes and title. */
export interface Run {
  readonly text: string;
  readonly cls?: string;
  readonly title?: string;
}

/**
 * The nodes of a part's text, in order: "… more" (`more`, in the feed's words) before the first
 * folded piece, then each piece.
 *
 * @example runsOf(part, '… more') // [{ text: 'Lisez ' }, { text: 'nova.app/…', cls: 'entity link', title: 'https://nova.app/a' }]
 */
export function runsOf(part: PreviewPart, more: string): Run[] {
  const out: Run[] = [];
  for (const piece of pieces(part)) {
    if (piece.moreBefore) out.push({ text: more, cls: 'more' });
    const cls = [piece.entity ? `entity ${piece.entity.kind}` : '', piece.folded ? 'folded' : '', piece.over ? 'over' : ''].filter(Boolean).join(' ');
    out.push({ text: piece.text, ...(cls ? { cls } : {}), ...(cls && piece.entity?.href ? { title: piece.entity.href } : {}) });
  }
  return out;
}

/** Where runs are drawn: how to make a node, change its text, and swap a row of nodes. */
export interface RunNodes<N> {
  create(run: Run): N;
  /** `node` draws a run of the same kind: its text changes by `change` into `text`. */
  edit(node: N, change: TextSplice, text: string): void;
  /** Puts `inserted` where the consecutive `removed` are; `next` is the node after them (undefined: the end). */
  replace(removed: readonly N[], inserted: readonly N[], next: N | undefined): void;
}

const sameKind = (a: Run, b: Run) => a.cls === b.cls && a.title === b.title;

/**
 * Turns `nodes` (drawing `before`) into nodes drawing `after`, in place: runs equal at both ends
 * are kept; in between, a run of the same kind has its text edited when there are as many runs as
 * before, and the rest is drawn anew.
 */
export function patchRuns<N>(nodes: N[], before: readonly Run[], after: readonly Run[], host: RunNodes<N>): void {
  const equal = (a: Run, b: Run) => a.text === b.text && sameKind(a, b);
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && equal(before[start]!, after[start]!)) start++;
  let end = 0;
  while (end < max - start && equal(before[before.length - 1 - end]!, after[after.length - 1 - end]!)) end++;
  const oldCount = before.length - start - end;
  const newCount = after.length - start - end;
  if (oldCount === newCount) {
    for (let i = start; i < start + oldCount; i++) {
      const [a, b] = [before[i]!, after[i]!];
      if (sameKind(a, b)) host.edit(nodes[i]!, splice(a.text, b.text), b.text);
      else {
        const node = host.create(b);
        host.replace([nodes[i]!], [node], nodes[i + 1]);
        nodes[i] = node;
      }
    }
    return;
  }
  const inserted = after.slice(start, start + newCount).map((r) => host.create(r));
  host.replace(nodes.slice(start, start + oldCount), inserted, nodes[start + oldCount]);
  nodes.splice(start, oldCount, ...inserted);
}
