import * as vscode from 'vscode';
import { Calendars } from './calendars';
import { PostCodeActions } from './codeActions';
import { CalendarPanel } from './calendarPanel';
import type { ReportPanel } from './reportPanel';
import { PreviewPanel } from './previewPanel';
import { approvePost } from './approving';
import { exportIcal } from './icalExport';
import { host } from './host';
import { BranchComparisons } from './compareBranch';
import { commandTable } from './commands';
import { connectNetwork, modalConfirm, publishPost, SecretStorageSecrets, testConnection, type PublishingContext } from './publishing';
import type { PlatformId } from '../core/model';
import { isViewState } from '../webview/protocol';
import { DocsLinks } from './convert';
import { LiveLinter } from './liveLinter';
import { MediaStatuses } from './mediaStatuses';
import { PostAuthors } from './postAuthors';
import { PostIndex } from './postIndex';
import { PostsView } from './postsView';
import { CountsStatusBar } from './statusBar';

/** What activate() returns: handles for tests and benchmarks. */
export interface EditorialCalendarApi {
  readonly calendars: Calendars;
  readonly index: PostIndex;
  readonly linter: LiveLinter;
  readonly statusBar: CountsStatusBar;
  readonly postsView: PostsView;
  /** Resolves when the first background check of the calendar is done. */
  readonly indexed: Promise<void>;
  /** Milliseconds from the start of activate() to its return. */
  readonly activationMs: number;
  /** The open calendar panel, if any. */
  readonly calendarPanel: () => CalendarPanel | undefined;
  /** The open preview panel, if any. */
  readonly previewPanel: () => PreviewPanel | undefined;
  readonly reportPanel: () => ReportPanel | undefined;
  /** The branch the calendar is compared with, if any. */
  readonly comparisons: BranchComparisons;
  /** Publishing's context: tests answer its confirmation themselves. */
  readonly publishing: PublishingContext;
}

/**
 * Starts the extension in either host: the Node one (`extension.ts`) or a browser's (`web.ts`),
 * each having said first what it can do there (`useHost`).
 */
