import { message, type Locale, type MessageId, type MessageParams } from '../core/i18n/messages';
import type { Diagnostic, Severity } from '../core/model';
import { FileError, type FileErrorCode } from '../core/ports';

/**
 * A problem with a path rather than inside a text (an unreadable folder, a FIFO, a skipped
 * symlink): a diagnostic on the path's first character, so every host shows it where it shows
 * the others.
 */
export interface PathProblem {
  /** Absolute path of the file or folder. */
  readonly path: string;
  readonly diagnostic: Diagnostic;
}

const AT_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A diagnostic at the start of a file. */
export function fileDiagnostic(locale: Locale, code: string, id: MessageId, params: MessageParams = {}, severity: Severity = 'error'): Diagnostic {
  return { code, severity, message: message(locale, id, params), range: AT_START };
}

/** The reason of a failed access, as a translatable parameter (`{ reason }` in messages). */
export function reasonOf(error: unknown): { readonly id: MessageId } {
  const code: FileErrorCode = error instanceof FileError ? error.code : 'io';
  return { id: `reason.${code}` };
}
