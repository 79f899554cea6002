/**
 * Text from posts (titles, hashtags, field names quoted in messages) and file names, made safe to
 * print: control characters (terminal escapes, `\r` overwriting a line, backspaces), line breaks,
 * and the invisible characters that reorder or hide text (bidi controls) are shown as escapes, so
 * a hostile post can neither forge terminal output nor start a line of its own, where a CI runner
 * would read `::error …` as a workflow command.
 *
 * @example printable('Soirée\u001b[31m\n::error::x') // 'Soirée\\x1b[31m\\n::error::x'
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** C0 and C1 controls, DEL, line and paragraph separators, bidi controls, and marks that hide text. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** A line that must not be read as a workflow command: `::` at its start gets a `./` before it. */
export function safeLineStart(text: string): string {
  return text.startsWith('::') ? `./${text}` : text;
}
