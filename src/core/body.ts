import { MappedText } from './text/mappedText';

/** A `:::network` … `:::` block that replaces the default text for one network. */
export interface Variant {
  /** The id as written after `:::`, lower-cased. */
  readonly id: string;
  /** Offsets of the opening fence line (without its line break), for diagnostics. */
  readonly fenceStart: number;
  readonly fenceEnd: number;
  /** False when no `:::` line closes it (it then runs to the next fence or the end). */
  readonly closed: boolean;
  /** The variant's text, line breaks normalised to `\n`, mapped to the file. */
  readonly text: MappedText;
}

/** A post body split into the default text and its variants. */
export interface Body {
  readonly defaultText: MappedText;
  readonly variants: readonly Variant[];
  /** Offsets of `:::` lines that close no variant (kept in the text). */
  readonly strayFences: readonly number[];
}

const OPEN = /^:::[ \t]*([A-Za-z][\w-]*)[ \t]*$/;
const CLOSE = /^:::[ \t]*$/;
const SEPARATOR = /^---[ \t]*$/;

/**
 * Splits the body of a post (the file text from `bodyStart`) into its default text and
 * `:::network` variants. Line breaks become `\n` (CRLF counts as one), other text is kept as written.
 *
 * @example parseBody('Hi\n:::x\nHi X\n:::\n', 0).variants[0].id // 'x'
 */
export function parseBody(fileText: string, bodyStart: number): Body {
  const defaultText = new MappedText();
  const variants: Variant[] = [];
  const strayFences: number[] = [];
  let open: { id: string; fenceStart: number; fenceEnd: number; text: MappedText } | undefined;
  const closeOpen = (closed: boolean) => {
    if (open) variants.push({ ...open, closed });
    open = undefined;
  };

  let pos = bodyStart;
  while (pos < fileText.length) {
    const nl = fileText.indexOf('\n', pos);
    const next = nl === -1 ? fileText.length : nl + 1;
    const contentEnd = nl === -1 ? fileText.length : nl > pos && fileText.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const line = fileText.slice(pos, contentEnd);
    const fence = line.startsWith(':::') ? OPEN.exec(line) : null;
    if (fence) {
      closeOpen(false);
      open = { id: fence[1]!.toLowerCase(), fenceStart: pos, fenceEnd: contentEnd, text: new MappedText() };
    } else if (open && CLOSE.test(line)) {
      closeOpen(true);
    } else {
      if (!open && line.startsWith(':::') && CLOSE.test(line)) strayFences.push(pos);
      const target = open ? open.text : defaultText;
      target.appendSource(line, pos);
      if (nl !== -1) target.appendSource('\n', contentEnd);
    }
    pos = next;
  }
  closeOpen(false);
  return { defaultText, variants, strayFences };
}

/**
 * Splits a text into thread parts at lines `---` that stand between blank lines, trimming
 * each part's leading and trailing blank lines.
 *
 * @example splitThread(text('one\n\n---\n\ntwo')).map(p => p.value) // ['one', 'two']
 */
export function splitThread(text: MappedText): MappedText[] {
  const value = text.value;
  const parts: MappedText[] = [];
  let partStart = 0;
  let lineStart = 0;
  let prevBlank = true;
  let separator: number | undefined;
  // An empty part is pointed at by the separator line before it.
  const push = (part: MappedText) => parts.push(part.value === '' && separator !== undefined ? MappedText.emptyAt(text.toSource(separator)) : part);
  while (lineStart <= value.length) {
    const nl = value.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? value.length : nl;
    const line = value.slice(lineStart, lineEnd);
    if (prevBlank && line.startsWith('---') && SEPARATOR.test(line)) {
      const after = nl === -1 ? '' : value.slice(nl + 1, nextLineEnd(value, nl + 1));
      if (nl === -1 || after.trim() === '') {
        push(text.slice(partStart, lineStart).trim());
        separator = lineStart;
        partStart = nl === -1 ? value.length : nl + 1;
      }
    }
    prevBlank = line.trim() === '';
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  push(text.slice(partStart, value.length).trim());
  return parts;
}

function nextLineEnd(value: string, from: number): number {
  const nl = value.indexOf('\n', from);
  return nl === -1 ? value.length : nl;
}
