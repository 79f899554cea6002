import type * as vscode from 'vscode';

/*
 * The few members of VS Code's built-in Git extension API (`vscode.git`, `getAPI(1)`) this
 * extension uses, as its git.d.ts declares them: declared here rather than vendored whole.
 */

/** `vscode.extensions.getExtension<GitExtension>('vscode.git')?.exports`. */
export interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

export interface GitApi {
  /** The open repository holding a file, or null. */
  getRepository(uri: vscode.Uri): GitRepository | null;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly indexChanges: ReadonlyArray<{ readonly uri: vscode.Uri }> };
  /** The repository's own setting; rejects when it has none. */
  getConfig(key: string): Promise<string>;
  getGlobalConfig(key: string): Promise<string>;
  /** Stages files, by file-system path. */
  add(paths: string[]): Promise<void>;
  /** Commits what is staged. */
  commit(message: string): Promise<void>;
  /** Reads the repository's status again (`state` follows). */
  status(): Promise<void>;
}
