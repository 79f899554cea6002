import { contestLabel } from '../core/contest/label';
import * as vscode from 'vscode';
import { publishedLinks } from '../core/publish/results';
import { addDays, AGENDA_DAYS, dayKey, isDay, networkOrder, WEEKDAYS, type CalendarPost, type Weekday } from '../core/calendar';
import type { PlatformId } from '../core/model';
import { parsePostDate } from '../core/dates';
import { rescheduledDateText } from '../core/reschedule';
import { isFromWebview, isViewState, type CalendarInit, type CalendarSnapshot, type CalendarViewState, type FromWebview, type ToWebview } from '../webview/protocol';
import type { Calendar, Calendars } from './calendars';
import { calendarComparison, type BranchComparisons } from './compareBranch';
import { statusLabel } from './labels';
import type { LiveLinter } from './liveLinter';
import type { PostIndex } from './postIndex';
import { CalendarMoves } from './calendarMoves';
import { pageAssets, webviewHtml, type PageAssets } from './webviewHtml';

const VIEW_TYPE = 'editorialCalendar.calendar';
const STATE_KEY = 'editorialCalendar.calendarState';

/**
 * The calendar webview panel: one per window, fed whole snapshots of the calendar's posts (from the
 * index, and from open editors for unsaved text) whenever they change; turns the webview's intents
 * into WorkspaceEdits and commands. Restored after a restart by a serializer.
 */
export class CalendarPanel implements vscode.Disposable {
  private static current: CalendarPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** What the webview shows: the snapshot carries the posts around it. */
  private state: CalendarViewState;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private readonly rendered = new vscode.EventEmitter<{ ms: number; chips: number }>();
  /** Fires after each render of the webview (benchmarks and tests). */
  readonly onDidRender = this.rendered.event;
  /** This panel's moves, for Ctrl+Z and Ctrl+Shift+Z in the calendar. */
  private readonly moves: CalendarMoves;
  /** The post just moved: the webview focuses it once a snapshot holds it (Alt+→ twice moves it twice). */
  private focus: string | undefined;

  /** Opens the calendar, or shows it when already open. */
  static async show(deps: CalendarDeps, anchor?: string): Promise<CalendarPanel | undefined> {
    // Several calendars in the workspace (multi-root): ask which one.
    let calendar: string | undefined;
    if (deps.calendars.all.length > 1) {
      const picked = await vscode.window.showQuickPick(
        deps.calendars.all.map((c) => ({ label: vscode.workspace.asRelativePath(c.root, true), description: c.config.timezone, root: c.root.toString() })),
        { placeHolder: vscode.l10n.t('Which calendar?') },
      );
      if (!picked) return undefined;
      calendar = picked.root;
    }
    if (CalendarPanel.current) {
      if (calendar !== undefined) CalendarPanel.current.showCalendar(calendar);
      CalendarPanel.current.panel.reveal();
      return CalendarPanel.current;
    }
    if (anchor !== undefined && !isDay(anchor)) anchor = undefined; // commands may be called with anything
    if (anchor || calendar) {
      const saved = storedState(deps.workspaceState);
      await deps.workspaceState.update(STATE_KEY, { view: saved?.view ?? 'month', filters: saved?.filters ?? {}, anchor: anchor ?? saved?.anchor ?? dayKey(Date.now(), 'UTC'), ...(calendar ? { calendar } : {}) });
    }
    const assets = await pageAssets(deps.extensionUri, 'calendar');
    if (CalendarPanel.current) return CalendarPanel.current; // opened while the page was read
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Editorial Calendar'), vscode.ViewColumn.Active, options());
    return (CalendarPanel.current = new CalendarPanel(panel, deps, assets, undefined));
  }

  /** Re-creates the panel VS Code restored after a restart. */
  static async restore(panel: vscode.WebviewPanel, deps: CalendarDeps, state: CalendarViewState | undefined): Promise<void> {
    panel.webview.options = options();
    CalendarPanel.current = new CalendarPanel(panel, deps, await pageAssets(deps.extensionUri, 'calendar'), state);
  }

