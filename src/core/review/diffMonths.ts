import { calendarMarkdown } from '../calendarMarkdown';
import type { PagePost } from '../calendarPage';
import type { Locale } from '../i18n/messages';
import type { CalendarDiff } from './calendarDiff';
import type { PostSnapshot } from './snapshot';

/** The months (`YYYY-MM`) a diff touches: where posts arrive, leave, or change. Sorted. */
export function changedMonths(diff: CalendarDiff): string[] {
  const months = new Set<string>();
  const add = (date: string | null | undefined) => date && months.add(date.slice(0, 7));
  for (const p of [...diff.added, ...diff.removed]) add(p.date);
  for (const r of diff.rescheduled) (add(r.from), add(r.to));
  for (const p of diff.changed) add(p.date);
  return [...months].sort();
}

/** Each changed month's table (see `calendarMarkdown`) of the calendar as it is at the head. */
export function changedMonthsMarkdown(diff: CalendarDiff, head: readonly PostSnapshot[], zone: string, locale: Locale): string {
  const posts = head.flatMap((p): PagePost[] =>
    p.time === undefined
      ? []
      : [{ file: p.file, title: p.title ?? p.file.slice(p.file.lastIndexOf('/') + 1), date: p.time, ...(p.dateOnly ? { dateOnly: true } : {}), status: p.status ?? 'draft', platforms: p.platforms, ...(p.campaign !== undefined ? { campaign: p.campaign } : {}), problems: p.problems }],
  );
  return changedMonths(diff)
    .map((month) => calendarMarkdown({ posts, zone, locale, from: month, to: month }))
    .join('\n\n');
}
