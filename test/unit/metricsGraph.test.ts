import assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config';
import { facebookReading, graphFollowers, INSIGHT_METRICS, insightsReading } from '../../src/core/metrics/graphReadings';
import type { PublishedPart } from '../../src/core/metrics/publishedPart';
import { NodeHttp } from '../../src/node/http';
import { fetchMetrics } from '../../src/services/metrics/fetch';
import { retrying } from '../../src/services/publish/retry';
import { FacebookStandin } from '../peers/standins/facebook';
import { InstagramStandin } from '../peers/standins/instagram';
import { ThreadsStandin } from '../peers/standins/threads';
import { FakeClock, MemorySecrets } from './publishPorts';

describe('Meta’s answers read as counts (Threads, Instagram, Facebook)', () => {
  it('maps each network’s insight names to ours, total_value first, and says nothing of an empty answer', () => {
    const answer = {
      data: [
        { name: 'comments', period: 'lifetime', values: [{ value: 4 }] },
        { name: 'saved', period: 'lifetime', values: [{ value: 1 }, { value: 2 }] },
        { name: 'reach', period: 'lifetime', values: [{ value: 90 }] },
        { name: 'likes', period: 'lifetime', total_value: { value: 7 }, values: [{ value: 6 }] },
        { name: 'shares', period: 'lifetime', values: [{ value: -1 }] },
      ],
    };
    assert.deepEqual(insightsReading(answer, INSIGHT_METRICS.instagram), { counts: { likes: 7, replies: 4, saves: 2 } });
    assert.deepEqual(insightsReading({ data: [{ name: 'reposts', values: [{ value: 3 }] }, { name: 'quotes', values: [{ value: 0 }] }] }, INSIGHT_METRICS.threads), { counts: { reposts: 3, quotes: 0 } });
    assert.equal(insightsReading({ data: [] }, INSIGHT_METRICS.instagram), undefined);
    assert.equal(insightsReading({ error: { code: 100 } }, INSIGHT_METRICS.threads), undefined);
  });

  it('reads a Page post’s reactions, comments and shares, a post never shared as 0 shares', () => {
    const post = { id: '1_2', reactions: { data: [], summary: { total_count: 12, viewer_reaction: 'NONE' } }, comments: { data: [], summary: { total_count: 3 } } };
    assert.deepEqual(facebookReading(post), { counts: { likes: 12, replies: 3, shares: 0 } });
    assert.deepEqual(facebookReading({ ...post, shares: { count: 5 } })!.counts.shares, 5);
    assert.equal(facebookReading({ error: { code: 100 } }), undefined);
    assert.deepEqual(graphFollowers('threads', { data: [{ name: 'followers_count', total_value: { value: 42 } }] }, { id: '1', username: 'nova' }), { account: 'nova', followers: 42 });
    assert.deepEqual(graphFollowers('facebook', { id: '1', name: 'Nova', followers_count: 8 }), { account: 'Nova', followers: 8 });
    assert.equal(graphFollowers('instagram', { id: '1', username: 'nova' }), undefined);
  });
});

