import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Calendar } from '../services/calendarFiles';
import { FIELDS, RecordReader, type CacheRecord } from './cacheRecords';
import type { FileReport, LintTask } from './lintFiles';
import { diagnosticOf, diagnosticRest, postRest } from './report/json';
import { outputDiagnostic, type Prepared } from './report/model';
import { mediaProbe } from './tasks';

declare const EDCAL_VERSION: string;

/** The folder, in the calendar, that `.gitignore` keeps out of git (and a walk never enters: it is hidden). */
export const CACHE_DIR = '.edcal-cache';
const CACHE_FILE = 'check-v2';
/** Bytes of the new cache held before they are written. */
const WRITE_CHUNK = 1 << 20;

interface Stat {
  readonly mtime: number;
  readonly size: number;
}

/**
 * `edcal check --cache`, as eslint's: each file's output is kept in `.edcal-cache/` of the
 * calendar and reused while the file's size and modification time, the settings of every calendar
 * checked, the language, the tool (version and build), the post's media files (where each stands)
 * and its side of its date (`date.past`, for the `--now` given) all say it still holds: the
 * output is always what a run without the cache prints. Posts whose findings depend on more (media
 * contents for pinned approvals, git's history) are checked every time.
 *
 * The file is the settings as a line of JSON, then a record per file, in the order of their paths
 * (the order files are checked in, so that a run reads it once, front to back, beside its walk):
 * a line of tab-separated fields, then the file's texts (its `Prepared` entries, as the JSON format
 * writes them, one after another) and a line break. The fields: the path as JSON, modification
 * time, size, the `--now` it was checked at, the instant its date turns past (or nothing), its
 * media and their statuses as JSON, its count of errors and of warnings, the length of its post's
 * entry (nothing when not a post), the lengths of its findings' entries (comma-separated), and the
 * byte length of the texts. A hit is decided on the fields alone; its texts are written out as they
 * are, never parsed (but for the text and GitHub formats, which read each finding back).
 */
