import * as vscode from 'vscode';
import { parsePostDate } from '../core/dates';
import { message, toLocale } from '../core/i18n/messages';
import { isEmptyDiff, type CalendarDiff } from '../core/review/calendarDiff';
import { diffSummary, diffText } from '../core/review/diffReport';
import type { CalendarComparison } from '../webview/protocol';
import type { Calendar, Calendars } from './calendars';
import { host, type Branches } from './host';
import { workspaceFor } from './workspace';

/** The scheme of the read-only documents showing a comparison. */
export const DIFF_SCHEME = 'editorial-calendar-diff';

/** A branch's calendar compared with the working tree: what the calendar view marks. */
export interface Comparison {
  /** The branch (or tag, or commit) compared with. */
  readonly branch: string;
  readonly calendar: Calendar;
  /** Files from the repository's top folder. */
  readonly top: string;
  readonly diff: CalendarDiff;
  /** The git that compared them. */
  readonly git: Branches;
}

/**
 * "Compare Calendar with Branch…": the calendar as it is in the working tree compared with a
 * branch, as `edcal diff BRANCH` does, shown as a read-only document; the calendar view then marks
 * what moved (with a ghost at the branch's slot), what is new and what is gone, until cleared.
 * Only in a trusted workspace: git reads the repository's own settings, which can run commands.
 */
export class BranchComparisons implements vscode.Disposable, vscode.TextDocumentContentProvider {
  private current: Comparison | undefined;
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<Comparison | undefined>();
  /** A comparison made or cleared. */
  readonly onDidCompare = this.changed.event;
  private readonly documents = new vscode.EventEmitter<vscode.Uri>();
  /** A document's text changed (the same branch compared again). */
  readonly onDidChange = this.documents.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, this);

  constructor(private readonly calendars: Calendars) {}

  get comparison(): Comparison | undefined {
    return this.current;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /**
   * Asks for a branch (unless given), compares, marks the calendar, runs `show` (the command opens
   * the calendar there) and opens the document beside it.
   */
  async compare(branch?: string, show: () => Promise<unknown> = async () => {}): Promise<Comparison | undefined> {
    const git = host().branches;
    if (!git) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Comparing with a branch needs git, which runs in VS Code on a computer, not in the browser: run edcal diff BRANCH there or in CI.'));
      return undefined;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Comparing with a branch runs git: trust this workspace first.'));
      return undefined;
    }
    const calendar = this.calendars.all[0];
    if (!calendar || calendar.root.scheme !== 'file') {
      void vscode.window.showWarningMessage(vscode.l10n.t('No editorial calendar here: add an .editorial.yaml file to a folder.'));
      return undefined;
    }
    const top = git.top(calendar.root.fsPath);
    if (top === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The calendar is not in a git repository: there is no branch to compare with.'));
      return undefined;
    }
    const chosen = branch ?? (await vscode.window.showQuickPick(git.names(top), { title: vscode.l10n.t('Compare Calendar with Branch'), placeHolder: vscode.l10n.t('The branch, tag or commit to compare the calendar with') }));
    if (chosen === undefined) return undefined;
    if (!git.isCommit(top, chosen)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" is not a branch, tag or commit of this repository.', chosen));
      return undefined;
    }
    const locale = toLocale(vscode.env.language);
    const diff = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Comparing the calendar with {0}…', chosen) }, () =>
      git.diff(top, chosen, calendar.root.fsPath, workspaceFor(calendar.root), { locale, now: Date.now() }),
    );
    this.current = { branch: chosen, calendar, top, diff, git };
    this.changed.fire(this.current);
    void vscode.commands.executeCommand('setContext', 'editorialCalendar.comparing', true);
    const text = diffText(diff, { locale, base: chosen, head: message(locale, 'diff.worktree') });
    const uri = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${vscode.l10n.t('Calendar compared with {0}', chosen.replace(/[/\\]/g, '-'))}.txt` });
    this.texts.set(uri.toString(), text);
    this.documents.fire(uri);
    await show();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true, viewColumn: vscode.ViewColumn.Beside });
    if (isEmptyDiff(diff)) void vscode.window.showInformationMessage(vscode.l10n.t('The calendar is the same as on {0}.', chosen));
    return this.current;
  }

  /** Stops marking the calendar. */
  clear(): void {
    if (!this.current) return;
    this.current = undefined;
    this.changed.fire(undefined);
    void vscode.commands.executeCommand('setContext', 'editorialCalendar.comparing', false);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.documents.dispose();
  }
}

/**
 * What the calendar view marks for a comparison: files from the repository's top become the
 * posts' ids (their URIs), dates become instants in the calendar's zone.
 */
export function calendarComparison(comparison: Comparison): CalendarComparison {
  const { calendar, diff, top, git } = comparison;
  const idOf = (file: string) => {
    const segments = git.underCalendar(top, calendar.root.fsPath, file);
    return segments && vscode.Uri.joinPath(calendar.root, ...segments).toString();
  };
  const zone = calendar.config.timezone;
  const ghosts: Array<CalendarComparison['ghosts'][number]> = [];
  const ghost = (kind: 'moved' | 'removed', title: string, date: string | null, id?: string) => {
    const when = date === null ? undefined : parsePostDate(date, zone);
    if (when) ghosts.push({ kind, title, date: when.time, ...(when.dateOnly ? { dateOnly: true } : {}), ...(id ? { id } : {}) });
  };
  for (const r of diff.rescheduled) ghost('moved', r.title ?? r.file.slice(r.file.lastIndexOf('/') + 1), r.from, idOf(r.file));
  for (const p of diff.removed) ghost('removed', p.title ?? p.file.slice(p.file.lastIndexOf('/') + 1), p.date);
  const marks: Record<string, 'added' | 'moved' | 'changed'> = {};
  const mark = (file: string, kind: 'added' | 'moved' | 'changed') => {
    const id = idOf(file);
    if (id && !(id in marks && marks[id] !== 'changed')) marks[id] = kind;
  };
  for (const p of diff.changed) mark(p.file, 'changed');
  for (const r of diff.rescheduled) mark(r.file, 'moved');
  for (const p of diff.added) mark(p.file, 'added');
  return { branch: comparison.branch, summary: diffSummary(diff, toLocale(vscode.env.language)), ghosts, marks };
}
