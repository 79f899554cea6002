import type { Locale } from '../core/i18n/messages';
import { decodePost } from '../core/lint';
import { readSnapshots, type AccountSnapshot, type MetricSnapshot, type SnapshotProblem } from '../core/metrics/snapshot';
import type { History, Workspace } from '../core/ports';
import { parsePost } from '../core/post';
import { reportPost, type ReportPost } from '../core/reporting/input';
import { buildReport, type Report } from '../core/reporting/report';
import { childPath, relativePath } from '../core/text/paths';
import type { CalendarConfig } from '../core/config';
import { mapLimit } from './mapLimit';
import { readPostBytes } from './readPost';
import { walkPosts } from './walk';

/** A metrics file over this is not read whole: 64 MB is years of hourly readings of a large calendar. */
const MAX_METRICS_BYTES = 64 * 1024 * 1024;

export interface ReportPorts {
  readonly workspace: Workspace;
  /** Absent (the browser, no git): lead times are left out. */
  readonly history?: History;
}

/** What reading the calendar for a report found wrong, beside the report itself. */
export interface ReportReading {
  readonly report: Report;
  /** Metrics lines skipped (edited by hand, cut by a crash), by file. */
  readonly metricsProblems: ReadonlyArray<SnapshotProblem & { readonly file: string }>;
  /** Post files that could not be read. */
  readonly unreadable: readonly string[];
}

/**
 * The report of `from`–`to` (days in the calendar's zone) for the calendar: every post read (its
 * frontmatter and text, no rules run), every `metrics/*.jsonl` file, and git's first commit of each post.
 */
export async function calendarReport(ports: ReportPorts, calendar: { readonly root: string; readonly config: CalendarConfig }, options: { readonly from: string; readonly to: string; readonly now: number; readonly locale: Locale }): Promise<ReportReading> {
  const { workspace } = ports;
  const { root, config } = calendar;
  const [walk, created, metrics] = await Promise.all([
    walkPosts(workspace, calendar),
    ports.history ? ports.history.firstCommits(root).catch(() => new Map<string, number>()) : Promise.resolve(new Map<string, number>()),
    readMetrics(workspace, root),
  ]);
  const unreadable: string[] = walk.problems.map((p) => relativePath(root, p.path) ?? p.path);
  const posts = await mapLimit(walk.files, 8, async (path): Promise<ReportPost | undefined> => {
    const file = relativePath(root, path) ?? path;
    const read = await readPostBytes(workspace, path, config.locale);
    const text = 'diagnostic' in read ? undefined : decodePost(read.bytes, config.locale);
    if (typeof text !== 'string') {
      unreadable.push(file);
      return undefined;
    }
    return reportPost(file, parsePost(file, text, config), created.get(path));
  });
  const report = buildReport({ from: options.from, to: options.to, zone: config.timezone, locale: options.locale, cadence: config.cadence, now: options.now, posts: posts.filter((p) => p !== undefined), snapshots: metrics.snapshots, accounts: metrics.accounts });
  return { report, metricsProblems: metrics.problems, unreadable: unreadable.sort() };
}

/** Every `metrics/*.jsonl` of the calendar, in name order (months in order). */
async function readMetrics(workspace: Workspace, root: string): Promise<{ snapshots: MetricSnapshot[]; accounts: AccountSnapshot[]; problems: Array<SnapshotProblem & { file: string }> }> {
  const dir = childPath(root, 'metrics');
  const entries = await workspace.list(dir).catch(() => []);
  const names = entries.filter((e) => e.kind === 'file' && e.name.endsWith('.jsonl')).map((e) => e.name).sort();
  const snapshots: MetricSnapshot[] = [];
  const accounts: AccountSnapshot[] = [];
  const problems: Array<SnapshotProblem & { file: string }> = [];
  const utf8 = new TextDecoder();
  for (const name of names) {
    const file = `metrics/${name}`;
    let bytes: Uint8Array;
    try {
      bytes = await workspace.read(childPath(dir, name), MAX_METRICS_BYTES);
    } catch (error) {
      problems.push({ file, line: 0, reason: (error as Error).message });
      continue;
    }
    const read = readSnapshots(utf8.decode(bytes));
    for (const s of read.snapshots) snapshots.push(s);
    for (const a of read.accounts) accounts.push(a);
    for (const p of read.problems) problems.push({ file, ...p });
  }
  return { snapshots, accounts, problems };
}