export function activateExtension(context: vscode.ExtensionContext): EditorialCalendarApi {
  const started = performance.now();
  const calendars = new Calendars();
  const media = new MediaStatuses();
  const authors = new PostAuthors();
  const index = new PostIndex(calendars, context.storageUri, String(context.extension.packageJSON.version), media, authors);
  const docs = new DocsLinks(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'));
  const linter = new LiveLinter(calendars, index, docs, media, authors);
  const statusBar = new CountsStatusBar(linter);
  const postsView = new PostsView(index, calendars, context.workspaceState);
  const tree = vscode.window.createTreeView('editorialCalendar.posts', { treeDataProvider: postsView, showCollapseAll: true });
  postsView.treeView = tree;
  postsView.showFilterState();
  context.subscriptions.push(calendars, media, authors, index, linter, statusBar, postsView, tree);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new PostCodeActions(linter), { providedCodeActionKinds: PostCodeActions.kinds }),
  );
  const comparisons = new BranchComparisons(calendars);
  context.subscriptions.push(comparisons);
  const calendarDeps = { extensionUri: context.extensionUri, calendars, index, linter, workspaceState: context.workspaceState, comparisons };
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer('editorialCalendar.calendar', {
      // The state comes from the webview: checked like any of its messages.
      deserializeWebviewPanel: async (panel, state: unknown) => CalendarPanel.restore(panel, calendarDeps, isViewState(state) ? state : undefined),
    }),
  );
  const previewDeps = { extensionUri: context.extensionUri, calendars, linter, media };
  const commands = commandTable({ calendars, index, linter, postsView, openCalendar: (anchor?: string) => CalendarPanel.show(calendarDeps, anchor) });
  commands['editorialCalendar.openPreview'] = (uri?: vscode.Uri) => PreviewPanel.show(previewDeps, uri);
  const publishing: PublishingContext = { calendars, media, secrets: new SecretStorageSecrets(context.secrets), confirm: modalConfirm };
  commands['editorialCalendar.connectNetwork'] = (network?: PlatformId, given?: Record<string, string>) => connectNetwork(publishing, network, given);
  commands['editorialCalendar.testConnection'] = (network?: PlatformId) => testConnection(publishing, network);
  commands['editorialCalendar.compareWithBranch'] = (branch?: string) => comparisons.compare(typeof branch === 'string' ? branch : undefined, () => CalendarPanel.show(calendarDeps));
  commands['editorialCalendar.endComparison'] = () => comparisons.clear();
  commands['editorialCalendar.openReport'] = (month?: string) => {
    const report = host().report;
    if (report) return report.show({ extensionUri: context.extensionUri, calendars }, typeof month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined);
    void vscode.window.showWarningMessage(vscode.l10n.t('The report is built in VS Code on a computer, or with edcal report in CI: not in the browser.'));
    return undefined;
  };
  commands['editorialCalendar.exportIcal'] = (target?: vscode.Uri) => exportIcal({ calendars, index }, target);
  commands['editorialCalendar.fetchMetrics'] = () => {
    const fetch = host().fetchMetrics;
    if (fetch) return fetch({ calendars, index, secrets: publishing.secrets });
    void vscode.window.showWarningMessage(vscode.l10n.t('Reading the networks’ counts runs in VS Code on a computer, or with edcal metrics fetch in CI: not in the browser.'));
    return undefined;
  };
  commands['editorialCalendar.approvePost'] = async (target?: vscode.Uri | { kind: 'post'; post: { uri: string } }) => {
    const uri = target instanceof vscode.Uri ? target : target && 'post' in target ? vscode.Uri.parse(target.post.uri) : vscode.window.activeTextEditor?.document.uri;
    return uri ? approvePost({ calendars, media, state: context.globalState }, uri) : undefined;
  };
  commands['editorialCalendar.publishPost'] = async (target?: vscode.Uri | { kind: 'post'; post: { uri: string } }) => {
    const uri = target instanceof vscode.Uri ? target : target && 'post' in target ? vscode.Uri.parse(target.post.uri) : vscode.window.activeTextEditor?.document.uri;
    if (uri && calendars.postOf(uri)) return publishPost(publishing, uri);
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a post of the editorial calendar first.'));
    return undefined;
  };
  for (const [id, run] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));
  }
  // A status bar entry to the calendar, shown while the workspace has one.
  const calendarItem = vscode.window.createStatusBarItem('editorialCalendar.open', vscode.StatusBarAlignment.Left, 0);
  calendarItem.name = vscode.l10n.t('Editorial Calendar');
  calendarItem.text = `$(calendar) ${vscode.l10n.t('Calendar')}`;
  calendarItem.tooltip = vscode.l10n.t('Open the editorial calendar');
  calendarItem.command = 'editorialCalendar.openCalendar';
  context.subscriptions.push(calendarItem, calendars.onDidChange(() => (calendars.all.length > 0 ? calendarItem.show() : calendarItem.hide())));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('editorialCalendar')) void calendars.reload();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void calendars.reload()),
    // Trusted now: git may tell who wrote each post (approval.self).
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      linter.relintAll();
      void index.rebuild();
    }),
    // New settings, folders or calendars: check open posts now, then the whole calendar again.
    calendars.onDidChange(() => {
      linter.relintAll();
      void index.rebuild();
    }),
  );

  // Start-up work runs after activation returns: find calendars, check open posts, then the rest.
  const indexed = (async () => {
    // Diagnostics link to their rule's row in the docs: known before the first ones are shown.
    await Promise.all([calendars.load(), docs.ready]);
    if (calendars.all.length > 0) calendarItem.show();
    linter.relintAll();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking posts') },
      (progress) => index.rebuild({ progress }),
    );
  })();
  return { calendars, index, linter, statusBar, postsView, indexed, activationMs: performance.now() - started, calendarPanel: () => CalendarPanel.instance, previewPanel: () => PreviewPanel.instance, reportPanel: () => host().report?.instance, publishing, comparisons };
}

