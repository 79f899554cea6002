import * as vscode from 'vscode';
import { FileError, type DirEntry, type FileErrorCode, type FileStat, type Workspace } from '../core/ports';
import { host } from './host';

/**
 * The extension's file access, for the services. Local files go through the host's own access
 * where it has one (Node: see `nodeHost`). Other schemes (virtual workspaces, github.dev), and every
 * file in a browser, go through `workspace.fs`, where paths are the URIs' paths within one scheme
 * and authority.
 */
export function workspaceFor(uri: vscode.Uri): Workspace {
  const local = host().localFiles;
  if (uri.scheme === 'file' && local) return local;
  const key = `${uri.scheme}://${uri.authority}`;
  let ws = remote.get(key);
  if (!ws) remote.set(key, (ws = new VsCodeWorkspace(uri.with({ path: '/', query: '', fragment: '' }))));
  return ws;
}

/** The URI of a port path, in the scheme and authority of `root`. */
export function uriOf(root: vscode.Uri, path: string): vscode.Uri {
  return root.scheme === 'file' ? vscode.Uri.file(path) : root.with({ path, query: '', fragment: '' });
}

const remote = new Map<string, VsCodeWorkspace>();

/** `workspace.fs` as a port. Virtual file systems have no symlinks to resolve. */
class VsCodeWorkspace implements Workspace {
  constructor(private readonly base: vscode.Uri) {}

  private uri(path: string): vscode.Uri {
    return this.base.with({ path });
  }

  async list(dir: string): Promise<readonly DirEntry[]> {
    const entries = await this.call(dir, () => vscode.workspace.fs.readDirectory(this.uri(dir)));
    return entries.map(([name, type]) => ({ name, kind: type & vscode.FileType.SymbolicLink ? 'symlink' : type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : 'other' }));
  }

  async stat(path: string): Promise<FileStat> {
    const s = await this.call(path, () => vscode.workspace.fs.stat(this.uri(path)));
    return { kind: s.type & vscode.FileType.Directory ? 'directory' : s.type & vscode.FileType.File ? 'file' : 'other', size: s.size, mtime: s.mtime };
  }

  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    const s = await this.stat(path);
    if (s.kind !== 'file') throw new FileError('not-a-file', path);
    if (s.size > maxBytes) throw new FileError('too-large', path, 'too-large', s.size);
    const bytes = await this.call(path, () => vscode.workspace.fs.readFile(this.uri(path)));
    if (bytes.length > maxBytes) throw new FileError('too-large', path);
    return bytes;
  }

  async realPath(path: string): Promise<string> {
    await this.stat(path);
    return path;
  }

  private async call<T>(path: string, run: () => Thenable<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const code = error instanceof vscode.FileSystemError ? error.code : '';
      throw new FileError(CODES[code] ?? 'io', path, code || String(error));
    }
  }
}

const CODES: Record<string, FileErrorCode> = { FileNotFound: 'not-found', FileNotADirectory: 'not-found', NoPermissions: 'denied', FileIsADirectory: 'not-a-file' };
