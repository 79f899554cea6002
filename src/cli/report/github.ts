import type { Locale } from '../../core/i18n/messages';
import { printable, safeLineStart } from './escape';
import { diagnosticOf } from './json';
import { feed, StringSink, type CheckOutput, type OutputDiagnostic, type Prepared, type Reporter, type Sink, type Summary } from './model';
import { summaryLine } from './text';

/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding,
 * shown on the pull request's diff, then the summary line.
 */
export class GithubReporter implements Reporter {
  constructor(
    private readonly out: Sink,
    private readonly locale: Locale,
  ) {}

  post(): void {}

  prepared(file: string, output: Prepared): void {
    for (const rest of output.diagnostics) this.diagnostic(diagnosticOf(file, rest));
  }

  diagnostic(d: OutputDiagnostic): void {
    const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const props = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(d.platform ? `${d.code} (${d.platform})` : d.code)}`,
    ];
    this.out.write(`::${command} ${props.join(',')}::${escapeData(d.message)}\n`);
  }

  end(summary: Summary, problems: number): void {
    this.out.write(safeLineStart(summaryLine(summary, problems, this.locale)) + '\n');
  }
}

/** The GitHub format of a whole output, without its final line break. */
export function formatGithub(output: CheckOutput, locale: Locale): string {
  const sink = new StringSink();
  feed(output, new GithubReporter(sink, locale));
  return sink.toString().slice(0, -1);
}

/**
 * Escaping of a command's message, as the Actions toolkit does (`%`, CR, LF), and of every other
 * control character, shown as an escape: the runner's log renders terminal sequences.
 */
function escapeData(s: string): string {
  return printable(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escaping of a command's property values (also `:` and `,`). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
