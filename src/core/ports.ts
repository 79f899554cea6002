/**
 * The ports: what the core and the services ask of the machine, declared here and implemented by
 * each host (src/node for the CLI, src/extension for VS Code, an in-memory workspace in tests).
 * Nothing that uses a port imports `vscode` or a Node built-in.
 */

/** What a folder entry is, as listed: a symlink is reported as one, not followed. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

/** One entry of a folder. */
export interface DirEntry {
  readonly name: string;
  readonly kind: EntryKind;
}

/** What a path leads to, symlinks followed. `other` is a FIFO, socket or device: never read. */
export interface FileStat {
  readonly kind: 'file' | 'directory' | 'other';
  readonly size: number;
  /** Modification time, epoch milliseconds. */
  readonly mtime: number;
}

/** Why a file access failed, whatever the host. */
export type FileErrorCode = 'not-found' | 'denied' | 'not-a-file' | 'too-large' | 'io';

/** A failed file access: the path and a code the services turn into a localised diagnostic. */
export class FileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    readonly path: string,
    /** The host's own words (`EACCES`, a VS Code error name), for people. */
    readonly detail: string = code,
    /** For `too-large`: the file's size in bytes, when known. */
    readonly size?: number,
  ) {
    super(`${code}: ${path}`);
    this.name = 'FileError';
  }
}

/**
 * File access as the hosts give it. Paths are absolute and written with `/` (a URI's path in VS
 * Code, a POSIX path in the CLI). Every method rejects with a `FileError`.
 *
 * @example await workspace.read('/cal/posts/a.md', 1_048_576)
 */
export interface Workspace {
  /** The entries of a folder, in any order. */
  list(dir: string): Promise<readonly DirEntry[]>;
  /** What a path leads to, following symlinks. */
  stat(path: string): Promise<FileStat>;
  /**
   * The bytes of a regular file, refusing anything else before reading it (a FIFO would block, a
   * device never ends) and any file over `maxBytes` (checked before reading, and while reading).
   */
  read(path: string, maxBytes: number): Promise<Uint8Array>;
  /** The path with every symlink resolved; the path itself where there are none. */
  realPath(path: string): Promise<string>;
}
