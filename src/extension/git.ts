import * as vscode from 'vscode';
import type { Git } from '../core/ports';
import { relativePath } from '../core/text/paths';
import type { GitExtension, GitRepository } from './gitApi';

/**
 * Git for approvals in VS Code: through the built-in Git extension when it has the repository
 * (its settings and its git, and the Source Control view follows at once), else plain git.
 * Its commit takes the whole index, so when something else is staged the commit is left to
 * plain git, which commits only the given paths: nothing else staged is ever committed. Who
 * wrote a file is always plain git's `log --follow` (the extension's log does not follow renames).
 * Paths are the posts' URI paths (`file` scheme).
 */
export class VsCodeGit implements Git {
  constructor(
    private readonly folder: vscode.Uri,
    /** Plain git, as a process. */
    private readonly plain: Git,
  ) {}

  async identity(): Promise<{ readonly name: string; readonly email: string } | undefined> {
    const repository = await this.repositoryOf(this.folder);
    if (!repository) return this.plain.identity();
    const setting = async (key: string) => (await repository.getConfig(key).catch(() => '')).trim() || (await repository.getGlobalConfig(key).catch(() => '')).trim();
    const [name, email] = [await setting('user.name'), await setting('user.email')];
    // Set elsewhere (system-wide, an included file): git itself knows.
    return name && email ? { name, email } : this.plain.identity();
  }

  uncommitted(path: string): Promise<boolean> {
    return this.plain.uncommitted(fsPath(path));
  }

  authors(path: string): Promise<readonly string[]> {
    return this.plain.authors(fsPath(path));
  }

  async commit(paths: readonly string[], message: string): Promise<void> {
    const uris = paths.map((p) => vscode.Uri.file(fsPath(p)));
    const repository = await this.repositoryOf(uris[0] ?? this.folder);
    if (!repository || !uris.every((u) => relativePath(repository.rootUri.path, u.path) !== undefined)) return this.plain.commit(paths.map(fsPath), message);
    await repository.status();
    const given = new Set(uris.map((u) => u.toString()));
    if (repository.state.indexChanges.some((c) => !given.has(c.uri.toString()))) return this.plain.commit(paths.map(fsPath), message);
    try {
      await repository.add(uris.map((u) => u.fsPath));
      await repository.commit(message);
    } catch (error) {
      // The extension's errors carry git's words apart ("Failed to execute git" says nothing).
      const { stderr, message: text } = error as { stderr?: unknown; message?: unknown };
      throw new Error((typeof stderr === 'string' && stderr.trim()) || String(text ?? error));
    }
  }

  /** The Git extension's repository holding `uri`; undefined without the extension (or with git.enabled off). */
  private async repositoryOf(uri: vscode.Uri): Promise<GitRepository | undefined> {
    const git = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!git) return undefined;
    const exports = git.isActive ? git.exports : await Promise.resolve(git.activate()).catch(() => undefined);
    if (!exports?.enabled) return undefined;
    return exports.getAPI(1).getRepository(uri) ?? undefined;
  }
}

/** A post's URI path as the file-system path git takes (`/c:/x` is `c:\x` on Windows). */
const fsPath = (path: string) => vscode.Uri.file(path).fsPath;
