import { clusterStarts, graphemeCut, utf8FitOffset, utf8Length } from '../text/unicode';
import type { Measure } from './types';

/** Length in grapheme clusters (what people call characters), cut after `limit` of them. */
export function measureGraphemes(text: string, limit: number): Measure {
  const { count, cut } = graphemeCut(text, limit);
  return { length: count, limit, fitsUntil: cut, unit: 'graphemes' };
}

/** Length in UTF-8 bytes, cut at the last whole character that fits. */
export function measureBytes(text: string, limit: number): Measure {
  return { length: utf8Length(text), limit, fitsUntil: utf8FitOffset(text, limit), unit: 'bytes' };
}

/**
 * Length where each grapheme cluster weighs `weight(text, index, length)`, and spans listed in
 * `overrides` (sorted, not overlapping) weigh a fixed amount whatever they contain (e.g. a URL
 * counted as 23).
 */
export function measureWeighted(
  text: string,
  limit: number,
  weight: (text: string, index: number, length: number) => number,
  overrides: ReadonlyArray<{ start: number; end: number; weight: number }> = [],
  unit: Measure['unit'] = 'graphemes',
): Measure {
  let length = 0;
  let fitsUntil = -1;
  let o = 0;
  const starts = clusterStarts(text);
  for (let k = 0; k < starts.length; k++) {
    const index = starts[k]!;
    const size = (k + 1 < starts.length ? starts[k + 1]! : text.length) - index;
    while (o < overrides.length && overrides[o]!.end <= index) o++;
    const span = overrides[o];
    let w: number;
    if (span && index >= span.start) {
      w = index === span.start ? span.weight : 0;
    } else {
      w = weight(text, index, size);
    }
    if (fitsUntil < 0 && length + w > limit) fitsUntil = index;
    length += w;
  }
  return { length, limit, fitsUntil: fitsUntil < 0 ? text.length : fitsUntil, unit };
}
