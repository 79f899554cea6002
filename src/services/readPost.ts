import type { Locale } from '../core/i18n/messages';
import { MAX_POST_BYTES } from '../core/lint';
import type { Diagnostic } from '../core/model';
import { FileError, type Workspace } from '../core/ports';
import { fileDiagnostic, reasonOf } from './problems';

/** A post file's bytes, or the one diagnostic saying why they were not read. */
export type PostBytes = { readonly bytes: Uint8Array } | { readonly diagnostic: Diagnostic };

/**
 * Reads a post file through the port's `read`, which looks before reading: only a regular file is
 * read (a FIFO would block, `/dev/zero` never ends), and only when its size is within
 * `MAX_POST_BYTES` (a 2 GB sparse file is refused without reading a byte). Never throws.
 */
export async function readPostBytes(workspace: Workspace, path: string, locale: Locale): Promise<PostBytes> {
  try {
    return { bytes: await workspace.read(path, MAX_POST_BYTES) };
  } catch (error) {
    if (error instanceof FileError && error.code === 'too-large') return { diagnostic: tooLarge(locale, error.size ?? MAX_POST_BYTES + 1) };
    if (error instanceof FileError && error.code === 'not-a-file') return { diagnostic: fileDiagnostic(locale, 'file.not-regular', 'file.not-regular') };
    return { diagnostic: fileDiagnostic(locale, 'file.unreadable', 'file.unreadable', { reason: reasonOf(error) }) };
  }
}

function tooLarge(locale: Locale, size: number): Diagnostic {
  return fileDiagnostic(locale, 'file.too-large', 'file.too-large', { size: (size / 1048576).toFixed(1), max: MAX_POST_BYTES / 1048576 });
}