  /** The open panel, for tests. */
  static get instance(): CalendarPanel | undefined {
    return CalendarPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: CalendarDeps,
    private readonly assets: PageAssets,
    restored: CalendarViewState | undefined,
  ) {
    this.ready = new Promise((r) => (this.markReady = r));
    this.moves = new CalendarMoves(deps.calendars, deps.linter);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'calendar.svg');
    const today = dayKey(Date.now(), deps.calendars.all[0]?.config.timezone ?? 'UTC');
    this.state = restored ?? storedState(deps.workspaceState) ?? { view: 'month', anchor: today, filters: {} };
    const first = this.snapshot();
    this.shown = this.pageShows = JSON.stringify(first);
    panel.webview.html = this.html({ snapshot: first, state: this.state });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.handle(m)),
      deps.index.onDidChange(() => this.schedulePush()),
      deps.linter.onDidLint(() => this.schedulePush()),
      deps.calendars.onDidChange(() => this.schedulePush()),
      deps.comparisons.onDidCompare(() => this.schedulePush(0)),
    );
  }

  /** Switches to another calendar of the workspace. */
  private showCalendar(root: string): void {
    this.state = { ...this.state, calendar: root };
    this.send(this.snapshot(), this.state);
  }

  /** Resolves once the webview has drawn its first render. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** A message from the page: checked field by field, acted on only when it is one of ours. */
  handle(message: unknown): Promise<void> {
    return isFromWebview(message) ? this.receive(message) : Promise.resolve();
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.markReady();
        // A page reloaded after being hidden starts from the HTML's first snapshot: bring it up to date.
        this.shown = this.pageShows;
        this.schedulePush(0);
        return;
      case 'publish':
      case 'approve': {
        // Through the commands, which refuse in an untrusted workspace (both run code or send).
        const uri = this.postAt(message.id)?.uri;
        if (uri) await vscode.commands.executeCommand(message.type === 'publish' ? 'editorialCalendar.publishPost' : 'editorialCalendar.approvePost', uri);
        return;
      }
      case 'open':
      case 'preview': {
        // Only posts of a calendar: a message naming any other URI (a file elsewhere, `command:`) is ignored.
        const uri = this.postAt(message.id)?.uri;
        if (!uri) return;
        await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
        // The post beside the calendar, with its per-network preview.
        if (message.type === 'preview') await vscode.commands.executeCommand('editorialCalendar.openPreview', uri);
        return;
      }
      case 'create':
        await vscode.commands.executeCommand('editorialCalendar.newPost', { date: `${message.day}T${message.time ?? '09:30'}` });
        return;
      case 'state': {
        const moved = message.state.anchor !== this.state.anchor || message.state.view !== this.state.view;
        this.state = message.state;
        if (moved) this.schedulePush(0); // the posts around the new period
        await this.deps.workspaceState.update(STATE_KEY, message.state);
        return;
      }
      case 'reschedule':
        await this.reschedule(message.id, message.day, message.time);
        return;
      case 'undo':
      case 'redo':
        this.focusOn(await this.inTurn(() => (message.type === 'undo' ? this.moves.undo() : this.moves.redo())));
        return;
      case 'rendered':
        this.rendered.fire({ ms: message.ms, chips: message.chips });
        return;
      case 'endComparison':
        this.deps.comparisons.clear();
        return;
    }
  }

  /** The post of one of the calendars a webview's id names, or undefined for anything else. */
  private postAt(id: string): { uri: vscode.Uri; post: { calendar: Calendar; path: string } } | undefined {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(id, true);
    } catch {
      return undefined;
    }
    const post = this.deps.calendars.postOf(uri);
    return post ? { uri, post } : undefined;
  }

  /** Moves a post to another day (and slot), keeping its time and the written format of its date. */
  reschedule(id: string, day: string, time?: string): Promise<boolean> {
    return this.inTurn(() => this.rescheduleNow(id, day, time));
  }

  /**
   * Moves, undos and redos one after the other, each reading what the one before wrote (Alt+→
   * pressed twice quickly, Ctrl+Z twice).
   */
  private turn: Promise<unknown> = Promise.resolve();
  private inTurn<T>(step: () => Promise<T>): Promise<T> {
    const next = this.turn.then(step, step);
    this.turn = next.catch(() => undefined);
    return next;
  }

  private async rescheduleNow(id: string, day: string, time?: string): Promise<boolean> {
    // A message drawn before the post's file was renamed by a move names it as it was.
    const found = this.postAt(this.moves.current(id));
    if (!found) return false;
    const { uri, post } = found;
    const document = await vscode.workspace.openTextDocument(uri);
    // The date as written now, not the last check's (Alt+→ twice in a row must move it two days).
    const result = this.deps.linter.resultFor(document) ?? this.deps.linter.lintNow(document);
    const meta = result?.post.meta;
    if (meta?.status === 'published') {
      void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" is published: it cannot be moved.', meta.title ?? vscode.workspace.asRelativePath(uri)));
      return false;
    }
    const written = meta?.dateText;
    const next = written ? rescheduledDateText(written, day, post.calendar.config.timezone, time) : `${day}T${time ?? '09:30'}`;
    if (!next || !parsePostDate(next, post.calendar.config.timezone)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The date of {0} cannot be read: fix it in the file first.', vscode.workspace.asRelativePath(uri)));
      return false;
    }
    const title = meta?.title ?? vscode.workspace.asRelativePath(uri);
    const moved = await this.moves.move(uri, title, written, next);
    this.focusOn(moved);
    return moved !== undefined;
  }

  /** Undoes the calendar's last move (what Ctrl+Z in the calendar does). */
  undo(): Promise<void> {
    return this.handle({ type: 'undo' });
  }

  redo(): Promise<void> {
    return this.handle({ type: 'redo' });
  }

  private focusOn(uri: vscode.Uri | undefined): void {
    if (!uri) return;
    this.focus = uri.toString();
    this.schedulePush(0);
  }

  /** The snapshot the webview shows (JSON), and the one its HTML starts from. */
  private shown: string;
  private readonly pageShows: string;

  /** Sends a new snapshot soon, unless it is what the webview already shows (typing in a post's body often changes nothing here). */
  private schedulePush(delay = 100): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const snapshot = this.snapshot();
      const json = JSON.stringify(snapshot);
      if (json !== this.shown || this.focus !== undefined) this.send(snapshot, undefined, json);
    }, delay);
  }

  /** Every snapshot goes through here, so `shown` always says what the webview has. */
  private send(snapshot: CalendarSnapshot, state?: CalendarViewState, json = JSON.stringify(snapshot)): void {
    this.shown = json;
    const focus = this.focus;
    // Until a snapshot holds the moved post (the index may not have seen the rename yet).
    if (focus !== undefined && snapshot.posts.some((p) => p.id === focus)) this.focus = undefined;
    const message: ToWebview = { type: 'snapshot', snapshot, ...(state ? { state } : {}), ...(focus !== undefined ? { focus } : {}) };
    void this.panel.webview.postMessage(message);
  }

  /**
   * The posts of every calendar dated around the period shown (undated ones too), open editors'
   * unsaved text taking precedence over the disk. Sending only this window keeps updates small on
   * a 10,000-post calendar.
   */
  snapshot(): CalendarSnapshot {
    const calendar = this.deps.calendars.all.find((c) => c.root.toString() === this.state.calendar) ?? this.deps.calendars.all[0];
    const zone = calendar?.config.timezone ?? 'UTC';
    const prefix = calendar ? (calendar.root.toString().endsWith('/') ? calendar.root.toString() : calendar.root.toString() + '/') : '';
    const from = addDays(this.state.anchor, this.state.view === 'agenda' ? -1 : -45);
    const to = addDays(this.state.anchor, this.state.view === 'agenda' ? AGENDA_DAYS : 45);
    const campaigns = new Set<string>();
    const tags = new Set<string>();
    const live = new Map(
      vscode.workspace.textDocuments.flatMap((d) => {
        const r = this.deps.linter.lastResultFor(d);
        return r ? [[d.uri.toString(), r] as const] : [];
      }),
    );
    const posts: CalendarPost[] = [];
    for (const entry of this.deps.index.all) {
      if (!entry.uri.startsWith(prefix)) continue; // another calendar of the workspace
      const r = live.get(entry.uri);
      const meta = r?.post.meta;
      const campaign = meta ? meta.campaign : entry.campaign;
      if (campaign !== undefined) campaigns.add(campaign);
      for (const tag of meta ? meta.tags : entry.tags) tags.add(tag);
      const date = meta ? meta.date : entry.date;
      if (date !== undefined) {
        const day = dayKey(date, zone);
        if (day < from || day > to) continue;
      }
      const diagnostics = r ? r.diagnostics : entry.diagnostics;
      const contest = meta ? meta.contest && contestLabel(meta.contest, zone, calendar!.dateLocale) : entry.contest;
      posts.push({
        id: entry.uri,
        title: (meta ? meta.title : entry.title) ?? entry.path.split('/').pop()!,
        ...(date !== undefined ? { date } : {}),
        ...((meta?.dateOnly ?? entry.dateOnly) ? { dateOnly: true } : {}),
        status: (meta ? meta.status : entry.status) ?? 'draft',
        platforms: meta ? meta.platforms : entry.platforms,
        ...((meta ? meta.campaign : entry.campaign) !== undefined ? { campaign: (meta ? meta.campaign : entry.campaign)! } : {}),
        tags: meta ? meta.tags : entry.tags,
        errors: diagnostics.filter((d) => d.severity === 'error').length,
        warnings: diagnostics.filter((d) => d.severity === 'warning').length,
        problems: diagnostics.slice(0, 3).map((d) => d.message),
        excerpt: r ? r.post.body.defaultText.value.trim().split('\n').slice(0, 3).join('\n') : entry.excerpt,
        published: meta ? publishedLinks(meta) : entry.published,
        ...(contest ? { contest } : {}),
      });
    }
    const settings = vscode.workspace.getConfiguration('editorialCalendar');
    const strings: Record<string, string> = {};
    for (const key of WEBVIEW_STRINGS) strings[key] = vscode.l10n.t(key);
    let compared = this.deps.comparisons.comparison;
    if (compared && compared.calendar.root.toString() !== calendar?.root.toString()) compared = undefined;
    for (const s of ['idea', 'draft', 'review', 'approved', 'scheduled', 'published'] as const) strings[s] = statusLabel(s);
    return {
      posts,
      campaigns: [...campaigns].sort(),
      tags: [...tags].sort(),
      timezone: zone,
      today: dayKey(Date.now(), zone),
      clashMinutes: settings.get<number>('clashMinutes', 60),
      viewerZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      strings,
      locale: calendar?.dateLocale ?? vscode.env.language,
      networks: networkOrder(Object.keys(calendar?.config.platforms ?? {}) as PlatformId[]),
      gapDays: gapWeekdays(settings.get<unknown>('gapDays')),
      ...(compared ? { comparison: calendarComparison(compared) } : {}),
    };
  }

  private html(init: CalendarInit): string {
    return webviewHtml(this.panel.webview, { title: vscode.l10n.t('Editorial Calendar'), assets: this.assets, init });
  }

  dispose(): void {
    if (CalendarPanel.current === this) CalendarPanel.current = undefined;
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.rendered.dispose();
    this.panel.dispose();
  }
}

