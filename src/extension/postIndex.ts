import * as vscode from 'vscode';
import { lintBytes } from '../core/lint';
import type { Diagnostic, PlatformId, PostStatus } from '../core/model';
import type { Calendar, Calendars } from './calendars';
import { mapLimit, readFileBytes, statFile } from './files';
import { fileExistsIn } from './convert';

/** What the index keeps of a post file: enough for the Problems panel and the Posts view. */
export interface IndexedPost {
  readonly uri: string;
  readonly path: string;
  readonly mtime: number;
  readonly size: number;
  readonly title?: string;
  readonly date?: number;
  readonly status?: PostStatus;
  readonly campaign?: string;
  readonly platforms: readonly PlatformId[];
  readonly diagnostics: readonly Diagnostic[];
}

const CACHE_FILE = 'post-index-v1.json';

/**
 * Every post of every calendar, checked in the background with progress, updated file by file as
 * files are created, changed, deleted or renamed. Results are cached in the workspace storage and
 * reused while a file's size and modification time are unchanged.
 */
export class PostIndex implements vscode.Disposable {
  private readonly posts = new Map<string, IndexedPost>();
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  /** Fires with the URIs whose entries changed (all of them after a rebuild). */
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** How the last full check went, for benchmarks: files, milliseconds, results reused from the cache. */
  lastRebuild = { files: 0, ms: 0, cached: 0 };

  constructor(
    private readonly calendars: Calendars,
    private readonly storage: vscode.Uri | undefined,
  ) {
    this.watcher.onDidCreate((uri) => void this.refresh(uri));
    this.watcher.onDidChange((uri) => void this.refresh(uri));
    this.watcher.onDidDelete((uri) => {
      if (this.posts.delete(uri.toString())) this.changed.fire([uri.toString()]);
      this.scheduleSave();
    });
  }

  get all(): Iterable<IndexedPost> {
    return this.posts.values();
  }

  get(uri: vscode.Uri): IndexedPost | undefined {
    return this.posts.get(uri.toString());
  }

  /** Checks every post of every calendar, reusing cached results for unchanged files. */
  async rebuild(progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<void> {
    const started = performance.now();
    let reused = 0;
    const cached = await this.loadCache();
    const found: Array<{ uri: vscode.Uri; calendar: Calendar; path: string }> = [];
    for (const calendar of this.calendars.all) {
      for (const glob of calendar.config.posts) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(calendar.root, glob), '**/node_modules/**')) {
          const post = this.calendars.postOf(uri);
          if (post && post.calendar === calendar) found.push({ uri, ...post });
        }
      }
    }
    this.posts.clear();
    let done = 0;
    // A few files in flight hide the file system's latency; checking itself is synchronous.
    await mapLimit(found, 16, async ({ uri, calendar, path }) => {
      if (token?.isCancellationRequested) return;
      const previous = cached.get(uri.toString());
      const entry = await this.check(uri, calendar, path, previous);
      if (entry) this.posts.set(entry.uri, entry);
      if (entry && entry === previous) reused++;
      if (++done % 200 === 0 || done === found.length) {
        progress?.report({ message: `${done}/${found.length}`, increment: (200 / Math.max(1, found.length)) * 100 });
      }
    });
    this.lastRebuild = { files: found.length, ms: performance.now() - started, cached: reused };
    this.changed.fire([...this.posts.keys()]);
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

  private async check(uri: vscode.Uri, calendar: Calendar, path: string, cached: IndexedPost | undefined): Promise<IndexedPost | undefined> {
    let stat: { mtime: number; size: number };
    let bytes: Uint8Array;
    try {
      stat = await statFile(uri);
      if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return cached;
      bytes = await readFileBytes(uri);
    } catch {
      return undefined; // removed meanwhile
    }
    const fileExists = fileExistsIn(calendar);
    const result = lintBytes(path, bytes, { config: calendar.config, ...(fileExists ? { fileExists } : {}) });
    const meta = result.post?.meta;
    return {
      uri: uri.toString(),
      path,
      mtime: stat.mtime,
      size: stat.size,
      ...(meta?.title !== undefined ? { title: meta.title } : {}),
      ...(meta?.date !== undefined ? { date: meta.date } : {}),
      ...(meta?.status !== undefined ? { status: meta.status } : {}),
      ...(meta?.campaign !== undefined ? { campaign: meta.campaign } : {}),
      platforms: meta?.platforms ?? [],
      diagnostics: result.diagnostics.map(({ fixes: _fixes, ...d }) => d),
    };
  }

  private async loadCache(): Promise<Map<string, IndexedPost>> {
    if (!this.storage) return new Map();
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.storage, CACHE_FILE)));
      return new Map((JSON.parse(text) as IndexedPost[]).map((p) => [p.uri, p]));
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
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.storage, CACHE_FILE), new TextEncoder().encode(JSON.stringify([...this.posts.values()])));
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
    this.watcher.dispose();
    this.changed.dispose();
  }
}
