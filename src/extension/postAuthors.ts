import * as vscode from 'vscode';
import type { Git } from '../core/ports';
import { host } from './host';

/**
 * Who wrote each post, per git, for `approval.self`: asked of git once per file, and again once
 * the file changed on disk or the calendar is checked again. Checking a post on a keystroke is
 * synchronous, so authors not known yet are asked in the background and `onDidChange` fires
 * when they are, for the post to be checked again. Git runs a process (a repository's config may
 * name programs it starts), so it is never asked in an untrusted workspace, and only about local files where a process can run.
 */
export class PostAuthors implements vscode.Disposable {
  private readonly known = new Map<string, Promise<readonly string[]>>();
  private readonly settled = new Map<string, readonly string[]>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with a post whose authors became known. */
  readonly onDidChange = this.changed.event;

  /**
   * The authors of a post as last known, else undefined; asked again when forgotten since (the
   * last answer stands meanwhile, so a save does not make `approval.self` blink).
   */
  lookup(uri: vscode.Uri): readonly string[] | undefined {
    if (!this.askable(uri)) return undefined;
    const key = uri.toString();
    const last = this.settled.get(key);
    if (!this.known.has(key)) {
      void this.ask(uri).then((authors) => {
        if (!last || authors.join() !== last.join()) this.changed.fire(uri);
      });
    }
    return last;
  }

  /** The post's authors as the services ask for them (`checkPost`), or undefined where git may not run. */
  portFor(uri: vscode.Uri): Pick<Git, 'authors'> | undefined {
    return this.askable(uri) ? { authors: () => this.ask(uri) } : undefined;
  }

  /** The file changed on disk, or was committed (every file, without `uri`): git is asked again. */
  forget(uri?: vscode.Uri): void {
    if (uri) this.known.delete(uri.toString());
    else this.known.clear();
  }

  private askable(uri: vscode.Uri): boolean {
    return vscode.workspace.isTrusted && uri.scheme === 'file' && host().git !== undefined;
  }

  private ask(uri: vscode.Uri): Promise<readonly string[]> {
    const key = uri.toString();
    let pending = this.known.get(key);
    if (!pending) {
      pending = host().git!(vscode.Uri.joinPath(uri, '..').fsPath).authors(uri.fsPath).then((authors) => {
        // Forgotten meanwhile: a newer question is under way, or will be, and its answer counts.
        if (this.known.get(key) === pending) this.settled.set(key, authors);
        return authors;
      });
      this.known.set(key, pending);
    }
    return pending;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
