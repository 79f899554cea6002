import assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config';
import { drawWinners, entrantKey, type Entrant } from '../../src/core/contest/draw';
import { blueskyLikes, mastodonAccounts, mastodonHandle, mastodonReplies, nextLink, xPosts } from '../../src/core/contest/entrantsFrom';
import type { PlatformId } from '../../src/core/model';
import type { PostWriter } from '../../src/core/ports';
import { parsePost } from '../../src/core/post';
import { NodeHttp } from '../../src/node/http';
import { drawContest, type DrawOutcome, type GivenEntrants } from '../../src/services/contest';
import { collectEntrants } from '../../src/services/contest/collect';
import { retrying } from '../../src/services/publish/retry';
import { AppViewStandin, type AppViewStandinOptions, type BlueskyActor } from '../peers/standins/appview';
import { MastodonStandin, type FediAccount, type MastodonStandinOptions } from '../peers/standins/mastodon';
import { XStandin, type XStandinOptions, type XUser } from '../peers/standins/x';
import { applyEdits } from './helpers';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { FakeClock, MemorySecrets } from './publishPorts';

const PUBLISHED = Date.parse('2026-12-10T08:30:02Z');
/** `ends: 2026-12-15T18:00` in Paris. */
const ENDS = Date.parse('2026-12-15T17:00:00Z');
const DRAWN = Date.parse('2026-12-16T09:00:00Z');
const HOUR = 3_600_000;
const BRAND_BSKY: BlueskyActor = { did: 'did:plc:nova', handle: 'nova.bsky.social' };
const ROOT_URI = 'at://did:plc:nova/app.bsky.feed.post/3mroot22222';
const PATH = '/cal/posts/concours.md';

const fedi = (username: string, domain?: string): FediAccount => ({ username, ...(domain ? { domain } : {}) });
const bsky = (name: string): BlueskyActor => ({ did: `did:plc:${name}`, handle: `${name}.bsky.social` });
const xUser = (username: string, id = String(1_000 + username.length * 7 + username.charCodeAt(0))): XUser => ({ id, username });
const keys = (entrants: readonly Entrant[]) => [...new Set(entrants.map(entrantKey))].sort();

