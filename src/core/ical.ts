/**
 * An RFC 5545 (iCalendar) feed of a calendar's posts, for calendar apps to subscribe to or import.
 * Pure: the caller reads the posts and says what time it is.
 *
 * - One `VEVENT` per dated post, or per post and network (`perNetwork`); undated posts are left out.
 * - `UID`s come from the post's calendar-relative path (and the network), never from its date: a
 *   rescheduled post updates its event instead of adding one.
 * - Times are local times with `TZID=<zone>` and a `VTIMEZONE` block listing every change of
 *   offset of the years the feed spans (explicit observances, computed from `zone.ts`), or UTC
 *   (`utc`, or a UTC calendar). Date-only posts are all-day events.
 * - Text is escaped, lines are folded at 75 octets without splitting a character, lines end in CRLF.
 */

import { message, type Locale } from './i18n/messages';
import type { PlatformId, PostMeta, PostStatus } from './model';
import { PLATFORMS } from './platforms/registry';
import { wallTime, wallTimeToUtc, zoneOffset } from './zone';

/** A post as the feed needs it. */
export interface IcalPost {
  /** Calendar-relative POSIX path, e.g. `posts/2026-12/launch.md`: the event's identity. */
  readonly path: string;
  readonly meta: PostMeta;
  /** The post's default text (its first non-blank line goes in the description). */
  readonly text?: string;
}

export interface IcalOptions {
  /** The calendar's IANA zone (`CalendarConfig.timezone`). */
  readonly zone: string;
  /** The time the feed is made, epoch ms (`DTSTAMP`). */
  readonly now: number;
  /** The calendar's name, `X-WR-CALNAME`. */
  readonly name?: string;
  /** One event per post and network instead of one per post. */
  readonly perNetwork?: boolean;
  /** Times in UTC (`…Z`) instead of local times with a `VTIMEZONE`. */
  readonly utc?: boolean;
  /** How long an event with a time lasts, ms (default 15 minutes). */
  readonly duration?: number;
  /** The part of the `UID`s after `@` (default `edcal`). */
  readonly domain?: string;
  /** Language of the descriptions (default English). */
  readonly locale?: Locale;
}

export const DEFAULT_EVENT_DURATION = 15 * 60_000;
export const PRODID = '-//edcal//Editorial calendar//EN';

const MINUTE = 60_000;
const DAY = 86_400_000;
const TENTATIVE: readonly PostStatus[] = ['idea', 'draft', 'review'];

/**
 * The feed, as the text of a `.ics` file (CRLF line ends, folded lines).
 *
 * @example icalFeed([{ path: 'posts/a.md', meta }], { zone: 'Europe/Paris', now: Date.now() })
 */
