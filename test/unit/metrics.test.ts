import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as csvParse } from 'csv-parse/sync';
import { csvRows, sniffSeparator } from '../../src/core/metrics/csv';
import { ExportError, readDashboardExport } from '../../src/core/metrics/dashboardExport';
import { parseConfig } from '../../src/core/config';
import { blueskyReadings, mastodonReading } from '../../src/core/metrics/readings';
import { accountLine, COUNTS, metricsFile, readSnapshots, snapshotLine, type MetricSnapshot } from '../../src/core/metrics/snapshot';
import { PLATFORM_IDS } from '../../src/core/model';
import { parsePost } from '../../src/core/post';
import { NodeHttp } from '../../src/node/http';
import { publishedParts, type PublishedPart } from '../../src/core/metrics/publishedPart';
import { fetchMetrics } from '../../src/services/metrics/fetch';
import { retrying } from '../../src/services/publish/retry';
import { AppViewStandin } from '../peers/standins/appview';
import { MastodonStandin } from '../peers/standins/mastodon';
import { XStandin } from '../peers/standins/x';
import { FakeClock, MemorySecrets } from './publishPorts';

const snapshot = fc.record(
  {
    at: fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    file: fc.string({ minLength: 1 }),
    network: fc.constantFrom(...PLATFORM_IDS),
    part: fc.integer({ min: 1, max: 25 }),
    id: fc.string({ minLength: 1 }),
    counts: fc.record(Object.fromEntries(COUNTS.map((c) => [c, fc.nat()])) as Record<(typeof COUNTS)[number], fc.Arbitrary<number>>, { requiredKeys: [] }),
    poll: fc.record({ options: fc.array(fc.record({ title: fc.string(), votes: fc.nat() }), { maxLength: 4 }), voters: fc.nat(), closed: fc.boolean() }, { requiredKeys: ['options', 'closed'] }),
  },
  { requiredKeys: ['at', 'file', 'network', 'part', 'id', 'counts'] },
) as fc.Arbitrary<MetricSnapshot>;