describe('contest entrants, read from each answer', () => {
  it('names Mastodon accounts in full, local ones with the instance’s domain', () => {
    assert.equal(mastodonHandle('lea', 'mastodon.example'), '@lea@mastodon.example');
    assert.equal(mastodonHandle('lea@piaille.fr', 'mastodon.example'), '@lea@piaille.fr');
    assert.deepEqual(mastodonAccounts([{ acct: 'karim' }, { acct: 'lea@piaille.fr' }], 'mastodon.example')?.entrants.map((e) => e.handle), ['@karim@mastodon.example', '@lea@piaille.fr']);
    assert.equal(mastodonAccounts({ error: 'Record not found' }, 'm.example'), undefined, 'not a list: not read as an empty one');
    assert.equal(mastodonAccounts([{ id: '1' }], 'm.example'), undefined);
  });

  it('follows the next link of a Link header, wherever it stands', () => {
    const cases: Array<[string | undefined, string | undefined]> = [
      ['<https://m.example/api/v1/statuses/1/favourited_by?limit=80&max_id=7>; rel="next", <https://m.example/api/v1/statuses/1/favourited_by?limit=80&since_id=9>; rel="prev"', 'https://m.example/api/v1/statuses/1/favourited_by?limit=80&max_id=7'],
      ['<https://m.example/a?min_id=9>; rel="prev", <https://m.example/a?max_id=3>; rel="next"', 'https://m.example/a?max_id=3'],
      ['<https://m.example/a?x=1,2>; title="a, b"; rel=next', 'https://m.example/a?x=1,2'],
      ['<https://m.example/a?min_id=9>; rel="prev"', undefined],
      ['<https://m.example/a>; rel="nextish"', undefined],
      [undefined, undefined],
    ];
    for (const [header, next] of cases) assert.equal(nextLink(header), next, header);
  });

  it('counts a Mastodon reply to the post itself, made up to the end, not its own thread', () => {
    const status = (id: string, acct: string, parent: string, at: string) => ({ id, in_reply_to_id: parent, created_at: at, account: { acct } });
    const body = {
      ancestors: [],
      descendants: [status('2', 'nova', '1', '2026-12-10T08:31:00Z'), status('3', 'lea@piaille.fr', '1', '2026-12-15T17:00:00Z'), status('4', 'theo', '3', '2026-12-12T10:00:00Z'), status('5', 'zoe', '1', '2026-12-15T17:00:00.001Z')],
    };
    const page = mastodonReplies(body, '1', 'mastodon.example', { from: PUBLISHED, ends: ENDS }, new Set(['1', '2']));
    assert.deepEqual(page?.entrants.map((e) => e.handle), ['@lea@piaille.fr'], 'the end’s instant counts; a reply to a reply and the thread’s own part do not');
    assert.equal(page?.outside, 1);
    assert.equal(page?.descendants, 4);
  });

  it('dates a Bluesky like by the later of its createdAt and indexedAt, and names an unverified handle by its DID', () => {
    const like = (did: string, handle: string, createdAt: string, indexedAt: string) => ({ actor: { did, handle }, createdAt, indexedAt });
    const body = {
      uri: ROOT_URI,
      likes: [
        like('did:plc:lea', 'lea.bsky.social', '2026-12-14T10:00:00Z', '2026-12-14T10:00:01Z'),
        like('did:plc:late', 'late.bsky.social', '2026-12-15T16:00:00Z', '2026-12-15T17:30:00Z'),
        like('did:plc:odd', 'handle.invalid', '2026-12-14T10:00:00Z', '2026-12-14T10:00:00Z'),
        like(BRAND_BSKY.did, BRAND_BSKY.handle, '2026-12-11T10:00:00Z', '2026-12-11T10:00:00Z'),
      ],
      cursor: 'c2',
    };
    const page = blueskyLikes(body, { from: PUBLISHED, ends: ENDS }, BRAND_BSKY.did);
    assert.deepEqual(page?.entrants.map((e) => e.handle), ['lea.bsky.social', 'did:plc:odd']);
    assert.equal(page?.outside, 1, 'indexed after the end: a backdated like does not count');
    assert.equal(page?.next, 'c2');
  });

  it('keeps only X replies to the post, with their authors from includes', () => {
    const body = {
      data: [
        { id: '11', author_id: '1', created_at: '2026-12-12T10:00:00.000Z', referenced_tweets: [{ type: 'replied_to', id: '10' }] },
        { id: '12', author_id: '2', created_at: '2026-12-12T11:00:00.000Z', referenced_tweets: [{ type: 'replied_to', id: '11' }] },
        { id: '13', author_id: '2', created_at: '2026-12-16T11:00:00.000Z', referenced_tweets: [{ type: 'replied_to', id: '10' }] },
      ],
      includes: { users: [{ id: '1', username: 'sam' }, { id: '2', username: 'ana' }] },
      meta: { result_count: 3, next_token: 'n2' },
    };
    const page = xPosts(body, { from: PUBLISHED, ends: ENDS }, new Set(['10']), '10');
    assert.deepEqual(page?.entrants.map((e) => e.handle), ['sam']);
    assert.equal(page?.outside, 1);
    assert.equal(page?.next, 'n2');
    assert.equal(xPosts({ data: [{ id: '14', author_id: '9', created_at: '2026-12-12T10:00:00Z' }], meta: {} }, { ends: ENDS }, new Set()), undefined, 'an author missing from includes: not read as nobody');
    assert.deepEqual(xPosts({ meta: { result_count: 0 } }, { ends: ENDS }, new Set())?.entrants, [], 'no data: nobody');
  });
});

