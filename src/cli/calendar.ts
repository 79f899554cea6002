import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { addDays, addMonths, dayKey, weekStartDay } from '../core/calendar';
import { calendarHtml } from '../core/calendarHtml';
import { calendarMarkdown } from '../core/calendarMarkdown';
import { calendarJson, monthOf, monthsBetween, type PageInput, type PagePost } from '../core/calendarPage';
import { parsePostDate } from '../core/dates';
import { message } from '../core/i18n/messages';
import { checkPost } from '../services/checkPost';
import { UsageError, parseCommandArgs } from './args';
import type { CommandResult } from './check';
import { toPosix } from './publish';
import { printable } from './report/escape';
import { collectTasks, mediaProbe, workspace } from './tasks';

const FORMATS = ['md', 'html', 'json'] as const;
/** Ten years: more is a typo (a year 20266), and a page nobody could read. */
const MAX_MONTHS = 120;

/**
 * `edcal calendar [PATH…] [--from M] [--to M] [--format md|html|json] [--out FILE]`: the month(s)
 * of the calendar as a Markdown table, a self-contained HTML page or JSON (see src/core/calendarPage.ts).
 */
export async function calendar(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'calendar', env, ['--from', '--to', '--format', '--out'], []);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-calendar'), exitCode: 0 };
  const format = (args.options.get('--format') ?? 'md') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(message(locale, 'cli.bad-choice', { option: '--format', allowed: FORMATS.join(', '), value: format }));
  const month = (option: '--from' | '--to') => {
    const value = args.options.get(option);
    if (typeof value !== 'string') return undefined;
    const m = monthOf(value);
    if (m === undefined) throw new UsageError(message(locale, 'cli.calendar-bad-month', { option, value }));
    return m;
  };
  const fromOption = month('--from');
  const toOption = month('--to');
  const out = args.options.get('--out');

  const { tasks, calendars, notices, problems } = await collectTasks(args.positionals, cwd, locale, lang);
  const config = calendars[0]?.config;
  const zone = config?.timezone ?? 'UTC';
  const pageLocale = lang ?? config?.locale ?? locale;
  const now = args.now !== undefined ? parsePostDate(args.now, zone)!.time : Date.now();
  const today = dayKey(now, zone);
  const from = fromOption ?? (toOption !== undefined && toOption < today.slice(0, 7) ? toOption : today.slice(0, 7));
  const to = toOption ?? from;
  if (from > to) throw new UsageError(message(locale, 'cli.calendar-reversed', { from, to }));
  const count = monthsBetween(from, to).length;
  if (count > MAX_MONTHS) throw new UsageError(message(locale, 'cli.calendar-too-long', { max: MAX_MONTHS, from, to, count }));

  const gridFrom = weekStartDay(`${from}-01`);
  const gridTo = addDays(weekStartDay(addDays(addMonths(`${to}-01`, 1), -1)), 6);
  const posts: PagePost[] = [];
  for (const task of tasks) {
    const checked = await checkPost(workspace, { root: task.root, config: task.config }, task.file, { now, media: mediaProbe(task.root) });
    const meta = checked.result?.post.meta;
    if (meta?.date === undefined) continue;
    // The days of the neighbouring months that complete the first and last weeks show their posts too.
    const day = dayKey(meta.date, zone);
    if (day < gridFrom || day > gridTo) continue;
    const file = toPosix(relative(cwd, task.file)) || '.';
    posts.push({
      file,
      title: meta.title ?? file.slice(file.lastIndexOf('/') + 1),
      date: meta.date,
      ...(meta.dateOnly ? { dateOnly: true } : {}),
      status: meta.status ?? 'draft',
      platforms: meta.platforms,
      ...(meta.campaign !== undefined ? { campaign: meta.campaign } : {}),
      problems: checked.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length,
    });
  }
  const input: PageInput = { posts, zone, locale: pageLocale, from, to };
  const text = format === 'html' ? calendarHtml(input, { today }) : format === 'json' ? calendarJson(input) : calendarMarkdown(input);
  const stderr = [...notices, ...problems.flatMap((p) => p.diagnostics.map((d) => `${printable(toPosix(relative(cwd, p.file)))}: ${d.message}`))];
  if (typeof out === 'string') {
    const target = resolve(cwd, out);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text.endsWith('\n') ? text : text + '\n');
    } catch (error) {
      throw new UsageError(message(locale, 'cli.calendar-unwritable', { file: printable(out), reason: error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error) }));
    }
    stderr.push(message(pageLocale, 'cli.calendar-written', { file: printable(out), months: count, posts: posts.filter((p) => { const m = dayKey(p.date, zone).slice(0, 7); return m >= from && m <= to; }).length }));
    return { stdout: '', stderr: stderr.join('\n'), exitCode: 0 };
  }
  return { stdout: text.replace(/\n$/, ''), ...(stderr.length > 0 ? { stderr: stderr.join('\n') } : {}), exitCode: 0 };
}
