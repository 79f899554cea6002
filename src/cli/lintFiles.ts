import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { CalendarConfig } from '../core/config';
import { message } from '../core/i18n/messages';
import { lintBytes } from '../core/lint';
import { toZonedIso } from '../core/zone';
import type { Diagnostic, PlatformId } from '../core/model';
import { toPosix } from './calendarFiles';

/** One file to lint, with the settings of its calendar. */
export interface LintTask {
  readonly file: string;
  readonly root: string;
  readonly config: CalendarConfig;
}

/** What the CLI keeps of a linted file: plain data, cheap to pass between threads. */
export interface FileReport {
  readonly file: string;
  readonly post?: {
    readonly title?: string;
    readonly date?: string;
    readonly status?: string;
    readonly platforms: Partial<Record<PlatformId, { parts: Array<{ length: number; limit: number; hashtags: string[] }> }>>;
  };
  readonly diagnostics: readonly Diagnostic[];
}

/** Lints one file from disk. Never throws: an unreadable file becomes a `file.unreadable` finding. */
export function lintFile(task: LintTask, now: number): FileReport {
  const calendarPath = toPosix(relative(task.root, task.file));
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(task.file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    const zero = { line: 0, character: 0 };
    return {
      file: task.file,
      diagnostics: [{ code: 'file.unreadable', severity: 'error', message: message(task.config.locale, 'file.unreadable', { reason }), range: { start: zero, end: zero } }],
    };
  }
  const exists = new Map<string, boolean>();
  const result = lintBytes(calendarPath, bytes, {
    config: task.config,
    now,
    fileExists: (path) => {
      let known = exists.get(path);
      if (known === undefined) exists.set(path, (known = existsSync(join(task.root, path))));
      return known;
    },
  });
  if (!result.post) return { file: task.file, diagnostics: result.diagnostics };
  const { meta } = result.post;
  const platforms: NonNullable<FileReport['post']>['platforms'] = {};
  for (const r of result.renders) {
    platforms[r.platform] = { parts: r.parts.map((p) => ({ length: p.length, limit: p.limit, hashtags: [...p.hashtags] })) };
  }
  return {
    file: task.file,
    post: {
      ...(meta.title !== undefined ? { title: meta.title } : {}),
      ...(meta.date !== undefined ? { date: toZonedIso(meta.date, task.config.timezone) } : {}),
      ...(meta.status !== undefined ? { status: meta.status } : {}),
      platforms,
    },
    diagnostics: result.diagnostics,
  };
}

/** Below this many files, threads cost more to start than they save. */
const PARALLEL_THRESHOLD = 400;

/**
 * Lints files, on every core for large calendars: the main thread takes a share and each worker
 * (this same script, started as a worker thread) another. Results come back in the tasks' order.
 */
export async function lintFiles(tasks: readonly LintTask[], now: number, threads = defaultThreads()): Promise<FileReport[]> {
  if (tasks.length < PARALLEL_THRESHOLD || threads < 2) return tasks.map((t) => lintFile(t, now));
  const chunks = Array.from({ length: threads }, (_, i) => tasks.filter((_, j) => j % threads === i));
  const workers = chunks.slice(1).map(
    (chunk) =>
      new Promise<FileReport[]>((resolveChunk, reject) => {
        const worker = new Worker(__filename, { workerData: { tasks: chunk, now } });
        worker.once('message', resolveChunk);
        worker.once('error', reject);
      }),
  );
  const mine = chunks[0]!.map((t) => lintFile(t, now));
  const others = await Promise.all(workers);
  const all = [mine, ...others];
  return tasks.map((_, j) => all[j % threads]![Math.floor(j / threads)]!);
}

function defaultThreads(): number {
  const fromEnv = Number(process.env['EDCAL_THREADS']);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Worker side: lint the chunk handed over and send the reports back. */
export function runWorkerIfAny(): boolean {
  if (isMainThread || !parentPort) return false;
  const { tasks, now } = workerData as { tasks: LintTask[]; now: number };
  parentPort.postMessage(tasks.map((t) => lintFile(t, now)));
  return true;
}
