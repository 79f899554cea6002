import { availableParallelism } from 'node:os';
import { fork } from 'node:child_process';
import type { CalendarConfig } from '../core/config';
import type { Diagnostic, MediaStatus, PlatformId } from '../core/model';
import { forEachInOrder, mapLimit } from '../services/mapLimit';

/** One file to lint, with the settings of its calendar. */
export interface LintTask {
  readonly file: string;
  readonly root: string;
  readonly config: CalendarConfig;
}

/** What the CLI keeps of a linted file: plain data, cheap to pass between processes. */
export interface FileReport {
  readonly file: string;
  readonly post?: {
    readonly title?: string;
    readonly date?: string;
    readonly status?: string;
    readonly platforms: Partial<Record<PlatformId, { parts: Array<{ length: number; limit: number; hashtags: string[] }> }>>;
  };
  readonly diagnostics: readonly Diagnostic[];
  /** What else the findings depend on, for the cache (see `CheckCache`); absent when it cannot tell. */
  readonly depends?: Depends;
}

/** What a post's findings depend on besides its file and the settings. */
export interface Depends {
  /** Its media files (calendar-relative) and where they stood. */
  readonly media: Readonly<Record<string, MediaStatus>>;
  /** From this instant on, its date is past (`date.past`): an unpublished post with a date. */
  readonly pastFrom?: number;
}

/**
 * The checker, loaded when a file is first checked: a run the cache answers for whole never
 * initialises it (the rules, the networks' counting, twitter-text: a fifth of edcal's start-up).
 * `require`, not `import()`: the bundle defers the module either way, and tests running the
 * sources load `.ts` files through `require` only.
 */
let checker: typeof import('./lintFile') | undefined;
const lintFile = (task: LintTask, now: number) => (checker ??= require('./lintFile') as typeof import('./lintFile')).lintFile(task, now);


/** Lints files a few at a time: reading the next files overlaps checking this one. */
const lintChunk = (tasks: readonly LintTask[], now: number) => mapLimit(tasks, 8, (task) => lintFile(task, now));

/** Files checked together at most, between two files `known` answers for: enough to keep 8 in flight. */
const RUN = 256;

/**
 * Lints files and hands each result to `emit` in the tasks' order as soon as it can, keeping none
 * (see `forEachInOrder`): a report, or what `known` answered for a file already checked (the
 * cache, asked in the tasks' order). On several processes (`EDCAL_JOBS`, see `lintFiles`), each
 * process's reports arrive together.
 */
export async function lintInOrder<K>(
  tasks: readonly LintTask[],
  now: number,
  known: (task: LintTask) => Promise<K | undefined>,
  emit: (task: LintTask, result: { readonly report: FileReport } | { readonly known: K }) => void | Promise<void>,
): Promise<void> {
  const jobs = Number(process.env['EDCAL_JOBS']);
  if (Number.isInteger(jobs) && jobs > 1) {
    const cached: Array<K | undefined> = [];
    for (const task of tasks) cached.push(await known(task));
    const unknown = tasks.filter((_, i) => cached[i] === undefined);
    const reports = await lintFiles(unknown, now);
    const byTask = new Map(unknown.map((t, i) => [t, reports[i]!]));
    for (const [i, task] of tasks.entries()) {
      const k = cached[i];
      await emit(task, k !== undefined ? { known: k } : { report: byTask.get(task)! });
    }
    return;
  }
  // Known files are emitted as they come; the others, a run at a time up to the next known one,
  // are checked a few at a time.
  for (let i = 0; i < tasks.length; ) {
    const run: LintTask[] = [];
    let next: K | undefined;
    while (i < tasks.length && run.length < RUN && (next = await known(tasks[i]!)) === undefined) run.push(tasks[i++]!);
    if (run.length > 0) await forEachInOrder(run, 8, (task) => lintFile(task, now), (report, j) => emit(run[j]!, { report }));
    if (next !== undefined) await emit(tasks[i++]!, { known: next });
  }
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
  if (threads < 2) return lintChunk(tasks, now);
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
  const mine = await lintChunk(chunks[0]!, now);
  const others = await Promise.all(workers);
  const all = [mine, ...others];
  return tasks.map((_, j) => all[j % threads]![Math.floor(j / threads)]!);
}

/** Worker side (this script started with EDCAL_WORKER=1): lint the chunk sent and send the reports back. */
export function runWorkerIfAny(): boolean {
  if (process.env['EDCAL_WORKER'] !== '1' || !process.send) return false;
  process.once('message', (message) => {
    const { tasks, now } = message as { tasks: LintTask[]; now: number };
    void lintChunk(tasks, now).then((reports) => process.send!(reports));
  });
  return true;
}
