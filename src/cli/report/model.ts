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

/** Everything a `check` run found, ready for any output format. */
export interface CheckOutput {
  readonly posts: ReadonlyArray<NonNullable<FileReport['post']> & { readonly file: string }>;
  readonly diagnostics: readonly OutputDiagnostic[];
  readonly summary: { readonly files: number; readonly posts: number; readonly errors: number; readonly warnings: number };
}
