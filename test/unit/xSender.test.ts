import assert from 'node:assert/strict';
import type { SentPart } from '../../src/core/model';
import { publishRequests } from '../../src/core/publish/requests';
import type { XTweetBody } from '../../src/core/publish/x';
import { NodeHttp } from '../../src/node/http';
import { failureMessage } from '../../src/services/publish/publisher';
import { retrying } from '../../src/services/publish/retry';
import type { SendError } from '../../src/services/publish/sender';
import { xSender } from '../../src/services/publish/x';
import { XStandin, type XStandinOptions } from '../peers/standins/x';
import { CONFIG, lintText, postFile } from './helpers';
import { imageBytes, memoryImage, outgoing, sendAll, sendError } from './outgoing';
import { FakeClock, MemorySecrets } from './publishPorts';

const TOKEN = 'x-user-token-7c1e9d';

describe('X sender, against the X stand-in over HTTP', () => {
  let clock: FakeClock;
  let x: XStandin;

  async function start(options: XStandinOptions = {}) {
    await x?.close();
    x = await XStandin.start({ token: TOKEN, now: () => clock.now(), ...options });
  }
  beforeEach(async () => {
    clock = new FakeClock();
    await start();
  });
  afterEach(() => x.close());

  const sender = (secrets: Record<string, string> = { 'x/access-token': TOKEN }) =>
    xSender({ service: x.url }, { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets(secrets), clock });
  const lint = (body: string, fields: Record<string, string> = {}) => lintText(postFile({ platforms: '[x]', ...fields }, body));
  const bodies = () => x.requestsTo('POST /2/tweets').map((r) => JSON.parse(r.text) as unknown);
  const dryRun = (result: ReturnType<typeof lint>) => publishRequests(result, CONFIG).x as Array<XTweetBody<unknown, unknown>>;

  it('(stand-in) gives X\'s rate-limit headers on every answer, counting down', async () => {
    const me = () => fetch(`${x.url}/2/users/me`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const [a, b] = [await me(), await me()];
    assert.deepEqual([a.headers.get('x-rate-limit-limit'), a.headers.get('x-rate-limit-remaining'), b.headers.get('x-rate-limit-remaining')], ['75', '74', '73']);
    assert.equal(Number(a.headers.get('x-rate-limit-reset')), (clock.now() + 15 * 60_000) / 1000);
    const refused = await fetch(`${x.url}/2/users/me`);
    assert.equal(refused.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual(await refused.json(), { title: 'Unauthorized', type: 'about:blank', detail: 'Unauthorized', status: 401 });
  });

  it('says which account it reached', async () => {
    assert.deepEqual(await sender().connect(), { name: '@nova_app', url: 'https://x.com/nova_app' });
    assert.equal(x.requests[0]!.headers['authorization'], `Bearer ${TOKEN}`);
  });

  it('sends exactly the body the dry run shows, and reports the post stored with its link', async () => {
    const result = lint('Nova 2 est là (enfin) ✨ #Nova2 https://nova.app/blog');
    const sent = await sendAll(sender(), outgoing(result, 'x'));
    assert.deepEqual(bodies(), dryRun(result));
    assert.equal(x.tweets.length, 1);
    assert.deepEqual(sent, [{ id: x.tweets[0]!.id, url: `https://x.com/nova_app/status/${x.tweets[0]!.id}` }]);
  });

  it('sends a poll in minutes on the first part, as the dry run shows it', async () => {
    const result = lint('Votre rituel ?\n\n---\n\nRéponse vendredi', { poll: '{ options: [Rétro, Démo], duration: 2h }' });
    await sendAll(sender(), outgoing(result, 'x'));
    const sentBodies = bodies() as Array<{ poll?: unknown }>;
    assert.deepEqual(sentBodies[0]!.poll, { options: ['Rétro', 'Démo'], duration_minutes: 120 });
    assert.equal(sentBodies[1]!.poll, undefined);
    assert.deepEqual(sentBodies.map((b) => b.poll), dryRun(result).map((b) => b.poll));
  });

  it('sends a thread as a chain of replies, each part as the dry run shows it', async () => {
    const result = lint('Un\n\n---\n\nDeux\n\n---\n\nTrois');
    const sent = await sendAll(sender(), outgoing(result, 'x'));
    const ids = x.tweets.map((t) => t.id);
    assert.deepEqual(x.tweets.map((t) => [t.text, t.replyTo]), [['Un', undefined], ['Deux', ids[0]], ['Trois', ids[1]]]);
    // The dry run's `{ part: n }` is the id of part n.
    const expected = dryRun(result).map((b) => (b.reply ? { ...b, reply: { in_reply_to_tweet_id: ids[(b.reply.in_reply_to_tweet_id as { part: number }).part - 1] } } : b));
    assert.deepEqual(bodies(), expected);
    assert.deepEqual(sent.map((p) => p.id), ids);
  });

  it('goes on after the parts an earlier run sent, replying to the last of them, with no upload', async () => {
    const result = lint('Un\n\n---\n\nDeux\n\n---\n\nTrois', { media: '[{ file: ../media/a.png, alt: "Un chat" }]' });
    const media = [memoryImage('media/a.png', 'Un chat', imageBytes(1))];
    const full = outgoing(result, 'x', { media });
    // An earlier run stored the first part only.
    const earlier = await sendAll(sender(), { ...full, parts: full.parts.slice(0, 1) });
    assert.equal(x.requestsTo('POST /2/media/upload').length, 1);
    const rest = await sendAll(sender(), { ...full, sent: earlier });
    assert.equal(x.requestsTo('POST /2/media/upload').length, 1, 'no image uploaded again');
    assert.deepEqual(x.tweets.map((t) => [t.text, t.replyTo, t.media.length]), [['Un', undefined, 1], ['Deux', earlier[0]!.id, 0], ['Trois', rest[0]!.id, 0]]);
    assert.equal(rest.length, 2);
  });

  it('uploads images first, with their alt text, and attaches them to the first part', async () => {
    const result = lint('Deux chats\n\n---\n\nSuite', { media: '[{ file: ../media/a.png, alt: "Un chat roux" }, { file: ../media/b.jpg }]' });
    const images = [memoryImage('media/a.png', 'Un chat roux', imageBytes(1)), memoryImage('media/b.jpg', '', imageBytes(2), 'image/jpeg')];
    await sendAll(sender(), outgoing(result, 'x', { media: images }));
    const uploads = x.requestsTo('POST /2/media/upload').map((r) => JSON.parse(r.text) as { media: string; media_category: string; media_type: string });
    assert.deepEqual(uploads.map((u) => [u.media_category, u.media_type, u.media]), [
      ['tweet_image', 'image/png', Buffer.from(imageBytes(1)).toString('base64')],
      ['tweet_image', 'image/jpeg', Buffer.from(imageBytes(2)).toString('base64')],
    ]);
    const [first, second] = x.tweets;
    assert.deepEqual(first!.media.map((m) => [m.type, m.alt, m.bytes.length]), [['image/png', 'Un chat roux', 3000], ['image/jpeg', undefined, 3000]]);
    assert.equal(x.requestsTo('POST /2/media/metadata').length, 1, 'no metadata call for an image without alt text');
    assert.deepEqual(second!.media, []);
    // The dry run's `{ file, alt }` placeholders are the uploaded ids, in order.
    assert.deepEqual(dryRun(result)[0]!.media!.media_ids, [{ file: '../media/a.png', alt: 'Un chat roux' }, { file: '../media/b.jpg', alt: '' }]);
    assert.deepEqual(bodies()[0], { ...dryRun(result)[0], media: { media_ids: first!.media.map((m) => m.id) } });
  });

  it('gives X\'s own words when it refuses a duplicate (403), with no id to record', async () => {
    await sendAll(sender(), outgoing(lint('Bonjour'), 'x'));
    const error = await sendError(sendAll(sender(), outgoing(lint('Bonjour', { date: '2026-12-02T09:30' }), 'x')));
    assert.deepEqual([error.failure, error.status, error.networkMessage], ['rejected', 403, 'You are not allowed to create a Tweet with duplicate content.']);
    assert.equal(x.tweets.length, 1);
  });

  it('gives X\'s own words for a text over 280 weighted characters', async () => {
    const error = await sendError(sendAll(sender(), outgoing(lint('é'.repeat(200) + ' ' + '✨'.repeat(41)), 'x')));
    assert.deepEqual([error.failure, error.status, error.networkMessage], ['rejected', 403, 'Tweet needs to be a bit shorter.']);
    assert.equal(x.tweets.length, 0);
  });

  it('gives X\'s words for an invalid request (400)', async () => {
    const images = [memoryImage('media/a.gif', 'Anim', imageBytes(3), 'image/gif')];
    const error = await sendError(sendAll(sender(), outgoing(lint('GIF', { media: '[{ file: ../media/a.gif, alt: Anim }]' }), 'x', { media: images })));
    assert.equal(error.failure, 'rejected');
    assert.equal(error.status, 400);
    assert.match(error.networkMessage, /^One or more parameters to your request was invalid\. media_type must be one of /);
    assert.equal(x.tweets.length, 0);
  });

  it('fails with auth on a refused token (401), and without asking when there is none', async () => {
    const refused = await sendError(sender({ 'x/access-token': 'an-old-token' }).connect());
    assert.deepEqual([refused.failure, refused.status, refused.networkMessage], ['auth', 401, 'Unauthorized']);
    const before = x.requests.length;
    const missing = await sendError(sendAll(sender({}), outgoing(lint('Bonjour'), 'x')));
    assert.equal(missing.failure, 'auth');
    assert.equal(missing.local?.id, 'publish.no-credentials');
    assert.match(failureMessage('fr', 'UTC', 'x', missing), /^Aucun compte X n’est connecté\u00a0: /);
    assert.equal(x.requests.length, before, 'nothing sent without a token');
  });

  it('waits as long as a 429 says (x-rate-limit-reset), then sends', async () => {
    x.failNext('POST /2/tweets', { status: 429, headers: { 'x-rate-limit-reset': String(clock.now() / 1000 + 12) }, body: { errors: [{ code: 88, message: 'Rate limit exceeded' }] } });
    const sent = await sendAll(sender(), outgoing(lint('Bonjour'), 'x'));
    assert.deepEqual(clock.slept, [12_000]);
    assert.equal(x.tweets.length, 1);
    assert.equal(sent.length, 1);
  });

  it('stops at its real limit with when to try again, the parts before it reported', async () => {
    await start({ limits: { 'POST /2/tweets': { limit: 2, windowMs: 15 * 60_000 } } });
    const sent: SentPart[] = [];
    const error = await sendError(sendAll(sender(), outgoing(lint('Un\n\n---\n\nDeux\n\n---\n\nTrois'), 'x'), sent));
    assert.equal(error.failure, 'rate-limited');
    assert.equal(error.networkMessage, 'Rate limit exceeded');
    // The reset is 15 minutes after the window opened, too long to wait within the run.
    assert.equal(error.retryAfter, clock.now() + 15 * 60_000);
    assert.deepEqual(clock.slept, []);
    assert.deepEqual(sent.map((p) => p.id), x.tweets.map((t) => t.id));
    assert.equal(sent.length, 2);
    const last = x.requestsTo('POST /2/tweets').at(-1)!;
    assert.equal(last.headers['authorization'], `Bearer ${TOKEN}`);
  });

  it('sends again after a 500, once', async () => {
    x.failNext('POST /2/tweets', { status: 500, body: { title: 'Internal Server Error', type: 'about:blank', status: 500, detail: 'Internal error' } });
    await sendAll(sender(), outgoing(lint('Bonjour'), 'x'));
    assert.deepEqual(clock.slept, [1000]);
    assert.equal(x.tweets.length, 1);
    assert.equal(x.requestsTo('POST /2/tweets').length, 2);
  });

  it('reports no answer when the connection drops after X stored the post, and sends it only once', async () => {
    x.hangNext('POST /2/tweets');
    const sent: SentPart[] = [];
    const error = await sendError(sendAll(sender(), outgoing(lint('Un\n\n---\n\nDeux'), 'x'), sent));
    assert.equal(error.failure, 'no-answer');
    assert.equal(x.tweets.length, 1, 'the post exists on X');
    assert.deepEqual(sent, [], 'yet the sender never learnt its id');
    assert.equal(x.requestsTo('POST /2/tweets').length, 1, 'and did not send it again');
  });

  it('never puts the token in an error', async () => {
    const errors: SendError[] = [];
    errors.push(await sendError(sender({ 'x/access-token': `${TOKEN}-revoked` }).connect()));
    // A proxy that echoes the request's credentials back.
    x.failNext('POST /2/tweets', { status: 400, body: { title: 'Invalid Request', detail: `Bad header: Authorization: Bearer ${TOKEN}`, type: 'about:blank', status: 400 } });
    errors.push(await sendError(sendAll(sender(), outgoing(lint('Un'), 'x'))));
    x.failNext('POST /2/tweets', { status: 503, body: `upstream refused Bearer ${TOKEN}` }, 4);
    errors.push(await sendError(sendAll(sender(), outgoing(lint('Deux'), 'x'))));
    x.hangNext('POST /2/tweets');
    errors.push(await sendError(sendAll(sender(), outgoing(lint('Trois'), 'x'))));
    assert.deepEqual(errors.map((e) => e.failure), ['auth', 'rejected', 'server', 'no-answer']);
    assert.match(errors[1]!.networkMessage, /Bearer \[redacted\]/);
    for (const error of errors) {
      for (const text of [error.message, error.networkMessage, String(error.stack)]) assert.ok(!text.includes(TOKEN), text);
    }
  });
});
