import * as vscode from 'vscode';
import { PLATFORM_IDS, STATUSES, type PlatformId, type PostStatus } from '../core/model';
import { PLATFORMS } from '../core/platforms/registry';
import { dayKey } from '../core/calendar';
import { formatInZone, wallTime } from '../core/zone';
import { isSingular, STATUS_ICON, statusColour, statusLabel } from './labels';
import type { Calendars } from './calendars';
import type { IndexedPost, PostIndex } from './postIndex';

/** Filters of the Posts view, remembered per workspace. */
export interface PostFilters {
  readonly statuses?: readonly PostStatus[];
  readonly platforms?: readonly PlatformId[];
  readonly campaigns?: readonly string[];
}

const FILTER_KEY = 'editorialCalendar.postFilters';
const WEEK = 7 * 24 * 60 * 60 * 1000;
type Node = { kind: 'week'; label: string; start: number; posts: IndexedPost[] } | { kind: 'post'; post: IndexedPost };

/**
 * The Posts view: upcoming and past posts grouped by week (undated ones apart), with status icon,
 * networks, time and problem count; filters by status, network and campaign; click opens the post.
 */
export class PostsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  /** Set by the extension once the tree view exists, to show the active filters in its title. */
  treeView: vscode.TreeView<unknown> | undefined;

  constructor(
    private readonly index: PostIndex,
    private readonly calendars: Calendars,
    private readonly state: vscode.Memento,
  ) {
    this.subscription = index.onDidChange(() => this.changed.fire());
  }

  /** Shows whether filters apply (after a reload too): the Clear button and the view's description. */
  showFilterState(): void {
    const f = this.filters;
    const active = [...(f.statuses ?? []).map(statusLabel), ...(f.platforms ?? []).map((p) => PLATFORMS[p].name), ...(f.campaigns ?? [])];
    void vscode.commands.executeCommand('setContext', 'editorialCalendar.filtered', active.length > 0);
    if (this.treeView) this.treeView.description = active.length > 0 ? vscode.l10n.t('Filtered: {0}', active.join(', ')) : undefined;
  }

  get filters(): PostFilters {
    return this.state.get<PostFilters>(FILTER_KEY, {});
  }

  async setFilters(filters: PostFilters): Promise<void> {
    await this.state.update(FILTER_KEY, filters);
    this.showFilterState();
    this.changed.fire();
  }

  /** Posts passing the filters, by date (undated last). */
  visiblePosts(): IndexedPost[] {
    const f = this.filters;
    return [...this.index.all]
      .filter((p) => !f.statuses?.length || (p.status !== undefined && f.statuses.includes(p.status)))
      .filter((p) => !f.platforms?.length || p.platforms.some((x) => f.platforms!.includes(x)))
      .filter((p) => !f.campaigns?.length || (p.campaign !== undefined && f.campaigns.includes(p.campaign)))
      .sort((a, b) => (a.date ?? Infinity) - (b.date ?? Infinity) || a.path.localeCompare(b.path));
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'week') return node.posts.map((post) => ({ kind: 'post', post }));
    if (node) return [];
    const weeks = new Map<number, IndexedPost[]>();
    const undated: IndexedPost[] = [];
    // Weeks run Monday to Sunday in the calendar's time zone (the first calendar's, for the header).
    const zone = this.calendars.all[0]?.config.timezone ?? 'UTC';
    for (const post of this.visiblePosts()) {
      if (post.date === undefined) undated.push(post);
      else {
        const start = weekStart(post.date, zone);
        weeks.set(start, [...(weeks.get(start) ?? []), post]);
      }
    }
    const thisWeek = weekStart(Date.now(), zone);
    const nodes: Node[] = [...weeks].map(([start, posts]) => ({ kind: 'week', start, posts, label: weekLabel(start, thisWeek) }));
    if (undated.length > 0) nodes.push({ kind: 'week', start: Infinity, posts: undated, label: vscode.l10n.t('No date') });
    return nodes;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'week') {
      const zone = this.calendars.all[0]?.config.timezone ?? 'UTC';
      const item = new vscode.TreeItem(node.label, node.start >= weekStart(Date.now(), zone) - WEEK ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.description = isSingular(node.posts.length) ? vscode.l10n.t('{0} post', node.posts.length) : vscode.l10n.t('{0} posts', node.posts.length);
      item.contextValue = 'week';
      return item;
    }
    const { post } = node;
    const item = new vscode.TreeItem(post.title ?? post.path.split('/').pop()!, vscode.TreeItemCollapsibleState.None);
    const calendar = this.calendars.postOf(vscode.Uri.parse(post.uri))?.calendar;
    // A date-only post has no time yet: its day alone, as the calendar shows it.
    const when = post.date !== undefined && calendar ? (post.dateOnly ? dayKey(post.date, calendar.config.timezone) : formatInZone(post.date, calendar.config.timezone)) : '';
    const problems = post.diagnostics.filter((d) => d.severity !== 'info').length;
    item.description = [when, post.platforms.map((p) => PLATFORMS[p].name).join(', '), problems > 0 ? `⚠ ${problems}` : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(STATUS_ICON[post.status ?? 'draft'], problems > 0 ? new vscode.ThemeColor('list.warningForeground') : undefined);
    const status = statusLabel(post.status ?? 'draft');
    // Where it went out, as links (https only: they come from the post's own results).
    const links = post.published.map((l) => (l.url ? `[${PLATFORMS[l.network].name}](${l.url.replace(/[()\s]/g, encodeURIComponent)})` : PLATFORMS[l.network].name)).join(' · ');
    item.tooltip = new vscode.MarkdownString(
      `**${escape(post.title ?? post.path)}**  \n$(${STATUS_ICON[post.status ?? 'draft']}) ${escape(status)} (${escape(vscode.l10n.t('{0} in the calendar', statusColour(post.status ?? 'draft')))}) · ${escape(when)}  \n${links ? `${vscode.l10n.t('Published on {0}', links)}  \n` : ''}${post.diagnostics.map((d) => `- ${escape(d.message)}`).join('\n')}`,
      true, // the status icon
    );
    item.resourceUri = vscode.Uri.parse(post.uri);
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open post'), arguments: [vscode.Uri.parse(post.uri)] };
    item.contextValue = 'post';
    const problemsText = isSingular(problems) ? vscode.l10n.t('{0} problem', problems) : vscode.l10n.t('{0} problems', problems);
    item.accessibilityInformation = { label: `${post.title ?? post.path}, ${status}, ${when}, ${problemsText}` };
    return item;
  }

  /** Asks for filters with three pickers (empty = everything). */
  async pickFilters(): Promise<void> {
    const current = this.filters;
    const statuses = await pick(STATUSES, current.statuses, vscode.l10n.t('Show posts with these statuses'));
    if (!statuses) return;
    const platforms = await pick(PLATFORM_IDS, current.platforms, vscode.l10n.t('Show posts for these networks'));
    if (!platforms) return;
    const campaigns = [...new Set([...this.index.all].flatMap((p) => (p.campaign ? [p.campaign] : [])))].sort();
    const chosenCampaigns = await pick(campaigns, current.campaigns, vscode.l10n.t('Show posts of these campaigns'));
    if (!chosenCampaigns) return;
    await this.setFilters({ statuses: statuses as PostStatus[], platforms: platforms as PlatformId[], campaigns: chosenCampaigns });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

async function pick(all: readonly string[], selected: readonly string[] | undefined, placeHolder: string): Promise<string[] | undefined> {
  const items = all.map((label) => ({ label, picked: selected?.includes(label) ?? false }));
  const chosen = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder });
  return chosen?.map((c) => c.label);
}

/** The Monday of the week holding `time` in `zone`, as a UTC date at 00:00 (a key and a label). */
function weekStart(time: number, zone: string): number {
  const w = wallTime(zone, time);
  const day = new Date(Date.UTC(w.year, w.month - 1, w.day));
  return Date.UTC(w.year, w.month - 1, w.day - ((day.getUTCDay() + 6) % 7));
}

function weekLabel(start: number, thisWeek: number): string {
  const date = new Date(start).toISOString().slice(0, 10);
  if (start === thisWeek) return vscode.l10n.t('This week ({0})', date);
  if (start === thisWeek + WEEK) return vscode.l10n.t('Next week ({0})', date);
  return vscode.l10n.t('Week of {0}', date);
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
