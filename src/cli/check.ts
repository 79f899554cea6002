import { relative, resolve, sep } from 'node:path';
import { CONFIG_FILE } from '../core/config';
import { CheckCache } from './checkCache';
import { collectTasks } from './tasks';
import { parsePostDate } from '../core/dates';
import { message } from '../core/i18n/messages';
import type { Diagnostic } from '../core/model';
import { UsageError, parseCommandArgs } from './args';
import { lintInOrder, type FileReport, type LintTask } from './lintFiles';
import { GithubReporter } from './report/github';
import { JsonReporter } from './report/json';
import { outputDiagnostic, StringSink, type Prepared, type Reporter, type Sink } from './report/model';
import { Spill } from './report/spill';
import { TextReporter } from './report/text';

const FORMATS = ['text', 'json', 'github'] as const;

/** A path with `/` separators. */
const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

/** What a command prints and the exit status it ends with. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr?: string;
  readonly exitCode: number;
  /** True when `stdout` is printed as is, without a line break added (a feed ending in CRLF). */
  readonly raw?: boolean;
}

/**
 * `edcal check [PATH…]`: lint posts, print them in the chosen format, exit 1 on errors. The
 * report is written to `out` as files are checked (then `stdout` is empty); without `out`, it
 * comes back as `stdout`.
 */
export async function check(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, isTty: boolean, out?: Sink): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'check', env, ['--format'], ['--no-color', '--cache']);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-check'), exitCode: 0 };
  const format = (args.options.get('--format') ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(message(locale, 'cli.bad-choice', { option: '--format', allowed: FORMATS.join(', '), value: format }));
  }
  // --now is read like a post date: without an offset, in the calendar's time zone.
  const nowText = args.now;

  const { tasks, calendars, notices, problems } = await collectTasks(args.positionals, cwd, locale, lang);
  if (tasks.length === 0 && problems.length === 0) throw new UsageError(notices.join('\n') || message(locale, 'cli.no-posts', { globs: '-', root: '.' }));
  const now = typeof nowText === 'string' ? parsePostDate(nowText, calendars[0]?.config.timezone ?? 'UTC')!.time : Date.now();
  // Messages are in the calendar's language unless --lang says otherwise.
  const outLocale = lang ?? calendars[0]?.config.locale ?? locale;
  const color = isTty && !args.options.has('--no-color') && !env['NO_COLOR'];
  const collected = out ? undefined : new StringSink();
  const sink = out ?? collected!;
  const reporter: Reporter = format === 'json' ? new JsonReporter(sink, new Spill()) : format === 'github' ? new GithubReporter(sink, outLocale) : new TextReporter(sink, outLocale, color);

  const rel = printedPath(cwd);
  const summary = { files: 0, posts: 0, errors: 0, warnings: 0 };
  let findings = 0;
  const report = (file: string, d: Diagnostic) => {
    findings++;
    if (d.severity === 'error') summary.errors++;
    else if (d.severity === 'warning') summary.warnings++;
    reporter.diagnostic(outputDiagnostic(rel(file), d));
  };
  for (const calendar of calendars) {
    for (const d of calendar.configDiagnostics) report(resolve(calendar.root, CONFIG_FILE), d);
  }
  // Files in order of their absolute path, as the formats list them; what the walk could not read
  // comes first among equals.
  const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const sortedProblems = [...problems].sort(byFile);
  const sortedTasks = [...tasks].sort(byFile);
  let p = 0;
  const emit = async (r: FileReport) => {
    summary.files++;
    if (r.post) {
      summary.posts++;
      reporter.post({ file: rel(r.file), ...r.post });
    }
    for (const d of r.diagnostics) report(r.file, d);
    await sink.drained();
  };
  const problemsBefore = async (task?: LintTask) => {
    while (p < sortedProblems.length && (task === undefined || sortedProblems[p]!.file <= task.file)) await emit(sortedProblems[p++]!);
  };
  const emitPrepared = async (file: string, output: Prepared) => {
    summary.files++;
    if (output.post !== undefined) summary.posts++;
    summary.errors += output.errors;
    summary.warnings += output.warnings;
    findings += output.diagnostics.length;
    reporter.prepared(rel(file), output);
    await sink.drained();
  };
  // The JSON format writes a cached file's texts as they are; the others read each finding back.
  const cache = args.options.has('--cache') ? CheckCache.open(calendars, now, format !== 'json') : undefined;
  const known = async (task: LintTask) => cache?.get(task);
  await lintInOrder(sortedTasks, now, known, async (task, result) => {
    await problemsBefore(task);
    if ('known' in result) {
      cache!.keep(task);
      await emitPrepared(task.file, result.known);
    } else {
      cache?.record(task, result.report);
      await emit(result.report);
    }
  });
  await problemsBefore();
  cache?.close();
  await reporter.end(summary, findings);
  const result = { ...(notices.length > 0 ? { stderr: notices.join('\n') } : {}), exitCode: summary.errors > 0 ? 1 : 0 };
  // The formats end with a line break; the caller of a string result adds it.
  return { stdout: collected ? collected.toString().slice(0, -1) : '', ...result };
}

/**
 * A file's path as the formats print it: relative to `cwd`, with `/`, as `path.relative` gives it.
 * Files under `cwd` (nearly all) are cut after its prefix instead: `path.relative` resolves both
 * paths again for each of 100,000 posts and their findings.
 */
export function printedPath(cwd: string): (file: string) => string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  return (file) => {
    const rest = file.startsWith(prefix) ? file.slice(prefix.length) : undefined;
    if (rest !== undefined && rest !== '' && !NOT_NORMAL.test(rest)) return toPosix(rest);
    return toPosix(relative(cwd, file)) || '.';
  };
}

/** A segment `.` or `..`, an empty one, or a trailing separator: left to `path.relative`. */
const NOT_NORMAL = /(?:^|[\\/])\.{1,2}(?:[\\/]|$)|[\\/]{2}|[\\/]$|^[\\/]/;
