import { contestLabel } from '../core/contest/label';
import * as vscode from 'vscode';
import type { Diagnostic, MediaStatus, PlatformId, PostStatus } from '../core/model';
import type { FileStat } from '../core/ports';
import { publishedLinks } from '../core/publish/results';
import { relativePath } from '../core/text/paths';
import { checkPost } from '../services/checkPost';
import { mapLimit } from '../services/mapLimit';
import type { MediaProbe } from '../services/media';
import { postProblem, walkPosts } from '../services/walk';
import type { Calendar, Calendars } from './calendars';
import type { MediaStatuses } from './mediaStatuses';
import type { PostAuthors } from './postAuthors';
import { uriOf, workspaceFor } from './workspace';

/** What the index keeps of a post file: enough for the Problems panel and the Posts view. */
export interface IndexedPost {
  readonly uri: string;
  readonly path: string;
  readonly mtime: number;
  readonly size: number;
  readonly title?: string;
  readonly date?: number;
  readonly dateOnly?: boolean;
  readonly status?: PostStatus;
  readonly campaign?: string;
  readonly platforms: readonly PlatformId[];
  readonly tags: readonly string[];
  /** The first lines of the default text, for the calendar's hovers. */
  readonly excerpt: string;
  readonly diagnostics: readonly Diagnostic[];
  /** When this result goes stale without the file changing (a date passes): epoch ms. */
  readonly expires?: number;
  /** Media files (calendar-relative) and where they stood when checked. */
  readonly media: Readonly<Record<string, MediaStatus>>;
  /** Where it went out (see `publishedLinks`). */
  readonly published: ReadonlyArray<{ readonly network: PlatformId; readonly url?: string }>;
  /** Where its contest stands, when it holds one (see `contestLabel`). */
  readonly contest?: string;
}

const CACHE_FILE = 'post-index-v5.json';
const DAY = 86_400_000;

/**
 * Every post of every calendar, checked in the background with progress, updated file by file as
 * files (or whole folders) are created, changed, deleted or renamed. Results are cached in the
 * workspace storage and reused while the file's size and modification time, the calendar's settings
 * and language, the extension's version, the media files it names and the clock (for `date.past`)
 * all say they still hold.
 */
