import { basename, dirname, relative, resolve } from 'node:path';
import { CONFIG_FILE } from '../core/config';
import { message, type Locale } from '../core/i18n/messages';
import { FileError, type FileStat } from '../core/ports';
import { relativePath } from '../core/text/paths';
import { NodeWorkspace } from '../node/workspace';
import { discoverCalendars, findCalendarRoot, loadCalendar, type Calendar } from '../services/calendarFiles';
import { MediaProbe } from '../services/media';
import { reasonOf } from '../services/problems';
import { walkPosts } from '../services/walk';
import { UsageError } from './args';
import type { FileReport, LintTask } from './lintFiles';
import { printable } from './report/escape';

/** The CLI's file access: blocking calls, faster for a batch run (see src/node/workspace.ts). */
export const workspace = new NodeWorkspace({ blocking: true });

const probes = new Map<string, MediaProbe>();

/** The media probe of a calendar root: one per calendar, as many posts share images. */
export function mediaProbe(root: string): MediaProbe {
  let probe = probes.get(root);
  if (!probe) probes.set(root, (probe = new MediaProbe(workspace, root)));
  return probe;
}

/** Turns the paths given into files to lint, each with its calendar's settings; walk problems become reports. */
export async function collectTasks(paths: readonly string[], cwd: string, locale: Locale, lang: Locale | undefined): Promise<{ tasks: LintTask[]; calendars: Calendar[]; notices: string[]; problems: FileReport[] }> {
  const calendars = new Map<string, Calendar>();
  const notices: string[] = [];
  const problems: FileReport[] = [];
  const calendarOf = async (root: string) => {
    let calendar = calendars.get(root);
    if (!calendar) {
      calendar = await loadCalendar(workspace, root, locale);
      if (lang) calendar = { ...calendar, config: { ...calendar.config, locale: lang } };
      calendars.set(root, calendar);
    }
    return calendar;
  };
  const targets = paths.length > 0 ? paths.map((p) => resolve(cwd, p)) : [await findCalendarRoot(workspace, cwd)];
  if (targets[0] === undefined) throw new UsageError(message(locale, 'cli.no-calendar', { dir: printable(cwd) }));

  const tasks: LintTask[] = [];
  const seen = new Set<string>();
  const add = (file: string, calendar: Calendar) => {
    if (seen.has(file)) return;
    seen.add(file);
    tasks.push({ file, root: calendar.root, config: calendar.config });
  };
  for (const target of targets as string[]) {
    // A path named on the command line is followed, symlink or not (a walk does not follow them).
    let kind: FileStat['kind'];
    try {
      kind = (await workspace.stat(target)).kind;
    } catch (error) {
      if (error instanceof FileError && error.code === 'not-found') throw new UsageError(message(locale, 'cli.path-missing', { path: printable(relative(cwd, target) || target) }));
      throw new UsageError(message(locale, 'cli.unreadable', { path: printable(relative(cwd, target) || target), reason: message(locale, reasonOf(error).id) }));
    }
    if (kind === 'directory') {
      // The calendar holding the folder, and every calendar nested under it, each with its own
      // settings and posts, as the extension sees them.
      const around = (await findCalendarRoot(workspace, target)) ?? target;
      const roots = [...new Set([around, ...(await discoverCalendars(workspace, [target]))])];
      let found = 0;
      for (const root of roots) {
        const calendar = await calendarOf(root);
        const nested = roots.filter((r) => r !== root && relativePath(root, r));
        const within = relativePath(root, target) !== undefined ? target : root;
        const walk = await walkPosts(workspace, calendar, { within, named: true, exclude: nested });
        for (const p of walk.problems) problems.push({ file: p.path, diagnostics: [p.diagnostic] });
        for (const file of walk.files) add(file, calendar);
        found += walk.files.length + walk.problems.length;
      }
      if (found === 0) {
        const calendar = await calendarOf(around);
        notices.push(message(lang ?? calendar.config.locale, 'cli.no-posts', { globs: printable(calendar.config.posts.join(', ')), root: printable(relative(cwd, target) || '.') }));
      }
    } else if (basename(target) !== CONFIG_FILE) {
      add(target, await calendarOf((await findCalendarRoot(workspace, dirname(target))) ?? dirname(target)));
    } else {
      await calendarOf(dirname(target));
    }
  }
  return { tasks, calendars: [...calendars.values()], notices, problems };
}
