import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Calendar } from '../services/calendarFiles';
import type { FileReport, LintTask } from './lintFiles';
import { mediaProbe, workspace } from './tasks';

declare const EDCAL_VERSION: string;

/** The folder, in the calendar, that `.gitignore` keeps out of git (and a walk never enters: it is hidden). */
export const CACHE_DIR = '.edcal-cache';
const CACHE_FILE = 'check-v1.jsonl';

/** One line of the cache after the first (after its file's path): a file's report and what it was checked against. */
interface Entry {
  readonly mtime: number;
  readonly size: number;
  /** `--now` (or the clock) of the run that checked it. */
  readonly now: number;
  readonly report: FileReport;
}

/**
 * `edcal check --cache`, as eslint's: each file's report is kept in `.edcal-cache/` of the
 * calendar and reused while the file's size and modification time, the settings of every calendar
 * checked, the language, the tool (version and build), the post's media files (where each stands)
 * and its side of its date (`date.past`, for the `--now` given) all say it still holds: the
 * output is always what a run without the cache prints. Posts whose findings depend on more (media
 * contents for pinned approvals, git's history) are checked every time.
 *
 * The cache is a line of settings, then one JSON line per file, parsed only when its file comes up.
 */
export class CheckCache {
  private readonly lines = new Map<string, string>();
  /** Each file's size and time, taken before it is read: a change made while checking it is seen next time. */
  private readonly stats = new Map<string, { readonly mtime: number; readonly size: number }>();
  private out: { fd: number; path: string } | undefined;
  private pending: string[] = [];
  private pendingLength = 0;
  /** Whether the file written differs from the one read (else it is left as it was). */
  private changed = false;

  private constructor(
    private readonly dir: string,
    private readonly signature: string,
    private readonly now: number,
  ) {}

  /** The cache of a run over `calendars` (kept in the first one's folder), as it stands on disk. */
  static open(calendars: readonly Calendar[], now: number): CheckCache | undefined {
    const first = calendars[0];
    if (!first) return undefined;
    const cache = new CheckCache(join(first.root, CACHE_DIR), signatureOf(calendars), now);
    try {
      const text = readFileSync(join(cache.dir, CACHE_FILE), 'utf8');
      const lines = text.split('\n');
      if (lines[0] === cache.signature) {
        for (let i = 1; i < lines.length; i++) {
          const line = lines[i]!;
          // `"file"<TAB>{entry}`: a JSON string never holds a raw tab.
          const tab = line.indexOf('\t');
          if (tab > 0) cache.lines.set(JSON.parse(line.slice(0, tab)) as string, line);
        }
      }
    } catch {
      // No cache yet, or an unreadable one: every file is checked.
    }
    cache.changed = cache.lines.size === 0;
    return cache;
  }

  /** The cached report of a task's file, when everything it depends on is as it was. */
  async get(task: LintTask): Promise<FileReport | undefined> {
    let stat;
    try {
      stat = await workspace.stat(task.file);
    } catch {
      return undefined;
    }
    if (stat.kind !== 'file') return undefined;
    this.stats.set(task.file, stat);
    const line = this.lines.get(task.file);
    if (line === undefined) return undefined;
    let entry: Entry;
    try {
      entry = JSON.parse(line.slice(line.indexOf('\t') + 1)) as Entry;
    } catch {
      return undefined; // a line cut short, or edited by hand
    }
    const depends = entry.report?.depends;
    if (!depends || stat.mtime !== entry.mtime || stat.size !== entry.size) return undefined;
    if (depends.pastFrom !== undefined && depends.pastFrom <= entry.now !== depends.pastFrom <= this.now) return undefined;
    const probe = mediaProbe(task.root);
    for (const [path, status] of Object.entries(depends.media)) if ((await probe.status(path)) !== status) return undefined;
    return entry.report;
  }

  /**
   * Records a task's report as the run goes: the new cache is written beside the old one, and
   * replaces it at `close`. `reused` says it came from `get`.
   */
  put(task: LintTask, report: FileReport, reused: boolean): void {
    const old = this.lines.get(task.file);
    this.lines.delete(task.file);
    const stat = this.stats.get(task.file);
    this.stats.delete(task.file);
    if (!report.depends || !stat) {
      if (old !== undefined) this.changed = true;
      return;
    }
    if (!reused) this.changed = true;
    const entry: Entry = { mtime: stat.mtime, size: stat.size, now: this.now, report };
    this.write(reused ? old! + '\n' : `${JSON.stringify(task.file)}\t${JSON.stringify(entry)}\n`);
  }

  /** Puts the new cache in place of the old one, when anything changed (files checked, or gone). */
  close(): void {
    // Entries left unread belong to files this run did not see: removed, or outside the paths given.
    if (!this.changed && this.lines.size === 0) return;
    if (!this.out) this.open();
    const { fd, path } = this.out!;
    this.flush();
    closeSync(fd);
    renameSync(path, join(this.dir, CACHE_FILE));
  }

  /**
   * Lines of the new cache are held, not written, until something differs from the old one: a run
   * with nothing changed (the case the cache is for) writes nothing at all.
   */
  private write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (!this.changed) return;
    if (!this.out) this.open();
    if (this.pendingLength >= 1 << 20) this.flush();
  }

  /** Starts the new cache beside the old one, with the settings line and the lines held so far. */
  private open(): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, `${CACHE_FILE}.${process.pid}`);
    this.out = { fd: openSync(path, 'w', 0o644), path };
    this.pending.unshift(this.signature + '\n');
  }

  private flush(): void {
    writeSync(this.out!.fd, this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}

/** What every cached report depends on: the tool (its version, and its build: a rebuilt `edcal` checks again) and the settings of each calendar. */
function signatureOf(calendars: readonly Calendar[]): string {
  let build = '';
  try {
    const s = statSync(__filename);
    build = `${s.size}:${s.mtimeMs}`;
  } catch {
    // Run from sources (tests): the version alone.
  }
  const version = typeof EDCAL_VERSION === 'string' ? EDCAL_VERSION : 'dev';
  return JSON.stringify({ version, build, calendars: calendars.map((c) => [c.root, c.config]) });
}
