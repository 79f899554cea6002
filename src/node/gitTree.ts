import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { FileError, type DirEntry, type FileStat, type Workspace } from '../core/ports';
import { childPath, parentPath } from '../core/text/paths';

interface TreeFile {
  readonly oid: string;
  readonly size: number;
  readonly kind: 'file' | 'symlink' | 'other';
}

/** Symlinks followed at most this many times: a loop in a tree is an error, not a hang. */
const MAX_LINKS = 16;

/**
 * A git revision as a read-only workspace, so that the calendar walk, settings and media read a
 * commit exactly as they read the disk, without checking anything out. The tree is listed once
 * (`git ls-tree -r --long`); files are read through one `git cat-file --batch` process. Paths are
 * absolute: the repository's top folder joined with the path in the tree. Call `close()` when done.
 */
export class GitTree implements Workspace {
  private readonly files = new Map<string, TreeFile>();
  private readonly dirs = new Map<string, DirEntry[]>();
  private blobs?: BlobReader;

  private constructor(private readonly top: string) {}

  /** Lists the tree of `revision` in the repository whose top folder is `top`; rejects with git's words. */
  static open(top: string, revision: string): GitTree {
    const r = spawnSync('git', ['ls-tree', '-r', '-z', '--long', '--full-tree', revision], { cwd: top, maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error((r.stderr?.toString() || r.error?.message || 'git ls-tree failed').trim());
    const tree = new GitTree(top);
    tree.dirs.set(top, []);
    for (const line of r.stdout.toString('utf8').split('\0')) {
      // <mode> SP <type> SP <object> SP+ <size> TAB <path>
      const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.+)$/s.exec(line);
      if (!m) continue;
      const [, mode, , oid, size, path] = m as unknown as [string, string, string, string, string, string];
      const kind = mode === '120000' ? 'symlink' : mode.startsWith('100') ? 'file' : 'other';
      tree.add(childPath(top, path), { oid, size: size === '-' ? 0 : Number(size), kind });
    }
    return tree;
  }

  private add(path: string, file: TreeFile): void {
    this.files.set(path, file);
    let name = path.slice(path.lastIndexOf('/') + 1);
    let kind: DirEntry['kind'] = file.kind;
    for (let dir = parentPath(path); ; dir = parentPath(dir)) {
      const known = this.dirs.get(dir);
      if (known) {
        known.push({ name, kind });
        return;
      }
      this.dirs.set(dir, []);
      this.dirs.get(dir)!.push({ name, kind });
      kind = 'directory';
      name = dir.slice(dir.lastIndexOf('/') + 1);
      if (dir === this.top || parentPath(dir) === dir) return;
    }
  }

  async list(dir: string): Promise<readonly DirEntry[]> {
    const entries = this.dirs.get(await this.resolve(dir));
    if (!entries) throw new FileError('not-found', dir, this.files.has(dir) ? 'ENOTDIR' : 'ENOENT');
    return entries;
  }

  async stat(path: string): Promise<FileStat> {
    const real = await this.resolve(path);
    if (this.dirs.has(real)) return { kind: 'directory', size: 0, mtime: 0 };
    const file = this.files.get(real);
    if (!file) throw new FileError('not-found', path);
    return { kind: file.kind === 'file' ? 'file' : 'other', size: file.size, mtime: 0 };
  }

  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    const real = await this.resolve(path);
    const file = this.files.get(real);
    if (!file) throw new FileError(this.dirs.has(real) ? 'not-a-file' : 'not-found', path);
    if (file.kind !== 'file') throw new FileError('not-a-file', path);
    if (file.size > maxBytes) throw new FileError('too-large', path, 'too-large', file.size);
    return this.blob(file.oid);
  }

  realPath(path: string): Promise<string> {
    return this.resolve(path);
  }

  /** Stops the reading process. */
  close(): void {
    this.blobs?.close();
  }

  private blob(oid: string): Promise<Uint8Array> {
    this.blobs ??= new BlobReader(this.top);
    return this.blobs.read(oid);
  }

  /** The path with each symlink of the tree replaced by its target, as the disk would resolve it. */
  private async resolve(path: string): Promise<string> {
    let links = 0;
    let done = this.top;
    const rest = path === this.top ? [] : path.startsWith(this.top + '/') ? path.slice(this.top.length + 1).split('/') : undefined;
    if (!rest) throw new FileError('not-found', path);
    while (rest.length > 0) {
      const part = rest.shift()!;
      if (part === '' || part === '.') continue;
      if (part === '..') {
        // Out of the repository: nothing there belongs to the revision.
        if (done === this.top) throw new FileError('not-found', path);
        done = parentPath(done);
        continue;
      }
      const next = childPath(done, part);
      const file = this.files.get(next);
      if (file?.kind === 'symlink') {
        if (++links > MAX_LINKS) throw new FileError('io', path, 'ELOOP');
        const target = new TextDecoder().decode(await this.blob(file.oid));
        if (target.startsWith('/')) throw new FileError('not-found', path, 'a link out of the repository');
        rest.unshift(...target.split('/'));
        continue;
      }
      if (!file && !this.dirs.has(next)) throw new FileError('not-found', path);
      // A file has no entries: `file/x` is missing, as ENOTDIR is on disk.
      if (file && rest.some((p) => p !== '' && p !== '.')) throw new FileError('not-found', path);
      done = next;
    }
    return done;
  }
}

/**
 * `git cat-file --batch`: object ids in, `<oid> <type> <size>\n<bytes>\n` out, in order. One
 * process for a whole diff instead of one per file.
 */
class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<{ resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void; oid: string }> = [];
  private buffer: Buffer = Buffer.alloc(0);
  private size = -1;

  constructor(cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd });
    this.child.stdout.on('data', (chunk: Buffer) => this.take(chunk));
    const fail = (error: Error) => {
      for (const w of this.waiting.splice(0)) w.reject(new FileError('io', w.oid, error.message));
    };
    this.child.on('error', fail);
    this.child.on('exit', () => fail(new Error('git cat-file stopped')));
    // A closed pipe after close() or a crash is reported through `exit`.
    this.child.stdin.on('error', () => {});
  }

  read(oid: string): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject, oid });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }

  private take(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.size < 0) {
        const end = this.buffer.indexOf(10);
        if (end < 0) return;
        const header = this.buffer.subarray(0, end).toString('latin1');
        this.buffer = this.buffer.subarray(end + 1);
        const m = / (\d+)$/.exec(header);
        if (!m || header.endsWith(' missing')) {
          const w = this.waiting.shift();
          w?.reject(new FileError('not-found', w.oid, header));
          continue;
        }
        this.size = Number(m[1]);
      }
      if (this.buffer.length < this.size + 1) return;
      const bytes = new Uint8Array(this.buffer.subarray(0, this.size));
      this.buffer = this.buffer.subarray(this.size + 1);
      this.size = -1;
      this.waiting.shift()?.resolve(bytes);
    }
  }
}
