import assert from 'node:assert/strict';
import { addDays, campaignBands, clashes, dayKey, filterPosts, gapDays, inNetworkOrder, monthGrid, networkOrder, postsByDay, weekdayOf, weekStartDay, weeklyCounts, type CalendarPost } from '../../src/core/calendar';
import { PLATFORM_IDS } from '../../src/core/model';
import { editFrontmatter } from '../../src/core/frontmatter/editor';
import { applyEdits } from '../../src/core/textEdits';
import { rescheduledDateText } from '../../src/core/reschedule';
import fc from 'fast-check';
import { parsePostDate } from '../../src/core/dates';
import { zoneOffset } from '../../src/core/zone';

const post = (id: string, date: number | undefined, extra: Partial<CalendarPost> = {}): CalendarPost => ({
  id,
  title: id,
  ...(date !== undefined ? { date } : {}),
  status: 'draft',
  platforms: ['x'],
  tags: [],
  errors: 0,
  warnings: 0,
  problems: [],
  excerpt: '',
  published: [],
  ...extra,
});
const PARIS = 'Europe/Paris';

describe('calendar queries', () => {
  it('puts an instant on its day in the calendar zone', () => {
    assert.equal(dayKey(Date.UTC(2026, 11, 31, 23, 30), PARIS), '2027-01-01');
    assert.equal(dayKey(Date.UTC(2026, 11, 31, 23, 30), 'America/Montreal'), '2026-12-31');
  });

  it('builds month grids of whole weeks starting on Monday', () => {
    const dec = monthGrid(2026, 12);
    assert.equal(dec[0], '2026-11-30');
    assert.equal(dec.length % 7, 0);
    assert.equal(dec[dec.length - 1], '2027-01-03');
    assert.equal(monthGrid(2027, 2).length, 28); // February 2027 starts on a Monday
    assert.equal(weekStartDay('2026-12-06'), '2026-11-30');
    assert.equal(addDays('2027-03-27', 2), '2027-03-29');
  });

  it('groups by day across a DST change, sorted by time', () => {
    const a = post('a', Date.UTC(2027, 2, 28, 7, 30)); // 09:30 CEST, the day of the change
    const b = post('b', Date.UTC(2027, 2, 28, 0, 30)); // 01:30 CET
    const c = post('c', Date.UTC(2027, 2, 27, 22, 59)); // 23:59 CET the day before
    const byDay = postsByDay([a, b, c], PARIS);
    assert.deepEqual(byDay.get('2027-03-28')!.map((p) => p.id), ['b', 'a']);
    assert.deepEqual(byDay.get('2027-03-27')!.map((p) => p.id), ['c']);
  });

  it('filters by network, status, campaign, tag and text', () => {
    const posts = [
      post('a', 1, { platforms: ['x', 'bluesky'], status: 'review', campaign: 'launch', tags: ['teaser'], title: 'Nova arrive' }),
      post('b', 2, { platforms: ['linkedin'], status: 'draft', title: 'Recrutement' }),
    ];
    const ids = (f: Parameters<typeof filterPosts>[1]) => filterPosts(posts, f).map((p) => p.id);
    assert.deepEqual(ids({}), ['a', 'b']);
    assert.deepEqual(ids({ platforms: ['bluesky'] }), ['a']);
    assert.deepEqual(ids({ statuses: ['draft'] }), ['b']);
    assert.deepEqual(ids({ campaigns: ['launch'], tags: ['teaser'] }), ['a']);
    assert.deepEqual(ids({ text: 'RECRUT' }), ['b']);
  });

  it('finds gaps, clashes, campaign bands and weekly counts', () => {
    const h = (d: number, hour: number, minute = 0) => Date.UTC(2026, 11, d, hour - 1, minute);
    const posts = [
      post('a', h(1, 9), { platforms: ['x', 'bluesky'], campaign: 'launch' }),
      post('b', h(1, 9, 45), { platforms: ['x'], campaign: 'launch' }),
      post('c', h(3, 18), { platforms: ['bluesky'], campaign: 'launch' }),
      post('d', h(1, 10), { platforms: ['x'], dateOnly: true }),
    ];
    const byDay = postsByDay(posts, PARIS);
    assert.deepEqual(gapDays(['2026-12-01', '2026-12-02', '2026-12-03'], byDay), ['2026-12-02']);
    assert.deepEqual(clashes(posts, 60), [{ platform: 'x', first: 'a', second: 'b', minutes: 45 }]);
    assert.deepEqual(clashes(posts, 30), []);
    assert.deepEqual(campaignBands(posts, PARIS), [{ campaign: 'launch', from: '2026-12-01', to: '2026-12-03' }]);
    assert.deepEqual(weeklyCounts(['2026-11-30'], byDay).get('2026-11-30'), { x: 3, bluesky: 2 });
  });

  it('counts as gaps only the weekdays asked, and days with nothing for the networks asked', () => {
    const h = (d: number, hour: number) => Date.UTC(2026, 11, d, hour - 1);
    // Fri 4: X only; Sat 5 and Sun 6: nothing; Mon 7: nothing; Tue 8: a draft for Instagram.
    const byDay = postsByDay([post('a', h(4, 9)), post('b', h(8, 9), { platforms: ['instagram'], status: 'idea' })], PARIS);
    const days = ['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08'];
    assert.deepEqual(gapDays(days, byDay), ['2026-12-05', '2026-12-06', '2026-12-07']);
    assert.deepEqual(gapDays(days, byDay, ['mon', 'tue', 'wed', 'thu', 'fri']), ['2026-12-07']);
    assert.deepEqual(gapDays(days, byDay, ['mon', 'tue', 'wed', 'thu', 'fri'], ['instagram']), ['2026-12-04', '2026-12-07']);
    assert.deepEqual(gapDays(days, byDay, []), []);
    assert.deepEqual(days.map(weekdayOf), ['fri', 'sat', 'sun', 'mon', 'tue']);
  });

  it('puts networks in the order the calendar lists them, then the registry’s', () => {
    const order = networkOrder(['linkedin', 'x', 'instagram']);
    assert.deepEqual(order.slice(0, 3), ['linkedin', 'x', 'instagram']);
    assert.deepEqual([...order].sort(), [...PLATFORM_IDS].sort());
    assert.deepEqual(inNetworkOrder(['bluesky', 'instagram', 'x', 'linkedin'], order), ['linkedin', 'x', 'instagram', 'bluesky']);
    assert.deepEqual(networkOrder([]), [...PLATFORM_IDS]);
  });
});

