import * as vscode from 'vscode';
import { parsePostDate } from '../core/dates';
import { PLATFORM_IDS, type PlatformId } from '../core/model';
import { newPostPath, newPostText } from '../core/newPost';
import { PLATFORMS } from '../core/platforms/registry';
import { dayKey } from '../core/calendar';
import { formatInZone } from '../core/zone';
import { pickStatus } from './statusPicker';
import type { Calendar, Calendars } from './calendars';
import { countsAt } from './statusBar';
import type { LiveLinter } from './liveLinter';
import type { PostIndex } from './postIndex';
import { datedRename } from './datedRename';
import { editPost } from './postEdits';
import type { PostsView } from './postsView';

/** What the commands need. */
export interface CommandContext {
  readonly calendars: Calendars;
  readonly index: PostIndex;
  readonly linter: LiveLinter;
  readonly postsView: PostsView;
  readonly openCalendar: (anchor?: string) => unknown;
}

/** Every command, by id (see `contributes.commands` in package.json). */
export function commandTable(ctx: CommandContext): Record<string, (...args: never[]) => unknown> {
  return {
    'editorialCalendar.openCalendar': (options?: { anchor?: string }) => ctx.openCalendar(options?.anchor),
    'editorialCalendar.newPost': (options?: NewPostOptions) => newPost(ctx, options),
    'editorialCalendar.setStatus': (target?: PostTarget, status?: string) => setStatus(ctx, toUri(target), status),
    'editorialCalendar.reschedule': (target?: PostTarget, date?: string) => reschedule(ctx, toUri(target), date),
    'editorialCalendar.checkCalendar': () => checkCalendar(ctx),
    'editorialCalendar.showPostDetails': () => showPostDetails(ctx),
    'editorialCalendar.filterPosts': () => ctx.postsView.pickFilters(),
    'editorialCalendar.clearFilters': () => ctx.postsView.setFilters({}),
  };
}

/** What a command may be given: a file, or a Posts view item (its context menu passes the item). */
type PostTarget = vscode.Uri | { readonly kind: 'post'; readonly post: { readonly uri: string } };

function toUri(target: PostTarget | undefined): vscode.Uri | undefined {
  if (!target) return undefined;
  return target instanceof vscode.Uri ? target : 'post' in target ? vscode.Uri.parse(target.post.uri) : undefined;
}

/** The post a command acts on: the argument, else the active editor's post. */
function targetPost(ctx: CommandContext, uri: vscode.Uri | undefined): vscode.Uri | undefined {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (target && ctx.calendars.postOf(target)) return target;
  void vscode.window.showWarningMessage(vscode.l10n.t('Open a post of the editorial calendar first.'));
  return undefined;
}

async function pickCalendar(ctx: CommandContext, preferred?: vscode.Uri): Promise<Calendar | undefined> {
  const all = ctx.calendars.all;
  if (preferred) return all.find((c) => c.root.toString() === preferred.toString());
  if (all.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No editorial calendar here: add an .editorial.yaml file to a folder.'));
    return undefined;
  }
  if (all.length === 1) return all[0];
  const chosen = await vscode.window.showQuickPick(
    all.map((c) => ({ label: vscode.workspace.asRelativePath(c.root), calendar: c })),
    { placeHolder: vscode.l10n.t('Which calendar?') },
  );
  return chosen?.calendar;
}

/** A date input that accepts what a post's `date` accepts, checked as the user types. */
async function askDate(calendar: Calendar, value: string, prompt: string, placeHolder = '2026-12-01T09:30'): Promise<string | undefined> {
  return vscode.window.showInputBox({
    prompt,
    value,
    placeHolder,
    validateInput: (text) => (parsePostDate(text, calendar.config.timezone) ? undefined : vscode.l10n.t('Write a date as YYYY-MM-DD or YYYY-MM-DDTHH:mm, e.g. 2026-12-01T09:30.')),
  });
}

/**
 * Fields of a new post given by the caller (the calendar's "create on a day", tests); the
 * command asks for the others. A `date` alone is only a suggestion the user confirms.
 */
export interface NewPostOptions {
  readonly date?: string;
  readonly platforms?: readonly PlatformId[];
  readonly title?: string;
  readonly calendar?: vscode.Uri;
}

async function newPost(ctx: CommandContext, options: NewPostOptions = {}): Promise<vscode.Uri | undefined> {
  const calendar = await pickCalendar(ctx, options.calendar);
  if (!calendar) return undefined;
  const complete = options.date !== undefined && options.platforms !== undefined && options.title !== undefined;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) + 'T09:30';
  const dateText = complete ? options.date : await askDate(calendar, options.date ?? tomorrow, vscode.l10n.t('When does the post go out? (time in {0})', calendar.config.timezone));
  if (!dateText || !parsePostDate(dateText, calendar.config.timezone)) return undefined;
  const platforms = options.platforms ?? (await pickPlatforms());
  if (!platforms || platforms.length === 0) return undefined;
  const title = options.title ?? (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Title (internal)'), validateInput: (t) => (t.trim() ? undefined : vscode.l10n.t('Give the post a title.')) }));
  if (!title) return undefined;
  // posts/YYYY/MM/DD-slug.md under the folder the calendar's first `posts` glob starts with.
  const folder = globBase(calendar.config.posts[0] ?? 'posts/**/*.md') || 'posts';
  let uri = vscode.Uri.joinPath(calendar.root, newPostPath(dateText, title, folder));
  for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(calendar.root, newPostPath(dateText, `${title} ${n}`, folder));
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(newPostText({ title, dateText, platforms })) });
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  const editor = await vscode.window.showTextDocument(uri);
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  return uri;
}

