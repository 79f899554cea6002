import type { Diagnostic, Severity } from '../../core/model';
import type { FileReport } from '../lintFiles';

/** One finding, flattened for output: paths relative to the current folder with `/`, 1-based lines and columns. */
export interface OutputDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly platform?: string;
  readonly message: string;
}

/** A finding of `file` (a path as printed) flattened for output. */
export function outputDiagnostic(file: string, d: Diagnostic): OutputDiagnostic {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    ...(d.platform ? { platform: d.platform } : {}),
    message: d.message,
  };
}

/**
 * A file's output as `--cache` keeps it: its entries as the JSON format writes them, but for the
 * file's name (`postRest`, `diagnosticRest`), which depends on the folder edcal runs in.
 */
export interface Prepared {
  /** Its entry in `posts` (UTF-8), when the file is a post. */
  readonly post?: Uint8Array;
  /** Its findings' entries in `diagnostics` (UTF-8). */
  readonly diagnostics: readonly Uint8Array[];
  readonly errors: number;
  readonly warnings: number;
}

/** A post as the JSON format lists it. */
export type OutputPost = NonNullable<FileReport['post']> & { readonly file: string };

export interface Summary {
  readonly files: number;
  readonly posts: number;
  readonly errors: number;
  readonly warnings: number;
}

/** Everything a `check` run found, ready for any output format. */
export interface CheckOutput {
  readonly posts: readonly OutputPost[];
  readonly diagnostics: readonly OutputDiagnostic[];
  readonly summary: Summary;
}

/**
 * Where a format writes, text or UTF-8 bytes: `drained` resolves once what was written has gone
 * out (pipes are asynchronous).
 */
export interface Sink {
  write(data: string | Uint8Array): void;
  drained(): Promise<void>;
}

/**
 * A format written as the run goes, so that a calendar of 100,000 posts is never held whole:
 * posts and findings in file order, then the summary (`problems` counts every finding). Each
 * format ends its output with a line break.
 */
export interface Reporter {
  post(post: OutputPost): void;
  diagnostic(diagnostic: OutputDiagnostic): void;
  /** A file's post and findings, from the cache. */
  prepared(file: string, output: Prepared): void;
  end(summary: Summary, problems: number): void | Promise<void>;
}

/** A sink keeping what is written, for tests and other callers that want the output as a string. */
export class StringSink implements Sink {
  private readonly chunks: Buffer[] = [];
  write(data: string | Uint8Array): void {
    this.chunks.push(Buffer.from(data as string));
  }
  drained(): Promise<void> {
    return Promise.resolve();
  }
  toString(): string {
    return Buffer.concat(this.chunks).toString();
  }
}

/** Feeds a whole output to a reporter whose `end` is synchronous (text, GitHub). */
export function feed(output: CheckOutput, reporter: Reporter): void {
  for (const p of output.posts) reporter.post(p);
  for (const d of output.diagnostics) reporter.diagnostic(d);
  void reporter.end(output.summary, output.diagnostics.length);
}
