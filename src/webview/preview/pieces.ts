// How a part's text is drawn, as plain data (unit-tested; the webview turns it into text nodes).
import type { PreviewEntity, PreviewPart } from '../../core/preview';

/** A run of text drawn one way: what it shows, whether linked, past the fold, past the cut. */
export interface Piece {
  readonly text: string;
  readonly entity?: PreviewEntity;
  readonly folded: boolean;
  readonly over: boolean;
  /** The feed's "… more" goes before this piece. */
  readonly moreBefore: boolean;
}

/**
 * Splits a part at its entities, its fold and its cut. A link is drawn as the text its app shows,
 * whole, and counts as over the limit when any of it is past the cut (the network would not keep
 * part of a link).
 */
export function pieces(part: PreviewPart): Piece[] {
  const { fold, cut } = part;
  const marks = new Set<number>([0, part.text.length]);
  if (fold !== undefined) marks.add(fold);
  if (cut !== undefined) marks.add(cut);
  for (const e of part.entities) marks.add(e.start).add(e.end);
  const at = [...marks].sort((a, b) => a - b);
  const out: Piece[] = [];
  let moreShown = false;
  for (let i = 0; i + 1 < at.length; i++) {
    const [from, to] = [at[i]!, at[i + 1]!];
    const entity = part.entities.find((e) => e.start <= from && to <= e.end);
    const folded = fold !== undefined && from >= fold;
    const moreBefore = folded && !moreShown;
    if (entity?.kind === 'link') {
      if (entity.start !== from) continue; // drawn whole on its first piece
      const over = cut !== undefined && entity.end > cut;
      out.push({ text: entity.display, entity, folded: fold !== undefined && entity.start >= fold, over, moreBefore: moreBefore });
    } else {
      out.push({ text: part.text.slice(from, to), ...(entity ? { entity } : {}), folded, over: cut !== undefined && from >= cut, moreBefore });
    }
    if (moreBefore) moreShown = true;
  }
  return out;
}
