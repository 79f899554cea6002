/**
 * Unicode measures the networks use: grapheme clusters (what people call characters)
 * and UTF-8 bytes. Grapheme clusters follow `Intl.Segmenter`, which is what Bluesky's own
 * libraries use, so our counts are theirs.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * True when every UTF-16 unit of `text` is a grapheme cluster on its own, so that counting
 * units is counting graphemes. Covers ASCII, Latin-1 and Latin Extended letters (precomposed
 * French accents) and typographic punctuation; anything else goes to the segmenter.
 * Carriage returns are excluded because `\r\n` is one cluster.
 */
function isSimple(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x300) {
      if (c === 13) return false;
      continue;
    }
    // General Punctuation minus the joiners/format characters, and currency symbols (€).
    if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x20a0 && c <= 0x20c0)) {
      continue;
    }
    return false;
  }
  return true;
}

/**
 * Number of extended grapheme clusters.
 *
 * @example graphemeLength('👩‍💻 café') // 6
 */
export function graphemeLength(text: string): number {
  if (isSimple(text)) return text.length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/**
 * UTF-16 offset just after the first `max` grapheme clusters of `text`
 * (`text.length` when it has no more than `max`).
 */
export function graphemeOffset(text: string, max: number): number {
  if (isSimple(text)) return Math.min(max, text.length);
  let n = 0;
  for (const s of segmenter.segment(text)) {
    if (n === max) return s.index;
    n++;
  }
  return text.length;
}

/** Iterates grapheme clusters with their UTF-16 offsets. */
export function graphemes(text: string): Iterable<{ segment: string; index: number }> {
  return segmenter.segment(text);
}

/** UTF-8 byte length of one code point. */
export function utf8Size(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * UTF-8 byte length, as `Buffer.byteLength(text, 'utf8')` but without Node.
 * Lone surrogates count 3 bytes, as their replacement character does.
 */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * Converts a UTF-16 offset into the UTF-8 byte offset of the same position.
 *
 * @example utf8Offset('é#a', 1) // 2
 */
export function utf8Offset(text: string, utf16Offset: number): number {
  return utf8Length(text.slice(0, utf16Offset));
}

/** UTF-16 offset just after the longest prefix of `text` whose UTF-8 size is at most `maxBytes`. */
export function utf8FitOffset(text: string, maxBytes: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const size = cp >= 0xd800 && cp <= 0xdfff ? 3 : utf8Size(cp);
    if (bytes + size > maxBytes) return i;
    bytes += size;
    i += cp > 0xffff ? 2 : 1;
  }
  return text.length;
}
