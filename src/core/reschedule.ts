import { parsePostDate } from './dates';

const WRITTEN = /^(\s*)(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(:\d{2}(?:\.\d{1,9})?)?)?(\s*)(Z|[+-]\d{2}(?::?\d{2})?)?(\s*)$/i;

/**
 * The `date` of a post moved to another day (and, optionally, another time of day), written the way
 * the original was: date only stays date only, `T` or space, seconds, and an offset when there was
 * one. The time of day is kept unless `time` is given. With an offset, the wall-clock time in the
 * calendar's zone is kept and the offset recomputed for the new day (09:30 stays 09:30 across DST).
 * Returns `undefined` when the written date cannot be read.
 *
 * @example rescheduledDateText('2026-12-01T09:30', '2026-12-08', 'Europe/Paris') // '2026-12-08T09:30'
 * @example rescheduledDateText('2026-03-20T09:30+01:00', '2026-04-02', 'Europe/Paris') // '2026-04-02T09:30+02:00'
 */
export function rescheduledDateText(written: string, day: string, timeZone: string, time?: string): string | undefined {
  const m = WRITTEN.exec(written);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m || !d || !parsePostDate(written, timeZone)) return undefined;
  const [, lead, , , , sep, hh, mm, seconds, , offset, trail] = m;
  let hours = hh;
  let minutes = mm;
  if (time !== undefined) {
    const t = /^(\d{2}):(\d{2})$/.exec(time);
    if (!t) return undefined;
    [hours, minutes] = [t[1]!, t[2]!];
  }
  const datePart = `${d[1]}-${d[2]}-${d[3]}`;
  if (sep === undefined) {
    // A day-only date moved to a time slot gets that time; else it stays a day.
    return time === undefined ? `${lead}${datePart}${trail}` : `${lead}${datePart}T${hours}:${minutes}${trail}`;
  }
  let text = `${datePart}${sep}${hours}:${minutes}${time === undefined ? seconds ?? '' : ''}`;
  if (offset !== undefined) {
    if (/^z$/i.test(offset)) text += offset;
    else {
      // The instant the same text without an offset gives (a time skipped by the spring change
      // moves forward by the gap), written with the offset that puts it at this wall-clock time:
      // in a gap, the offset before the change (02:30+01:00 on the night Paris skips 02:00–03:00).
      const local = parsePostDate(text, timeZone);
      if (!local) return undefined;
      const wall = parsePostDate(`${text}Z`, timeZone)!.time;
      text += formatOffset(Math.round((wall - local.time) / 60_000), offset.includes(':'));
    }
  }
  if (!parsePostDate(text, timeZone)) return undefined;
  return `${lead}${text}${trail}`;
}

function formatOffset(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}${colon ? ':' : ''}${mm}`;
}
