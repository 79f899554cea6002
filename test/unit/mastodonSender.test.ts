import assert from 'node:assert/strict';
import type { SentPart } from '../../src/core/model';
import { publishRequests } from '../../src/core/publish/requests';
import { NodeHttp } from '../../src/node/http';
import { MEDIA_POLLS, mastodonSender } from '../../src/services/publish/mastodon';
import { failureMessage } from '../../src/services/publish/publisher';
import { retrying } from '../../src/services/publish/retry';
import type { Outgoing, OutgoingMedia, SendError, Sender } from '../../src/services/publish/sender';
import { MastodonStandin, type MastodonStandinOptions } from '../peers/standins/mastodon';
import type { RecordedRequest } from '../peers/standins/server';
import { CONFIG, lintText, postFile } from './helpers';
import { sendAll, sendError } from './outgoing';
import { FakeClock, MemorySecrets } from './publishPorts';

const KEY = 'k7f3a9';
const STATUSES = 'POST /api/v1/statuses';

describe('Mastodon sender, against the stand-in server over HTTP', () => {
  let clock: FakeClock;
  let masto: MastodonStandin;
  const start = async (options: MastodonStandinOptions = {}) => {
    await masto?.close();
    masto = await MastodonStandin.start({ now: () => clock.now(), ...options });
  };
  beforeEach(async () => {
    clock = new FakeClock();
    await start();
  });
  afterEach(() => masto.close());

  /** A sender as one run has it; `token: null` for no token at all. */
  const sender = (token: string | null = masto.token, instance = masto.url): Sender =>
    mastodonSender({ instance }, { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets(token !== null ? { 'mastodon/access-token': token } : {}), clock });

  /** A post's Mastodon parts as the check renders them, and its dry run. */
  const post = (body: string, fields: Record<string, string> = {}, extra: Partial<Outgoing> = {}) => {
    const result = lintText(postFile({ platforms: '[mastodon]', lang: 'fr', ...fields }, body));
    const outgoing: Outgoing = { file: 'posts/p.md', meta: result.post.meta, parts: result.renders.find((r) => r.platform === 'mastodon')!.parts, media: [], sent: [], key: KEY, ...extra };
    return { outgoing, dryRun: publishRequests(result, CONFIG).mastodon as Array<Record<string, unknown>> };
  };

  const statusRequests = () => masto.requestsTo(STATUSES);
  const bodyOf = (r: RecordedRequest) => JSON.parse(r.text) as Record<string, unknown>;

  /** The dry run with its placeholders replaced by the ids the server gave. */
  const resolved = (dryRun: Array<Record<string, unknown>>, sent: readonly SentPart[], mediaIds: readonly string[] = []) =>
    dryRun.map(({ media_ids, in_reply_to_id, ...rest }) => ({
      ...rest,
      ...(media_ids ? { media_ids: mediaIds } : {}),
      ...(in_reply_to_id ? { in_reply_to_id: sent[(in_reply_to_id as { part: number }).part - 1]!.id } : {}),
    }));

  it('sends the poll on the first part, in seconds, exactly as the dry run shows it', async () => {
    const { outgoing, dryRun } = post('Votre rituel préféré ?\n\n---\n\nRéponse vendredi', { poll: '{ options: [Rétro, Démo], duration: 1d }' });
    await sendAll(sender(), outgoing);
    const bodies = statusRequests().map(bodyOf);
    assert.deepEqual(bodies[0]!['poll'], { options: ['Rétro', 'Démo'], expires_in: 86_400 });
    assert.equal(bodies[1]!['poll'], undefined);
    assert.deepEqual(bodies.map((b) => b['poll']), dryRun.map((b) => b['poll']));
  });

  it('connects once, names the account, and sends exactly the dry run', async () => {
    const s = sender();
    assert.deepEqual(await s.connect(), { name: '@nova@mastodon.example', url: `${masto.url}/@nova` });
    const { outgoing, dryRun } = post('Bonjour #Nova, voir https://nova.app/blog/lancement');
    const sent = await sendAll(s, outgoing);
    const [created] = masto.statuses;
    assert.deepEqual(sent, [{ id: created!.id, url: created!.url }]);
    assert.equal(created!.text, 'Bonjour #Nova, voir https://nova.app/blog/lancement');
    assert.deepEqual(statusRequests().map(bodyOf), dryRun);
    assert.deepEqual(dryRun, [{ status: created!.text, language: 'fr', visibility: 'public' }]);
    const headers = statusRequests()[0]!.headers;
    assert.equal(headers['idempotency-key'], `${KEY}-1`);
    assert.equal(headers['authorization'], `Bearer ${masto.token}`);
    assert.match(headers['content-type'] ?? '', /^application\/json/);
    await sendAll(s, post('Encore').outgoing);
    assert.deepEqual(
      masto.requests.map((r) => `${r.method} ${r.pathname}`),
      ['GET /api/v1/accounts/verify_credentials', 'GET /api/v2/instance', STATUSES, STATUSES],
      'the account and the limits are read once per run',
    );
  });

  it('sends a thread as a chain of replies, each part once', async () => {
    const { outgoing, dryRun } = post('Un\n\n---\n\nDeux\n\n---\n\nTrois');
    const sent = await sendAll(sender(), outgoing);
    const [a, b, c] = masto.statuses;
    assert.deepEqual(masto.statuses.map((s) => [s.text, s.inReplyToId]), [['Un', null], ['Deux', a!.id], ['Trois', b!.id]]);
    assert.deepEqual(sent.map((p) => p.id), [a!.id, b!.id, c!.id]);
    assert.deepEqual(statusRequests().map((r) => r.headers['idempotency-key']), [`${KEY}-1`, `${KEY}-2`, `${KEY}-3`]);
    assert.deepEqual(statusRequests().map(bodyOf), resolved(dryRun, sent));
  });

  describe('media', () => {
    const utf8 = new TextEncoder();
    // Bytes that hold what a naive boundary would be, and CRLFs: the body must carry them intact.
    const png = utf8.encode(`\x89PNG\r\n\x1a\n\r\n--edcal-${KEY}\r\nContent-Disposition: x\r\n\r\n\u00ff\u0000`);
    const image = (alt: string, file = 'media/a.png'): OutgoingMedia => ({ file, alt, mime: 'image/png', size: png.length, bytes: async () => png });

    it('uploads with its description, polls while it is processed (on the clock), then attaches it', async () => {
      await start({ mediaProcessingPolls: 2 });
      const { outgoing, dryRun } = post('Un chat\n\n---\n\nDeux', { media: '[{ file: ../media/a.png, alt: "Un chat roux" }]' }, { media: [image('Un chat roux')] });
      const sent = await sendAll(sender(), outgoing);
      const [uploaded] = masto.media;
      assert.equal(uploaded!.filename, 'a.png');
      assert.equal(uploaded!.type, 'image/png');
      assert.equal(uploaded!.description, 'Un chat roux');
      assert.deepEqual(new Uint8Array(uploaded!.bytes), png);
      assert.equal(masto.requestsTo(`/api/v1/media/${uploaded!.id}`).length, 3, '206, 206, then 200');
      assert.deepEqual(clock.slept, [1000, 2000, 3000], 'a wait before each poll');
      assert.deepEqual(masto.statuses.map((s) => s.mediaIds), [[uploaded!.id], []]);
      assert.deepEqual(statusRequests().map(bodyOf), resolved(dryRun, sent, [uploaded!.id]));
    });

    it('gives up, on the clock, on media still processing after a bounded number of polls', async () => {
      await start({ mediaProcessingPolls: 1000 });
      const error = await sendError(sendAll(sender(), post('Un chat', {}, { media: [image('Un chat')] }).outgoing));
      assert.equal(error.failure, 'server');
      assert.match(error.networkMessage, /still processing media\/a\.png/);
      assert.equal(failureMessage('en', 'UTC', 'mastodon', error), `mastodon.example was still processing media/a.png after ${MEDIA_POLLS} checks: the next run tries again.`);
      assert.equal(masto.requestsTo(/^GET \/api\/v1\/media\//).length, MEDIA_POLLS);
      assert.equal(masto.statuses.length, 0);
    });

    it('refuses, before any request, more media or a longer description than the instance allows', async () => {
      await start({ limits: { maxMediaAttachments: 1, descriptionLimit: 10 } });
      const s = sender();
      await s.connect();
      const before = masto.requests.length;
      const many = await sendError(sendAll(s, post('Deux chats', {}, { media: [image('Un'), image('Deux', 'media/b.png')] }).outgoing));
      assert.equal(many.failure, 'rejected');
      assert.match(many.networkMessage, /2 media files; mastodon\.example allows 1/);
      assert.equal(many.local?.id, 'publish.too-many-media');
      const long = await sendError(sendAll(s, post('Un chat', {}, { media: [image('Un chat très roux')] }).outgoing));
      assert.match(long.networkMessage, /description of media\/a\.png is 17 characters long; mastodon\.example allows 10/);
      assert.equal(long.local?.id, 'publish.alt-too-long');
      assert.equal(masto.requests.length, before);
    });
  });

  it('checks every part against the instance limits before sending any', async () => {
    await start({ limits: { maxCharacters: 100, charactersReservedPerUrl: 30 } });
    const s = sender();
    await s.connect();
    const before = masto.requests.length;
    // 70 letters, a space and a URL this instance weighs 30: 101 > 100 (at 23 per URL, 94 would fit).
    const error = await sendError(sendAll(s, post(`Un\n\n---\n\nDeux\n\n---\n\n${'a'.repeat(70)} https://nova.app/x`).outgoing));
    assert.equal(error.failure, 'rejected');
    assert.equal(error.networkMessage, 'Part 3 of 3 is 101 characters long as Mastodon counts; mastodon.example allows 100.');
    assert.equal(error.local?.id, 'publish.part-too-long');
    assert.equal(failureMessage('fr', 'UTC', 'mastodon', error), 'La partie 3 sur 3 fait 101\u00a0caractères comptés comme Mastodon les compte\u00a0; mastodon.example en accepte 100.');
    assert.equal(masto.requests.length, before, 'no request');
    assert.equal(masto.statuses.length, 0);
  });

  it("takes Mastodon's defaults from a server without /api/v2/instance", async () => {
    await start({ noInstanceV2: true });
    const s = sender();
    assert.deepEqual(await s.connect(), { name: `@nova@127.0.0.1:${new URL(masto.url).port}`, url: `${masto.url}/@nova` });
    const error = await sendError(sendAll(s, post('a'.repeat(501)).outgoing));
    assert.match(error.networkMessage, /^The post is 501 characters long .* allows 500/);
    assert.equal(error.local?.id, 'publish.post-too-long');
  });

  it("reports a refusal in the server's own words (422)", async () => {
    const error = await sendError(sendAll(sender(), post('').outgoing));
    assert.equal(error.failure, 'rejected');
    assert.equal(error.status, 422);
    assert.equal(error.networkMessage, "Validation failed: Text can't be blank");
  });

  describe('credentials', () => {
    it('says auth without a token, before any request', async () => {
      const error = await sendError(sender(null).connect());
      assert.equal(error.failure, 'auth');
      assert.deepEqual(error.local, { id: 'publish.no-credentials', params: { network: 'Mastodon' } });
      assert.equal(masto.requests.length, 0);
    });

    it('refuses a calendar without an instance, in the calendar\'s language, before any request', async () => {
      const error = await sendError(mastodonSender({}, { http: new NodeHttp(5000), secrets: new MemorySecrets({ 'mastodon/access-token': masto.token }), clock }).connect());
      assert.deepEqual([error.failure, error.local?.id], ['rejected', 'publish.mastodon-no-instance']);
      assert.match(failureMessage('fr', 'UTC', 'mastodon', error), /^Aucune instance Mastodon n’est indiquée\u00a0: .*platforms\.mastodon\.instance/);
      assert.equal(masto.requests.length, 0);
    });

    it('says auth for a token the server refuses (401), and for a disabled login (403)', async () => {
      const wrong = await sendError(sender('not-the-token').connect());
      assert.deepEqual([wrong.failure, wrong.status, wrong.networkMessage], ['auth', 401, 'The access token is invalid']);
      masto.failNext('GET /api/v1/accounts/verify_credentials', { status: 403, body: { error: 'Your login is currently disabled' } });
      const disabled = await sendError(sender().connect());
      assert.deepEqual([disabled.failure, disabled.status], ['auth', 403]);
    });
  });

  describe('rate limits and server failures', () => {
    it('waits as X-RateLimit-Reset says after a 429, then sends', async () => {
      const reset = new Date(clock.now() + 12_000).toISOString();
      masto.failNext(STATUSES, { status: 429, headers: { 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset }, body: { error: 'Too many requests' } });
      const sent = await sendAll(sender(), post('Bonjour').outgoing);
      assert.deepEqual(clock.slept, [12_000]);
      assert.equal(sent.length, 1);
      assert.equal(masto.statuses.length, 1);
    });

    it("waits for the stand-in's own rate-limit window to reset mid-thread", async () => {
      await start({ rateLimit: { limit: 4, periodMs: 20_000 } });
      // Two requests to connect, two parts: the third part is the fifth request of the window.
      const sent = await sendAll(sender(), post('Un\n\n---\n\nDeux\n\n---\n\nTrois').outgoing);
      assert.deepEqual(clock.slept, [20_000]);
      assert.equal(sent.length, 3);
      assert.deepEqual(masto.statuses.map((s) => s.text), ['Un', 'Deux', 'Trois']);
    });

    it('says rate-limited, with when to try again, when the window resets beyond the wait allowed', async () => {
      await start({ rateLimit: { limit: 2, periodMs: 300_000 } });
      const error = await sendError(sendAll(sender(), post('Bonjour').outgoing));
      assert.deepEqual([error.failure, error.status, error.networkMessage], ['rate-limited', 429, 'Too many requests']);
      assert.equal(error.retryAfter, clock.now() + 300_000);
      assert.deepEqual(clock.slept, []);
    });

    it('sends after a 500, and says server once retries are exhausted', async () => {
      masto.failNext(STATUSES, { status: 500, body: { error: "We're sorry, but something went wrong" } });
      assert.equal((await sendAll(sender(), post('Bonjour').outgoing)).length, 1);
      assert.deepEqual(clock.slept, [1000]);
      masto.failNext(STATUSES, { status: 503, body: { error: 'There was a temporary problem serving your request, please try again' } }, 4);
      const error = await sendError(sendAll(sender(), post('Encore').outgoing));
      assert.deepEqual([error.failure, error.status], ['server', 503]);
      assert.match(error.networkMessage, /temporary problem/);
      assert.equal(masto.statuses.length, 1);
    });
  });

  it('resumes a thread cut between a call and its answer without duplicating a part', async () => {
    const { outgoing, dryRun } = post('Un\n\n---\n\nDeux\n\n---\n\nTrois');
    masto.hangNext((r) => `${r.method} ${r.pathname}` === STATUSES && bodyOf(r)['status'] === 'Deux');
    const first: SentPart[] = [];
    const cut = await sendError(sendAll(sender(), outgoing, first));
    assert.equal(cut.failure, 'no-answer');
    assert.equal(first.length, 1, 'only part 1 was answered');
    assert.equal(masto.statuses.length, 2, 'yet part 2 was created');
    // The next run: part 1 recorded as sent, the same key.
    const rest = await sendAll(sender(), { ...outgoing, sent: first });
    const [a, b, c] = masto.statuses;
    assert.equal(masto.statuses.length, 3, 'part 2 was not created twice');
    assert.deepEqual(rest.map((p) => p.id), [b!.id, c!.id]);
    assert.deepEqual(masto.statuses.map((s) => s.inReplyToId), [null, a!.id, b!.id]);
    assert.deepEqual(statusRequests().map((r) => r.headers['idempotency-key']), [`${KEY}-1`, `${KEY}-2`, `${KEY}-2`, `${KEY}-3`]);
    assert.deepEqual(statusRequests().slice(2).map(bodyOf), resolved(dryRun, [...first, ...rest]).slice(1), 'the same bodies again, part 2 replying to part 1');
  });

  it('says no-answer when nothing listens at the instance URL', async () => {
    const url = masto.url;
    await masto.close();
    const error = await sendError(sender(masto.token, url).connect());
    assert.equal(error.failure, 'no-answer');
    masto = await MastodonStandin.start();
  });

  it('never puts the access token in a SendError', async () => {
    const token = masto.token;
    const errors: SendError[] = [];
    errors.push(await sendError(sender('a-wrong-token-9d1e').connect()));
    // A proxy that echoes the Authorization header in its error.
    masto.failNext(STATUSES, { status: 400, body: { error: `Bad request with Authorization: Bearer ${token}` } });
    const echoed = await sendError(sendAll(sender(), post('Bonjour').outgoing));
    assert.equal(echoed.networkMessage, 'Bad request with Authorization: Bearer [redacted]');
    errors.push(echoed);
    masto.failNext(STATUSES, { status: 500, body: { error: token } }, 4);
    errors.push(await sendError(sendAll(sender(), post('Bonjour').outgoing)));
    masto.hangNext(STATUSES);
    errors.push(await sendError(sendAll(sender(), post('Bonjour').outgoing)));
    assert.deepEqual(errors.map((e) => e.failure), ['auth', 'rejected', 'server', 'no-answer']);
    for (const e of errors) {
      for (const text of [e.message, e.networkMessage, String(e), JSON.stringify(e)]) assert.ok(!text.includes(token), text);
    }
  });
});
