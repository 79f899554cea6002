/**
 * The words of `text` (runs between ASCII white space) that hold one of `signs`, each as
 * `[start, end)` with the white space before it. twitter-text's URL and hashtag patterns never
 * match across ASCII white space but for the one character they read before a match (which may be
 * that white space: it is kept, since the patterns try reading a word's first letter as that
 * character before trying the text's start), and look no further than one character past a match
 * (white space there reads as the text's end): run on each such word alone, they find what they
 * find in the whole text (property tests hold both equal), without trying their long patterns at
 * every offset of it.
 */
function wordsHolding(text: string, signs: readonly string[]): Array<[number, number]> {
  const words: Array<[number, number]> = [];
  const next = signs.map((s) => text.indexOf(s));
  let from = 0;
  for (;;) {
    let at = -1;
    for (let k = 0; k < next.length; k++) {
      // Each sign's next place is searched again only once passed.
      if (next[k]! >= 0 && next[k]! < from) next[k] = text.indexOf(signs[k]!, from);
      if (next[k]! >= 0 && (at < 0 || next[k]! < at)) at = next[k]!;
    }
    if (at < 0) return words;
    let start = at;
    while (start > from && !isAsciiSpace(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && !isAsciiSpace(text.charCodeAt(end))) end++;
    words.push([start > 0 ? start - 1 : 0, end]);
    from = end;
  }
}

/** Tab, line feed, vertical tab, form feed, carriage return, space. */
const isAsciiSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/**
 * `find` (a twitter-text extraction) run on each word of a text holding one of `signs` (see
 * `wordsHolding`), each result handed to `visit` with its word's offset in the text. What it finds
 * is remembered per word: campaign links and hashtags come back in post after post, and twitter-text
 * checks each domain found through punycode again. Bounded: forgotten whole past `size` words.
 */
export function findInWords<T>(signs: readonly string[], find: (word: string) => readonly T[], size = 4096): (text: string, visit: (found: T, offset: number) => void) => void {
  const known = new Map<string, readonly T[]>();
  return (text, visit) => {
    for (const [start, end] of wordsHolding(text, signs)) {
      const word = text.slice(start, end);
      let found = known.get(word);
      if (found === undefined) {
        if (known.size >= size) known.clear();
        known.set(word, (found = find(word)));
      }
      for (const f of found) visit(f, start);
    }
  };
}
