import { PLATFORM_IDS, type PlatformId, type PostStatus } from './model';
import { wallTime } from './zone';

/** A post as the calendar shows it: plain data, cheap to send to a webview. */
export interface CalendarPost {
  /** A stable id (the file's URI in the editor). */
  readonly id: string;
  readonly title: string;
  /** Epoch ms; absent for undated ideas. */
  readonly date?: number;
  readonly dateOnly?: boolean;
  readonly status: PostStatus;
  readonly platforms: readonly PlatformId[];
  readonly campaign?: string;
  readonly tags: readonly string[];
  readonly errors: number;
  readonly warnings: number;
  /** The messages of its first problems, for hovers. */
  readonly problems: readonly string[];
  /** The first lines of the text, for hovers. */
  readonly excerpt: string;
  /** The networks it went out on, with the link where it is known (see `publishedLinks`). */
  readonly published: ReadonlyArray<{ readonly network: PlatformId; readonly url?: string }>;
  /** Where its contest stands (`contestLabel`: its end, then its winners), when it holds one. */
  readonly contest?: string;
}

/** What the calendar shows; empty lists mean "all". */
export interface CalendarFilters {
  readonly platforms?: readonly PlatformId[];
  readonly statuses?: readonly PostStatus[];
  readonly campaigns?: readonly string[];
  readonly tags?: readonly string[];
  readonly text?: string;
}

/**
 * The calendar day of an instant in a zone, `YYYY-MM-DD`.
 *
 * @example dayKey(Date.UTC(2026, 11, 31, 23, 30), 'Europe/Paris') // '2027-01-01'
 */
