import assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config';
import { linkedinFollowers, linkedinShareReadings, linkedinSocialReading } from '../../src/core/metrics/linkedinReadings';
import type { PublishedPart } from '../../src/core/metrics/publishedPart';
import { NodeHttp } from '../../src/node/http';
import { fetchMetrics } from '../../src/services/metrics/fetch';
import { retrying } from '../../src/services/publish/retry';
import { LinkedinStandin, type LinkedinStandinOptions } from '../peers/standins/linkedin';
import { FakeClock, MemorySecrets } from './publishPorts';

const ORG = 'urn:li:organization:4242';

describe('LinkedIn’s answers read as counts', () => {
  it('reads social actions (reactions, comments with their replies), share statistics by URN, and a network size', () => {
    assert.deepEqual(linkedinSocialReading({ likesSummary: { totalLikes: 12, aggregatedTotalLikes: 15 }, commentsSummary: { totalFirstLevelComments: 2, aggregatedTotalComments: 3 } }), { counts: { likes: 12, replies: 3 } });
    assert.equal(linkedinSocialReading({ message: 'Not Found', status: 404 }), undefined);
    const stats = linkedinShareReadings({
      elements: [
        { organizationalEntity: ORG, share: 'urn:li:share:1', totalShareStatistics: { impressionCount: 900, uniqueImpressionsCount: 700, likeCount: 40, commentCount: 5, shareCount: 2, clickCount: 9, engagement: 0.06 } },
        { organizationalEntity: ORG, ugcPost: 'urn:li:ugcPost:2', totalShareStatistics: { likeCount: 1 } },
        { organizationalEntity: ORG, totalShareStatistics: { likeCount: 99 } },
      ],
    });
    assert.deepEqual([...stats], [
      ['urn:li:share:1', { counts: { views: 900, likes: 40, replies: 5, reposts: 2 } }],
      ['urn:li:ugcPost:2', { counts: { likes: 1 } }],
    ]);
    assert.equal(linkedinFollowers({ firstDegreeSize: 219145 }), 219145);
    assert.equal(linkedinFollowers({ firstDegreeSize: 'many' }), undefined);
  });
});