/** The fixed folder a glob starts with: `content/posts/**\/*.md` → `content/posts`. */
function globBase(glob: string): string {
  const segments = glob.split('/');
  const fixed = segments.slice(0, segments.findIndex((s) => /[*?[{]/.test(s)));
  return fixed.join('/');
}

async function pickPlatforms(): Promise<PlatformId[] | undefined> {
  const picked = await vscode.window.showQuickPick(
    PLATFORM_IDS.map((id) => ({ label: PLATFORMS[id].name, id, picked: id === 'x' || id === 'bluesky' || id === 'linkedin' })),
    { canPickMany: true, placeHolder: vscode.l10n.t('Where does it go?') },
  );
  return picked?.map((p) => p.id);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function setStatus(ctx: CommandContext, uri?: vscode.Uri, status?: string): Promise<boolean> {
  const target = targetPost(ctx, uri);
  if (!target) return false;
  const current = ctx.linter.lastResultFor(await vscode.workspace.openTextDocument(target))?.post.meta.status ?? ctx.index.get(target)?.status ?? 'draft';
  const chosen = status ?? (await pickStatus(current));
  if (!chosen) return false;
  // "Approved" means approved by someone, pinned to the text: the same path as Approve Post.
  if (chosen === 'approved') return (await vscode.commands.executeCommand<{ kind: string } | undefined>('editorialCalendar.approvePost', target))?.kind === 'approved';
  return editPost(target, { kind: 'set', path: ['status'], value: chosen }, ctx.calendars.postOf(target)!.calendar.config.locale);
}

async function reschedule(ctx: CommandContext, uri?: vscode.Uri, date?: string): Promise<boolean> {
  const target = targetPost(ctx, uri);
  if (!target) return false;
  const calendar = ctx.calendars.postOf(target)!.calendar;
  const current = ctx.index.get(target);
  const document = await vscode.workspace.openTextDocument(target);
  // Offer the date as written; else the indexed instant as wall-clock time in the calendar's zone
  // (the day alone for a date-only post, which stays date-only unless a time is typed).
  // The text as it is now (a last result may be from before an edit or a revert, not yet checked again).
  const meta = ctx.linter.lintNow(document)?.post.meta;
  const zone = calendar.config.timezone;
  const dateOnly = meta ? meta.dateOnly === true : current?.dateOnly === true;
  const written = meta?.dateText ?? (current?.date !== undefined ? (dateOnly ? dayKey(current.date, zone) : formatInZone(current.date, zone).replace(' ', 'T')) : '');
  const prompt = dateOnly ? vscode.l10n.t('New day: the post stays without a time (add THH:mm to give it one, in {0})', zone) : vscode.l10n.t('New date (time in {0})', zone);
  const dateText = date ?? (await askDate(calendar, written, prompt, dateOnly ? '2026-12-01' : undefined));
  if (!dateText) return false;
  if (!parsePostDate(dateText, calendar.config.timezone)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not a date.', dateText));
    return false;
  }
  // A file named after its day follows it, as a move in the calendar does (in the same edit).
  const title = meta?.title ?? current?.title ?? vscode.workspace.asRelativePath(target);
  const renameTo = await datedRename(calendar.root, ctx.calendars.postOf(target)!.path, meta?.dateText ?? written, dateText, title);
  return editPost(target, { kind: 'set', path: ['date'], value: dateText }, calendar.config.locale, renameTo);
}

async function checkCalendar(ctx: CommandContext): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the editorial calendar'), cancellable: true },
    async (progress, token) => {
      await ctx.calendars.load();
      await ctx.index.rebuild({ useCache: false, progress, token });
    },
  );
  ctx.linter.relintAll();
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

async function showPostDetails(ctx: CommandContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const result = editor ? ctx.linter.resultFor(editor.document) ?? ctx.linter.lintNow(editor.document) : undefined;
  if (!editor || !result) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a post of the editorial calendar first.'));
    return;
  }
  const counts = countsAt(result, editor.document.offsetAt(editor.selection.active));
  await vscode.window.showQuickPick(
    counts.map((c) => ({
      label: `${c.length > c.limit ? '$(warning)' : '$(check)'} ${c.name}`,
      description: `${c.length}/${c.limit} · ${vscode.l10n.t('part {0} of {1}', c.part, c.parts)}`,
      detail: c.hashtags.length > 0 ? c.hashtags.map((h) => `#${h}`).join(' ') : vscode.l10n.t('No hashtags'),
    })),
    { placeHolder: result.post.meta.title ?? vscode.workspace.asRelativePath(editor.document.uri) },
  );
}
