/**
 * IANA time zone arithmetic for post dates, fast enough for 10,000 posts: offsets come from
 * `Intl.DateTimeFormat` and are cached per UTC day (a zone changes offset at most once a day).
 * Tests check every result against `@date-fns/tz`'s TZDate.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per zone, per UTC day: the offset when constant all day, null when it changes that day. */
const dayCaches = new Map<string, Map<number, number | null>>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in minutes (Paris in winter: 60), computed exactly. */
function exactOffset(zone: string, time: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(time))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  return Math.round((asUtc - Math.floor(time / 1000) * 1000) / MINUTE);
}

/**
 * The zone's offset from UTC at an instant, in minutes.
 *
 * @example zoneOffset('Europe/Paris', Date.UTC(2026, 11, 1)) // 60
 */
export function zoneOffset(zone: string, time: number): number {
  const day = Math.floor(time / DAY);
  let days = dayCaches.get(zone);
  if (!days) dayCaches.set(zone, (days = new Map()));
  let constant = days.get(day);
  if (constant === undefined) {
    const start = exactOffset(zone, day * DAY);
    constant = start === exactOffset(zone, day * DAY + DAY - 1) ? start : null;
    if (days.size > 50_000) days.clear();
    days.set(day, constant);
  }
  return constant ?? exactOffset(zone, time);
}

/**
 * The instant of a wall-clock time in a zone. A time that does not exist (skipped by a spring
 * change) moves forward by the gap; a time that exists twice (autumn) is resolved as date-fns does.
 *
 * @example wallTimeToUtc('Europe/Paris', 2026, 12, 1, 9, 30) // Date.UTC(2026, 11, 1, 8, 30)
 */
export function wallTimeToUtc(zone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Offsets are within ±14 h: the instants 18 h around `local` bracket any change that matters.
  const early = zoneOffset(zone, local - 18 * 3_600_000);
  const late = zoneOffset(zone, local + 18 * 3_600_000);
  const byEarly = local - early * MINUTE;
  if (early === late) return byEarly;
  const byLate = local - late * MINUTE;
  const earlyValid = zoneOffset(zone, byEarly) === early;
  const lateValid = zoneOffset(zone, byLate) === late;
  if (earlyValid && lateValid) {
    // Exists twice: as date-fns does, take the offset in force at the wall time read as UTC.
    return zoneOffset(zone, local) === early ? byEarly : byLate;
  }
  if (lateValid) return byLate;
  return byEarly; // valid, or in a gap: the offset before the change moves it forward
}

/**
 * Wall-clock fields of an instant in a zone.
 */
export function wallTime(zone: string, time: number): { year: number; month: number; day: number; hour: number; minute: number; second: number; offset: number } {
  const offset = zoneOffset(zone, time);
  const d = new Date(time + offset * MINUTE);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    offset,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * ISO 8601 with the zone's offset, to the second.
 *
 * @example toZonedIso(Date.UTC(2026, 11, 1, 8, 30), 'Europe/Paris') // '2026-12-01T09:30:00+01:00'
 */
export function toZonedIso(time: number, zone: string): string {
  const w = wallTime(zone, time);
  const sign = w.offset < 0 ? '-' : '+';
  const abs = Math.abs(w.offset);
  const offset = w.offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset}`;
}

const postTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A post's time as feeds show it, in the calendar's language and zone; the day alone for a
 * date-only post (its time is not decided yet).
 *
 * @example formatPostTime(Date.UTC(2026, 11, 15, 8, 30), 'Europe/Paris', 'fr') // '15 déc. 2026, 09:30'
 * @example formatPostTime(Date.UTC(2027, 0, 11, 23), 'Europe/Paris', 'en', true) // 'Jan 12, 2027'
 */
export function formatPostTime(time: number, zone: string, locale: string, dateOnly = false): string {
  const key = `${locale} ${zone} ${dateOnly}`;
  let format = postTimeFormats.get(key);
  // Built once per language and zone: the preview asks on every keystroke.
  if (!format) postTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(dateOnly ? {} : { timeStyle: 'short' as const }), timeZone: zone })));
  return format.format(time);
}

/**
 * `YYYY-MM-DD HH:mm` in a zone, for messages.
 *
 * @example formatInZone(Date.UTC(2026, 11, 1, 8, 30), 'Europe/Paris') // '2026-12-01 09:30'
 */
export function formatInZone(time: number, zone: string): string {
  const w = wallTime(zone, time);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}
