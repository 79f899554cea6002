import type { Locale } from '../core/i18n/messages';
import { MAX_POST_BYTES } from '../core/lint';
import type { Diagnostic } from '../core/model';
import { FileError, type FileStat, type Workspace } from '../core/ports';
import { fileDiagnostic, reasonOf } from './problems';

/** A post file's bytes, or the one diagnostic saying why they were not read. */
export type PostBytes = { readonly bytes: Uint8Array; readonly stat: FileStat } | { readonly diagnostic: Diagnostic; readonly stat?: FileStat };

/**
 * Reads a post file, looking before reading: only a regular file is opened (a FIFO would block,
 * `/dev/zero` never ends), and only when its size is within `MAX_POST_BYTES` (a 2 GB sparse file
 * is refused without reading a byte). Never throws.
 */
export async function readPostBytes(workspace: Workspace, path: string, locale: Locale): Promise<PostBytes> {
  let stat: FileStat;
  try {
    stat = await workspace.stat(path);
  } catch (error) {
    return { diagnostic: fileDiagnostic(locale, 'file.unreadable', 'file.unreadable', { reason: reasonOf(error) }) };
  }
  if (stat.kind !== 'file') return { diagnostic: fileDiagnostic(locale, 'file.not-regular', 'file.not-regular'), stat };
  if (stat.size > MAX_POST_BYTES) return { diagnostic: tooLarge(locale, stat.size), stat };
  try {
    return { bytes: await workspace.read(path, MAX_POST_BYTES), stat };
  } catch (error) {
    if (error instanceof FileError && error.code === 'too-large') return { diagnostic: tooLarge(locale, MAX_POST_BYTES + 1), stat };
    if (error instanceof FileError && error.code === 'not-a-file') return { diagnostic: fileDiagnostic(locale, 'file.not-regular', 'file.not-regular'), stat };
    return { diagnostic: fileDiagnostic(locale, 'file.unreadable', 'file.unreadable', { reason: reasonOf(error) }), stat };
  }
}

function tooLarge(locale: Locale, size: number): Diagnostic {
  return fileDiagnostic(locale, 'file.too-large', 'file.too-large', { size: (size / 1048576).toFixed(1), max: MAX_POST_BYTES / 1048576 });
}
