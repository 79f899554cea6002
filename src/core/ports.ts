/**
 * The ports: what the core and the services ask of the machine, declared here and implemented by
 * each host (src/node for the CLI, src/extension for VS Code, an in-memory workspace in tests).
 * Nothing that uses a port imports `vscode` or a Node built-in.
 */

import type { TextEdit } from './model';

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

/** One HTTP request, as the publishers send it. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  /** Header names in lower case. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/** What came back: any status (an error status is an answer, not a rejection). */
export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/**
 * HTTP as the hosts give it (fetch in Node, the same in VS Code's extension host). Rejects with
 * an `HttpFailure` only when no answer came: then the request may or may not have been acted on.
 *
 * @example const r = await http.request({ method: 'GET', url: 'https://mastodon.example/api/v2/instance' })
 */
export interface Http {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** No answer to a request: refused connection, reset, DNS failure, timeout. */
export class HttpFailure extends Error {
  constructor(
    readonly url: string,
    /** True when the request surely never reached the server (connection refused, unknown host). */
    readonly notSent: boolean,
    readonly detail: string,
  ) {
    super(`${detail}: ${url}`);
    this.name = 'HttpFailure';
  }
}

/**
 * Credentials, by network and name (`get('bluesky', 'app-password')`): SecretStorage in VS Code,
 * `EDCAL_BLUESKY_APP_PASSWORD` in the CLI. A value never goes into a file, a log, an error or a webview.
 */
export interface Secrets {
  get(network: string, name: string): Promise<string | undefined>;
}

/** Time, injected so that publishing, windows and backoff run in tests without waiting. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Writes to post files, each change computed by the frontmatter editor from the text as it is
 * now: a WorkspaceEdit in VS Code (undo, unsaved text kept, then saved), a whole-file replace in
 * the CLI (written aside, then renamed over: a crash never leaves half a file).
 */
export interface PostWriter {
  /** The file's current text (the editor's buffer in VS Code). */
  read(path: string): Promise<string>;
  /** Applies `edits` to the text `read` returned; rejects when the file changed since. */
  apply(path: string, before: string, edits: readonly TextEdit[]): Promise<void>;
}

/**
 * Git, as approvals need it: who is approving, who wrote a post, and a commit of exactly the
 * files given (nothing else staged goes in). Plain git in the CLI; in VS Code the Git extension's
 * repository where it has one, else plain git.
 */
export interface Git {
  /** `user.name` and `user.email`, or undefined when git does not know them. */
  identity(): Promise<{ readonly name: string; readonly email: string } | undefined>;
  /**
   * The emails of everyone who committed to the file (renames followed), lower-cased; the
   * commits recording an approval (`isApprovalSubject`) aside, as they write no text of the post.
   */
  authors(path: string): Promise<readonly string[]>;
  /** True when the file has changes not committed yet, or was never committed. */
  uncommitted(path: string): Promise<boolean>;
  /** Commits `paths` only, with `message`; rejects with git's own words. */
  commit(paths: readonly string[], message: string): Promise<void>;
}

/**
 * The calendar's history in git, as reports need it: when each post file was first committed,
 * renames followed (a post renamed on rescheduling keeps its first day). One call for the whole
 * calendar, not one per post: a year holds thousands.
 */
export interface History {
  /** Absolute path (with `/`) → epoch ms of its first commit; files never committed are absent. */
  firstCommits(root: string): Promise<ReadonlyMap<string, number>>;
}
