import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parsePostDate } from '../core/dates';
import { message, type Locale } from '../core/i18n/messages';
import { decodePost } from '../core/lint';
import { ExportError, readDashboardExport } from '../core/metrics/dashboardExport';
import { accountLine, metricsFile, snapshotLine, type AccountSnapshot } from '../core/metrics/snapshot';
import { PLATFORM_IDS, type PlatformId } from '../core/model';
import { PLATFORMS } from '../core/platforms/registry';
import { parsePost } from '../core/post';
import { relativePath } from '../core/text/paths';
import { NodeHttp } from '../node/http';
import { EnvSecrets } from '../node/secrets';
import { systemClock } from '../services/clock';
import { fetchMetrics, type AccountFailure, type MetricsFailure } from '../services/metrics/fetch';
import { publishedParts, type PublishedPart } from '../core/metrics/publishedPart';
import { retrying } from '../services/publish/retry';
import { readPostBytes } from '../services/readPost';
import { UsageError, parseCommandArgs } from './args';
import type { CommandResult } from './check';
import type { LintTask } from './lintFiles';
import { printable } from './report/escape';
import { readCsvFile } from './csvFile';
import { collectTasks, workspace } from './tasks';

const FORMATS = ['text', 'json'] as const;

/**
 * `edcal metrics fetch [PATH…] [--since DATE]`, or `edcal metrics import FILE.csv --network N`: reads the counts of every published part of the
 * posts under PATH (default: the calendar) and appends them to the calendar's
 * `metrics/YYYY-MM.jsonl`, one line each, in one write per calendar. The posts are not changed.
 */
