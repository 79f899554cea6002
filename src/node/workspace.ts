import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { FileError, type DirEntry, type FileErrorCode, type FileStat, type Workspace } from '../core/ports';

/**
 * The CLI's file access: Node's file system, paths as given (absolute POSIX paths). A file is
 * opened non-blocking and checked with `fstat` before a byte is read, so a FIFO put in place of a
 * post between the walk and the read cannot hang the run.
 */
export class NodeWorkspace implements Workspace {
  async list(dir: string): Promise<readonly DirEntry[]> {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, kind: e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other' }));
    } catch (error) {
      throw toFileError(error, dir);
    }
  }

  async stat(path: string): Promise<FileStat> {
    try {
      const s = await stat(path);
      return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size, mtime: s.mtimeMs };
    } catch (error) {
      throw toFileError(error, path);
    }
  }

  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    let handle;
    try {
      handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      throw toFileError(error, path);
    }
    try {
      const s = await handle.stat();
      if (!s.isFile()) throw new FileError('not-a-file', path);
      if (s.size > maxBytes) throw new FileError('too-large', path);
      // Read one byte more than allowed: a file growing while read is caught too.
      const buffer = new Uint8Array(Math.min(s.size, maxBytes) + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > maxBytes) throw new FileError('too-large', path);
        if (length === buffer.length) break;
      }
      return buffer.subarray(0, length);
    } catch (error) {
      throw toFileError(error, path);
    } finally {
      await handle.close();
    }
  }

  async realPath(path: string): Promise<string> {
    try {
      return await realpath(path);
    } catch (error) {
      throw toFileError(error, path);
    }
  }
}

const CODES: Record<string, FileErrorCode> = { ENOENT: 'not-found', ENOTDIR: 'not-found', EACCES: 'denied', EPERM: 'denied', EISDIR: 'not-a-file', ELOOP: 'io' };

function toFileError(error: unknown, path: string): FileError {
  if (error instanceof FileError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new FileError(CODES[code] ?? 'io', path, code || String(error));
}
