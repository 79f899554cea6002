import assert from 'node:assert/strict';
import { TID } from '@atproto/common-web';
import fc from 'fast-check';
import { parseConfig } from '../../src/core/config';
import { parseDuration } from '../../src/core/duration';
import type { Http, HttpResponse } from '../../src/core/ports';
import { recordKey, stableKey, tid } from '../../src/core/publish/keys';
import { linkCard } from '../../src/core/publish/openGraph';
import { retryAt, retrying } from '../../src/services/publish/retry';
import { CONFIG, lintText, postFile } from './helpers';
import { FakeClock } from './publishPorts';

const answer = (status: number, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: new Uint8Array() });

describe('publishing pieces', () => {
  describe('record keys', () => {
    // From 2005 on: earlier times are shorter than 11 characters, which the library does not pad.
    it('writes TIDs exactly as @atproto/common-web does (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 32 ** 10, max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: 1023 }), (micros, clock) => tid(micros, clock) === TID.fromTime(micros, clock).toString()),
        { numRuns: 5000 },
      );
    });

    it('gives the same post, network and part the same key, and others different ones', () => {
      const date = Date.parse('2026-12-01T08:30:00Z');
      const a = stableKey('posts/a.md', 'bluesky', '2026-12-01T09:30');
      const b = stableKey('posts/b.md', 'bluesky', '2026-12-01T09:30');
      assert.equal(recordKey(a, date, 0), recordKey(stableKey('posts/a.md', 'bluesky', '2026-12-01T09:30'), date, 0));
      assert.notEqual(recordKey(a, date, 0), recordKey(a, date, 1));
      assert.notEqual(recordKey(a, date, 0), recordKey(b, date, 0));
      // Still a TID of the post's millisecond: sorted by time like the app's own keys.
      assert.equal(Math.floor(new TID(recordKey(a, date, 3)).timestamp() / 1000), date);
    });
  });

  describe('retries', () => {
    it('reads when to try again from each network\'s headers', () => {
      const now = Date.parse('2026-12-01T08:30:00Z');
      assert.equal(retryAt(answer(429, { 'retry-after': '120' }), now), now + 120_000);
      assert.equal(retryAt(answer(503, { 'retry-after': 'Tue, 01 Dec 2026 08:31:00 GMT' }), now), now + 60_000);
      assert.equal(retryAt(answer(429, { 'ratelimit-reset': String(now / 1000 + 30) }), now), now + 30_000);
      assert.equal(retryAt(answer(429, { 'x-rate-limit-reset': String(now / 1000 + 900) }), now), now + 900_000);
      assert.equal(retryAt(answer(429, { 'x-ratelimit-reset': '2026-12-01T08:35:00.000Z' }), now), now + 300_000);
      assert.equal(retryAt(answer(429), now), undefined);
    });

    it('tries 429 and 5xx again after the wait asked for, and gives up past the longest wait', async () => {
      const clock = new FakeClock();
      const replies = [answer(429, { 'retry-after': '3' }), answer(500), answer(200)];
      const http: Http = { request: async () => replies.shift()! };
      assert.equal((await retrying(http, clock).request({ method: 'POST', url: 'http://127.0.0.1/x' })).status, 200);
      assert.deepEqual(clock.slept, [3000, 2000]);

      const slow = [answer(429, { 'retry-after': '900' }), answer(200)];
      const later = await retrying({ request: async () => slow.shift()! }, clock).request({ method: 'POST', url: 'http://127.0.0.1/x' });
      assert.equal(later.status, 429, 'a 15-minute wait is left to the next run');
    });

    it('waits on a 5xx only as retry-after says, not until the rate-limit window ends', async () => {
      const clock = new FakeClock();
      const replies = [answer(500, { 'x-ratelimit-reset': new Date(clock.now() + 300_000).toISOString() }), answer(200)];
      assert.equal((await retrying({ request: async () => replies.shift()! }, clock).request({ method: 'POST', url: 'http://127.0.0.1/x' })).status, 200);
      assert.deepEqual(clock.slept, [1000]);
    });

    it('does not retry a 504 or a 4xx, and stops after four attempts', async () => {
      for (const status of [504, 400, 401, 403, 422]) {
        let calls = 0;
        const r = await retrying({ request: async () => (calls++, answer(status)) }, new FakeClock()).request({ method: 'POST', url: 'http://127.0.0.1/x' });
        assert.equal(r.status, status);
        assert.equal(calls, 1, `${status} is not retried`);
      }
      let calls = 0;
      await retrying({ request: async () => (calls++, answer(503)) }, new FakeClock()).request({ method: 'GET', url: 'http://127.0.0.1/x' });
      assert.equal(calls, 4);
    });
  });

  describe('durations and windows', () => {
    it('reads durations as people write them', () => {
      assert.equal(parseDuration('2h'), 7_200_000);
      assert.equal(parseDuration('30m'), 1_800_000);
      assert.equal(parseDuration('1d 12h'), 129_600_000);
      assert.equal(parseDuration('90 min'), 5_400_000);
      for (const bad of ['', 'soon', '2', 'h', '2 hours', '-1h']) assert.equal(parseDuration(bad), undefined, bad);
    });

    it('reads publishWindow and a network\'s service from .editorial.yaml, and reports bad ones', () => {
      const ok = parseConfig('publishWindow: 45m\nplatforms:\n  bluesky: { service: "http://127.0.0.1:2583/" }\n');
      assert.deepEqual(ok.diagnostics, []);
      assert.equal(ok.config.publishWindow, 2_700_000);
      assert.equal(ok.config.platforms.bluesky?.service, 'http://127.0.0.1:2583');
      assert.equal(parseConfig('').config.publishWindow, 2 * 3_600_000);
      // Credentials are sent there: never in clear text over a network.
      assert.deepEqual(parseConfig('platforms:\n  bluesky: { service: "http://pds.example" }\n').diagnostics.map((d) => d.code), ['config.schema']);
      assert.deepEqual(parseConfig('platforms:\n  mastodon: { instance: "http://localhost:3000" }\n').diagnostics, []);
      const bad = parseConfig('publishWindow: soon\n');
      assert.deepEqual(bad.diagnostics.map((d) => d.code), ['config.schema']);
      assert.match(bad.diagnostics[0]!.message, /a duration such as 2h/);
    });

    it('reads notAfter as a date, a day, or a duration after the post\'s date', () => {
      const date = Date.parse('2026-12-24T18:00:00+01:00');
      const meta = (notAfter: string) => lintText(postFile({ date: '2026-12-24T18:00', notAfter })).post.meta;
      assert.equal(meta('3h').notAfter, date + 3 * 3_600_000);
      assert.equal(meta('2026-12-24T23:59').notAfter, Date.parse('2026-12-24T23:59:00+01:00'));
      assert.equal(meta('2026-12-24').notAfter, Date.parse('2026-12-25T00:00:00+01:00') - 1);
      const bad = lintText(postFile({ date: '2026-12-24T18:00', notAfter: 'Noël' }));
      assert.ok(bad.diagnostics.some((d) => d.code === 'date.invalid' && /notAfter/.test(d.message)));
      assert.equal(CONFIG.publishWindow, 7_200_000);
    });
  });

  describe('link cards', () => {
    it('reads a page\'s Open Graph tags, entities decoded and the image made absolute', () => {
      const html = `<html><head><title>Ignored</title>
        <meta property="og:title" content="Nova 2 &amp; vous">
        <meta content='La suite &#233;tendue' property='og:description'>
        <meta property="og:image" content="/img/card.png"></head><body>…</body></html>`;
      assert.deepEqual(linkCard('https://nova.app/blog/a', html), { uri: 'https://nova.app/blog/a', title: 'Nova 2 & vous', description: 'La suite étendue', image: 'https://nova.app/img/card.png' });
    });

    it('falls back on the title, and gives no card for a page without one', () => {
      assert.deepEqual(linkCard('https://nova.app/', '<title>Nova</title>'), { uri: 'https://nova.app/', title: 'Nova', description: '' });
      assert.equal(linkCard('https://nova.app/', '<p>nothing</p>'), undefined);
      assert.equal(linkCard('https://nova.app/', '<meta property="og:title" content="x"><meta property="og:image" content="javascript:alert(1)">')?.image, undefined);
    });
  });
});
