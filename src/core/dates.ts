import { wallTimeToUtc } from './zone';

/** A post date once read: the instant, and whether only a day was given. */
export interface PostDate {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly dateOnly: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a post's `date`: `YYYY-MM-DD`, or with a time `YYYY-MM-DDTHH:mm[:ss[.sss]]`, optionally
 * followed by `Z` or an offset (`+01:00`). Without an offset it is wall-clock time in `timeZone`, so
 * a 09:30 post stays 09:30 across daylight-saving changes; a time that does not exist that day
 * (skipped by the spring change) moves forward by the gap. Returns `undefined` when invalid.
 *
 * @example parsePostDate('2026-12-01T09:30', 'Europe/Paris')?.time // Date.UTC(2026, 11, 1, 8, 30)
 */
export function parsePostDate(text: string, timeZone: string): PostDate | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  // Years before 1000 are typos (0026 for 2026), and Date.UTC would read 0–99 as 1900–1999.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const dateOnly = h === undefined;
  if (offset !== undefined) {
    if (dateOnly) return undefined;
    const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    if (/^z$/i.test(offset)) return { time: utc, dateOnly };
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 18 || om > 59) return undefined;
    return { time: utc - sign * (oh * 60 + om) * 60_000, dateOnly };
  }
  return { time: wallTimeToUtc(timeZone, year, month, day, hour, minute, second, ms), dateOnly };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

