import * as fs from 'node:fs';
import { FileError, type DirEntry, type FileErrorCode, type FileStat, type Workspace } from '../core/ports';

/**
 * The file system operations the workspace needs, blocking or not. A batch run (the CLI) blocks:
 * measured on 10,000 posts, each asynchronous call costs more on the main thread than the
 * blocking one it replaces (2.1 s against 4.1 s for `edcal check`). A long-lived host that must
 * stay responsive (the extension host) does not block.
 */
interface Ops {
  readdir(dir: string): Promise<fs.Dirent[]>;
  stat(path: string): Promise<fs.Stats>;
  open(path: string): Promise<number>;
  fstat(fd: number): Promise<fs.Stats>;
  read(fd: number, buffer: Uint8Array, offset: number, length: number): Promise<number>;
  /**
   * A small file's whole content from one read, when that read says it is all (a regular file
   * reads short only at its end); `undefined` when it cannot tell (nothing read, a failed read,
   * more than `SMALL` bytes), and the caller looks at the file first (`fstat`).
   */
  readSmall(fd: number): Promise<Uint8Array | undefined>;
  close(fd: number): Promise<void>;
  realpath(path: string): Promise<string>;
}

// Non-blocking open: a FIFO put in place of a post between the walk and the read cannot hang.
const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

/** Posts are a few kilobytes: one read of this size holds nearly all of them. */
const SMALL = 1 << 16;
// One buffer for every blocking read: each read is copied out before the call returns.
let scratch: Uint8Array | undefined;

const blocking: Ops = {
  readdir: async (dir) => fs.readdirSync(dir, { withFileTypes: true }),
  stat: async (path) => fs.statSync(path),
  open: async (path) => fs.openSync(path, OPEN_FLAGS),
  fstat: async (fd) => fs.fstatSync(fd),
  read: async (fd, buffer, offset, length) => fs.readSync(fd, buffer, offset, length, null),
  readSmall: async (fd) => {
    scratch ??= new Uint8Array(SMALL);
    let n: number;
    try {
      // At offset 0 (pread): the file's position stays where it was, for the caller's reads.
      n = fs.readSync(fd, scratch, 0, SMALL, 0);
    } catch {
      return undefined; // a directory (EISDIR), a FIFO (ESPIPE)…: fstat says what it is
    }
    return n > 0 && n < SMALL ? scratch.slice(0, n) : undefined;
  },
  close: async (fd) => fs.closeSync(fd),
  realpath: async (path) => fs.realpathSync(path),
};

const promisified = <A extends unknown[], R>(f: (...args: [...A, (error: NodeJS.ErrnoException | null, result: R) => void]) => void) =>
  (...args: A) => new Promise<R>((resolve, reject) => f(...args, (error, result) => (error ? reject(error) : resolve(result))));

const nonBlocking: Ops = {
  readdir: (dir) => fs.promises.readdir(dir, { withFileTypes: true }),
  stat: (path) => fs.promises.stat(path),
  open: (path) => promisified<[string, number], number>(fs.open)(path, OPEN_FLAGS),
  fstat: promisified<[number], fs.Stats>(fs.fstat),
  read: (fd, buffer, offset, length) => promisified<[number, Uint8Array, number, number, null], number>(fs.read)(fd, buffer, offset, length, null),
  // Reads in flight share no buffer here: the file is looked at first, then read to its size.
  readSmall: async () => undefined,
  close: (fd) => promisified<[number], void>(fs.close)(fd),
  realpath: (path) => fs.promises.realpath(path),
};

/**
 * Node's file system as a port: paths as given (absolute POSIX paths). A file is opened
 * non-blocking and checked with `fstat` before a byte is read.
 */
export class NodeWorkspace implements Workspace {
  private readonly ops: Ops;

  constructor(options: { readonly blocking?: boolean } = {}) {
    this.ops = options.blocking ? blocking : nonBlocking;
  }

  async list(dir: string): Promise<readonly DirEntry[]> {
    const entries = await this.run(dir, () => this.ops.readdir(dir));
    return entries.map((e) => ({ name: e.name, kind: e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other' }));
  }

  async stat(path: string): Promise<FileStat> {
    const s = await this.run(path, () => this.ops.stat(path));
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size, mtime: s.mtimeMs };
  }

  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    const fd = await this.run(path, () => this.ops.open(path));
    try {
      // Most posts: one read says it all. A FIFO, a device or a large file is looked at first.
      const small = maxBytes >= SMALL ? await this.ops.readSmall(fd) : undefined;
      if (small) return small;
      const s = await this.run(path, () => this.ops.fstat(fd));
      if (!s.isFile()) throw new FileError('not-a-file', path);
      if (s.size > maxBytes) throw new FileError('too-large', path, 'too-large', s.size);
      // Room for one byte more than allowed: a file growing while read is caught too.
      const buffer = new Uint8Array(Math.min(s.size, maxBytes) + 1);
      let length = 0;
      while (length < buffer.length) {
        const wanted = buffer.length - length;
        const n = await this.run(path, () => this.ops.read(fd, buffer, length, wanted));
        length += n;
        // A regular file reads short only at its end: no second call to learn it.
        if (n < wanted) break;
      }
      if (length > maxBytes) throw new FileError('too-large', path);
      return buffer.subarray(0, length);
    } finally {
      await this.ops.close(fd).catch(() => {});
    }
  }

  realPath(path: string): Promise<string> {
    return this.run(path, () => this.ops.realpath(path));
  }

  private async run<T>(path: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (error) {
      throw toFileError(error, path);
    }
  }
}

const CODES: Record<string, FileErrorCode> = { ENOENT: 'not-found', ENOTDIR: 'not-found', EACCES: 'denied', EPERM: 'denied', EISDIR: 'not-a-file' };

function toFileError(error: unknown, path: string): FileError {
  if (error instanceof FileError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new FileError(CODES[code] ?? 'io', path, code || String(error));
}
