/**
 * Unicode measures the networks use: grapheme clusters (what people call characters)
 * and UTF-8 bytes. Grapheme clusters follow `Intl.Segmenter`, which is what Bluesky's own
 * libraries use, so our counts are theirs.
 */

import { memoizeByText } from './memo';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * True when the UTF-16 unit is a grapheme cluster on its own and never joins a neighbour that is
 * also simple: ASCII, Latin-1 and Latin Extended letters (precomposed French accents) and
 * typographic punctuation. Carriage return is excluded because `\r\n` is one cluster.
 */
function isSimpleUnit(c: number): boolean {
  if (c < 0x300) return c !== 13;
  // General Punctuation minus the joiners and format characters, the narrow no-break space French
  // puts before `!?;:` and in « » (one post in eleven has one), and currency symbols (€).
  return (c >= 0x2010 && c <= 0x2027) || (c >= 0x202f && c <= 0x205e) || (c >= 0x20a0 && c <= 0x20c0);
}

/**
 * The UTF-16 width (1 to 5) of the symbol at `i` when it stands alone between simple units (or the
 * text's ends) and can never join a neighbour: arrows, dingbats and miscellaneous symbols
 * (U+2190–U+2BFF) and emoji (U+1F000–U+1FAFF) except skin tone modifiers (they extend), or a flag
 * (two regional indicators: after a simple unit they pair up); with the emoji variation selector
 * U+FE0F if one follows (it extends the symbol, as in 🏔️). Else 0.
 */
function loneSymbolWidth(text: string, i: number): number {
  if (i > 0 && !isSimpleUnit(text.charCodeAt(i - 1))) return 0;
  const c = text.charCodeAt(i);
  let width = 0;
  if (c >= 0x2190 && c <= 0x2bff) width = 1;
  else if (c === 0xd83c || c === 0xd83d || c === 0xd83e) {
    const cp = text.codePointAt(i)!;
    if (isRegionalIndicator(cp)) width = isRegionalIndicator(text.codePointAt(i + 2) ?? 0) ? 4 : 0;
    else if (cp >= 0x1f000 && cp <= 0x1faff && !(cp >= 0x1f3fb && cp <= 0x1f3ff)) width = 2;
  }
  if (width === 0) return 0;
  if (text.charCodeAt(i + width) === 0xfe0f) width++;
  const next = i + width;
  return next >= text.length || isSimpleUnit(text.charCodeAt(next)) ? width : 0;
}

/**
 * The offsets where each grapheme cluster starts, in order, computed once per text. Runs of simple
 * units are counted directly; only the other runs go through `Intl.Segmenter`, each with one simple unit of
 * context on both sides (a combining mark or joiner can attach to the unit before it, and a
 * prepended mark to the unit after). Two simple units always have a boundary between them, so
 * segmenting these chunks one by one gives exactly the clusters of the whole text.
 */
export const clusterStarts = memoizeByText((text: string): readonly number[] => {
  const starts: number[] = [];
  const visit = (index: number) => starts.push(index);
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (isSimpleUnit(text.charCodeAt(i))) {
      // Simple unless the next unit starts a complex run that may attach to this one (a lone
      // pictograph never attaches: ' ✨ ' is three clusters without the segmenter).
      if (i + 1 >= n || isSimpleUnit(text.charCodeAt(i + 1)) || loneSymbolWidth(text, i + 1) > 0) {
        visit(i);
        i++;
        continue;
      }
    }
    // A lone pictograph between simple units (✨, 🙏) is a cluster of its own: no segmenter needed.
    const width = loneSymbolWidth(text, i);
    if (width > 0) {
      visit(i);
      i += width;
      continue;
    }
    // A chunk: from here (a simple unit followed by a complex run, or the run itself) up to a
    // point followed by two simple units in a row (or the end).
    let end = i + 1;
    while (end < n && !(isSimpleUnit(text.charCodeAt(end)) && (end + 1 >= n || isSimpleUnit(text.charCodeAt(end + 1))))) end++;
    if (end < n) end++; // the simple unit after the run, which a prepended mark may hold on to
    if (end - i <= SHORT_CHUNK) for (const offset of shortChunkStarts(text.slice(i, end))) visit(i + offset);
    else segmentRun(text, i, end, visit);
    i = end;
  }
  return starts;
});

/** Chunks up to this long are segmented once per run: the same few emoji (' 👩‍💻 ') recur in thousands of posts. */
const SHORT_CHUNK = 32;
const shortChunks = new Map<string, readonly number[]>();

/** The cluster starts of a short chunk, as `segmentRun` finds them (one window), remembered. */
function shortChunkStarts(chunk: string): readonly number[] {
  let starts = shortChunks.get(chunk);
  if (!starts) {
    starts = Array.from(segmenter.segment(chunk), (s) => s.index);
    if (shortChunks.size >= 1024) shortChunks.clear();
    shortChunks.set(chunk, starts);
  }
  return starts;
}

/**
 * The longest slice handed to `Intl.Segmenter` at once: V8 segments a long string in quadratic
 * time (160,000 units of emoji take 15 s whole, 60 ms in windows of 2,000).
 */
export const SEGMENT_WINDOW = 2048;

/**
 * Visits the cluster starts of `text` from `from` (a cluster boundary) to `to`, segmenting it
 * window by window. Whether a boundary falls before a code point depends only on what precedes
 * it in its cluster and on that code point, so each boundary the segmenter finds inside a window
 * (started at a boundary) is one of the whole text, but the window's end is not: each window
 * gives up its last cluster, and the next window starts there. A single cluster wider than the
 * window widens it.
 */
export function segmentRun(text: string, from: number, to: number, visit: (offset: number) => void, window = SEGMENT_WINDOW): void {
  let start = from;
  let width = window;
  for (;;) {
    let end = start + width;
    // Never split a surrogate pair: the code point after a boundary decides it.
    if (end < to && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end++;
    if (end >= to) break;
    let last = 0;
    for (const s of segmenter.segment(text.slice(start, end))) {
      if (s.index > 0) visit(start + last);
      last = s.index;
    }
    if (last === 0) {
      width *= 2;
      continue;
    }
    start += last;
    width = window;
  }
  for (const s of segmenter.segment(text.slice(start, to))) visit(start + s.index);
}

/**
 * Number of extended grapheme clusters.
 *
 * @example graphemeLength('👩‍💻 café') // 6
 */
export function graphemeLength(text: string): number {
  return graphemeCut(text, 0).count;
}

/**
 * UTF-16 offset just after the first `max` grapheme clusters of `text`
 * (`text.length` when it has no more than `max`).
 */
export function graphemeOffset(text: string, max: number): number {
  return graphemeCut(text, max).cut;
}

/**
 * In one pass: the number of grapheme clusters, and the UTF-16 offset just after the first `max`.
 *
 * @example graphemeCut('été 🎄', 2) // { count: 5, cut: 2 }
 */
export function graphemeCut(text: string, max: number): { count: number; cut: number } {
  let simple = true;
  for (let i = 0; i < text.length && simple; i++) simple = isSimpleUnit(text.charCodeAt(i));
  if (simple) return { count: text.length, cut: Math.min(max, text.length) };
  const starts = clusterStarts(text);
  return { count: starts.length, cut: max < starts.length ? starts[max]! : text.length };
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

const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