export class CheckCache {
  private reader: RecordReader | undefined;
  private fd: number | undefined;
  /** A record read but not yet reached by the run's files. */
  private ahead: CacheRecord | undefined;
  /** The record of each file looked up and not yet emitted. */
  private readonly matched = new Map<string, CacheRecord>();
  /** Each file's size and time, taken before it is read: a change made while checking it is seen next time. */
  private readonly stats = new Map<string, Stat>();
  private readonly media = new Map<string, Promise<boolean>>();
  /** While the new cache is the old one so far: how many bytes of it that is. */
  private same = 0;
  private out: { fd: number; path: string } | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    private readonly dir: string,
    private readonly signature: string,
    private readonly now: number,
    private readonly verify: boolean,
  ) {}

  /**
   * The cache of a run over `calendars` (kept in the first one's folder), as it stands on disk.
   * `verify`: each finding is read back before its file counts as a hit (for the formats that do).
   */
  static open(calendars: readonly Calendar[], now: number, verify: boolean): CheckCache | undefined {
    const first = calendars[0];
    if (!first) return undefined;
    const cache = new CheckCache(join(first.root, CACHE_DIR), signatureOf(calendars), now, verify);
    try {
      cache.fd = openSync(join(cache.dir, CACHE_FILE), 'r');
      const reader = new RecordReader(cache.fd);
      if (reader.firstLine() === cache.signature) {
        cache.reader = reader;
        cache.same = reader.offset;
      }
    } catch {
      // No cache yet, or an unreadable one: every file is checked.
    }
    return cache;
  }

  /**
   * The kept output of a task's file, when everything it depends on is as it was. Files are
   * looked up in the order of their paths.
   */
  async get(task: LintTask): Promise<Prepared | undefined> {
    const s = statSync(task.file, { throwIfNoEntry: false });
    if (!s?.isFile()) return undefined;
    this.stats.set(task.file, { mtime: s.mtimeMs, size: s.size });
    const record = this.find(JSON.stringify(task.file), task.file);
    if (!record) return undefined;
    this.matched.set(task.file, record);
    const [, mtime, size, then, pastText, media] = record.fields;
    if (Number(mtime) !== s.mtimeMs || Number(size) !== s.size) return undefined;
    const pastFrom = pastText === '' ? undefined : Number(pastText);
    if (pastFrom !== undefined && pastFrom <= Number(then) !== pastFrom <= this.now) return undefined;
    if (media !== '{}' && !(await this.mediaHolds(task.root, media!))) return undefined;
    return this.prepared(record);
  }

  /** Keeps the record of a file whose output came from `get`. */
  keep(task: LintTask): void {
    const record = this.matched.get(task.file)!;
    this.matched.delete(task.file);
    this.stats.delete(task.file);
    if (this.out === undefined && record.offset === this.same) this.same += record.bytes.length;
    else this.write(record.bytes);
  }

  /** Records the report of a file just checked (kept only when it says what it depends on). */
  record(task: LintTask, report: FileReport): void {
    const old = this.matched.get(task.file);
    this.matched.delete(task.file);
    const stat = this.stats.get(task.file);
    this.stats.delete(task.file);
    if (!report.depends || !stat) {
      // Not kept: the new cache differs from the old one only if the old one had it.
      if (old) this.start();
      return;
    }
    const post = report.post ? Buffer.from(postRest(report.post)) : undefined;
    const diagnostics = report.diagnostics.map((d) => Buffer.from(diagnosticRest(outputDiagnostic('', d))));
    const texts = post ? [post, ...diagnostics] : diagnostics;
    const { pastFrom, media } = report.depends;
    const fields = [
      JSON.stringify(task.file),
      stat.mtime,
      stat.size,
      this.now,
      pastFrom ?? '',
      JSON.stringify(media),
      report.diagnostics.filter((d) => d.severity === 'error').length,
      report.diagnostics.filter((d) => d.severity === 'warning').length,
      post?.length ?? '',
      diagnostics.map((d) => d.length).join(','),
      texts.reduce((n, t) => n + t.length, 0),
    ];
    this.write(Buffer.concat([Buffer.from(`${fields.join('\t')}\n`), ...texts, NEWLINE]));
  }

  /** Puts the new cache in place of the old one, when anything changed (files checked, or gone). */
  close(): void {
    // What is left unread of the old file belongs to files this run did not see: removed, or
    // outside the paths given.
    const unchanged = !this.out && this.reader !== undefined && this.same === fstatSync(this.fd!).size;
    if (!unchanged) {
      this.start();
      this.flush();
      closeSync(this.out!.fd);
      renameSync(this.out!.path, join(this.dir, CACHE_FILE));
    }
    if (this.fd !== undefined) closeSync(this.fd);
  }

  /** The record of `file` (`key`: its path as JSON), reading past those of files no longer there. */
  private find(key: string, file: string): CacheRecord | undefined {
    for (;;) {
      const record = this.ahead ?? this.reader?.next();
      this.ahead = undefined;
      if (!record) return undefined;
      if (record.key === key) return record;
      let path: unknown;
      try {
        path = JSON.parse(record.key);
      } catch {
        // Not a path: the record is dropped.
      }
      // A file after this one in path order: this one is new, the record waits for its own.
      if (typeof path === 'string' && path > file) {
        this.ahead = record;
        return undefined;
      }
    }
  }

  /** Whether a post's media files (as JSON: calendar path → status) all stand as they did. */
  private mediaHolds(root: string, media: string): Promise<boolean> {
    const key = `${root}\n${media}`;
    let holds = this.media.get(key);
    if (!holds) {
      holds = (async () => {
        try {
          const probe = mediaProbe(root);
          for (const [path, status] of Object.entries(JSON.parse(media) as Record<string, string>)) if ((await probe.status(path)) !== status) return false;
          return true;
        } catch {
          return false;
        }
      })();
      this.media.set(key, holds);
    }
    return holds;
  }

  /** A record's texts, cut at the lengths its fields give; undefined when they do not fit together. */
  private prepared(record: CacheRecord): Prepared | undefined {
    const f = record.fields;
    const errors = Number(f[FIELDS - 5]);
    const warnings = Number(f[FIELDS - 4]);
    const postLength = f[FIELDS - 3] === '' ? undefined : Number(f[FIELDS - 3]);
    const lengths = f[FIELDS - 2] === '' ? [] : f[FIELDS - 2]!.split(',').map(Number);
    const { bytes } = record;
    const end = bytes.length - 1;
    let at = record.textStart;
    const entry = (length: number) => {
      const piece = Number.isSafeInteger(length) && length >= 8 && at + length <= end ? bytes.subarray(at, (at += length)) : undefined;
      return piece && isEntry(piece) ? piece : undefined;
    };
    const post = postLength === undefined ? undefined : entry(postLength);
    if (postLength !== undefined && post === undefined) return undefined;
    const diagnostics: Buffer[] = [];
    for (const length of lengths) {
      const piece = entry(length);
      if (piece === undefined) return undefined;
      diagnostics.push(piece);
    }
    if (at !== end || !Number.isSafeInteger(errors) || !Number.isSafeInteger(warnings)) return undefined;
    if (this.verify) {
      try {
        for (const d of diagnostics) diagnosticOf('', d);
      } catch {
        return undefined;
      }
    }
    return { ...(post !== undefined ? { post } : {}), diagnostics, errors, warnings };
  }

  /**
   * The new cache is written only once it differs from the old one: a run with nothing changed
   * (the case the cache is for) writes nothing at all. It starts as the part of the old one that
   * still holds, copied, and replaces it at `close`.
   */
  private start(): void {
    if (this.out) return;
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, `${CACHE_FILE}.${process.pid}`);
    this.out = { fd: openSync(path, 'w', 0o644), path };
    if (this.same === 0 || this.fd === undefined) {
      writeSync(this.out.fd, this.signature + '\n');
      return;
    }
    const buffer = Buffer.allocUnsafe(WRITE_CHUNK);
    for (let position = 0; position < this.same; ) {
      const n = readSync(this.fd, buffer, 0, Math.min(buffer.length, this.same - position), position);
      if (n === 0) break;
      writeSync(this.out.fd, buffer, 0, n);
      position += n;
    }
  }

  private write(bytes: Buffer): void {
    this.start();
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_CHUNK) this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) writeSync(this.out!.fd, Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** What every cached report depends on: the tool (its version, and its build: a rebuilt `edcal` checks again) and the settings of each calendar. */
const NEWLINE = Buffer.from('\n');

/** Whether bytes look like an entry after its file's name: `,\n` … `\n    }` (see `postRest`). */
function isEntry(b: Buffer): boolean {
  const n = b.length;
  return b[0] === 0x2c && b[1] === 0x0a && b[n - 6] === 0x0a && b[n - 5] === 0x20 && b[n - 4] === 0x20 && b[n - 3] === 0x20 && b[n - 2] === 0x20 && b[n - 1] === 0x7d;
}

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
