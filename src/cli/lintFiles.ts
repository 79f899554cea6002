import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fork } from 'node:child_process';
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

const exists = new Map<string, boolean>();

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
  const result = lintBytes(calendarPath, bytes, {
    config: task.config,
    now,
    fileExists: (path) => {
      // Many posts share media: ask the disk once per file.
      const absolute = join(task.root, path);
      let known = exists.get(absolute);
      if (known === undefined) exists.set(absolute, (known = existsSync(absolute)));
      return known;
    },
  });
  // Fixes are for editors; the CLI reports findings only (and sends less between processes).
  const diagnostics = result.diagnostics.map(({ fixes: _fixes, ...d }) => d);
  if (!result.post) return { file: task.file, diagnostics };
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
    diagnostics,
  };
}

/**
 * Lints files. With `EDCAL_JOBS=n` (n > 1), on n processes: this one takes a share and each worker
 * process (this same script, started with EDCAL_WORKER=1) another; results come back in the tasks'
 * order. One process is the default: on the 2-vCPU machines we measure on, two processes were no
 * faster on 10,000 posts (they slow each other down), so it stays an opt-in for bigger machines.
 */
export async function lintFiles(tasks: readonly LintTask[], now: number): Promise<FileReport[]> {
  const jobs = Number(process.env['EDCAL_JOBS']);
  const threads = Number.isInteger(jobs) && jobs > 1 ? Math.min(jobs, availableParallelism() * 2) : 1;
  if (threads < 2) return tasks.map((t) => lintFile(t, now));
  const chunks = Array.from({ length: threads }, (_, i) => tasks.filter((_, j) => j % threads === i));
  const workers = chunks.slice(1).map(
    (chunk) =>
      new Promise<FileReport[]>((resolveChunk, reject) => {
        // Processes, not worker threads: measured on 10,000 posts, two threads in one process were
        // slower than one; two processes are faster.
        const child = fork(__filename, [], { env: { ...process.env, EDCAL_WORKER: '1' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
        child.once('message', (reports) => {
          resolveChunk(reports as FileReport[]);
          child.disconnect();
        });
        child.once('error', reject);
        child.once('exit', (code) => code !== 0 && reject(new Error(`edcal worker exited with ${code}`)));
        child.send({ tasks: chunk, now });
      }),
  );
  const mine: FileReport[] = [];
  for (const task of chunks[0]!) {
    mine.push(lintFile(task, now));
    // Let the event loop move the workers' messages while this thread works.
    if (mine.length % 100 === 0) await new Promise((r) => setImmediate(r));
  }
  const others = await Promise.all(workers);
  const all = [mine, ...others];
  return tasks.map((_, j) => all[j % threads]![Math.floor(j / threads)]!);
}

/** Worker side (this script started with EDCAL_WORKER=1): lint the chunk sent and send the reports back. */
export function runWorkerIfAny(): boolean {
  if (process.env['EDCAL_WORKER'] !== '1' || !process.send) return false;
  process.once('message', (message) => {
    const { tasks, now } = message as { tasks: LintTask[]; now: number };
    process.send!(tasks.map((t) => lintFile(t, now)));
  });
  return true;
}
