/**
 * Bounds on the Markdown parser's work. micromark is quadratic on some shapes (a line of text
 * underlined with `---`, repeated: 32 KB take 4 s) and recurses once per nested container
 * (`> > > …` or `- - - …` a few thousand deep overflow the stack). Social posts are far below
 * these bounds; a hostile or generated 1 MB post must still be checked in linear time.
 */

/** The longest text handed to the parser at once (then even its quadratic cases take ~0.3 s). */
export const MARKDOWN_CHUNK = 8_192;

/**
 * How much of one post goes through the parser: more than the longest post any network takes
 * (Facebook: 63,206 characters). Past it, text is counted as written.
 */
export const MARKDOWN_BUDGET = 65_536;

/** Container markers (`>`, bullets, numbers) opening one line, past which a text is not parsed. */
export const MAX_MARKDOWN_NESTING = 32;

/** What is left of a post's parser budget, shared by its parts and variants. */
export interface MarkdownBudget {
  left: number;
}

/** A fresh budget for one post. */
export function markdownBudget(): MarkdownBudget {
  return { left: MARKDOWN_BUDGET };
}

/** Takes `size` from the budget; once it runs short, nothing more is parsed for this post. */
export function spend(budget: MarkdownBudget, size: number): boolean {
  if (budget.left >= size) {
    budget.left -= size;
    return true;
  }
  budget.left = 0;
  return false;
}

/**
 * Lines that may open what goes on across blank lines (fenced code, HTML blocks), and link
 * definitions (`[a]: url` serves links anywhere in the text): texts holding one are never cut.
 */
const SPANS_BLANK_LINES = /^ {0,3}(?:```|~~~|<)|\]:/m;

/**
 * Blank lines followed by a line that starts a paragraph or a heading in the first column (a
 * letter, a digit, `#`, `@`, a symbol or an opening quote): nothing before them goes on after
 * them, and the parser reads what follows afresh. (Lines starting with `>`, `-`, `*` and the like
 * may go on a quote or a list, or be read differently after some blocks: no cut there.)
 */
const CUT = /\n(?:[ \t]*\n)+(?=[\p{L}\p{N}\p{So}#@"'(«“‘¿¡])/gu;
/** …unless that line is a numbered list item, which may go on the list before. */
const LIST_ITEM = /\d{1,9}[.)](?:[ \t\n]|$)/y;

/**
 * Where to cut `text` so that each piece is parsed on its own with the same result as the whole:
 * pieces of at most `chunk` characters (one may be longer when no cut fits) and the blank lines
 * between them. `undefined` when the text may not be cut.
 *
 * @example markdownPieces('a\n\nb', 2) // [{ start: 0, end: 1, gapEnd: 3 }, { start: 3, end: 4, gapEnd: 4 }]
 */
export function markdownPieces(text: string, chunk = MARKDOWN_CHUNK): Array<{ start: number; end: number; gapEnd: number }> | undefined {
  if (SPANS_BLANK_LINES.test(text)) return undefined;
  const cuts = [...text.matchAll(CUT)]
    .map((m) => ({ end: m.index, gapEnd: m.index + m[0].length }))
    .filter((c) => {
      LIST_ITEM.lastIndex = c.gapEnd;
      return !LIST_ITEM.test(text);
    });
  const pieces: Array<{ start: number; end: number; gapEnd: number }> = [];
  let start = 0;
  let next = 0;
  while (text.length - start > chunk) {
    // The furthest cut within reach, else (a piece longer than a chunk) the nearest one.
    let best = -1;
    while (next < cuts.length && cuts[next]!.end - start <= chunk) best = next++;
    if (best < 0) {
      if (next >= cuts.length) break;
      best = next++;
    }
    pieces.push({ start, ...cuts[best]! });
    start = cuts[best]!.gapEnd;
  }
  pieces.push({ start, end: text.length, gapEnd: text.length });
  return pieces;
}

/** True when a line opens with more than `MAX_MARKDOWN_NESTING` container markers (`> > - 1. …`). */
export function tooNested(text: string): boolean {
  let depth = 0;
  let opening = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      depth = 0;
      opening = true;
      continue;
    }
    if (!opening || c === ' ' || c === '\t') continue;
    if (c === '>') depth++;
    else if ((c === '-' || c === '+' || c === '*') && (text[i + 1] === ' ' || text[i + 1] === '\t')) depth++;
    else {
      const number = c >= '0' && c <= '9' ? /^\d{1,9}[.)][ \t]/.exec(text.slice(i, i + 11)) : null;
      if (number) {
        depth++;
        i += number[0].length - 1;
      } else opening = false;
    }
    if (depth > MAX_MARKDOWN_NESTING) return true;
  }
  return false;
}