describe('metrics snapshots (metrics/YYYY-MM.jsonl)', () => {
  it('reads back every snapshot as written, one line each', () => {
    fc.assert(
      fc.property(fc.array(snapshot, { maxLength: 5 }), (snapshots) => {
        const text = snapshots.map((s) => snapshotLine(s) + '\n').join('');
        assert.equal(text.split('\n').length - 1, snapshots.length, 'one line per snapshot');
        const read = readSnapshots(text);
        assert.deepEqual(read.problems, []);
        assert.deepEqual(read.snapshots.map(snapshotLine), snapshots.map(snapshotLine));
        assert.deepEqual(read.snapshots.map((s) => ({ ...s.counts })), snapshots.map((s) => ({ ...s.counts })));
      }),
    );
  });

  it('skips and names the lines that are not snapshots, keeping the others', () => {
    const good = snapshotLine({ at: '2026-12-02T10:00:00.000Z', file: 'posts/a.md', network: 'mastodon', part: 1, id: '11', counts: { likes: 3, replies: 1 } });
    const text = [good, '{"at":"2026-12-02T10:00', '', JSON.stringify({ ...JSON.parse(good), network: 'myspace' }), JSON.stringify({ ...JSON.parse(good), counts: { likes: -1 } }), JSON.stringify({ ...JSON.parse(good), counts: { hearts: 2 } }), good].join('\n');
    const read = readSnapshots(text);
    assert.equal(read.snapshots.length, 2);
    assert.deepEqual(read.problems, [
      { line: 2, reason: 'not JSON' },
      { line: 4, reason: '"network" is not a network' },
      { line: 5, reason: '"counts.likes" is not a count' },
      { line: 6, reason: '"counts.hearts" is not a count' },
    ]);
  });

  it('reads account lines (followers) beside the parts’ lines, and names a bad one', () => {
    const account = { at: '2026-12-02T10:00:00.000Z', network: 'bluesky' as const, account: 'nova.bsky.social', followers: 1200 };
    const part = snapshotLine({ at: account.at, file: 'posts/a.md', network: 'bluesky', part: 1, id: 'at://a/1', counts: { likes: 1 } });
    const read = readSnapshots([accountLine(account), part, JSON.stringify({ ...account, followers: 'many' })].join('\n'));
    assert.deepEqual(read.accounts, [account]);
    assert.equal(read.snapshots.length, 1);
    assert.deepEqual(read.problems, [{ line: 3, reason: '"followers" is not a count' }]);
  });

  it('files snapshots by the UTC month they were taken in', () => {
    assert.equal(metricsFile(Date.parse('2026-12-31T23:30:00-02:00')), 'metrics/2027-01.jsonl');
    assert.equal(metricsFile(Date.parse('2026-12-01T00:00:00Z')), 'metrics/2026-12.jsonl');
  });

  it('reads Mastodon’s Status and Bluesky’s PostView counts, and nothing made up', () => {
    const status = { id: '1', replies_count: 2, reblogs_count: 5, favourites_count: 9, poll: { expired: true, votes_count: 7, voters_count: 6, options: [{ title: 'A', votes_count: 4 }, { title: 'B', votes_count: 3 }] } };
    assert.deepEqual(mastodonReading(status), { counts: { likes: 9, reposts: 5, replies: 2 }, poll: { options: [{ title: 'A', votes: 4 }, { title: 'B', votes: 3 }], voters: 6, closed: true } });
    assert.deepEqual(mastodonReading({ id: '1', favourites_count: -1, poll: null }), { counts: {} });
    assert.equal(mastodonReading({ error: 'Record not found' }), undefined);
    const posts = blueskyReadings({ posts: [{ uri: 'at://a/1', likeCount: 3, repostCount: 1, replyCount: 0, quoteCount: 2 }, { uri: 'at://a/2' }, { nothing: true }] });
    assert.deepEqual([...posts], [['at://a/1', { counts: { likes: 3, reposts: 1, replies: 0, quotes: 2 } }], ['at://a/2', { counts: {} }]]);
  });

  it('finds every part a post’s results record as sent', () => {
    const { config } = parseConfig('timezone: Europe/Paris\n');
    const post = parsePost('posts/a.md', '---\ndate: 2026-12-01T09:30\nplatforms: [mastodon, bluesky]\nstatus: published\nresults:\n  mastodon:\n    state: published\n    at: 2026-12-01T08:30:02Z\n    parts: [{ id: "11" }, { id: "12" }]\n  bluesky:\n    state: failed\n    parts: []\n---\nBonjour\n', config);
    assert.deepEqual(publishedParts('posts/a.md', post), [
      { file: 'posts/a.md', network: 'mastodon', part: 1, id: '11', at: Date.parse('2026-12-01T08:30:02Z') },
      { file: 'posts/a.md', network: 'mastodon', part: 2, id: '12', at: Date.parse('2026-12-01T08:30:02Z') },
    ]);
  });
});

