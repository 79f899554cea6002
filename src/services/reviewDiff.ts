import type { CalendarConfig } from '../core/config';
import type { Locale } from '../core/i18n/messages';
import type { Workspace } from '../core/ports';
import { diffCalendars, type CalendarDiff } from '../core/review/calendarDiff';
import type { PostSnapshot } from '../core/review/snapshot';
import { relativePath } from '../core/text/paths';
import { discoverCalendars, findCalendarRoot } from './calendarFiles';
import { snapshotCalendar } from './calendarSnapshot';

/** A calendar compared at two revisions. */
export interface ReviewResult {
  readonly diff: CalendarDiff;
  /** The head's settings (the base's when the calendar is gone), for dates and language. */
  readonly config: CalendarConfig;
  /** Every post at the head, for the months the diff touches. */
  readonly head: readonly PostSnapshot[];
  readonly unreadable: ReadonlyArray<{ readonly file: string; readonly message: string }>;
}

/**
 * The calendars to compare from `dir`: the one holding it, else those under it, on either side
 * (a calendar added or removed by the change counts), else `dir` itself with default settings.
 */
export async function reviewRoots(sides: { readonly base: Workspace; readonly head: Workspace }, dir: string): Promise<string[]> {
  const roots = new Set<string>();
  for (const side of [sides.head, sides.base]) {
    const around = await findCalendarRoot(side, dir);
    if (around) roots.add(around);
  }
  if (roots.size === 0) for (const side of [sides.head, sides.base]) for (const r of await discoverCalendars(side, [dir]).catch(() => [])) roots.add(r);
  return roots.size > 0 ? [...roots].sort() : [dir];
}

/**
 * Compares the calendar(s) at `roots` between two sides (git revisions or the working tree),
 * with file names from the repository's `top` and `renames` as git found them (new path → old).
 */
export async function reviewDiff(
  sides: { readonly base: Workspace; readonly head: Workspace },
  roots: readonly string[],
  top: string,
  renames: ReadonlyMap<string, string>,
  options: { readonly locale: Locale; readonly now: number },
): Promise<ReviewResult> {
  const cache = new Map<string, PostSnapshot>();
  const base: PostSnapshot[] = [];
  const head: PostSnapshot[] = [];
  const unreadable: Array<ReviewResult['unreadable'][number]> = [];
  let config: CalendarConfig | undefined;
  for (const root of roots) {
    // A nested calendar's posts are its own: each root is walked apart from the others.
    const before = await snapshotCalendar(sides.base, root, top, { ...options, cache });
    const after = await snapshotCalendar(sides.head, root, top, { ...options, cache });
    const nested = roots.filter((r) => r !== root && relativePath(root, r) !== undefined).map((r) => (relativePath(top, r) ?? r) + '/');
    const own = (p: { file: string }) => !nested.some((n) => p.file.startsWith(n));
    base.push(...before.posts.filter(own));
    head.push(...after.posts.filter(own));
    unreadable.push(...after.unreadable.filter(own));
    config ??= after.found ? after.config : before.config;
  }
  return { diff: diffCalendars(base, head, renames), config: config!, head, unreadable };
}