class MemoryWriter implements PostWriter {
  applied = 0;
  constructor(private readonly workspace: InMemoryWorkspace) {}
  async read(path: string): Promise<string> {
    return new TextDecoder().decode(await this.workspace.read(path, 1 << 20));
  }
  async apply(path: string, before: string, edits: Parameters<PostWriter['apply']>[2]): Promise<void> {
    assert.equal(await this.read(path), before);
    this.applied++;
    this.workspace.set(path, applyEdits(before, edits));
  }
}

interface WorldOptions {
  readonly entry: 'like' | 'repost' | 'reply' | 'hashtag';
  readonly hashtag?: string;
  readonly published?: number;
  readonly mastodon?: MastodonStandinOptions;
  readonly appview?: AppViewStandinOptions;
  readonly x?: XStandinOptions;
  /** Secrets given (default: both tokens). */
  readonly secrets?: Record<string, string>;
}

/** Stand-ins for the three networks on 127.0.0.1, a post published to each, and its draw. */
class World {
  readonly clock: FakeClock;
  masto!: MastodonStandin;
  appview!: AppViewStandin;
  x!: XStandin;
  /** The post's first part on each network, and a second on Mastodon and X (a thread). */
  ids!: { mastodon: string; mastodon2: string; bluesky: string; x: string; x2: string };
  text = '';
  workspace = new InMemoryWorkspace();
  writer = new MemoryWriter(this.workspace);
  progress: Array<[PlatformId, number]> = [];

  constructor(private readonly options: WorldOptions) {
    this.clock = new FakeClock(options.published ?? PUBLISHED);
  }

  async start(): Promise<this> {
    const now = () => this.clock.time;
    this.masto = await MastodonStandin.start({ now, ...this.options.mastodon });
    this.appview = await AppViewStandin.start({ now, ...this.options.appview });
    this.x = await XStandin.start({ now, ...this.options.x });
    const toot = async (status: string, inReplyTo?: string) => {
      const r = await fetch(`${this.masto.url}/api/v1/statuses`, { method: 'POST', headers: { authorization: `Bearer ${this.masto.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ status, ...(inReplyTo ? { in_reply_to_id: inReplyTo } : {}) }) });
      return ((await r.json()) as { id: string }).id;
    };
    const tweet = async (text: string, replyTo?: string) => {
      const r = await fetch(`${this.x.url}/2/tweets`, { method: 'POST', headers: { authorization: `Bearer ${this.x.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text, ...(replyTo ? { reply: { in_reply_to_tweet_id: replyTo } } : {}) }) });
      return ((await r.json()) as { data: { id: string } }).data.id;
    };
    const m1 = await toot('Gagnez un an de Nova ! #NovaNoel (1/2)');
    const m2 = await toot('Règlement : https://nova.app/r (2/2)', m1);
    const x1 = await tweet('Gagnez un an de Nova ! #NovaNoel (1/2)');
    const x2 = await tweet('Règlement : https://nova.app/r (2/2)', x1);
    this.appview.post(BRAND_BSKY, 'Gagnez un an de Nova ! #NovaNoel', { uri: ROOT_URI, at: this.clock.time });
    this.ids = { mastodon: m1, mastodon2: m2, bluesky: ROOT_URI, x: x1, x2 };
    const at = new Date(this.options.published ?? PUBLISHED).toISOString();
    const date = new Date((this.options.published ?? PUBLISHED) + HOUR).toISOString().slice(0, 16);
    const hashtag = this.options.hashtag !== undefined ? `, hashtag: ${this.options.hashtag}` : '';
    this.text = [
      '---',
      'title: Concours de Noël',
      `date: ${date}`,
      'platforms: [mastodon, bluesky, x]',
      'status: published',
      `contest: { ends: 2026-12-15T18:00, prize: Un an de Nova, rules: "https://nova.app/r", entry: ${this.options.entry}, winners: 3${hashtag} }`,
      'results:',
      `  mastodon:\n    state: published\n    at: ${at}\n    parts: [{ id: "${m1}" }, { id: "${m2}" }]`,
      `  bluesky:\n    state: published\n    at: ${at}\n    parts: [{ id: "${ROOT_URI}" }]`,
      `  x:\n    state: published\n    at: ${at}\n    parts: [{ id: "${x1}" }, { id: "${x2}" }]`,
      '---',
      'Gagnez un an de Nova ! #NovaNoel',
      '',
    ].join('\n');
    this.workspace.set(PATH, this.text);
    return this;
  }

