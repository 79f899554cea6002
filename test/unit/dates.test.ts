import assert from 'node:assert/strict';
import { parsePostDate } from '../../src/core/dates';
import { formatInZone } from '../../src/core/zone';

describe('parsePostDate', () => {
  const paris = 'Europe/Paris';
  const cases: Array<[string, string, number | undefined, boolean?]> = [
    ['wall-clock time in the calendar zone (winter, UTC+1)', '2026-12-01T09:30', Date.UTC(2026, 11, 1, 8, 30)],
    ['wall-clock time in summer (UTC+2)', '2027-06-01T09:30', Date.UTC(2027, 5, 1, 7, 30)],
    ['a space instead of T', '2026-12-01 09:30', Date.UTC(2026, 11, 1, 8, 30)],
    ['seconds and milliseconds', '2026-12-01T09:30:15.250', Date.UTC(2026, 11, 1, 8, 30, 15, 250)],
    ['an explicit offset wins over the zone', '2026-12-01T09:30+05:30', Date.UTC(2026, 11, 1, 4, 0)],
    ['Z', '2026-12-01T09:30Z', Date.UTC(2026, 11, 1, 9, 30)],
    ['an offset without colon', '2026-12-01T09:30-0800', Date.UTC(2026, 11, 1, 17, 30)],
    ['day only: midnight local', '2027-01-12', Date.UTC(2027, 0, 11, 23, 0), true],
    ['09:30 stays 09:30 local the day after the spring change', '2027-03-29T09:30', Date.UTC(2027, 2, 29, 7, 30)],
    ['09:30 the day before the autumn change', '2027-10-30T09:30', Date.UTC(2027, 9, 30, 7, 30)],
    ['a time skipped by the spring change moves forward', '2027-03-28T02:30', Date.UTC(2027, 2, 28, 1, 30)],
    ['30 February is invalid', '2027-02-30T09:00', undefined],
    ['25:00 is invalid', '2026-12-01T25:00', undefined],
    ['month 13 is invalid', '2026-13-01', undefined],
    ['free text is invalid', 'next Tuesday', undefined],
    ['a day with an offset but no time is invalid', '2026-12-01+01:00', undefined],
  ];
  for (const [name, text, expected, dateOnly] of cases) {
    it(name, () => {
      const parsed = parsePostDate(text, paris);
      assert.equal(parsed?.time, expected);
      if (expected !== undefined) assert.equal(parsed!.dateOnly, dateOnly ?? false);
    });
  }

  it('formats an instant in the calendar zone', () => {
    assert.equal(formatInZone(Date.UTC(2026, 11, 1, 8, 30), 'Europe/Paris'), '2026-12-01 09:30');
    assert.equal(formatInZone(Date.UTC(2026, 11, 1, 8, 30), 'America/Montreal'), '2026-12-01 03:30');
  });
});
