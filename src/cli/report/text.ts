import { message, type Locale, type MessageId } from '../../core/i18n/messages';
import { printable, safeLineStart } from './escape';
import type { CheckOutput } from './model';

const COLORS = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, underline: 4 } as const;

/** For people: findings grouped by file, `line:column`, severity, message, code; then a summary. */
export function formatText(output: CheckOutput, locale: Locale, color: boolean): string {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `\u001b[${COLORS[c]}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  let file: string | undefined;
  for (const d of output.diagnostics) {
    if (d.file !== file) {
      if (file !== undefined) lines.push('');
      file = d.file;
    }
    // File names and messages come from the calendar's files: printed escaped, never raw.
    const where = safeLineStart(`${printable(d.file)}:${d.line}:${d.column}`);
    const severity = d.severity === 'error' ? paint('red', 'error') : d.severity === 'warning' ? paint('yellow', 'warning') : paint('cyan', 'info');
    lines.push(`${paint('underline', where)}  ${severity}  ${printable(d.message)}  ${paint('dim', printable(d.code))}`);
  }
  if (lines.length > 0) lines.push('');
  const summary = summaryLine(output, locale);
  lines.push(output.summary.errors > 0 ? paint('bold', paint('red', summary)) : output.summary.warnings > 0 ? paint('bold', paint('yellow', summary)) : summary);
  return lines.join('\n');
}

export function summaryLine(output: CheckOutput, locale: Locale): string {
  const { errors, warnings, files } = output.summary;
  const problems = output.diagnostics.length;
  const count = (n: number, one: MessageId, other: MessageId) => message(locale, plural(locale, n) === 'one' ? one : other, { n });
  const filesText = count(files, 'cli.files.one', 'cli.files.other');
  if (problems === 0) return message(locale, 'cli.summary-clean', { files: filesText });
  return message(locale, 'cli.summary', {
    problems: count(problems, 'cli.problems.one', 'cli.problems.other'),
    errors: count(errors, 'cli.errors.one', 'cli.errors.other'),
    warnings: count(warnings, 'cli.warnings.one', 'cli.warnings.other'),
    files: filesText,
  });
}

/** The plural category: French treats 0 and 1 as singular, English only 1. */
function plural(locale: Locale, n: number): 'one' | 'other' {
  return (locale === 'fr' ? n < 2 : n === 1) ? 'one' : 'other';
}
