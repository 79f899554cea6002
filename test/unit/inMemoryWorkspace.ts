import { FileError, type DirEntry, type FileStat, type Workspace } from '../../src/core/ports';

/** What a path holds in the in-memory workspace. */
export type Node =
  | { readonly kind: 'file'; readonly bytes: Uint8Array; readonly mtime?: number; /** A size to report, larger than the bytes (a sparse file). */ readonly size?: number }
  | { readonly kind: 'directory' }
  | { readonly kind: 'symlink'; readonly target: string }
  /** A FIFO, socket or device: reading it would block or never end. */
  | { readonly kind: 'other' };

/**
 * A workspace held in memory, for unit tests of the services: files, folders, symlinks (loops
 * included), FIFOs, and folders that refuse to be listed. Behaves as a POSIX file system does:
 * `stat` and `read` follow symlinks, `list` reports them as links.
 */
export class InMemoryWorkspace implements Workspace {
  private readonly nodes = new Map<string, Node>([['/', { kind: 'directory' }]]);
  /** Paths whose listing or reading fails with "permission denied". */
  readonly denied = new Set<string>();
  /** Every path whose bytes were read, in order (tests assert what was never read). */
  readonly reads: string[] = [];

  /** Adds files from a map of absolute paths to text, bytes or nodes; parent folders are created. */
  constructor(files: Record<string, string | Uint8Array | Node> = {}) {
    for (const [path, content] of Object.entries(files)) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array | Node): void {
    const node: Node = typeof content === 'string' ? { kind: 'file', bytes: new TextEncoder().encode(content) } : content instanceof Uint8Array ? { kind: 'file', bytes: content } : content;
    for (let dir = parent(path); dir !== '/'; dir = parent(dir)) if (!this.nodes.has(dir)) this.nodes.set(dir, { kind: 'directory' });
    this.nodes.set(path, node);
  }

  async list(dir: string): Promise<readonly DirEntry[]> {
    const real = this.resolve(dir);
    if (this.denied.has(real)) throw new FileError('denied', dir, 'EACCES');
    const node = this.nodes.get(real);
    if (!node) throw new FileError('not-found', dir);
    if (node.kind !== 'directory') throw new FileError('not-found', dir, 'ENOTDIR');
    const prefix = real === '/' ? '/' : real + '/';
    const out: DirEntry[] = [];
    for (const [path, child] of this.nodes) {
      if (path.startsWith(prefix) && path !== real && !path.slice(prefix.length).includes('/')) out.push({ name: path.slice(prefix.length), kind: child.kind });
    }
    return out;
  }

  async stat(path: string): Promise<FileStat> {
    const node = this.nodes.get(this.resolve(path));
    if (!node) throw new FileError('not-found', path);
    if (node.kind === 'file') return { kind: 'file', size: node.size ?? node.bytes.length, mtime: node.mtime ?? 0 };
    return { kind: node.kind === 'directory' ? 'directory' : 'other', size: 0, mtime: 0 };
  }

  /** As the hosts do: the kind and size are looked at (`fstat`) before any byte is read. */
  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    const real = this.resolve(path);
    if (this.denied.has(real)) throw new FileError('denied', path, 'EACCES');
    const node = this.nodes.get(real);
    if (!node) throw new FileError('not-found', path);
    if (node.kind !== 'file') throw new FileError('not-a-file', path);
    if ((node.size ?? node.bytes.length) > maxBytes) throw new FileError('too-large', path, 'too-large', node.size ?? node.bytes.length);
    this.reads.push(real);
    return node.bytes;
  }

  async realPath(path: string): Promise<string> {
    const real = this.resolve(path);
    if (!this.nodes.has(real)) throw new FileError('not-found', path);
    return real;
  }

  /** The path with every symlink on it resolved; a loop is an I/O error, as ELOOP is. */
  private resolve(path: string, depth = 0): string {
    if (depth > 40) throw new FileError('io', path, 'ELOOP');
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    let at = '/';
    for (const part of parts) {
      at = part === '..' ? parent(at) : at === '/' ? `/${part}` : `${at}/${part}`;
      const node = this.nodes.get(at);
      if (node?.kind === 'symlink') {
        const target = node.target.startsWith('/') ? node.target : `${parent(at)}/${node.target}`;
        at = this.resolve(target, depth + 1);
      }
    }
    return at;
  }
}

function parent(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
