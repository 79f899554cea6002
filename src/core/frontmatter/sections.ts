/**
 * Where the frontmatter and the body of a post file are, by UTF-16 offsets into the file text.
 * The frontmatter is YAML between a first line `---` and the next line `---` (or `...`).
 */
export interface FileSections {
  /** 1 when the file starts with a byte order mark, else 0. */
  readonly bomLength: number;
  /** Offset of the YAML text (after the opening `---` line), or -1 when there is no frontmatter. */
  readonly yamlStart: number;
  /** Offset after the YAML text (start of the closing line). */
  readonly yamlEnd: number;
  /** Offset of the body (after the closing line), or of the text after the BOM when there is no frontmatter. */
  readonly bodyStart: number;
  /** True when an opening `---` has no closing line: everything after it is taken as YAML. */
  readonly unclosed: boolean;
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Finds the frontmatter and body of a post file.
 *
 * @example splitFile('---\ndate: 2026-12-01\n---\nHello').bodyStart // 24
 */
export function splitFile(text: string): FileSections {
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = lineEnd(text, bomLength);
  if (!FENCE.test(text.slice(bomLength, firstEnd.contentEnd))) {
    return { bomLength, yamlStart: -1, yamlEnd: -1, bodyStart: bomLength, unclosed: false };
  }
  const yamlStart = firstEnd.next;
  let pos = yamlStart;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    if (CLOSE.test(text.slice(pos, end.contentEnd))) {
      return { bomLength, yamlStart, yamlEnd: pos, bodyStart: end.next, unclosed: false };
    }
    pos = end.next;
  }
  return { bomLength, yamlStart, yamlEnd: text.length, bodyStart: text.length, unclosed: true };
}

function lineEnd(text: string, from: number): { contentEnd: number; next: number } {
  const nl = text.indexOf('\n', from);
  if (nl === -1) return { contentEnd: text.length, next: text.length };
  const contentEnd = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  return { contentEnd, next: nl + 1 };
}
