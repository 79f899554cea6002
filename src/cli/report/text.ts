import { message, type Locale, type MessageId } from '../../core/i18n/messages';
import { printable, safeLineStart } from './escape';
import { diagnosticOf } from './json';
import { feed, StringSink, type CheckOutput, type OutputDiagnostic, type Prepared, type Reporter, type Sink, type Summary } from './model';

const COLORS = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, underline: 4 } as const;

/** For people: findings grouped by file, `line:column`, severity, message, code; then a summary. */
export class TextReporter implements Reporter {
  private file: string | undefined;
  private any = false;

  constructor(
    private readonly out: Sink,
    private readonly locale: Locale,
    private readonly color: boolean,
  ) {}

  post(): void {}

  prepared(file: string, output: Prepared): void {
    for (const rest of output.diagnostics) this.diagnostic(diagnosticOf(file, rest));
  }

  diagnostic(d: OutputDiagnostic): void {
    if (d.file !== this.file) {
      if (this.file !== undefined) this.out.write('\n');
      this.file = d.file;
    }
    // File names and messages come from the calendar's files: printed escaped, never raw.
    const where = safeLineStart(`${printable(d.file)}:${d.line}:${d.column}`);
    const severity = d.severity === 'error' ? this.paint('red', 'error') : d.severity === 'warning' ? this.paint('yellow', 'warning') : this.paint('cyan', 'info');
    this.out.write(`${this.paint('underline', where)}  ${severity}  ${printable(d.message)}  ${this.paint('dim', printable(d.code))}\n`);
    this.any = true;
  }

  end(summary: Summary, problems: number): void {
    if (this.any) this.out.write('\n');
    const line = summaryLine(summary, problems, this.locale);
    this.out.write((summary.errors > 0 ? this.paint('bold', this.paint('red', line)) : summary.warnings > 0 ? this.paint('bold', this.paint('yellow', line)) : line) + '\n');
  }

  private paint(c: keyof typeof COLORS, s: string): string {
    return this.color ? `\u001b[${COLORS[c]}m${s}\u001b[0m` : s;
  }
}

/** The text format of a whole output, without its final line break. */
export function formatText(output: CheckOutput, locale: Locale, color: boolean): string {
  const sink = new StringSink();
  feed(output, new TextReporter(sink, locale, color));
  return sink.toString().slice(0, -1);
}

export function summaryLine(summary: Summary, problems: number, locale: Locale): string {
  const { errors, warnings, files } = summary;
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