  /** The calendar's settings: the stand-ins' addresses, and the brand's handles when given. */
  config(handles: Partial<Record<'mastodon' | 'bluesky' | 'x', string>> = {}) {
    const account = (n: 'mastodon' | 'bluesky' | 'x') => (handles[n] ? `, account: { handle: "${handles[n]}" }` : '');
    return parseConfig(
      `timezone: Europe/Paris\nlocale: en\nplatforms:\n  mastodon: { instance: "${this.masto.url}"${account('mastodon')} }\n  bluesky: { appview: "${this.appview.url}"${account('bluesky')} }\n  x: { service: "${this.x.url}"${account('x')} }\n`,
    ).config;
  }

  /** Draws now (the clock set to after the end unless it already is). */
  async draw(given?: GivenEntrants, seed = 'noel-2026', handles: Parameters<World['config']>[0] = {}): Promise<DrawOutcome> {
    if (this.clock.time < DRAWN) this.clock.time = DRAWN;
    const config = this.config(handles);
    const secrets = new MemorySecrets(this.options.secrets ?? { 'mastodon/access-token': this.masto.token, 'x/access-token': this.x.token });
    const ports = { http: retrying(new NodeHttp(), this.clock), secrets, now: () => this.clock.now(), onProgress: (n: PlatformId, count: number) => this.progress.push([n, count]) };
    return drawContest(
      { workspace: this.workspace, writer: this.writer, clock: this.clock, collect: (post, file, covered) => collectEntrants(post, file, config, ports, covered) },
      { root: '/cal', config },
      PATH,
      given,
      seed,
    );
  }

  /** The post's text now. */
  async current(): Promise<string> {
    return this.writer.read(PATH);
  }

  async close(): Promise<void> {
    await Promise.all([this.masto?.close(), this.appview?.close(), this.x?.close()]);
  }
}

const drawn = (outcome: DrawOutcome) => {
  assert.equal(outcome.kind, 'drawn', outcome.kind === 'refused' ? outcome.message : '');
  return outcome as Extract<DrawOutcome, { kind: 'drawn' }>;
};
const refused = (outcome: DrawOutcome) => {
  assert.equal(outcome.kind, 'refused', 'expected a refusal');
  return outcome as Extract<DrawOutcome, { kind: 'refused' }>;
};