export function dayKey(time: number, zone: string): string {
  const w = wallTime(zone, withinCalendar(time));
  if (w.year < 1000) return FIRST_DAY;
  if (w.year > 9999) return LAST_DAY;
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** `HH:mm` of an instant in a zone. */
export function timeOfDay(time: number, zone: string): string {
  const w = wallTime(zone, withinCalendar(time));
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** An instant moved into the years 1000–9999 (NaN to the first): `Intl` throws past ±275,760 years. */
function withinCalendar(time: number): number {
  return Number.isNaN(time) ? FIRST_TIME : Math.min(LAST_TIME, Math.max(FIRST_TIME, time));
}

const FIRST_TIME = Date.UTC(1000, 0, 1);
const LAST_TIME = Date.UTC(10000, 0, 1) - 1;

const pad = (n: number) => String(n).padStart(2, '0');

/** The day `n` days after `day` (both `YYYY-MM-DD`). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return dayOf(y, m - 1, d + n) ?? day;
}

/** The first day of the month `n` months after the one holding `day`, within years 1000–9999. */
export function addMonths(day: string, n: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return dayOf(y, m - 1 + n, 1) ?? day;
}

/** The earliest and latest days the calendar shows: a post's date has four-digit years. */
export const FIRST_DAY = '1000-01-01';
export const LAST_DAY = '9999-12-31';

/**
 * True for a real calendar day written `YYYY-MM-DD`, years 1000–9999 (a webview's date picker
 * offers years up to 275760; messages from a webview are never trusted).
 */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  return value >= FIRST_DAY && dayOf(Number(m[1]), Number(m[2]) - 1, Number(m[3])) === value;
}

/** `YYYY-MM-DD` of a (possibly overflowing) year, month index and day, clamped to the calendar's years; never throws. */
function dayOf(year: number, monthIndex: number, day: number): string | undefined {
  if (![year, monthIndex, day].every(Number.isFinite)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day); // not Date.UTC: it reads years 0–99 as 1900–1999
  if (Number.isNaN(date.getTime())) return undefined;
  if (date.getUTCFullYear() < 1000) return FIRST_DAY;
  if (date.getUTCFullYear() > 9999) return LAST_DAY;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The Monday of the week holding `day`. */
export function weekStartDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return addDays(day, -((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7));
}

/**
 * The days of a month grid: whole weeks, Monday first, from the week holding the 1st to the week
 * holding the last day (4 to 6 weeks).
 */
export function monthGrid(year: number, month: number): string[] {
  const first = dayOf(year, month - 1, 1) ?? FIRST_DAY;
  const last = dayOf(year, month, 0) ?? LAST_DAY;
  const days: string[] = [];
  // Days past 9999-12-31 do not exist here: the last grid of the calendar ends on its last day.
  for (let day = weekStartDay(first); day <= last || days.length % 7 !== 0; ) {
    days.push(day);
    const next = addDays(day, 1);
    if (next === day) break;
    day = next;
  }
  return days;
}

/** Posts passing the filters (text matches title, campaign and tags, any case). */
export function filterPosts(posts: readonly CalendarPost[], f: CalendarFilters): CalendarPost[] {
  const text = f.text?.trim().toLocaleLowerCase();
  return posts.filter(
    (p) =>
      (!f.platforms?.length || p.platforms.some((x) => f.platforms!.includes(x))) &&
      (!f.statuses?.length || f.statuses.includes(p.status)) &&
      (!f.campaigns?.length || (p.campaign !== undefined && f.campaigns.includes(p.campaign))) &&
      (!f.tags?.length || p.tags.some((t) => f.tags!.includes(t))) &&
      (!text || [p.title, p.campaign ?? '', ...p.tags, p.excerpt].some((s) => s.toLocaleLowerCase().includes(text))),
  );
}

/** Dated posts by calendar day in a zone, each day sorted by time. */
export function postsByDay(posts: readonly CalendarPost[], zone: string): Map<string, CalendarPost[]> {
  const byDay = new Map<string, CalendarPost[]>();
  for (const p of posts) {
    if (p.date === undefined) continue;
    const key = dayKey(p.date, zone);
    let list = byDay.get(key);
    if (!list) byDay.set(key, (list = []));
    list.push(p);
  }
  for (const list of byDay.values()) list.sort((a, b) => a.date! - b.date!);
  return byDay;
}

/** Weekdays, Monday first: the values of the `editorialCalendar.gapDays` setting. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday of a day, `'mon'`…`'sun'`. */
export function weekdayOf(day: string): Weekday {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

/**
 * The gaps in the plan: days of `days` falling on one of `weekdays` with no post for the networks
 * asked (any network when none is). Give it every post, not the filtered ones: a day whose posts
 * a status, campaign or text filter hides is not a gap.
 *
 * @example gapDays(['2026-12-05', '2026-12-07'], byDay, ['mon', 'tue', 'wed', 'thu', 'fri']) // ['2026-12-07'] when the 7th is empty (the 5th is a Saturday)
 */
export function gapDays(days: readonly string[], byDay: ReadonlyMap<string, readonly CalendarPost[]>, weekdays: readonly Weekday[] = WEEKDAYS, networks: readonly PlatformId[] = []): string[] {
  const counts = (p: CalendarPost) => networks.length === 0 || p.platforms.some((n) => networks.includes(n));
  return days.filter((d) => weekdays.includes(weekdayOf(d)) && !(byDay.get(d) ?? []).some(counts));
}

/**
 * Every network in the calendar's order: those its `.editorial.yaml` lists under `platforms`, as
 * listed, then the others in the registry's order. Chips, filters and counts all use it.
 *
 * @example networkOrder(['linkedin', 'x']) // ['linkedin', 'x', 'bluesky', 'mastodon', …]
 */
export function networkOrder(listed: readonly PlatformId[]): PlatformId[] {
  return [...new Set([...listed.filter((n) => PLATFORM_IDS.includes(n)), ...PLATFORM_IDS])];
}

/** `networks` sorted by `order` (see `networkOrder`). */
export function inNetworkOrder<T extends PlatformId>(networks: readonly T[], order: readonly PlatformId[]): T[] {
  const rank = (n: PlatformId) => (order.includes(n) ? order.indexOf(n) : order.length);
  return [...networks].sort((a, b) => rank(a) - rank(b));
}

/** How many days from its first the agenda lists (the extension sends the posts of that window). */
export const AGENDA_DAYS = 400;

/** Two posts going to the same network closer together than the interval. */
export interface Clash {
  readonly platform: PlatformId;
  readonly first: string;
  readonly second: string;
  readonly minutes: number;
}

/**
 * Pairs of consecutive posts for one network less than `intervalMinutes` apart (same instant
 * included). Day-only dates are left out: their time is not decided.
 */
export function clashes(posts: readonly CalendarPost[], intervalMinutes: number): Clash[] {
  const out: Clash[] = [];
  const perNetwork = new Map<PlatformId, CalendarPost[]>();
  for (const p of posts) {
    if (p.date === undefined || p.dateOnly) continue;
    for (const n of p.platforms) {
      let list = perNetwork.get(n);
      if (!list) perNetwork.set(n, (list = []));
      list.push(p);
    }
  }
  for (const [platform, list] of perNetwork) {
    list.sort((a, b) => a.date! - b.date!);
    for (let i = 1; i < list.length; i++) {
      const minutes = (list[i]!.date! - list[i - 1]!.date!) / 60_000;
      if (minutes < intervalMinutes) out.push({ platform, first: list[i - 1]!.id, second: list[i]!.id, minutes });
    }
  }
  return out;
}

/** A campaign's span: its first and last posting days. */
export interface CampaignBand {
  readonly campaign: string;
  readonly from: string;
  readonly to: string;
}

export function campaignBands(posts: readonly CalendarPost[], zone: string): CampaignBand[] {
  const spans = new Map<string, { from: string; to: string }>();
  for (const p of posts) {
    if (p.date === undefined || p.campaign === undefined) continue;
    const day = dayKey(p.date, zone);
    const span = spans.get(p.campaign);
    if (!span) spans.set(p.campaign, { from: day, to: day });
    else {
      if (day < span.from) span.from = day;
      if (day > span.to) span.to = day;
    }
  }
  return [...spans].map(([campaign, s]) => ({ campaign, ...s })).sort((a, b) => a.from.localeCompare(b.from));
}

/** Posts per network in the week starting on each Monday of `weeks`. */
export function weeklyCounts(weeks: readonly string[], byDay: ReadonlyMap<string, readonly CalendarPost[]>): Map<string, Partial<Record<PlatformId, number>>> {
  const out = new Map<string, Partial<Record<PlatformId, number>>>();
  for (const monday of weeks) {
    const counts: Partial<Record<PlatformId, number>> = {};
    for (let i = 0; i < 7; i++) {
      for (const p of byDay.get(addDays(monday, i)) ?? []) for (const n of p.platforms) counts[n] = (counts[n] ?? 0) + 1;
    }
    out.set(monday, counts);
  }
  return out;
}