describe('rescheduling keeps the written format', () => {
  const cases: Array<[string, string, string | undefined, string | undefined]> = [
    ['2026-12-01T09:30', '2026-12-08', undefined, '2026-12-08T09:30'],
    ['2026-12-01 09:30:15', '2026-12-08', undefined, '2026-12-08 09:30:15'],
    ['2027-01-12', '2027-01-14', undefined, '2027-01-14'],
    ['2027-01-12', '2027-01-14', '10:00', '2027-01-14T10:00'],
    ['2026-12-01T09:30', '2026-12-02', '14:30', '2026-12-02T14:30'],
    ['2027-03-20T09:30+01:00', '2027-04-02', undefined, '2027-04-02T09:30+02:00'],
    ['2027-03-20T09:30+0100', '2027-04-02', undefined, '2027-04-02T09:30+0200'],
    ['2026-12-01T08:30Z', '2026-12-05', undefined, '2026-12-05T08:30Z'],
    ['not a date', '2026-12-05', undefined, undefined],
  ];
  for (const [written, day, time, expected] of cases) {
    it(`${written} → ${day}${time ? ' ' + time : ''}`, () => assert.equal(rescheduledDateText(written, day, PARIS, time), expected));
  }

  it('gives the same instant with or without an offset, DST gaps included (property)', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'America/Sao_Paulo', 'Asia/Kolkata'];
    // Days around each zone's changes are the interesting ones: draw from whole years.
    const day = fc.date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.constantFrom(...zones), day, day, time, (zone, from, to, hhmm) => {
        const plain = `${from}T${hhmm}`;
        const withOffset = `${plain}${offsetText(parsePostDate(plain, zone)!.time, zone)}`;
        const a = rescheduledDateText(plain, to, zone)!;
        const b = rescheduledDateText(withOffset, to, zone)!;
        assert.equal(parsePostDate(b, zone)!.time, parsePostDate(a, zone)!.time, `${withOffset} → ${b}, ${plain} → ${a} in ${zone}`);
        assert.equal(b.slice(0, 16), a.slice(0, 16), 'the wall-clock time as written is kept');
      }),
      { numRuns: 3000 },
    );
    // Paris skips 02:00–03:00 on 2026-03-29: both forms move forward by the gap, to 03:30 CEST.
    assert.equal(rescheduledDateText('2026-03-01T02:30+01:00', '2026-03-29', PARIS), '2026-03-29T02:30+01:00');
    assert.equal(parsePostDate('2026-03-29T02:30+01:00', PARIS)!.time, parsePostDate('2026-03-29T02:30', PARIS)!.time);
  });

  it('changes no other byte of the file (comments, quoting, CRLF)', () => {
    const file = '---\r\ntitle: "Nova" # titre\r\ndate: \'2026-12-01T09:30\' # matin\r\nplatforms: [x]\r\n---\r\nTexte #Nova\r\n';
    const result = editFrontmatter(file, { kind: 'set', path: ['date'], value: rescheduledDateText('2026-12-01T09:30', '2026-12-09', PARIS)! });
    assert.ok(result.ok);
    assert.equal(applyEdits(file, result.edits), file.replace('2026-12-01T09:30', '2026-12-09T09:30'));
  });
});

/** `+01:00`: the zone's offset at an instant, as a post date writes it. */
function offsetText(time: number, zone: string): string {
  const minutes = zoneOffset(zone, time);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