describe('contest entrants, read from the networks (stand-ins on 127.0.0.1)', () => {
  let world: World;
  const make = async (options: WorldOptions) => (world = await new World(options).start());
  afterEach(() => world?.close());

  it('reads every page of likes on each network, and tells how far it has read', async () => {
    await make({ entry: 'like' });
    for (let i = 0; i < 170; i++) world.masto.favourite(world.ids.mastodon, fedi(`fan${i}`, i % 2 ? 'piaille.fr' : undefined));
    for (let i = 0; i < 230; i++) world.appview.like(ROOT_URI, bsky(`fan${i}`), { at: PUBLISHED + i * 60_000 });
    for (let i = 0; i < 90; i++) world.x.like(world.ids.x, xUser(`fan${i}`, String(5000 + i)));
    const outcome = drawn(await world.draw());
    assert.equal(outcome.result.entrants, 490);
    assert.deepEqual(outcome.sources.map((s) => [s.name, s.entries, s.timed]), [['mastodon', 170, false], ['bluesky', 230, true], ['x', 90, false]]);
    // 80 a page, the next link only after a full one; Bluesky's cursor over 100 a page.
    assert.equal(world.masto.requestsTo(`GET /api/v1/statuses/${world.ids.mastodon}/favourited_by`).length, 3);
    assert.equal(world.appview.requestsTo('GET /xrpc/app.bsky.feed.getLikes').length, 3);
    assert.deepEqual(world.progress.filter(([n]) => n === 'mastodon').map(([, c]) => c), [80, 160, 170]);
    assert.deepEqual(world.progress.filter(([n]) => n === 'bluesky').map(([, c]) => c), [100, 200, 230]);
    const handles = new Set((await collect(world)).flatMap((n) => n.entrants.map((e) => e.handle)));
    assert.ok(handles.has('@fan0@mastodon.example') && handles.has('@fan1@piaille.fr'));
  });

  it('counts a person once across networks when the CSV says who they are, else once per network', async () => {
    await make({ entry: 'repost' });
    world.masto.reblog(world.ids.mastodon, fedi('lea', 'mastodon.social'));
    world.masto.reblog(world.ids.mastodon, fedi('karim', 'piaille.fr'));
    world.appview.repost(ROOT_URI, { did: 'did:plc:lea', handle: 'lea.bsky.social' });
    world.appview.repost(ROOT_URI, { did: 'did:plc:karim', handle: 'karim.bsky.social' });
    world.x.retweet(world.ids.x, xUser('lea_m'));
    const csv: GivenEntrants = {
      source: 'entrants.csv',
      entrants: [
        { network: 'mastodon', handle: '@Lea@mastodon.social', person: 'lea@example.org' },
        { network: 'bluesky', handle: 'lea.bsky.social', person: 'lea@example.org' },
        { network: 'linkedin', handle: 'camille-r' },
      ],
    };
    const outcome = drawn(await world.draw(csv));
    // Léa three times (twice by person, once on X where the CSV does not say), Karim on two networks, Camille from the CSV.
    assert.equal(outcome.result.entrants, 5);
    const expected = drawWinners(
      [
        { network: 'mastodon', handle: '@lea@mastodon.social', person: 'lea@example.org' },
        { network: 'mastodon', handle: '@karim@piaille.fr' },
        { network: 'bluesky', handle: 'lea.bsky.social', person: 'lea@example.org' },
        { network: 'bluesky', handle: 'karim.bsky.social' },
        { network: 'x', handle: 'lea_m' },
        { network: 'linkedin', handle: 'camille-r' },
      ],
      { seed: 'noel-2026', winners: 3 },
    );
    assert.equal(outcome.result.listHash, expected.listHash);
    assert.deepEqual(outcome.result.winners.map(entrantKey), expected.winners.map(entrantKey));
    assert.deepEqual(outcome.sources.map((s) => [s.name, s.entries]), [['mastodon', 2], ['bluesky', 2], ['x', 1], ['entrants.csv', 3]]);
  });

  it('never lets the brand win: the post’s author on each network and the configured handles', async () => {
    await make({ entry: 'repost' });
    world.masto.reblog(world.ids.mastodon, fedi('nova'));
    world.masto.reblog(world.ids.mastodon, fedi('lea', 'piaille.fr'));
    world.appview.repost(ROOT_URI, BRAND_BSKY);
    world.appview.repost(ROOT_URI, { did: 'did:plc:nova-fr', handle: 'nova-fr.bsky.social' });
    world.appview.repost(ROOT_URI, bsky('karim'));
    world.x.retweet(world.ids.x, world.x.user);
    world.x.retweet(world.ids.x, xUser('sam'));
    const outcome = drawn(await world.draw(undefined, 'seed', { bluesky: '@nova-fr.bsky.social' }));
    assert.deepEqual(keys(outcome.result.winners), ['bluesky:karim.bsky.social', 'mastodon:lea@piaille.fr', 'x:sam']);
    assert.equal(outcome.result.entrants, 3, 'the brand’s boost, repost and retweet are not entries');
  });

  it('counts replies to the post made before the end, not later ones, replies to replies, or its own thread', async () => {
    await make({ entry: 'reply' });
    const { ids } = world;
    const lea = world.masto.reply(ids.mastodon, fedi('lea', 'piaille.fr'), { at: ENDS - HOUR });
    world.masto.reply(lea, fedi('camille'), { at: ENDS - HOUR / 2 });
    world.masto.reply(ids.mastodon, fedi('theo'), { at: ENDS + 1 });
    world.masto.reply(ids.mastodon, fedi('lea', 'piaille.fr'), { at: ENDS - 2 * HOUR, text: 'Encore moi' });
    const karim = world.appview.reply(ROOT_URI, bsky('karim'), { at: ENDS - HOUR });
    world.appview.reply(karim, bsky('ines'), { at: ENDS - HOUR });
    world.appview.reply(ROOT_URI, bsky('backdated'), { at: ENDS - HOUR, indexedAt: ENDS + HOUR });
    world.appview.reply(ROOT_URI, bsky('late'), { at: ENDS + HOUR });
    const sam = world.x.tweetBy(xUser('sam'), '@nova_app je participe', { at: ENDS - HOUR, replyTo: ids.x });
    world.x.tweetBy(xUser('ana'), '@sam bonne chance', { at: ENDS - HOUR, replyTo: sam });
    // Within the second of the end: X's end_time (to the second) gives it, the draw leaves it out.
    world.x.tweetBy(xUser('zoe'), '@nova_app moi aussi', { at: ENDS + 500, replyTo: ids.x });
    const outcome = drawn(await world.draw());
    assert.deepEqual(keys(outcome.result.winners), ['bluesky:karim.bsky.social', 'mastodon:lea@piaille.fr', 'x:sam']);
    assert.equal(outcome.result.entrants, 3);
    assert.deepEqual(outcome.sources.map((s) => [s.name, s.entries, s.outside]), [['mastodon', 2, 1], ['bluesky', 1, 2], ['x', 1, 1]], 'Léa replied twice: two entries, one entrant');
  });

  it('refuses the draw when a network keeps saying 429, naming it and when to retry, and writes nothing', async () => {
    await make({ entry: 'like', mastodon: { rateLimit: { limit: 5, periodMs: 300_000 } } });
    for (let i = 0; i < 200; i++) world.masto.favourite(world.ids.mastodon, fedi(`fan${i}`));
    // Two requests already made in this five-minute window: the status, then two pages fit, the third does not.
    world.clock.time = DRAWN;
    for (let i = 0; i < 2; i++) await fetch(`${world.masto.url}/api/v1/statuses/${world.ids.mastodon}`, { headers: { authorization: `Bearer ${world.masto.token}` } });
    const outcome = refused(await world.draw());
    assert.equal(outcome.reason, 'unread');
    assert.equal(outcome.message, 'posts/concours.md: Mastodon asked to wait until 2026-12-16T09:05:00.000Z (rate limit), 160 entrant(s) read. Nothing was drawn (a draw is made from whole lists only): run it again after 2026-12-16T09:05:00.000Z.');
    assert.equal(await world.current(), world.text, 'nothing written');
    assert.equal(world.writer.applied, 0);
    assert.deepEqual(world.clock.slept, [], 'a wait of five minutes is not waited for');
    world.clock.time = Date.parse('2026-12-16T09:05:00Z');
    assert.equal(drawn(await world.draw()).result.entrants, 200, 'once the window is over, the whole list');
  });

  it('waits out a short 429 and goes on with the same page', async () => {
    await make({ entry: 'like' });
    for (let i = 0; i < 90; i++) world.masto.favourite(world.ids.mastodon, fedi(`fan${i}`));
    world.masto.failNext(/favourited_by\?.*max_id=/, { status: 429, headers: { 'retry-after': '2' }, body: { error: 'Too many requests' } });
    const outcome = drawn(await world.draw());
    assert.equal(outcome.sources[0]!.entries, 90);
    assert.deepEqual(world.clock.slept, [2000]);
  });

  it('gives the same winners for the same seed on every run, whatever order the networks list them in', async () => {
    await make({ entry: 'like' });
    for (let i = 0; i < 40; i++) world.masto.favourite(world.ids.mastodon, fedi(`fan${i}`, 'piaille.fr'));
    for (let i = 0; i < 40; i++) world.appview.like(ROOT_URI, bsky(`fan${i}`), { at: PUBLISHED + (39 - i) * 60_000 });
    const first = drawn(await world.draw(undefined, 'noel-2026'));
    const recorded = await world.current();
    world.workspace.set(PATH, world.text);
    const second = drawn(await world.draw(undefined, 'noel-2026'));
    assert.deepEqual(second.result, first.result);
    assert.equal(await world.current(), recorded, 'the same draw recorded');
    world.workspace.set(PATH, world.text);
    const other = drawn(await world.draw(undefined, 'another seed'));
    assert.equal(other.result.listHash, first.result.listHash, 'the same list');
    assert.notDeepEqual(other.result.winners, first.result.winners, 'another seed, other winners (3 of 80)');
  });

  it('says so when X’s plan does not give the entrants, and lets a CSV stand for X', async () => {
    await make({ entry: 'like', x: { unenrolled: ['GET /2/tweets/:id/liking_users'] } });
    world.masto.favourite(world.ids.mastodon, fedi('lea', 'piaille.fr'));
    const outcome = refused(await world.draw());
    assert.match(outcome.message, /^posts\/concours\.md: X does not give these entrants to this app \(its API plan, or an AppView that refuses searches without an account\): HTTP 403: When authenticating requests .* \(Appropriate Level of API Access\)\. Nothing was drawn: give X's entrants in a CSV \(--entrants\) instead\.$/);
    const csv: GivenEntrants = { source: 'x-likes.csv', entrants: [{ network: 'x', handle: 'sam' }] };
    const withCsv = drawn(await world.draw(csv));
    assert.deepEqual(keys(withCsv.result.winners), ['mastodon:lea@piaille.fr', 'x:sam']);
    assert.equal(withCsv.notes.length, 1);
    assert.match(withCsv.notes[0]!, /^X does not give these entrants to this app .*\(Appropriate Level of API Access\)\. The entrants of x-likes\.csv stand for X's\.$/);
  });

  it('refuses lists the API cuts short: X’s first 100 likers, Mastodon’s context without a token', async () => {
    await make({ entry: 'like' });
    for (let i = 0; i < 130; i++) world.x.like(world.ids.x, xUser(`fan${i}`, String(7000 + i)));
    assert.match(refused(await world.draw()).message, /X gives at most 100 of these entrants, and as many came: the list may be cut short\./);
    await world.close();

    await make({ entry: 'reply', secrets: { 'x/access-token': 'x-test-token' } });
    for (let i = 0; i < 60; i++) world.masto.reply(world.ids.mastodon, fedi(`fan${i}`), { at: ENDS - HOUR });
    assert.match(refused(await world.draw()).message, /Mastodon gives at most 60 of these entrants/);
    await world.close();

    await make({ entry: 'reply' });
    for (let i = 0; i < 60; i++) world.masto.reply(world.ids.mastodon, fedi(`fan${i}`), { at: ENDS - HOUR });
    assert.equal(drawn(await world.draw()).sources[0]!.entries, 60, 'with the token, up to 4,096');
  });

  it('reads hashtag posts from the post’s publication to the end, page after page', async () => {
    await make({ entry: 'hashtag', hashtag: 'NovaNoel' });
    world.masto.post(fedi('early', 'piaille.fr'), 'Vivement #NovaNoel', { at: PUBLISHED - HOUR });
    for (let i = 0; i < 50; i++) world.masto.post(fedi(`fan${i}`, 'piaille.fr'), `Je participe #novanoel ${i}`, { at: PUBLISHED + (i + 1) * HOUR });
    world.masto.post(fedi('late'), '#NovaNoel', { at: ENDS + HOUR });
    world.appview.post(bsky('lea'), 'Je tente ma chance #NovaNoel', { at: ENDS - HOUR });
    world.appview.post(bsky('early'), '#NovaNoel bientôt', { at: PUBLISHED - HOUR });
    world.x.tweetBy(xUser('sam'), 'Allez #NovaNoel', { at: ENDS - HOUR });
    world.x.tweetBy(xUser('zoe'), 'Trop tard #NovaNoel', { at: ENDS + HOUR });
    const outcome = drawn(await world.draw());
    assert.deepEqual(outcome.sources.map((s) => [s.name, s.entries]), [['mastodon', 50], ['bluesky', 1], ['x', 1]], 'the brand’s own post with the hashtag is not an entry');
    assert.equal(outcome.result.entrants, 52);
    // 40 a page, newest first: the second page reaches back before the post, so reading stops there.
    assert.equal(world.masto.requestsTo(/^GET \/api\/v1\/timelines\/tag\//).length, 2);
    const search = world.appview.requestsTo('GET /xrpc/app.bsky.feed.searchPosts')[0]!;
    assert.deepEqual([search.query.get('q'), search.query.getAll('tag'), search.query.get('since'), search.query.get('until')], ['#NovaNoel', ['NovaNoel'], new Date(PUBLISHED).toISOString(), new Date(ENDS + 1).toISOString()]);
    const x = world.x.requestsTo('GET /2/tweets/search/recent')[0]!;
    assert.deepEqual([x.query.get('query'), x.query.get('start_time'), x.query.get('end_time')], ['#NovaNoel -is:retweet', '2026-12-10T08:30:02Z', '2026-12-15T17:00:01Z']);
  });

  it('refuses what a network cannot give whole: X’s search beyond 7 days, a search the AppView forbids', async () => {
    await make({ entry: 'reply', published: Date.parse('2026-12-01T08:30:02Z') });
    assert.match(refused(await world.draw()).message, /X's recent search reaches back 7 days only, and the contest's entries began 2026-12-01T08:30:02\.000Z\. Nothing was drawn: give X's entrants in a CSV/);
    await world.close();

    await make({ entry: 'hashtag', hashtag: 'NovaNoel', appview: { searchForbidden: true } });
    assert.match(refused(await world.draw()).message, /Bluesky does not give these entrants to this app .*: HTTP 403: Request forbidden by administrative rules\.\. Nothing was drawn: give Bluesky's entrants in a CSV/);
  });

  it('asks for what it needs before reading anything', async () => {
    await make({ entry: 'hashtag' });
    assert.match(refused(await world.draw()).message, /is entered with a hashtag but names none: add contest\.hashtag/);
    assert.equal(world.masto.requests.length, 2, 'only the two statuses posted');
    await world.close();
    await make({ entry: 'like', secrets: { 'mastodon/access-token': 'stand-in-token-3f9c' } });
    assert.match(refused(await world.draw()).message, /No X access token \(x\/access-token: EDCAL_X_ACCESS_TOKEN for edcal\) to read the entrants with\. Nothing was drawn: give X's entrants in a CSV/);
  });
});

/** What the networks give for `world`'s post, without a draw. */
async function collect(world: World) {
  const config = world.config();
  const post = parsePost('posts/concours.md', world.text, config);
  const outcome = await collectEntrants(post, 'posts/concours.md', config, { http: new NodeHttp(), secrets: new MemorySecrets({ 'x/access-token': world.x.token }), now: () => world.clock.now() }, new Set());
  assert.equal(outcome.kind, 'read');
  return outcome.kind === 'read' ? outcome.networks : [];
}