export class PostIndex implements vscode.Disposable {
  private posts = new Map<string, IndexedPost>();
  /** What the walk could not read or did not follow (unreadable folders, FIFOs, symlinks), by URI. */
  private pathProblems = new Map<string, readonly Diagnostic[]>();
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  /** Fires with the URIs whose entries changed (added, updated or removed). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** How the last full check went, for benchmarks: files, milliseconds, results reused from the cache. */
  lastRebuild = { files: 0, ms: 0, cached: 0 };
  constructor(
    private readonly calendars: Calendars,
    private readonly storage: vscode.Uri | undefined,
    private readonly version: string,
    private readonly media: MediaStatuses,
    private readonly authors: PostAuthors,
  ) {
    const posts = vscode.workspace.createFileSystemWatcher('**/*.md', false, false, true);
    // A folder created or deleted with its files may be reported as one event for the folder:
    // watch every path to catch those.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      posts,
      folders,
      posts.onDidCreate((uri) => void this.refresh(uri)),
      posts.onDidChange((uri) => void this.refresh(uri)),
      folders.onDidCreate((uri) => {
        media.forget(uri); // an image added may be one a post names
        if (!uri.path.endsWith('.md')) void this.refreshTree(uri);
      }),
      folders.onDidDelete((uri) => {
        media.forget(uri);
        this.forget(uri);
      }),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const { oldUri, newUri } of e.files) {
          this.forget(oldUri);
          void this.refreshTree(newUri);
        }
      }),
    );
  }

  get all(): Iterable<IndexedPost> {
    return this.posts.values();
  }

  get(uri: vscode.Uri): IndexedPost | undefined {
    return this.posts.get(uri.toString());
  }

  /** Problems with a path that is not a post the index could read (a folder, a FIFO, a symlink). */
  problemsAt(uri: vscode.Uri): readonly Diagnostic[] | undefined {
    return this.pathProblems.get(uri.toString());
  }

  /**
   * Checks every post of every calendar. With `useCache`, results whose inputs are unchanged are
   * reused. The new results replace the old ones only once complete (a cancelled check keeps them).
   */
  async rebuild(options: { useCache?: boolean; progress?: vscode.Progress<{ message?: string; increment?: number }>; token?: vscode.CancellationToken } = {}): Promise<void> {
    const started = performance.now();
    let reused = 0;
    const cached = options.useCache === false ? new Map<string, IndexedPost>() : await this.loadCache();
    // The one walk (src/services/walk.ts), as the CLI's; nested calendars walk their own posts.
    const found: Array<{ uri: vscode.Uri; calendar: Calendar; path: string }> = [];
    const problems = new Map<string, readonly Diagnostic[]>();
    for (const calendar of this.calendars.all) {
      const walk = await walkPosts(workspaceFor(calendar.root), { root: calendar.root.path, config: calendar.config }, { exclude: this.nestedIn(calendar) });
      for (const p of walk.problems) problems.set(uriOf(calendar.root, p.path).toString(), [p.diagnostic]);
      for (const file of walk.files) {
        const uri = uriOf(calendar.root, file);
        const post = this.calendars.postOf(uri);
        if (post && post.calendar === calendar) found.push({ uri, ...post });
      }
    }
    const next = new Map<string, IndexedPost>();
    // Media looked up afresh for a full check (then each once: many posts share images); open
    // posts keep the last statuses meanwhile, and are checked again where one changed.
    for (const calendar of this.calendars.all) this.media.probeFor(calendar).revalidate();
    this.authors.forget();
    let done = 0;
    // A few files in flight hide the file system's latency; checking itself is synchronous.
    await mapLimit(found, 16, async ({ uri, calendar, path }) => {
      if (options.token?.isCancellationRequested) return;
      const previous = cached.get(uri.toString());
      const entry = await this.check(uri, calendar, path, previous);
      if (entry) next.set(entry.uri, entry);
      if (entry && entry === previous) reused++;
      if (++done % 200 === 0 || done === found.length) {
        options.progress?.report({ message: `${done}/${found.length}`, increment: (200 / Math.max(1, found.length)) * 100 });
      }
    });
    if (options.token?.isCancellationRequested) return;
    const touched = new Set([...this.posts.keys(), ...next.keys(), ...this.pathProblems.keys(), ...problems.keys()]);
    this.posts = next;
    this.pathProblems = problems;
    this.lastRebuild = { files: found.length, ms: performance.now() - started, cached: reused };
    this.changed.fire([...touched]);
    this.scheduleSave();
  }

  /** Re-checks one file from disk (after it changed there). */
  async refresh(uri: vscode.Uri): Promise<void> {
    const post = this.calendars.postOf(uri);
    if (!post) return;
    this.authors.forget(uri);
    // The walk's rules for one file: a FIFO, or a symlink out of the calendar, is not read.
    const problem = await postProblem(workspaceFor(uri), { root: post.calendar.root.path, config: post.calendar.config }, uri.path);
    const entry = problem ? undefined : await this.check(uri, post.calendar, post.path, undefined);
    if (entry) this.posts.set(entry.uri, entry);
    else this.posts.delete(uri.toString());
    if (problem && problem.diagnostic.code !== 'file.unreadable') this.pathProblems.set(uri.toString(), [problem.diagnostic]);
    else this.pathProblems.delete(uri.toString());
    this.changed.fire([uri.toString()]);
    this.scheduleSave();
  }

  /** Roots of the calendars nested in `calendar`: their posts are theirs. */
  private nestedIn(calendar: Calendar): string[] {
    return this.calendars.all.filter((c) => c !== calendar && c.root.scheme === calendar.root.scheme && relativePath(calendar.root.path, c.root.path)).map((c) => c.root.path);
  }

  /** A new or renamed file or folder: check the posts now under it. */
  private async refreshTree(uri: vscode.Uri): Promise<void> {
    if (uri.path.endsWith('.md')) return this.refresh(uri);
    const calendar = this.calendars.all.find((c) => c.root.scheme === uri.scheme && relativePath(c.root.path, uri.path) !== undefined);
    if (!calendar) return;
    const walk = await walkPosts(workspaceFor(uri), { root: calendar.root.path, config: calendar.config }, { within: uri.path, exclude: this.nestedIn(calendar) });
    for (const p of walk.problems) this.pathProblems.set(uriOf(calendar.root, p.path).toString(), [p.diagnostic]);
    for (const file of walk.files) {
      const fileUri = uriOf(calendar.root, file);
      if (!this.posts.has(fileUri.toString())) await this.refresh(fileUri);
    }
  }

  /** Drops a deleted file, or every post under a deleted folder. */
  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const under = (k: string) => k === key || k.startsWith(key.endsWith('/') ? key : key + '/');
    const removed = [...this.posts.keys(), ...this.pathProblems.keys()].filter(under);
    for (const k of removed) {
      this.posts.delete(k);
      this.pathProblems.delete(k);
    }
    if (removed.length > 0) {
      this.changed.fire(removed);
      this.scheduleSave();
    }
  }

  private async check(uri: vscode.Uri, calendar: Calendar, path: string, cached: IndexedPost | undefined): Promise<IndexedPost | undefined> {
    const workspace = workspaceFor(uri);
    const probe = this.media.probeFor(calendar);
    let stat: FileStat;
    try {
      stat = await workspace.stat(uri.path);
    } catch {
      return undefined; // removed meanwhile
    }
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size && (await this.stillValid(cached, probe))) return cached;
    // The same reading and checking as the CLI's (src/services/checkPost.ts).
    const now = Date.now();
    const git = this.authors.portFor(uri);
    const checked = await checkPost(workspace, { root: calendar.root.path, config: calendar.config }, uri.path, { now, media: probe, ...(git ? { git } : {}) });
    const result = checked.result;
    const meta = result?.post.meta;
    const media: Record<string, MediaStatus> = Object.fromEntries(checked.media ?? []);
    // An unpublished post in the future becomes "past" at its date (a day-only date, a day later).
    const expires = meta?.date !== undefined && meta.status !== 'published' && meta.date + (meta.dateOnly ? DAY : 0) > now ? meta.date + (meta.dateOnly ? DAY : 0) : undefined;
    return {
      uri: uri.toString(),
      path,
      mtime: stat.mtime,
      size: stat.size,
      ...(meta?.title !== undefined ? { title: meta.title } : {}),
      ...(meta?.date !== undefined ? { date: meta.date } : {}),
      ...(meta?.dateOnly ? { dateOnly: true } : {}),
      ...(meta?.status !== undefined ? { status: meta.status } : {}),
      ...(meta?.campaign !== undefined ? { campaign: meta.campaign } : {}),
      ...(expires !== undefined ? { expires } : {}),
      platforms: meta?.platforms ?? [],
      tags: meta?.tags ?? [],
      excerpt: result ? result.post.body.defaultText.value.trim().split('\n').slice(0, 3).join('\n') : '',
      diagnostics: checked.diagnostics.map(({ fixes: _fixes, ...d }) => d),
      media,
      published: meta ? publishedLinks(meta) : [],
      ...(meta?.contest ? { contest: contestLabel(meta.contest, calendar.config.timezone, calendar.dateLocale) } : {}),
    };
  }

  /** A cached result holds while its date has not passed and its media files stand as they did. */
  private async stillValid(cached: IndexedPost, probe: MediaProbe): Promise<boolean> {
    if (cached.expires !== undefined && cached.expires <= Date.now()) return false;
    for (const [path, status] of Object.entries(cached.media)) if ((await probe.status(path)) !== status) return false;
    return true;
  }

  /**
   * What the cached results depend on besides each file: settings, language, extension version,
   * and trust (git tells `approval.self` only in a trusted workspace).
   */
  private signature(): string {
    return JSON.stringify({ version: this.version, trusted: vscode.workspace.isTrusted, calendars: this.calendars.all.map((c) => [c.root.toString(), c.config]) });
  }

  private async loadCache(): Promise<Map<string, IndexedPost>> {
    if (!this.storage) return new Map();
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.storage, CACHE_FILE)));
      const cache = JSON.parse(text) as { signature: string; posts: IndexedPost[] };
      if (cache.signature !== this.signature()) return new Map(); // settings or version changed
      return new Map(cache.posts.map((p) => [p.uri, p]));
    } catch {
      return new Map(); // no cache yet, or an unreadable one: check everything
    }
  }

  private scheduleSave(): void {
    if (!this.storage) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), 2000);
  }

  /** Writes the cache now (also used by tests and benchmarks). */
  async save(): Promise<void> {
    if (!this.storage) return;
    clearTimeout(this.saveTimer);
    await vscode.workspace.fs.createDirectory(this.storage);
    const cache = { signature: this.signature(), posts: [...this.posts.values()] };
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.storage, CACHE_FILE), new TextEncoder().encode(JSON.stringify(cache)));
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
