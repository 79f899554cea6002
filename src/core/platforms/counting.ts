import { graphemeLength, graphemeOffset, graphemes, utf8FitOffset, utf8Length } from '../text/unicode';
import type { Measure } from './types';

/** Length in grapheme clusters (what people call characters), cut after `limit` of them. */
export function measureGraphemes(text: string, limit: number): Measure {
  return { length: graphemeLength(text), limit, fitsUntil: graphemeOffset(text, limit), unit: 'graphemes' };
}

/** Length in UTF-8 bytes, cut at the last whole character that fits. */
export function measureBytes(text: string, limit: number): Measure {
  return { length: utf8Length(text), limit, fitsUntil: utf8FitOffset(text, limit), unit: 'bytes' };
}

/**
 * Length where each grapheme cluster weighs `weight(segment)`, and spans listed in `overrides`
 * weigh a fixed amount whatever they contain (e.g. a URL counted as 23).
 */
export function measureWeighted(
  text: string,
  limit: number,
  weight: (segment: string) => number,
  overrides: ReadonlyArray<{ start: number; end: number; weight: number }> = [],
  unit: Measure['unit'] = 'graphemes',
): Measure {
  let length = 0;
  let fitsUntil = -1;
  let o = 0;
  for (const { segment, index } of graphemes(text)) {
    while (o < overrides.length && overrides[o]!.end <= index) o++;
    const span = overrides[o];
    let w: number;
    if (span && index >= span.start) {
      w = index === span.start ? span.weight : 0;
    } else {
      w = weight(segment);
    }
    if (fitsUntil < 0 && length + w > limit) fitsUntil = index;
    length += w;
  }
  return { length, limit, fitsUntil: fitsUntil < 0 ? text.length : fitsUntil, unit };
}
