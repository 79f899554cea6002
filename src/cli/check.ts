import { relative, resolve, sep } from 'node:path';
import { CONFIG_FILE } from '../core/config';
import type { Calendar } from '../services/calendarFiles';
import { collectTasks } from './tasks';
import { parsePostDate } from '../core/dates';
import { message } from '../core/i18n/messages';
import type { Diagnostic } from '../core/model';
import { UsageError, parseCommandArgs } from './args';
import { lintFiles, type FileReport } from './lintFiles';
import { formatGithub } from './report/github';
import { formatJson } from './report/json';
import type { CheckOutput, OutputDiagnostic } from './report/model';
import { formatText } from './report/text';

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

/** `edcal check [PATH…]`: lint posts, print them in the chosen format, exit 1 on errors. */
export async function check(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, isTty: boolean): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'check', env, ['--format'], ['--no-color']);
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
  const reports = [...problems, ...(await lintFiles(tasks, now))].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const output = toOutput(reports, calendars, cwd);
  // Messages are in the calendar's language unless --lang says otherwise.
  const outLocale = lang ?? calendars[0]?.config.locale ?? locale;
  const color = isTty && !args.options.has('--no-color') && !env['NO_COLOR'];
  const stdout = format === 'json' ? formatJson(output) : format === 'github' ? formatGithub(output, outLocale) : formatText(output, outLocale, color);
  return { stdout, ...(notices.length > 0 ? { stderr: notices.join('\n') } : {}), exitCode: output.summary.errors > 0 ? 1 : 0 };
}

function toOutput(reports: readonly FileReport[], calendars: readonly Calendar[], cwd: string): CheckOutput {
  const rel = (file: string) => toPosix(relative(cwd, file)) || '.';
  const diagnostics: OutputDiagnostic[] = [];
  const flatten = (file: string, d: Diagnostic): OutputDiagnostic => ({
    file: rel(file),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    ...(d.platform ? { platform: d.platform } : {}),
    message: d.message,
  });
  for (const calendar of calendars) {
    for (const d of calendar.configDiagnostics) diagnostics.push(flatten(resolve(calendar.root, CONFIG_FILE), d));
  }
  const posts: Array<CheckOutput['posts'][number]> = [];
  for (const report of reports) {
    if (report.post) posts.push({ file: rel(report.file), ...report.post });
    for (const d of report.diagnostics) diagnostics.push(flatten(report.file, d));
  }
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  return { posts, diagnostics, summary: { files: reports.length, posts: posts.length, errors: count('error'), warnings: count('warning') } };
}
