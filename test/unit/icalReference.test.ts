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