export function icalFeed(posts: readonly IcalPost[], options: IcalOptions): string {
  const zone = options.zone;
  const utc = options.utc === true || isUtcZone(zone);
  const duration = options.duration ?? DEFAULT_EVENT_DURATION;
  const locale = options.locale ?? 'en';
  const domain = options.domain ?? 'edcal';
  const stamp = utcStamp(options.now);

  const dated = posts.filter((p) => p.meta.date !== undefined && Number.isFinite(p.meta.date));
  const sorted = [...dated].sort((a, b) => a.meta.date! - b.meta.date! || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const events: string[][] = [];
  const years = new Set<number>();
  for (const post of sorted) {
    const networks: ReadonlyArray<PlatformId | undefined> = options.perNetwork && post.meta.platforms.length > 0 ? post.meta.platforms : [undefined];
    for (const network of networks) {
      const lines = eventLines(post, network, { zone, utc, duration, locale, domain, stamp });
      events.push(lines.lines);
      if (lines.zoned) for (const t of [post.meta.date!, post.meta.date! + duration]) years.add(wallTime(zone, t).year);
    }
  }

  const out: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (options.name !== undefined) out.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  out.push(`X-WR-TIMEZONE:${escapeText(zone)}`);
  if (years.size > 0) out.push(...vtimezone(zone, years));
  for (const e of events) out.push(...e);
  out.push('END:VCALENDAR');
  return out.map(foldLine).join('\r\n') + '\r\n';
}

/** The stable `UID` of a post's event (and network's, per network). */
export function eventUid(path: string, network?: PlatformId, domain = 'edcal'): string {
  const id = encodeURI(path).replace(/[#@?;,\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${id}${network ? `#${network}` : ''}@${domain}`;
}

function eventLines(
  post: IcalPost,
  network: PlatformId | undefined,
  o: { zone: string; utc: boolean; duration: number; locale: Locale; domain: string; stamp: string },
): { lines: string[]; zoned: boolean } {
  const meta = post.meta;
  const start = meta.date!;
  const lines = ['BEGIN:VEVENT', `UID:${escapeText(eventUid(post.path, network, o.domain))}`, `DTSTAMP:${o.stamp}`];
  let zoned = false;
  if (meta.dateOnly) {
    // The day as written: a date-only date is midnight in the calendar's zone.
    const w = wallTime(o.zone, start);
    const day = Date.UTC(w.year, w.month - 1, w.day);
    lines.push(`DTSTART;VALUE=DATE:${dateValue(day)}`, `DTEND;VALUE=DATE:${dateValue(day + DAY)}`);
  } else {
    const end = start + o.duration;
    // A local time that happens twice (autumn) means its first occurrence (RFC 5545 3.3.5):
    // an instant in the second one is written in UTC.
    if (o.utc || !isFirstOccurrence(o.zone, start) || !isFirstOccurrence(o.zone, end)) {
      lines.push(`DTSTART:${utcStamp(start)}`, `DTEND:${utcStamp(end)}`);
    } else {
      zoned = true;
      lines.push(`DTSTART;TZID=${paramValue(o.zone)}:${localValue(o.zone, start)}`, `DTEND;TZID=${paramValue(o.zone)}:${localValue(o.zone, end)}`);
    }
  }
  const fileName = post.path.slice(post.path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  const title = meta.title?.trim() || fileName;
  lines.push(`SUMMARY:${escapeText(network ? `${title} (${PLATFORMS[network].name})` : title)}`);

  const networks = (network ? [network] : meta.platforms).map((p) => PLATFORMS[p].name);
  const description: string[] = [];
  if (meta.status) description.push(message(o.locale, 'ical.status', { status: meta.status }));
  if (networks.length > 0) description.push(message(o.locale, 'ical.networks', { networks: networks.join(', ') }));
  const firstLine = (post.text ?? '').split(/\r\n|\r|\n/).find((l) => l.trim() !== '')?.trim();
  if (firstLine) description.push('', firstLine);
  if (description.length > 0) lines.push(`DESCRIPTION:${escapeText(description.join('\n'))}`);

  const categories = [...(meta.campaign ? [meta.campaign] : []), ...networks];
  if (categories.length > 0) lines.push(`CATEGORIES:${categories.map(escapeText).join(',')}`);
  if (meta.status) lines.push(`STATUS:${TENTATIVE.includes(meta.status) ? 'TENTATIVE' : 'CONFIRMED'}`);
  // A post takes no time in anyone's day.
  lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  return { lines, zoned };
}

/** True for zones that are UTC all year, written as UTC. */
function isUtcZone(zone: string): boolean {
  return /^(?:Etc\/)?(?:UTC|UCT|GMT|Zulu|Universal|Greenwich)(?:[+-]0)?$/i.test(zone);
}

/** False when the wall time of `time` also happened earlier that night (the second pass of an autumn change). */
function isFirstOccurrence(zone: string, time: number): boolean {
  const offset = zoneOffset(zone, time);
  const local = time + offset * MINUTE;
  for (const other of [zoneOffset(zone, time - DAY), zoneOffset(zone, time + DAY)]) {
    const candidate = local - other * MINUTE;
    if (candidate < time && zoneOffset(zone, candidate) === other) return false;
  }
  return true;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYYMMDDTHHMMSSZ`. */
function utcStamp(time: number): string {
  const d = new Date(Math.floor(time / 1000) * 1000);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** `YYYYMMDD` of a UTC midnight. */
function dateValue(day: number): string {
  const d = new Date(day);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** `YYYYMMDDTHHMMSS`, the wall time in `zone`. */
function localValue(zone: string, time: number): string {
  const w = wallTime(zone, time);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** `+HHMM` / `-HHMM` of an offset in minutes. */
function offsetValue(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** A parameter value, quoted when it holds `:`, `;` or `,` (zone names never hold `"`). */
function paramValue(value: string): string {
  const clean = value.replace(/["\p{Cc}]/gu, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * The `VTIMEZONE` of `zone` for the given years (and those between): for each, the offset in force as it begins, then
 * one observance per change of offset that year, found day by day and then to the minute. An
 * observance is `DAYLIGHT` when its offset is above the lowest offset seen, else `STANDARD`.
 */
export function vtimezone(zone: string, years: Iterable<number>): string[] {
  const observances: Array<{ at: number; before: number; after: number }> = [];
  const listed = [...years];
  // Every year from the first to the last, none skipped: each observance then follows the one
  // before it (a skipped year's changes would leave a reader with the wrong offset in between).
  for (let year = Math.min(...listed); year <= Math.max(...listed); year++) {
    // From local midnight on 1 January to the next one.
    const begin = wallTimeToUtc(zone, year, 1, 1);
    const finish = wallTimeToUtc(zone, year + 1, 1, 1);
    let previous = zoneOffset(zone, begin);
    observances.push({ at: begin, before: previous, after: previous });
    for (let t = begin + DAY; t < finish + DAY; t += DAY) {
      const current = zoneOffset(zone, Math.min(t, finish));
      if (current === previous) continue;
      // The change is in (t - DAY, t]: to the minute by bisection (offsets change on whole minutes).
      let lo = t - DAY;
      let hi = Math.min(t, finish);
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
        if (zoneOffset(zone, mid) === previous) lo = mid;
        else hi = mid;
      }
      observances.push({ at: hi, before: previous, after: current });
      previous = current;
    }
  }
  const standard = Math.min(...observances.map((c) => c.after));
  const lines = ['BEGIN:VTIMEZONE', `TZID:${escapeText(zone)}`];
  for (const { at, before, after } of observances) {
    const kind = after > standard ? 'DAYLIGHT' : 'STANDARD';
    // The onset in the local time before the change (RFC 5545 3.6.5).
    const d = new Date(at + before * MINUTE);
    const onset = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
    lines.push(`BEGIN:${kind}`, `DTSTART:${onset}`, `TZOFFSETFROM:${offsetValue(before)}`, `TZOFFSETTO:${offsetValue(after)}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * A TEXT value escaped (RFC 5545 3.3.11): `\`, `;`, `,` and line breaks (as `\n`); other control
 * characters, which TEXT may not hold, are dropped.
 *
 * @example escapeText('a;b,c\nd') // 'a\\;b\\,c\\nd'
 */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

const encoder = new TextEncoder();

/**
 * A content line folded so that no line is longer than 75 octets of UTF-8 (RFC 5545 3.1):
 * continuation lines start with a space; a character is never split.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = utf8Length(char);
    if (size + bytes > limit) {
      out.push(current);
      current = '';
      size = 0;
      limit = 74; // after the leading space
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}
