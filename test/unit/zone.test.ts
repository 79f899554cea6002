import assert from 'node:assert/strict';
import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import fc from 'fast-check';
import { formatPostTime, toZonedIso, wallTimeToUtc, zoneOffset } from '../../src/core/zone';

const ZONES = ['Europe/Paris', 'America/Montreal', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'America/St_Johns', 'Africa/Casablanca'];

/** Wall-clock times over several years, biased towards the hours around DST changes. */
const wall = fc.record({
  zone: fc.constantFrom(...ZONES),
  year: fc.integer({ min: 2024, max: 2030 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(1, 2, 3)),
  minute: fc.constantFrom(0, 15, 30, 59),
});

describe('zone arithmetic (checked against @date-fns/tz)', () => {
  it('turns wall-clock times into the instants TZDate gives (property)', () => {
    fc.assert(
      fc.property(wall, ({ zone, year, month, day, hour, minute }) => {
        assert.equal(wallTimeToUtc(zone, year, month, day, hour, minute), new TZDate(year, month - 1, day, hour, minute, 0, 0, zone).getTime());
      }),
      { numRuns: 3000 },
    );
  });

  it('gives exact offsets on DST change days too (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 0, 1) }), (zone, time) => {
        const t = Math.floor(time / 1000) * 1000;
        assert.equal(toZonedIso(t, zone), formatISO(new TZDate(t, zone)));
      }),
      { numRuns: 3000 },
    );
  });

  it('handles the minutes of a DST change', () => {
    // Paris, 2027-03-28: 02:00 local jumps to 03:00 (01:00Z).
    assert.equal(zoneOffset('Europe/Paris', Date.UTC(2027, 2, 28, 0, 59)), 60);
    assert.equal(zoneOffset('Europe/Paris', Date.UTC(2027, 2, 28, 1, 0)), 120);
    assert.equal(wallTimeToUtc('Europe/Paris', 2027, 3, 28, 9, 30), Date.UTC(2027, 2, 28, 7, 30));
    assert.equal(wallTimeToUtc('Europe/Paris', 2027, 3, 27, 9, 30), Date.UTC(2027, 2, 27, 8, 30));
  });
});

describe('formatPostTime', () => {
  const cases: Array<[string, number, string, string, boolean, string]> = [
    ['a French calendar in French', Date.UTC(2026, 11, 15, 8, 30), 'Europe/Paris', 'fr', false, '15 déc. 2026, 09:30'],
    ['an English calendar in English', Date.UTC(2026, 11, 15, 8, 30), 'Europe/Paris', 'en', false, 'Dec 15, 2026, 9:30 AM'],
    ['the day in the calendar zone, not UTC', Date.UTC(2026, 11, 31, 23, 30), 'Europe/Paris', 'fr', false, '1 janv. 2027, 00:30'],
    ['a date-only post: the day, no time', Date.UTC(2027, 0, 11, 23), 'Europe/Paris', 'en', true, 'Jan 12, 2027'],
    ['a date-only post in French', Date.UTC(2027, 0, 11, 23), 'Europe/Paris', 'fr', true, '12 janv. 2027'],
  ];
  for (const [name, time, zone, locale, dateOnly, expected] of cases) {
    it(name, () => assert.equal(formatPostTime(time, zone, locale, dateOnly).replace(/\u202f/g, ' '), expected));
  }
});