/** What the panel needs from the extension. */
export interface CalendarDeps {
  readonly extensionUri: vscode.Uri;
  readonly calendars: Calendars;
  readonly index: PostIndex;
  readonly linter: LiveLinter;
  readonly workspaceState: vscode.Memento;
  readonly comparisons: BranchComparisons;
}

/** The `gapDays` setting's weekdays (weekdays when it is not a list of them). */
function gapWeekdays(value: unknown): Weekday[] {
  if (!Array.isArray(value)) return ['mon', 'tue', 'wed', 'thu', 'fri'];
  return WEEKDAYS.filter((d) => value.includes(d));
}

/** The view state kept for the workspace, when it is one (an older or damaged one is not). */
function storedState(memento: vscode.Memento): CalendarViewState | undefined {
  const stored = memento.get<unknown>(STATE_KEY);
  return isViewState(stored) ? stored : undefined;
}

function options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [], // the page loads nothing (see webviewHtml)
  };
}

/** The webview's UI strings (translated in l10n/bundle.l10n.fr.json). */
const WEBVIEW_STRINGS = [
  'From {0} to the working tree: {1}', 'Stop comparing', 'Only here', 'Moved', 'Changed', 'Here on {0}', 'Only on {0}', 'Not on {0}', 'At another time on {0}', 'Different on {0}',
  'Published on {0}',
  'Publish now…',
  'Approve',
  'Calendar navigation', 'Previous', 'Next', 'Today', 'Go to date', 'Month', 'Week', 'Agenda', 'Week of {0}', 'Filters', 'Status',
  'All statuses', 'Campaign', 'All campaigns', 'Tag', 'All tags', 'Search', 'Per network', 'Posts per network this week', '1 post',
  '{0} posts', 'no post', 'gap', 'No post this day', 'Campaign {0}', '{0} problems', 'clash', 'Too close to another post for the same network',
  '{0} your time', 'Day', 'No posts from this day on.', 'Loading…', 'Per-network view',
  '"{0}" is published: it cannot be moved.', 'From {0} to {1}', 'No post this month', 'No post for {0} this month', 'No post for {0} this day',
];
