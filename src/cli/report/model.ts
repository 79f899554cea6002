import type { Severity } from '../../core/model';
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

/** Where a format writes: `drained` resolves once what was written has gone out (pipes are asynchronous). */
export interface Sink {
  write(text: string): void;
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
  end(summary: Summary, problems: number): void | Promise<void>;
}

/** A sink keeping what is written, for tests and other callers that want the output as a string. */
export class StringSink implements Sink {
  private readonly chunks: string[] = [];
  write(text: string): void {
    this.chunks.push(text);
  }
  drained(): Promise<void> {
    return Promise.resolve();
  }
  toString(): string {
    return this.chunks.join('');
  }
}

/** Feeds a whole output to a reporter whose `end` is synchronous (text, GitHub). */
export function feed(output: CheckOutput, reporter: Reporter): void {
  for (const p of output.posts) reporter.post(p);
  for (const d of output.diagnostics) reporter.diagnostic(d);
  void reporter.end(output.summary, output.diagnostics.length);
}
