import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { addDays, addMonths, dayKey, isDay } from '../core/calendar';
import { monthOf } from '../core/calendarPage';
import { parsePostDate } from '../core/dates';
import { message } from '../core/i18n/messages';
import { reportHtml } from '../core/reporting/html';
import { reportMarkdown } from '../core/reporting/markdown';
import { dayCount } from '../core/reporting/report';
import { periodText } from '../core/reporting/sections';
import { NodeGitHistory } from '../node/gitHistory';
import { systemClock } from '../services/clock';
import { calendarReport } from '../services/report';
import { UsageError, parseCommandArgs } from './args';
import type { CommandResult } from './check';
import { toPosix } from './publish';
import { printable } from './report/escape';
import { collectTasks, workspace } from './tasks';

const FORMATS = ['md', 'html', 'json'] as const;
/** Ten years: more is a typo, and not a report anyone reads. */
const MAX_DAYS = 3660;

/**
 * `edcal report [PATH] [--month YYYY-MM | --from DAY --to DAY] [--format md|html|json] [--out FILE]`:
 * the calendar's report for the period (default: the last whole month), from its posts, its
 * metrics files and git (see src/core/reporting/report.ts).
 */
export async function report(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'report', env, ['--month', '--from', '--to', '--format', '--out'], []);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-report'), exitCode: 0 };
  const format = (args.options.get('--format') ?? 'md') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(message(locale, 'cli.bad-choice', { option: '--format', allowed: FORMATS.join(', '), value: format }));
  if (args.positionals.length > 1) throw new UsageError(message(locale, 'cli.report-one-calendar'));

  const { calendars } = await collectTasks(args.positionals, cwd, locale, lang);
  const calendar = calendars[0];
  if (!calendar) throw new UsageError(message(locale, 'cli.no-calendar', { dir: printable(cwd) }));
  const zone = calendar.config.timezone;
  const now = args.now !== undefined ? parsePostDate(args.now, zone)!.time : systemClock.now();
  const { from, to } = period(args.options, dayKey(now, zone), locale);
  const out = lang ?? calendar.config.locale;

  const reading = await calendarReport({ workspace, history: new NodeGitHistory() }, calendar, { from, to, now, locale: out });
  const text = format === 'html' ? reportHtml(reading.report) : format === 'json' ? JSON.stringify(reading.report, null, 2) + '\n' : reportMarkdown(reading.report);
  const shown = (p: string) => printable(toPosix(relative(cwd, resolve(calendar.root, p))) || '.');
  const stderr = [
    ...reading.metricsProblems.map((p) => message(out, 'cli.report-metrics-problem', { file: shown(p.file), line: p.line, reason: printable(p.reason) })),
    ...reading.unreadable.map((f) => message(out, 'cli.report-unreadable', { file: shown(f) })),
  ];
  const target = args.options.get('--out');
  if (typeof target === 'string') {
    const file = resolve(cwd, target);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    } catch (error) {
      throw new UsageError(message(out, 'cli.calendar-unwritable', { file: printable(target), reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
    }
    stderr.push(message(out, 'cli.report-written', { period: periodText(reading.report), file: printable(target) }));
    return { stdout: '', stderr: stderr.join('\n'), exitCode: 0 };
  }
  return { stdout: text.replace(/\n$/, ''), ...(stderr.length > 0 ? { stderr: stderr.join('\n') } : {}), exitCode: 0 };
}

/** The days the options name: a month, or a first and last day; by default the month before today's. */
function period(options: ReadonlyMap<string, string | boolean>, today: string, locale: 'en' | 'fr'): { from: string; to: string } {
  const month = options.get('--month');
  const fromText = options.get('--from');
  const toText = options.get('--to');
  if (typeof month === 'string') {
    if (fromText !== undefined || toText !== undefined) throw new UsageError(message(locale, 'cli.report-period'));
    const m = monthOf(month);
    if (m === undefined || !/^\d{4}-\d{2}$/.test(month.trim())) throw new UsageError(message(locale, 'cli.report-bad-month', { value: month }));
    return { from: `${m}-01`, to: addDays(addMonths(`${m}-01`, 1), -1) };
  }
  if (fromText === undefined && toText === undefined) {
    const first = addMonths(`${today.slice(0, 7)}-01`, -1);
    return { from: first, to: addDays(addMonths(first, 1), -1) };
  }
  if (typeof fromText !== 'string' || typeof toText !== 'string') throw new UsageError(message(locale, 'cli.report-period'));
  const day = (option: string, value: string) => {
    const v = value.trim();
    if (!isDay(v)) throw new UsageError(message(locale, 'cli.report-bad-day', { option, value }));
    return v;
  };
  const from = day('--from', fromText);
  const to = day('--to', toText);
  if (from > to) throw new UsageError(message(locale, 'cli.calendar-reversed', { from, to }));
  const days = dayCount(from, to);
  if (days > MAX_DAYS) throw new UsageError(message(locale, 'cli.report-too-long', { max: MAX_DAYS, days }));
  return { from, to };
}