describe('edcal metrics fetch on LinkedIn, against the stand-in server', () => {
  let clock: FakeClock;
  let li: LinkedinStandin;
  const start = async (options: LinkedinStandinOptions = {}) => {
    li = await LinkedinStandin.start({ now: () => clock.now(), organizations: [ORG], ...options });
  };
  beforeEach(() => {
    clock = new FakeClock();
  });
  afterEach(async () => li.close());

  const config = (author?: string) => parseConfig(`timezone: Europe/Paris\nplatforms:\n  linkedin: { service: "${li.url}"${author ? `, account: { handle: "${author}" }` : ''} }\n`).config;
  const ports = (token: string | undefined = li.token) => ({ http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets(token ? { 'linkedin/access-token': token } : {}), now: () => clock.now() });
  const parts = (ids: string[]): PublishedPart[] => ids.map((id, i) => ({ file: `posts/${i}.md`, network: 'linkedin', part: 1, id }));
  /** A post made on the stand-in, as the sender makes it. */
  const share = async (author: string, text: string) => {
    const body = { author, commentary: text, visibility: 'PUBLIC', distribution: { feedDistribution: 'MAIN_FEED' }, lifecycleState: 'PUBLISHED' };
    const r = await new NodeHttp(5000).request({ method: 'POST', url: `${li.url}/rest/posts`, headers: { authorization: `Bearer ${li.token}`, 'linkedin-version': '202610', 'x-restli-protocol-version': '2.0.0', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return r.headers['x-restli-id']!;
  };

  it('reads an organisation’s posts from its share statistics, 20 a call, and its followers', async () => {
    await start();
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push(await share(ORG, `Post ${i}`));
    li.engage(ids[0]!, { impressions: 1200, likes: 40, comments: 5, replies: 2, shares: 3 });
    li.followers = 5400;
    const r = await fetchMetrics(parts(ids), config(ORG), ports());
    assert.equal(r.snapshots.length, 22);
    assert.deepEqual(r.snapshots[0]!.counts, { views: 1200, likes: 40, replies: 5, reposts: 3 });
    assert.deepEqual(r.failures, []);
    const calls = li.requestsTo('GET /rest/organizationalEntityShareStatistics');
    assert.deepEqual(calls.map((c) => c.query.get('shares')!.split(',').length), [20, 2]);
    assert.equal(calls[0]!.query.get('organizationalEntity'), ORG);
    assert.match(calls[0]!.path, /shares=List\(urn%3Ali%3Ashare%3A\d+,/, 'each URN encoded inside List()');
    assert.deepEqual(r.accounts.map((a) => [a.network, a.account, a.followers]), [['linkedin', ORG, 5400]]);
    assert.ok(li.requests.every((q) => q.headers['linkedin-version'] === '202610' && q.headers['x-restli-protocol-version'] === '2.0.0'));
  });

  it('asks the social actions of what the statistics leave out: a post over a year old read, a deleted one not found', async () => {
    await start();
    const old = await share(ORG, 'Il y a longtemps');
    clock.time += 400 * 86_400_000;
    const [recent, gone] = [await share(ORG, 'Récent'), await share(ORG, 'Supprimé')];
    li.engage(old, { impressions: 50, likes: 7, comments: 1, replies: 1 });
    li.engage(recent, { impressions: 10, likes: 1 });
    li.deletePost(gone);
    const r = await fetchMetrics(parts([old, recent, gone]), config(ORG), ports());
    assert.deepEqual(r.snapshots.map((s) => [s.id, s.counts]), [
      [old, { likes: 7, replies: 2 }],
      [recent, { views: 10, likes: 1, replies: 0, reposts: 0 }],
    ]);
    assert.deepEqual(r.failures.map((f) => [f.file, f.failure, f.detail]), [['posts/2.md', 'not-found', 'Not Found']]);
    assert.deepEqual(li.requestsTo(/^GET \/rest\/socialActions\//).map((q) => decodeURIComponent(q.pathname.split('/')[3]!)), [old, gone]);
  });

  it('reads a member’s posts from their social actions, with the r_member_social permission only, and asks no followers', async () => {
    await start({ readMemberSocial: true });
    const [a, b] = [await share(li.person, 'Un'), await share(li.person, 'Deux')];
    li.engage(a, { likes: 9, comments: 3, impressions: 500 });
    const r = await fetchMetrics(parts([a, b]), config(), ports());
    assert.deepEqual(r.snapshots.map((s) => s.counts), [{ likes: 9, replies: 3 }, { likes: 0, replies: 0 }]);
    assert.deepEqual([r.accounts, r.accountFailures], [[], []]);
    await li.close();
    await start({ readMemberSocial: false });
    const c = await share(li.person, 'Trois');
    const refused = await fetchMetrics(parts([c]), config(li.person), ports());
    assert.deepEqual(refused.failures.map((f) => [f.failure, f.detail]), [['refused', 'Not enough permissions to access: socialActions.GET.202610']]);
  });

  it('stops at LinkedIn’s daily limit (429) and leaves the rest for the next run, keeping what was read', async () => {
    await start({ readMemberSocial: true, readsPerDay: 2 });
    const ids = [await share(li.person, 'Un'), await share(li.person, 'Deux'), await share(li.person, 'Trois'), await share(li.person, 'Quatre')];
    const r = await fetchMetrics(parts(ids), config(), ports());
    assert.equal(r.snapshots.length, 2);
    assert.deepEqual(r.failures.map((f) => [f.file, f.failure, f.detail]), [
      ['posts/2.md', 'rate-limited', 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.'],
      ['posts/3.md', 'rate-limited', 'left for the next run'],
    ]);
    // The 429 says no time: tried again after 1, 2 and 4 s, then left; nothing asked after it.
    assert.deepEqual(clock.slept, [1000, 2000, 4000]);
    assert.equal(li.requestsTo(/^GET /).length, 2 + 4);
  });

  it('a throttled statistics call leaves the organisation’s remaining posts unasked', async () => {
    await start({ readsPerDay: 0 });
    const ids = [await share(ORG, 'Un'), await share(ORG, 'Deux')];
    const r = await fetchMetrics(parts(ids), config(ORG), ports());
    assert.deepEqual(r.failures.map((f) => f.failure), ['rate-limited', 'rate-limited']);
    assert.equal(li.requestsTo(/^GET \/rest\/socialActions/).length, 0);
    assert.deepEqual(r.accounts, []);
  });

  it('says a missing token for each part and asks nothing; a token refused is said in LinkedIn’s words', async () => {
    await start();
    const a = await share(ORG, 'Un');
    const before = li.requests.length;
    const none = await fetchMetrics(parts([a]), config(ORG), ports(''));
    assert.deepEqual(none.failures.map((f) => [f.failure, f.detail]), [['refused', 'no LinkedIn access token (EDCAL_LINKEDIN_ACCESS_TOKEN)']]);
    assert.equal(li.requests.length, before);
    const wrong = await fetchMetrics(parts([a]), config(ORG), ports('wrong'));
    assert.deepEqual(wrong.failures.map((f) => [f.failure, f.detail]), [['refused', 'Invalid access token']]);
    assert.deepEqual(wrong.accountFailures.map((f) => [f.failure, f.detail]), [['refused', 'Invalid access token']]);
  });
});
