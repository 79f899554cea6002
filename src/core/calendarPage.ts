/**
 * `edcal calendar`: the month(s) of a calendar as data every output shares (Markdown for PR
 * comments and wikis, a self-contained HTML page, JSON). Pure: no editor, no file system.
 * Weeks start on Monday; days are calendar days in the calendar's zone, as in the webview.
 */
import { addDays, addMonths, dayKey, isDay, monthGrid, timeOfDay } from './calendar';
import type { Locale } from './i18n/messages';
import type { PlatformId, PostStatus } from './model';
import { toZonedIso } from './zone';

/** A dated post as the page shows it. */
export interface PagePost {
  /** Where it is, as shown to people (a path relative to where the command ran). */
  readonly file: string;
  readonly title: string;
  /** Epoch ms. */
  readonly date: number;
  readonly dateOnly?: boolean;
  readonly status: PostStatus;
  readonly platforms: readonly PlatformId[];
  readonly campaign?: string;
  /** Errors and warnings found by `edcal check`. */
  readonly problems: number;
}

/** What a page is made from. */
export interface PageInput {
  readonly posts: readonly PagePost[];
  /** The calendar's IANA zone: days and times are read there. */
  readonly zone: string;
  /** The language of names (weekdays, months, statuses). */
  readonly locale: Locale;
  /** First and last months shown, `YYYY-MM`, from ≤ to. */
  readonly from: string;
  readonly to: string;
}

export interface PageDay {
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** False for the days of the neighbouring months that fill the first and last weeks. */
  readonly inMonth: boolean;
  /** Sorted by time (day-only posts first). */
  readonly posts: readonly PagePost[];
}

export interface PageMonth {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Whole weeks, Monday first. */
  readonly weeks: ReadonlyArray<readonly PageDay[]>;
}

/** The months `from`…`to` (`YYYY-MM`), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = `${from}-01`; day.slice(0, 7) <= to; ) {
    out.push(day.slice(0, 7));
    const next = addMonths(day, 1);
    if (next === day) break;
    day = next;
  }
  return out;
}

/**
 * The month of a `--from`/`--to` value: `YYYY-MM` or a day `YYYY-MM-DD`; undefined otherwise.
 *
 * @example monthOf('2026-12-15') // '2026-12'
 */
export function monthOf(value: string): string | undefined {
  if (/^\d{4}-\d{2}$/.test(value)) return isDay(`${value}-01`) ? value : undefined;
  return isDay(value) ? value.slice(0, 7) : undefined;
}

/** The month grids of the page, each day with its posts. */
export function pageMonths(input: PageInput): PageMonth[] {
  const byDay = new Map<string, PagePost[]>();
  for (const p of input.posts) {
    const key = dayKey(p.date, input.zone);
    let list = byDay.get(key);
    if (!list) byDay.set(key, (list = []));
    list.push(p);
  }
  for (const list of byDay.values()) list.sort((a, b) => (a.dateOnly === b.dateOnly ? a.date - b.date : a.dateOnly ? -1 : 1) || a.file.localeCompare(b.file));
  return monthsBetween(input.from, input.to).map((month) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const days = monthGrid(y, m).map((day) => ({ day, inMonth: day.slice(0, 7) === month, posts: byDay.get(day) ?? [] }));
    const weeks: PageDay[][] = [];
    for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
    return { month, weeks };
  });
}

/** `HH:mm` of a post in the calendar's zone; empty for a day-only post. */
export function postTime(p: PagePost, zone: string): string {
  return p.dateOnly ? '' : timeOfDay(p.date, zone);
}

/** Short weekday names, Monday first, in the locale ("Mon", "lun."). */
export function weekdayNames(locale: Locale, style: 'short' | 'long' = 'short'): string[] {
  // 2026-11-30 is a Monday.
  return Array.from({ length: 7 }, (_, i) => formatDay(addDays('2026-11-30', i), locale, { weekday: style }));
}

/** "December 2026", "Décembre 2026". */
export function monthTitle(month: string, locale: Locale): string {
  const title = formatDay(`${month}-01`, locale, { month: 'long', year: 'numeric' });
  return title.charAt(0).toLocaleUpperCase(locale) + title.slice(1);
}

/** A day in the locale, read as a calendar day (not an instant). */
export function formatDay(day: string, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.toLocaleDateString(locale, { ...options, timeZone: 'UTC' });
}

/** The JSON output: every day of each month (gaps included), each post with its date in ISO 8601 with the zone's offset. */
export function calendarJson(input: PageInput): string {
  const months = pageMonths(input).map((m) => ({
    month: m.month,
    days: m.weeks.flat().filter((d) => d.inMonth).map((d) => ({
      day: d.day,
      posts: d.posts.map((p) => ({
        file: p.file,
        title: p.title,
        date: toZonedIso(p.date, input.zone),
        ...(p.dateOnly ? { dateOnly: true } : {}),
        status: p.status,
        platforms: p.platforms,
        ...(p.campaign !== undefined ? { campaign: p.campaign } : {}),
        problems: p.problems,
      })),
    })),
  }));
  return JSON.stringify({ timezone: input.zone, months }, null, 2);
}
