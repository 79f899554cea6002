import * as vscode from 'vscode';
import type { Calendars } from './calendars';
import { datedRename, free } from './datedRename';
import type { LiveLinter } from './liveLinter';
import { editPost } from './postEdits';

/** One move made in the calendar: the date as written before and after (none: undated), and where the file was. */
interface Move {
  readonly title: string;
  readonly from: { readonly uri: vscode.Uri; readonly date: string | undefined };
  readonly to: { readonly uri: vscode.Uri; readonly date: string | undefined };
}

const LIMIT = 100;

/**
 * The calendar's moves, undone and redone by the calendar itself (Ctrl+Z there), whichever editor
 * is active: each step is the inverse change through the frontmatter editor, on the post's own
 * document (its unsaved text kept), with the rename back when the move renamed the file. A post
 * changed since its move (its date no longer the one written) is not undone: that would lose a
 * change made elsewhere.
 */
export class CalendarMoves {
  private readonly undos: Move[] = [];
  private readonly redos: Move[] = [];
  /** Where the files this calendar renamed went, by their former URI. */
  private readonly renames = new Map<string, string>();

  constructor(
    private readonly calendars: Calendars,
    private readonly linter: LiveLinter,
  ) {}

  /**
   * Writes `date` into the post, renaming its file when its name carries the date (and the setting
   * allows it). Returns the post's URI after the move, or undefined when nothing moved.
   */
  async move(uri: vscode.Uri, title: string, before: string | undefined, date: string): Promise<vscode.Uri | undefined> {
    const to = await this.apply({ title, from: { uri, date: before }, to: { uri, date } }, 'forward');
    if (!to) return undefined;
    this.undos.push({ title, from: { uri, date: before }, to: { uri: to, date } });
    if (this.undos.length > LIMIT) this.undos.shift();
    this.redos.length = 0;
    return to;
  }

  /** A post's URI now, following the renames of its moves (a page may still name it as it was). */
  current(id: string): string {
    const seen = new Set<string>();
    while (this.renames.has(id) && !seen.has(id)) {
      seen.add(id);
      id = this.renames.get(id)!;
    }
    return id;
  }

  /** Undoes the last move; returns where the post is then, or undefined when nothing was undone. */
  async undo(): Promise<vscode.Uri | undefined> {
    const last = this.undos.pop();
    if (!last) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('No move to undo in the calendar'), 3000);
      return undefined;
    }
    const at = await this.apply({ title: last.title, from: last.to, to: last.from }, 'back');
    if (at) this.redos.push({ ...last, from: { ...last.from, uri: at } });
    return at;
  }

  async redo(): Promise<vscode.Uri | undefined> {
    const next = this.redos.pop();
    if (!next) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('No move to redo in the calendar'), 3000);
      return undefined;
    }
    const at = await this.apply(next, 'again');
    if (at) this.undos.push({ ...next, to: { ...next.to, uri: at } });
    return at;
  }

  /** Moves the post at `m.from` to `m.to`'s date (and name); undefined when refused. */
  private async apply(m: Move, step: 'forward' | 'back' | 'again'): Promise<vscode.Uri | undefined> {
    const post = this.calendars.postOf(m.from.uri);
    if (!post) return undefined;
    const locale = post.calendar.config.locale;
    if (step !== 'forward') {
      const document = await vscode.workspace.openTextDocument(m.from.uri).then(
        (d) => d,
        () => undefined,
      );
      const written = document ? this.linter.lintNow(document)?.post.meta.dateText : undefined;
      if (written !== m.from.date) {
        void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" has changed since it was moved: the move is not undone.', m.title));
        return undefined;
      }
    }
    // Undoing a move that renamed the file renames it back.
    const target =
      step === 'back'
        ? m.to.uri.toString() === m.from.uri.toString()
          ? undefined
          : await free(m.to.uri, m.title)
        : await datedRename(post.calendar.root, post.path, m.from.date, m.to.date, m.title);
    const change = m.to.date === undefined ? ({ kind: 'remove', path: ['date'] } as const) : ({ kind: 'set', path: ['date'], value: m.to.date } as const);
    const ok = await editPost(m.from.uri, change, locale, target);
    if (ok && step === 'back') vscode.window.setStatusBarMessage(vscode.l10n.t('Move of "{0}" undone', m.title), 3000);
    if (ok && step === 'again') vscode.window.setStatusBarMessage(vscode.l10n.t('Move of "{0}" redone', m.title), 3000);
    if (!ok) return undefined;
    if (target) {
      this.renames.delete(target.toString());
      this.renames.set(m.from.uri.toString(), target.toString());
    }
    return target ?? m.from.uri;
  }
}