describe('edcal metrics fetch on Meta’s networks, against the stand-in servers', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = new FakeClock();
  });
  const http = () => new NodeHttp(5000);
  const ports = (secrets: Record<string, string>) => ({ http: retrying(http(), clock), secrets: new MemorySecrets(secrets), now: () => clock.now() });
  const config = (network: string, url: string) => parseConfig(`timezone: Europe/Paris\nplatforms:\n  ${network}: { service: "${url}" }\n`).config;
  const parts = (network: PublishedPart['network'], ids: string[]): PublishedPart[] => ids.map((id, i) => ({ file: 'posts/a.md', network, part: i + 1, id }));
  /** A form POST to a stand-in, as a sender makes it, and its answer's `id`. */
  const post = async (url: string, token: string, params: Record<string, string>) => {
    const r = await http().request({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
    return (JSON.parse(new TextDecoder().decode(r.body)) as { id: string }).id;
  };

  describe('Threads', () => {
    let threads: ThreadsStandin;
    const secrets = () => ({ 'threads/access-token': threads.token, 'threads/user-id': threads.user.id });
    const thread = async (text: string) => {
      const container = await post(`${threads.url}/v1.0/${threads.user.id}/threads`, threads.token, { media_type: 'TEXT', text });
      return post(`${threads.url}/v1.0/${threads.user.id}/threads_publish`, threads.token, { creation_id: container });
    };
    afterEach(async () => threads.close());

    it('reads each part’s insights as counts and the profile’s followers; a post deleted is not found, the others kept', async () => {
      threads = await ThreadsStandin.start({ now: () => clock.now() });
      const [a, b, c] = [await thread('Un'), await thread('Deux'), await thread('Trois')];
      threads.engage(a, { views: 1200, likes: 30, replies: 4, reposts: 2, quotes: 1, shares: 5 });
      threads.deletePost(b);
      threads.followers = 321;
      const r = await fetchMetrics(parts('threads', [a, b, c]), config('threads', `${threads.url}/v1.0`), ports(secrets()));
      assert.deepEqual(r.snapshots.map((s) => [s.part, s.counts]), [
        [1, { views: 1200, likes: 30, replies: 4, reposts: 2, quotes: 1, shares: 5 }],
        [3, { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0 }],
      ]);
      assert.deepEqual(r.failures.map((f) => [f.part, f.failure]), [[2, 'not-found']]);
      assert.match(r.failures[0]!.detail, /does not exist/);
      assert.deepEqual(r.accounts.map((x) => [x.network, x.account, x.followers]), [['threads', 'nova.app', 321]]);
      const insights = threads.requestsTo(new RegExp(`^GET /v1\\.0/${a}/insights`))[0]!;
      assert.equal(insights.query.get('metric'), 'views,likes,replies,reposts,quotes,shares');
      assert.equal(insights.headers['authorization'], `Bearer ${threads.token}`);
      assert.equal(insights.query.get('access_token'), null, 'the token never in a URL');
    });

    it('stops at throttling (code 4, a 400) and leaves the rest for the next run, keeping what was read', async () => {
      // Seven calls an hour: three posts made (two calls each), then one read.
      threads = await ThreadsStandin.start({ now: () => clock.now(), callsPerHour: 7 });
      const ids = [await thread('Un'), await thread('Deux'), await thread('Trois')];
      const r = await fetchMetrics(parts('threads', ids), config('threads', `${threads.url}/v1.0`), ports(secrets()));
      assert.equal(r.snapshots.length, 1);
      assert.deepEqual(r.failures.map((f) => [f.part, f.failure, f.detail]), [[2, 'rate-limited', '(#4) Application request limit reached'], [3, 'rate-limited', 'left for the next run']]);
      assert.equal(threads.requestsTo(/\/insights/).length, 2, 'nothing asked after the throttling');
      assert.equal(threads.requestsTo(/threads_insights|\/me/).length, 0, 'followers not asked of a network that said to wait');
    });

    it('says a missing token for each part, and asks nothing', async () => {
      threads = await ThreadsStandin.start({ now: () => clock.now() });
      const r = await fetchMetrics(parts('threads', ['1', '2']), config('threads', threads.url), ports({}));
      assert.deepEqual(r.failures.map((f) => [f.failure, f.detail]), [['refused', 'no Threads access token (EDCAL_THREADS_ACCESS_TOKEN)'], ['refused', 'no Threads access token (EDCAL_THREADS_ACCESS_TOKEN)']]);
      assert.deepEqual([r.unsupported, r.accounts, r.accountFailures, threads.requests.length], [[], [], [], 0]);
    });
  });

  describe('Instagram', () => {
    let ig: InstagramStandin;
    const media = async () => {
      const container = await post(`${ig.url}/v26.0/${ig.user.id}/media`, ig.token, { image_url: 'https://media.nova.example/a.jpg', caption: 'Un' });
      return post(`${ig.url}/v26.0/${ig.user.id}/media_publish`, ig.token, { creation_id: container });
    };
    afterEach(async () => ig.close());

    it('reads views, likes, comments as replies, shares and saved as saves, and the account’s followers', async () => {
      ig = await InstagramStandin.start({ now: () => clock.now(), processingMs: 0 });
      const [a, b, c, d] = [await media(), await media(), await media(), await media()];
      ig.engage(a, { views: 5000, reach: 3000, likes: 210, comments: 12, shares: 9, saved: 40 });
      ig.withhold(c);
      ig.deletePost(d);
      ig.followers = 1500;
      const r = await fetchMetrics(parts('instagram', [a, b, c, d]), config('instagram', `${ig.url}/v26.0`), ports({ 'instagram/access-token': ig.token, 'instagram/user-id': ig.user.id }));
      assert.deepEqual(r.snapshots.map((s) => [s.part, s.counts]), [
        [1, { views: 5000, likes: 210, replies: 12, saves: 40, shares: 9 }],
        [2, { views: 0, likes: 0, replies: 0, saves: 0, shares: 0 }],
      ]);
      assert.deepEqual(r.failures.map((f) => [f.part, f.failure, f.detail]), [
        [3, 'refused', 'no insights for it yet (Meta counts them up to 48 hours late)'],
        [4, 'not-found', `Unsupported get request. Object with ID '${d}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`],
      ]);
      assert.deepEqual(r.accounts.map((x) => [x.account, x.followers]), [['nova.app', 1500]]);
      assert.equal(ig.requestsTo(new RegExp(`^GET /v26\\.0/${a}/insights`))[0]!.query.get('metric'), 'views,likes,comments,shares,saved');
    });

    it('stops at Instagram’s Business Use Case throttling (80002) and keeps what was read', async () => {
      ig = await InstagramStandin.start({ now: () => clock.now(), processingMs: 0, callsPerHour: 5 });
      const ids = [await media(), await media()];
      const r = await fetchMetrics(parts('instagram', [...ids, '17999']), config('instagram', `${ig.url}/v26.0`), ports({ 'instagram/access-token': ig.token, 'instagram/user-id': ig.user.id }));
      assert.equal(r.snapshots.length, 1);
      assert.deepEqual(r.failures.map((f) => [f.part, f.failure]), [[2, 'rate-limited'], [3, 'rate-limited']]);
      assert.match(r.failures[0]!.detail, /80002/);
      assert.deepEqual(r.accounts, []);
    });
  });

  describe('Facebook', () => {
    let fb: FacebookStandin;
    const feed = (message: string) => post(`${fb.url}/v26.0/${fb.page.id}/feed`, fb.token, { message });
    afterEach(async () => fb.close());

    it('reads a Page post’s reactions as likes, comments as replies and shares, and the Page’s followers', async () => {
      fb = await FacebookStandin.start({ now: () => clock.now() });
      const [a, b, c] = [await feed('Un'), await feed('Deux'), await feed('Trois')];
      fb.engage(a, { reactions: 44, comments: 6, shares: 3 });
      fb.deletePost(c);
      fb.followers = 980;
      const r = await fetchMetrics(parts('facebook', [a, b, c]), config('facebook', `${fb.url}/v26.0`), ports({ 'facebook/access-token': fb.token, 'facebook/page-id': fb.page.id }));
      assert.deepEqual(r.snapshots.map((s) => [s.id, s.counts]), [
        [a, { likes: 44, replies: 6, shares: 3 }],
        [b, { likes: 0, replies: 0, shares: 0 }],
      ]);
      assert.deepEqual(r.failures.map((f) => [f.part, f.failure]), [[3, 'not-found']]);
      assert.deepEqual(r.accounts.map((x) => [x.network, x.account, x.followers]), [['facebook', 'Nova', 980]]);
    });

    it('stops at the Page’s throttling (80001), and reads nothing more this run', async () => {
      fb = await FacebookStandin.start({ now: () => clock.now(), callsPerHour: 3 });
      const ids = [await feed('Un'), await feed('Deux')];
      const r = await fetchMetrics(parts('facebook', [...ids, `${fb.page.id}_9`]), config('facebook', `${fb.url}/v26.0`), ports({ 'facebook/access-token': fb.token, 'facebook/page-id': fb.page.id }));
      assert.deepEqual([r.snapshots.length, r.failures.map((f) => f.failure)], [1, ['rate-limited', 'rate-limited']]);
      assert.match(r.failures[0]!.detail, /too many calls to this Page account/);
      assert.equal(fb.requests.filter((q) => q.method === 'GET').length, 2);
    });

    it('a wrong token is refused in Meta’s words, each network’s failure its own', async () => {
      fb = await FacebookStandin.start({ now: () => clock.now() });
      const a = await feed('Un');
      const r = await fetchMetrics(parts('facebook', [a]), config('facebook', `${fb.url}/v26.0`), ports({ 'facebook/access-token': 'wrong', 'facebook/page-id': fb.page.id }));
      assert.deepEqual(r.failures.map((f) => [f.failure, f.detail]), [['refused', 'Invalid OAuth access token - Cannot parse access token']]);
      assert.deepEqual(r.accountFailures.map((f) => f.failure), ['refused']);
      // Without the Page's id, the followers are not asked; the counts are still read.
      const noPage = await fetchMetrics(parts('facebook', [a]), config('facebook', `${fb.url}/v26.0`), ports({ 'facebook/access-token': fb.token }));
      assert.deepEqual([noPage.snapshots.length, noPage.accounts, noPage.accountFailures], [1, [], []]);
    });
  });
});
