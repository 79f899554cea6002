import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { lintBytes } from '../core/lint';
import type { Diagnostic, PlatformId, PostStatus } from '../core/model';
import type { Calendar, Calendars } from './calendars';
import { mapLimit, readFileBytes, statFile } from './files';

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
  /** Media files (calendar-relative) and whether they existed when checked. */
  readonly media: Readonly<Record<string, boolean>>;
}

const CACHE_FILE = 'post-index-v3.json';
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
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  /** Fires with the URIs whose entries changed (added, updated or removed). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** How the last full check went, for benchmarks: files, milliseconds, results reused from the cache. */
  lastRebuild = { files: 0, ms: 0, cached: 0 };
  private mediaSeen: Map<string, Promise<boolean>> | undefined;

  constructor(
    private readonly calendars: Calendars,
    private readonly storage: vscode.Uri | undefined,
    private readonly version: string,
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
        if (!uri.path.endsWith('.md')) void this.refreshTree(uri);
      }),
      folders.onDidDelete((uri) => this.forget(uri)),
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

  /**
   * Checks every post of every calendar. With `useCache`, results whose inputs are unchanged are
   * reused. The new results replace the old ones only once complete (a cancelled check keeps them).
   */
  async rebuild(options: { useCache?: boolean; progress?: vscode.Progress<{ message?: string; increment?: number }>; token?: vscode.CancellationToken } = {}): Promise<void> {
    const started = performance.now();
    let reused = 0;
    const cached = options.useCache === false ? new Map<string, IndexedPost>() : await this.loadCache();
    const found: Array<{ uri: vscode.Uri; calendar: Calendar; path: string }> = [];
    for (const calendar of this.calendars.all) {
      for (const glob of calendar.config.posts) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(calendar.root, glob), '**/node_modules/**')) {
          const post = this.calendars.postOf(uri);
          if (post && post.calendar === calendar) found.push({ uri, ...post });
        }
      }
    }
    const next = new Map<string, IndexedPost>();
    this.mediaSeen = new Map(); // many posts share images: look each up once per check
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
    this.mediaSeen = undefined;
    if (options.token?.isCancellationRequested) return;
    const touched = new Set([...this.posts.keys(), ...next.keys()]);
    this.posts = next;
    this.lastRebuild = { files: found.length, ms: performance.now() - started, cached: reused };
    this.changed.fire([...touched]);
    this.scheduleSave();
  }

  /** Re-checks one file from disk (after it changed there). */
  async refresh(uri: vscode.Uri): Promise<void> {
    const post = this.calendars.postOf(uri);
    if (!post) return;
    const entry = await this.check(uri, post.calendar, post.path, undefined);
    if (entry) this.posts.set(entry.uri, entry);
    else this.posts.delete(uri.toString());
    this.changed.fire([uri.toString()]);
    this.scheduleSave();
  }

  /** A new or renamed file or folder: check the posts now under it. */
  private async refreshTree(uri: vscode.Uri): Promise<void> {
    if (uri.path.endsWith('.md')) return this.refresh(uri);
    for (const file of await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*.md'))) {
      if (!this.posts.has(file.toString())) await this.refresh(file);
    }
  }

  /** Drops a deleted file, or every post under a deleted folder. */
  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const removed = [...this.posts.keys()].filter((k) => k === key || k.startsWith(key.endsWith('/') ? key : key + '/'));
    for (const k of removed) this.posts.delete(k);
    if (removed.length > 0) {
      this.changed.fire(removed);
      this.scheduleSave();
    }
  }

  private async check(uri: vscode.Uri, calendar: Calendar, path: string, cached: IndexedPost | undefined): Promise<IndexedPost | undefined> {
    let stat: { mtime: number; size: number };
    let bytes: Uint8Array;
    try {
      stat = await statFile(uri);
      if (cached && cached.mtime === stat.mtime && cached.size === stat.size && (await this.stillValid(cached, calendar))) return cached;
      bytes = await readFileBytes(uri);
    } catch {
      return undefined; // removed meanwhile
    }
    const media: Record<string, boolean> = {};
    const fileExists = calendar.root.scheme === 'file' ? (p: string) => (media[p] ??= existsSyncUri(vscode.Uri.joinPath(calendar.root, p))) : undefined;
    const now = Date.now();
    const result = lintBytes(path, bytes, { config: calendar.config, now, ...(fileExists ? { fileExists } : {}) });
    const meta = result.post?.meta;
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
      excerpt: result.post ? result.post.body.defaultText.value.trim().split('\n').slice(0, 3).join('\n') : '',
      diagnostics: result.diagnostics.map(({ fixes: _fixes, ...d }) => d),
      media,
    };
  }

  /** A cached result holds while its date has not passed and its media files are as they were. */
  private async stillValid(cached: IndexedPost, calendar: Calendar): Promise<boolean> {
    if (cached.expires !== undefined && cached.expires <= Date.now()) return false;
    for (const [path, existed] of Object.entries(cached.media)) {
      const uri = vscode.Uri.joinPath(calendar.root, path);
      let now = this.mediaSeen?.get(uri.toString());
      if (!now) {
        now = exists(uri);
        this.mediaSeen?.set(uri.toString(), now);
      }
      if ((await now) !== existed) return false;
    }
    return true;
  }

  /** What the cached results depend on besides each file: settings, language, extension version. */
  private signature(): string {
    return JSON.stringify({ version: this.version, calendars: this.calendars.all.map((c) => [c.root.toString(), c.config]) });
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

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await statFile(uri);
    return true;
  } catch {
    return false;
  }
}

function existsSyncUri(uri: vscode.Uri): boolean {
  return existsSync(uri.fsPath);
}
