import { writeFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { parsePostDate } from '../core/dates';
import { icalFeed, type IcalPost } from '../core/ical';
import { message, type Locale } from '../core/i18n/messages';
import { checkPost } from '../services/checkPost';
import { UsageError, parseCommandArgs } from './args';
import type { CommandResult } from './check';
import { toPosix } from './publish';
import { printable } from './report/escape';
import { collectTasks, mediaProbe, workspace } from './tasks';

const DAY = 86_400_000;

/**
 * `edcal ical [PATH…] [--out FILE] [--per-network] [--utc] [--from DATE] [--to DATE]`: the
 * calendar as an RFC 5545 feed (see `src/core/ical.ts`), on stdout or in a file.
 */
export async function ical(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'ical', env, ['--out', '--from', '--to'], ['--per-network', '--utc']);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-ical'), exitCode: 0 };
  const out = args.options.get('--out');
  if (out === '') throw new UsageError(message(locale, 'cli.missing-value', { option: '--out' }));
  // Dates are checked before any file is read (in UTC here, in the calendar's zone below).
  for (const option of ['--from', '--to'] as const) {
    const value = args.options.get(option);
    if (typeof value === 'string' && parsePostDate(value, 'UTC') === undefined) throw new UsageError(message(locale, 'cli.ical-bad-date', { option, value }));
  }

  const { tasks, calendars, notices } = await collectTasks(args.positionals, cwd, locale, lang);
  const calendar = calendars[0];
  const zone = calendar?.config.timezone ?? 'UTC';
  const messages: Locale = lang ?? calendar?.config.locale ?? locale;
  const now = args.now !== undefined ? parsePostDate(args.now, zone)!.time : Date.now();
  const from = bound(args.options.get('--from'), zone, false);
  const to = bound(args.options.get('--to'), zone, true);

  const posts: IcalPost[] = [];
  const problems = [...notices];
  for (const task of tasks) {
    const checked = await checkPost(workspace, { root: task.root, config: task.config }, task.file, { now, media: mediaProbe(task.root) });
    if (!checked.result) {
      problems.push(message(messages, 'cli.ical-unreadable', { file: printable(toPosix(relative(cwd, task.file)) || '.') }));
      continue;
    }
    const { meta, body } = checked.result.post;
    if (meta.date === undefined) continue;
    if ((from !== undefined && meta.date < from) || (to !== undefined && meta.date > to)) continue;
    // The identity of an event: the path from the (outermost) calendar's root, whatever the cwd.
    const base = calendar && isInside(calendar.root, task.file) ? calendar.root : task.root;
    posts.push({ path: toPosix(relative(base, task.file)), meta, text: body.defaultText.value });
  }

  const perNetwork = args.options.has('--per-network');
  const feed = icalFeed(posts, {
    zone,
    now,
    name: basename(calendar?.root ?? cwd),
    perNetwork,
    utc: args.options.has('--utc'),
    locale: messages,
  });
  const stderr = problems.length > 0 ? problems.join('\n') : undefined;
  if (typeof out === 'string') {
    const file = resolve(cwd, out);
    try {
      writeFileSync(file, feed);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      return { stdout: '', raw: true, stderr: [...problems, message(messages, 'cli.ical-cannot-write', { file: printable(toPosix(relative(cwd, file)) || file), reason })].join('\n'), exitCode: 1 };
    }
    const count = posts.reduce((n, p) => n + (perNetwork ? Math.max(1, p.meta.platforms.length) : 1), 0);
    return { stdout: message(messages, 'cli.ical-written', { count, file: printable(toPosix(relative(cwd, file)) || file) }), ...(stderr ? { stderr } : {}), exitCode: 0 };
  }
  return { stdout: feed, raw: true, ...(stderr ? { stderr } : {}), exitCode: 0 };
}

/** `--from`/`--to` as an instant: a day alone is its first (or, for `--to`, its last) millisecond. */
function bound(value: string | true | undefined, zone: string, end: boolean): number | undefined {
  if (typeof value !== 'string') return undefined;
  const date = parsePostDate(value, zone)!;
  return date.dateOnly && end ? (parsePostDate(nextDay(value.trim()), zone)?.time ?? Infinity) - 1 : date.time;
}

function nextDay(day: string): string {
  const d = new Date(Date.parse(`${day}T00:00:00Z`) + DAY);
  return d.toISOString().slice(0, 10);
}

function isInside(root: string, file: string): boolean {
  const r = relative(root, file);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r);
}