export async function metrics(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'metrics', env, ['--since', '--format', '--network'], []);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-metrics'), exitCode: 0 };
  const [verb, ...paths] = args.positionals;
  if (verb === 'import') return importExport(paths, args.options.get('--network') as string | undefined, args.now, cwd, locale, lang);
  if (verb !== 'fetch') throw new UsageError(message(locale, 'cli.metrics-what'));
  const format = (args.options.get('--format') ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(message(locale, 'cli.bad-choice', { option: '--format', allowed: FORMATS.join(', '), value: format }));

  const { tasks, calendars } = await collectTasks(paths, cwd, locale, lang);
  const zone = calendars[0]?.config.timezone ?? 'UTC';
  const now = args.now !== undefined ? parsePostDate(args.now, zone)!.time : systemClock.now();
  const sinceText = args.options.get('--since') as string | undefined;
  const since = sinceText === undefined ? undefined : parsePostDate(sinceText, zone)?.time;
  if (sinceText !== undefined && since === undefined) throw new UsageError(message(locale, 'cli.metrics-bad-since', { value: sinceText }));
  const out = lang ?? calendars[0]?.config.locale ?? locale;

  const summary: Array<{ file: string; written: number; networks: Record<string, number> }> = [];
  const failures: MetricsFailure[] = [];
  const accounts: AccountSnapshot[] = [];
  const accountFailures: AccountFailure[] = [];
  const unsupported = new Set<string>();
  const unwritable: string[] = [];
  let read = 0;
  let asked = 0;
  for (const [root, group] of byCalendar(tasks)) {
    const parts = (await partsOf(group, locale)).filter((p) => since === undefined || p.at === undefined || p.at >= since);
    if (parts.length === 0) continue;
    const config = group[0]!.config;
    const fetched = await fetchMetrics(parts, config, { http: retrying(new NodeHttp(), systemClock), secrets: new EnvSecrets(env), now: () => now });
    for (const n of fetched.unsupported) unsupported.add(PLATFORMS[n].name);
    asked += parts.filter((p) => !fetched.unsupported.includes(p.network)).length;
    failures.push(...fetched.failures);
    accountFailures.push(...fetched.accountFailures);
    if (fetched.snapshots.length === 0 && fetched.accounts.length === 0) continue;
    const file = join(root, metricsFile(now));
    const shown = printable(toPosix(relative(cwd, file)) || '.');
    try {
      mkdirSync(dirname(file), { recursive: true });
      // One write: a run cut short leaves whole lines or none of them (a cut line is skipped on reading).
      appendFileSync(file, [...fetched.snapshots.map(snapshotLine), ...fetched.accounts.map(accountLine)].map((l) => l + '\n').join(''));
    } catch (error) {
      unwritable.push(message(out, 'cli.metrics-cannot-write', { file: shown, reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
      continue;
    }
    read += fetched.snapshots.length;
    accounts.push(...fetched.accounts);
    const networks: Record<string, number> = {};
    for (const s of fetched.snapshots) networks[PLATFORMS[s.network].name] = (networks[PLATFORMS[s.network].name] ?? 0) + 1;
    summary.push({ file: shown, written: fetched.snapshots.length, networks });
  }
  const exitCode = unwritable.length > 0 ? 1 : asked === 0 ? 4 : failures.length === 0 ? 0 : read === 0 ? 1 : 3;
  const stderr = unwritable.length > 0 ? { stderr: unwritable.join('\n') } : {};
  if (format === 'json') {
    return { stdout: JSON.stringify({ written: summary, failures, accounts, accountFailures, unsupported: [...unsupported] }, null, 2), ...stderr, exitCode };
  }
  const text = [
    ...summary.map((s) => message(out, 'cli.metrics-written', { count: s.written, file: s.file, networks: Object.entries(s.networks).map(([n, c]) => `${n} ${c}`).join(', ') })),
    ...accounts.map((a) => message(out, 'cli.metrics-followers', { network: PLATFORMS[a.network].name, account: printable(a.account), followers: a.followers })),
    ...accountFailures.map((f) => message(out, 'cli.metrics-followers-failed', { network: PLATFORMS[f.network].name, reason: message(out, `cli.metrics-${f.failure}`, { detail: printable(f.detail) }) })),
    ...failures.map((f) => message(out, 'cli.metrics-failed', { file: printable(f.file), network: PLATFORMS[f.network].name, part: f.part, reason: message(out, `cli.metrics-${f.failure}`, { detail: printable(f.detail) }) })),
    ...(unsupported.size > 0 ? [message(out, 'cli.metrics-unsupported', { networks: [...unsupported].join(', ') })] : []),
    ...(asked === 0 ? [message(out, 'cli.metrics-nothing')] : []),
  ];
  return { stdout: text.join('\n'), ...stderr, exitCode };
}

/**
 * `edcal metrics import FILE.csv --network N`: a dashboard's export read against the calendar's
 * published parts of that network (by link or id), appended as snapshots taken now.
 */
async function importExport(paths: readonly string[], network: string | undefined, nowText: string | undefined, cwd: string, locale: Locale, lang: Locale | undefined): Promise<CommandResult> {
  const [csv, ...rest] = paths;
  if (csv === undefined || rest.length > 0 || network === undefined) throw new UsageError(message(locale, 'cli.metrics-import-what'));
  if (!(PLATFORM_IDS as readonly string[]).includes(network)) throw new UsageError(message(locale, 'cli.bad-choice', { option: '--network', allowed: PLATFORM_IDS.join(', '), value: network }));
  const file = resolve(cwd, csv);
  const { tasks, calendars } = await collectTasks([], cwd, locale, lang);
  const config = calendars[0]!.config;
  const out = lang ?? config.locale ?? locale;
  const now = nowText !== undefined ? parsePostDate(nowText, config.timezone)!.time : systemClock.now();
  const text = await readCsvFile(file, csv, out);
  let reading;
  try {
    reading = readDashboardExport(text, network as PlatformId, await partsOf(tasks, locale), new Date(now).toISOString());
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    throw new UsageError(message(out, 'cli.metrics-import-no-post-column', { file: printable(csv), columns: printable(error.header.join(', ')) }));
  }
  const root = calendars[0]!.root;
  const target = join(root, metricsFile(now));
  const shown = printable(toPosix(relative(cwd, target)) || '.');
  const lines = [
    ...reading.unmatched.map((row) => message(out, 'cli.metrics-import-unmatched', { file: printable(csv), row, network: PLATFORMS[network as PlatformId].name })),
  ];
  if (reading.snapshots.length > 0) {
    try {
      mkdirSync(dirname(target), { recursive: true });
      appendFileSync(target, reading.snapshots.map((s) => snapshotLine(s) + '\n').join(''));
    } catch (error) {
      return { stdout: lines.join('\n'), stderr: message(out, 'cli.metrics-cannot-write', { file: shown, reason: (error as NodeJS.ErrnoException).code ?? String(error) }), exitCode: 1 };
    }
    lines.unshift(message(out, 'cli.metrics-imported', { count: reading.snapshots.length, file: shown, columns: printable(reading.columns.join(', ')) || '-' }));
  }
  const exitCode = reading.snapshots.length === 0 ? 1 : reading.unmatched.length > 0 ? 3 : 0;
  return { stdout: lines.join('\n'), exitCode };
}

/** The tasks of each calendar root, in order. */
function byCalendar(tasks: readonly LintTask[]): Map<string, LintTask[]> {
  const out = new Map<string, LintTask[]>();
  for (const t of tasks) out.set(t.root, [...(out.get(t.root) ?? []), t]);
  return out;
}

/** The published parts of each post (files that cannot be read as posts have none). */
async function partsOf(tasks: readonly LintTask[], locale: Locale): Promise<PublishedPart[]> {
  const out: PublishedPart[] = [];
  for (const task of tasks) {
    const bytes = await readPostBytes(workspace, task.file, locale);
    if ('diagnostic' in bytes) continue;
    const text = decodePost(bytes.bytes, task.config.locale);
    if (typeof text !== 'string') continue;
    const path = relativePath(task.root, task.file) ?? task.file;
    out.push(...publishedParts(path, parsePost(path, text, task.config)));
  }
  return out;
}

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));
