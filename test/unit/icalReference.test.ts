import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { icalFeed, type IcalPost } from '../../src/core/ical';
import type { PostMeta } from '../../src/core/model';

const meta = (fields: Partial<PostMeta>): PostMeta => ({ platforms: ['x', 'bluesky'], tags: [], media: [], approvals: [], results: {}, status: 'scheduled', ...fields });
const post = (path: string, fields: Partial<PostMeta>): IcalPost => ({ path, meta: meta(fields), text: 'Nova 2 arrive ✨ #Nova' });

/** The feed read back by ical.js, a maintained iCalendar parser (Mozilla's, used by Thunderbird). */
describe('iCalendar feed, read by ical.js', () => {
  const posts = [
    post('posts/2026/03/27-avant.md', { title: 'Avant le changement d’heure', date: Date.parse('2026-03-27T09:30:00+01:00') }),
    post('posts/2026/03/30-apres.md', { title: 'Après, ; virgule, et \\ barre', date: Date.parse('2026-03-30T09:30:00+02:00') }),
    post('posts/2026/11/16-hiver.md', { title: 'Hiver', date: Date.parse('2026-11-16T09:30:00+01:00') }),
    post('posts/2026/12/24-noel.md', { title: 'Noël', date: Date.parse('2026-12-24T00:00:00+01:00'), dateOnly: true }),
  ];

  it('chains the observances of the years between two posts (Casablanca, whose offset changes every Ramadan)', () => {
    // Found by the property test: posts in 2024 and on 2030-01-01 only; the years between must be there.
    const dates = [Date.UTC(2024, 0, 1), Date.UTC(2030, 0, 1)];
    const feed = icalFeed(dates.map((date, i) => post(`posts/${i}.md`, { date })), { zone: 'Africa/Casablanca', now: 0, name: 'Nova' });
    const calendar = new ICAL.Component(ICAL.parse(feed));
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(zone);
    const observances = zone.getAllSubcomponents();
    for (let i = 1; i < observances.length; i++) {
      assert.equal(observances[i]!.getFirstPropertyValue('tzoffsetfrom')!.toString(), observances[i - 1]!.getFirstPropertyValue('tzoffsetto')!.toString(), 'each observance starts from the offset the one before left');
    }
    const starts = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c).startDate.toJSDate().getTime());
    assert.deepEqual(starts, dates);
  });

  for (const utc of [false, true]) {
    it(`gives every post its instant and a stable UID (${utc ? 'UTC' : 'local times with VTIMEZONE'})`, () => {
      const feed = icalFeed(posts, { zone: 'Europe/Paris', now: Date.UTC(2026, 11, 2), name: 'Nova', utc });
      const calendar = new ICAL.Component(ICAL.parse(feed));
      if (!utc) {
        const zone = calendar.getFirstSubcomponent('vtimezone')!;
        ICAL.TimezoneService.register(zone);
        assert.equal(zone.getFirstPropertyValue('tzid'), 'Europe/Paris');
      }
      const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
      assert.deepEqual(events.map((e) => e.summary), posts.map((p) => p.meta.title));
      const timed = events.filter((e) => !e.startDate.isDate);
      assert.deepEqual(timed.map((e) => e.startDate.toJSDate().toISOString()), ['2026-03-27T08:30:00.000Z', '2026-03-30T07:30:00.000Z', '2026-11-16T08:30:00.000Z']);
      const allDay = events.find((e) => e.startDate.isDate)!;
      assert.equal(allDay.startDate.toString(), '2026-12-24');
      assert.equal(new Set(events.map((e) => e.uid)).size, posts.length);
      // Rescheduled, the same post keeps its UID: apps move the event instead of doubling it.
      const moved = icalFeed([{ ...posts[0]!, meta: { ...posts[0]!.meta, date: Date.parse('2026-04-02T10:00:00+02:00') } }], { zone: 'Europe/Paris', now: 0, name: 'Nova', utc });
      assert.equal(new ICAL.Event(new ICAL.Component(ICAL.parse(moved)).getFirstSubcomponent('vevent')!).uid, events[0]!.uid);
    });
  }
});