describe('edcal metrics fetch, against the stand-in servers', () => {
  let clock: FakeClock;
  let masto: MastodonStandin;
  let appview: AppViewStandin;
  beforeEach(async () => {
    clock = new FakeClock();
    masto = await MastodonStandin.start({ now: () => clock.now() });
    appview = await AppViewStandin.start({ now: () => clock.now() });
  });
  afterEach(async () => {
    await masto.close();
    await appview.close();
  });

  const config = () => parseConfig(`timezone: Europe/Paris\nplatforms:\n  mastodon: { instance: "${masto.url}" }\n  bluesky: { appview: "${appview.url}" }\n`).config;
  const ports = (token?: string) => ({ http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets(token ? { 'mastodon/access-token': token } : {}), now: () => clock.now() });
  /** A status made on the stand-in, as publishing would. */
  const toot = async (text: string, visibility = 'public') => {
    const r = await new NodeHttp(5000).request({ method: 'POST', url: `${masto.url}/api/v1/statuses`, headers: { authorization: `Bearer ${masto.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: text, visibility }) });
    return (JSON.parse(new TextDecoder().decode(r.body)) as { id: string }).id;
  };
  const part = (network: 'mastodon' | 'bluesky', id: string, n = 1, file = 'posts/a.md'): PublishedPart => ({ file, network, part: n, id });

  it('reads each Mastodon part’s counts and poll; a deleted one is a failure, the others kept', async () => {
    const first = await toot('Bonjour');
    const second = await toot('Suite');
    const poll = await toot('Sondage');
    masto.engage(first, { replies: 2, reblogs: 3, favourites: 8 });
    masto.engage(poll, { favourites: 1, poll: { options: ['Lundi', 'Vendredi'], votes: [4, 9], expired: true } });
    const { snapshots, failures } = await fetchMetrics([part('mastodon', first), part('mastodon', second, 2), part('mastodon', 'gone'), part('mastodon', poll, 1, 'posts/b.md')], config(), ports());
    assert.deepEqual(snapshots.map((s) => [s.file, s.part, s.counts]), [
      ['posts/a.md', 1, { likes: 8, reposts: 3, replies: 2 }],
      ['posts/a.md', 2, { likes: 0, reposts: 0, replies: 0 }],
      ['posts/b.md', 1, { likes: 1, reposts: 0, replies: 0 }],
    ]);
    assert.deepEqual(snapshots[2]!.poll, { options: [{ title: 'Lundi', votes: 4 }, { title: 'Vendredi', votes: 9 }], voters: 13, closed: true });
    assert.ok(snapshots.every((s) => s.at === new Date(clock.now()).toISOString()));
    assert.deepEqual(failures, [{ file: 'posts/a.md', network: 'mastodon', part: 1, failure: 'not-found', detail: 'Record not found' }]);
    // Public statuses are read without a token; none was sent.
    assert.ok(masto.requests.filter((r) => r.pathname.startsWith('/api/v1/statuses/')).every((r) => r.headers['authorization'] === undefined));
  });

  it('reads a private status with the account’s token only', async () => {
    const hidden = await toot('Entre nous', 'private');
    assert.equal((await fetchMetrics([part('mastodon', hidden)], config(), ports())).failures[0]?.failure, 'not-found');
    const withToken = await fetchMetrics([part('mastodon', hidden)], config(), ports(masto.token));
    assert.equal(withToken.snapshots.length, 1);
  });

  it('stops reading a network once it rate-limits beyond the wait allowed, and keeps what was read', async () => {
    await masto.close();
    masto = await MastodonStandin.start({ now: () => clock.now(), rateLimit: { limit: 3, periodMs: 300_000 } });
    const ids = [await toot('a'), await toot('b'), await toot('c'), 'd', 'e'];
    // Read without a token: three requests allowed from this address in the window (5 minutes, beyond the 30 s waited).
    const { snapshots, failures } = await fetchMetrics(ids.map((id, i) => part('mastodon', id, i + 1)), config(), ports());
    assert.equal(snapshots.length, 3);
    assert.deepEqual(failures.map((f) => [f.part, f.failure, f.detail]), [[4, 'rate-limited', 'Too many requests'], [5, 'rate-limited', 'left for the next run']]);
    assert.equal(masto.requests.filter((r) => r.method === 'GET').length, 4, 'nothing asked after the 429');
  });

  it('reads Bluesky’s counts 25 URIs a call; a URI the AppView leaves out is not found; a failing call loses only its batch', async () => {
    const uris = Array.from({ length: 30 }, (_, i) => `at://did:plc:nova/app.bsky.feed.post/3m${String(i).padStart(4, '0')}`);
    uris.forEach((uri, i) => i !== 7 && appview.setPost(uri, { likes: i, reposts: 1, replies: 2, quotes: 0 }));
    const parts = uris.map((u, i) => part('bluesky', u, i + 1));
    const all = await fetchMetrics(parts, config(), ports());
    assert.equal(appview.requests.length, 2);
    assert.deepEqual(appview.requests.map((r) => r.query.getAll('uris').length), [25, 5]);
    assert.equal(all.snapshots.length, 29);
    assert.deepEqual(all.snapshots.find((x) => x.part === 11)!.counts, { likes: 10, reposts: 1, replies: 2, quotes: 0 });
    assert.deepEqual(all.failures.map((f) => [f.part, f.failure]), [[8, 'not-found']]);
    // The first batch refused: the second still read.
    appview.failNext('/xrpc/app.bsky.feed.getPosts', { status: 400, body: { error: 'InvalidRequest', message: 'bad' } });
    const half = await fetchMetrics(parts, config(), ports());
    assert.equal(half.snapshots.length, 5);
    assert.equal(half.failures.filter((f) => f.failure === 'refused').length, 25);
  });

  it('waits for a 429 when the network says how long, then reads on', async () => {
    appview.setPost('at://did:plc:nova/app.bsky.feed.post/1', { likes: 1 });
    appview.failNext('/xrpc/app.bsky.feed.getPosts', { status: 429, headers: { 'ratelimit-reset': String(Math.ceil(clock.now() / 1000) + 5) }, body: { error: 'RateLimitExceeded' } });
    const { snapshots } = await fetchMetrics([part('bluesky', 'at://did:plc:nova/app.bsky.feed.post/1')], config(), ports());
    assert.equal(snapshots.length, 1);
    assert.ok(clock.slept.some((ms) => ms >= 4000 && ms <= 5000), `slept ${clock.slept.join(', ')}`);
  });

  it('reads X’s public metrics 100 posts a call with the account’s token; a post gone is named by X’s error', async () => {
    const x = await XStandin.start({ now: () => clock.now() });
    try {
      const post = async (text: string) => {
        const r = await new NodeHttp(5000).request({ method: 'POST', url: `${x.url}/2/tweets`, headers: { authorization: `Bearer ${x.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
        return (JSON.parse(new TextDecoder().decode(r.body)) as { data: { id: string } }).data.id;
      };
      const [a, b] = [await post('Un'), await post('Deux')];
      x.engage(a, { like_count: 12, retweet_count: 3, reply_count: 1, quote_count: 2, bookmark_count: 4, impression_count: 900 });
      const cfg = parseConfig(`timezone: Europe/Paris\nplatforms:\n  x: { service: "${x.url}" }\n`).config;
      const ids = [a, b, ...Array.from({ length: 148 }, (_, i) => String(1_000 + i))];
      const withToken = { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets({ 'x/access-token': x.token }), now: () => clock.now() };
      const r = await fetchMetrics(ids.map((id, i) => ({ file: 'posts/a.md', network: 'x' as const, part: i + 1, id })), cfg, withToken);
      assert.deepEqual(x.requestsTo('GET /2/tweets').map((q) => q.query.get('ids')!.split(',').length), [100, 50]);
      assert.deepEqual(r.snapshots.map((s) => [s.id, s.counts]), [
        [a, { views: 900, likes: 12, reposts: 3, replies: 1, quotes: 2, saves: 4 }],
        [b, { views: 0, likes: 0, reposts: 0, replies: 0, quotes: 0, saves: 0 }],
      ]);
      assert.equal(r.failures.length, 148);
      assert.deepEqual(r.failures[0], { file: 'posts/a.md', network: 'x', part: 3, failure: 'not-found', detail: 'Could not find tweet with ids: [1000].' });
      assert.deepEqual(r.accounts.map((a) => [a.network, a.account, a.followers]), [['x', 'nova_app', 0]]);
      // Without a token nothing is asked.
      const before = x.requests.length;
      const none = await fetchMetrics([{ file: 'posts/a.md', network: 'x', part: 1, id: a }], cfg, { ...withToken, secrets: new MemorySecrets({}) });
      assert.equal(none.failures[0]?.failure, 'refused');
      assert.equal(x.requests.length, before);
    } finally {
      await x.close();
    }
  });

  it('reads each account’s followers where it can be asked: Mastodon and X with their token, Bluesky by the calendar’s handle', async () => {
    masto.followers = 321;
    appview.setProfile('nova.test', 1200);
    const id = await toot('a');
    const uri = 'at://did:plc:nova/app.bsky.feed.post/1';
    appview.setPost(uri, { likes: 1 });
    const cfg = parseConfig(`timezone: Europe/Paris\nplatforms:\n  mastodon: { instance: "${masto.url}" }\n  bluesky: { appview: "${appview.url}", account: { handle: "@nova.test" } }\n`).config;
    const r = await fetchMetrics([part('mastodon', id), part('bluesky', uri)], cfg, ports(masto.token));
    assert.deepEqual(r.accounts, [
      { at: new Date(clock.now()).toISOString(), network: 'mastodon', account: 'nova', followers: 321 },
      { at: new Date(clock.now()).toISOString(), network: 'bluesky', account: 'nova.test', followers: 1200 },
    ]);
    // Without a token, Mastodon's account is not asked; an unknown handle is a failure, the counts kept.
    const noToken = await fetchMetrics([part('mastodon', id), part('bluesky', uri)], parseConfig(`timezone: Europe/Paris\nplatforms:\n  mastodon: { instance: "${masto.url}" }\n  bluesky: { appview: "${appview.url}", account: { handle: "someone.else" } }\n`).config, ports());
    assert.deepEqual(noToken.accounts, []);
    assert.deepEqual(noToken.accountFailures, [{ network: 'bluesky', failure: 'refused', detail: 'InvalidRequest: Profile not found' }]);
    assert.equal(noToken.snapshots.length, 2);
  });

  it('says which networks it does not read yet, and reads the others', async () => {
    const id = await toot('a');
    // A webhook has no counts to read.
    const r = await fetchMetrics([part('mastodon', id), { file: 'posts/a.md', network: 'webhook', part: 1, id: 'delivery-1' }], config(), ports());
    assert.deepEqual(r.unsupported, ['webhook']);
    assert.equal(r.snapshots.length, 1);
    // Mastodon without its instance in the settings: said, not taken for a network not read.
    const bare = await fetchMetrics([part('mastodon', id)], parseConfig('timezone: Europe/Paris\n').config, ports());
    assert.deepEqual([bare.unsupported, bare.failures.map((f) => f.detail)], [[], ['no platforms.mastodon.instance in .editorial.yaml']]);
  });
});

describe('dashboard exports (edcal metrics import)', () => {
  const field = fc.oneof(fc.string(), fc.constantFrom('a,b', 'say "hi"', 'deux\nlignes', 'x\r\ny', ' espace ', ';', ''));
  const rows = fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 });
  const quote = (f: string, sep: string) => (/["\r\n]/.test(f) || f.includes(sep) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);

  it('reads CSV as csv-parse does: quotes, separators and line breaks inside fields, CRLF, a BOM, `;` exports', () => {
    fc.assert(
      fc.property(rows, fc.constantFrom(',', ';'), fc.constantFrom('\n', '\r\n'), fc.boolean(), (table, sep, eol, bom) => {
        const text = (bom ? '\ufeff' : '') + table.map((r) => r.map((f) => quote(f, sep)).join(sep)).join(eol) + eol;
        const expected = csvParse(text, { delimiter: sep, bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n'] }) as string[][];
        assert.deepEqual(csvRows(text, sep), expected);
        assert.deepEqual(csvRows(text, sep), table);
      }),
    );
    assert.equal(sniffSeparator('Lien;Vues;"a,b,c"\n1;2;3'), ';');
    assert.equal(sniffSeparator('Post link,Impressions\n'), ',');
  });

  const parts: PublishedPart[] = [
    { file: 'posts/a.md', network: 'linkedin', part: 1, id: 'urn:li:share:7001', url: 'https://www.linkedin.com/feed/update/urn:li:share:7001/' },
    { file: 'posts/b.md', network: 'linkedin', part: 1, id: 'urn:li:share:7002' },
    { file: 'posts/c.md', network: 'instagram', part: 1, id: '17890001', url: 'https://www.instagram.com/p/Cabc123/' },
  ];
  const AT = '2026-12-20T10:00:00.000Z';

  it('matches rows to published posts by link (tracking and case aside) or by id, and reads the count columns', () => {
    const csv = 'Post title,Post link,Post ID,Impressions,Reactions,Comments,Reposts,Engagement rate\n' + '"Nova 2, enfin",https://linkedin.com/feed/update/urn:li:share:7001?utm_source=share,,"1,234",56,7,3,4.8%\n' + 'Autre,,urn:li:share:7002,900,,2,0,1%\n' + 'Inconnu,https://www.linkedin.com/feed/update/urn:li:share:9999,,10,1,0,0,0%\n';
    const r = readDashboardExport(csv, 'linkedin', parts, AT);
    assert.deepEqual(r.columns, ['Impressions', 'Reactions', 'Comments', 'Reposts']);
    assert.deepEqual(r.snapshots, [
      { at: AT, file: 'posts/a.md', network: 'linkedin', part: 1, id: 'urn:li:share:7001', counts: { views: 1234, likes: 56, replies: 7, reposts: 3 } },
      { at: AT, file: 'posts/b.md', network: 'linkedin', part: 1, id: 'urn:li:share:7002', counts: { views: 900, replies: 2, reposts: 0 } },
    ]);
    assert.deepEqual(r.unmatched, [4]);
  });

  it('reads a French `;` export with grouped numbers, and refuses one that says no post', () => {
    const csv = '\ufeffLien;Vues;J’aime;Commentaires;Enregistrements;Partages\r\nhttps://www.instagram.com/p/Cabc123/;12\u202f480;1 034;12;40;3\r\n';
    assert.deepEqual(readDashboardExport(csv, 'instagram', parts, AT).snapshots[0]!.counts, { views: 12480, likes: 1034, replies: 12, saves: 40, shares: 3 });
    assert.throws(() => readDashboardExport('Date,Impressions\n2026-12-01,4\n', 'linkedin', parts, AT), ExportError);
    // A decimal is not a count: left out rather than misread.
    assert.deepEqual(readDashboardExport('Post ID,Impressions\nurn:li:share:7002,12.5\n', 'linkedin', parts, AT).snapshots[0]!.counts, {});
  });
});
