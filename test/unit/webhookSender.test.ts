import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { SentPart } from '../../src/core/model';
import type { PlatformSettings } from '../../src/core/platforms/types';
import { stableKey } from '../../src/core/publish/keys';
import { publishRequests } from '../../src/core/publish/requests';
import type { WebhookEvent } from '../../src/core/publish/webhook';
import { NodeHttp } from '../../src/node/http';
import { failureMessage } from '../../src/services/publish/publisher';
import { retrying } from '../../src/services/publish/retry';
import type { Outgoing, SendError } from '../../src/services/publish/sender';
import { webhookSender } from '../../src/services/publish/webhook';
import { WebhookStandin, type WebhookStandinOptions } from '../peers/standins/webhook';
import { CONFIG, lintText, postFile } from './helpers';
import { outgoing as baseOutgoing, sendAll, sendError } from './outgoing';
import { FakeClock, MemorySecrets } from './publishPorts';

const SECRET = 'whsec-5f0c2a9e71d84b36';

describe('webhook sender, against the webhook stand-in over HTTP', () => {
  let clock: FakeClock;
  let hook: WebhookStandin;

  async function start(options: WebhookStandinOptions = {}) {
    await hook?.close();
    hook = await WebhookStandin.start({ now: () => clock.now(), ...options });
  }
  beforeEach(async () => {
    clock = new FakeClock();
    await start();
  });
  afterEach(() => hook.close());

  const settings = (extra: PlatformSettings = {}): PlatformSettings => ({ url: hook.hookUrl, ...(hook.flavour !== 'json' ? { format: hook.flavour } : {}), ...extra });
  const sender = (secrets: Record<string, string> = {}, extra: PlatformSettings = {}) =>
    webhookSender(settings(extra), { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets(secrets), clock });
  const config = () => ({ ...CONFIG, platforms: { webhook: settings() } });
  const lint = (body: string, fields: Record<string, string> = {}) => lintText(postFile({ platforms: '[webhook]', lang: 'fr', ...fields }, body), { platforms: { webhook: settings() } });
  /** What the publisher gives the sender, with the key the publisher (and the dry run) use. */
  const outgoing = (result: ReturnType<typeof lint>, extra: Parameters<typeof baseOutgoing>[2] = {}): Outgoing => ({
    ...baseOutgoing(result, 'webhook', extra),
    key: stableKey(result.post.path, 'webhook', result.post.meta.dateText ?? ''),
  });
  const bodies = () => hook.requests.map((r) => JSON.parse(r.text) as Record<string, unknown>);
  const dryRun = (result: ReturnType<typeof lint>) => publishRequests(result, config()).webhook as Array<Record<string, unknown>>;

  describe('json: our own event', () => {
    it('sends exactly the body the dry run shows, with its Idempotency-Key, and records the id the receiver gave', async () => {
      const result = lint('Nova 2 est là ✨ https://nova.app/blog', { media: '[{ file: ../media/a.png, alt: "Un chat" }]' });
      const sent = await sendAll(sender(), outgoing(result, { media: [{ file: 'media/a.png', alt: 'Un chat', mime: 'image/png', size: 3, bytes: async () => new Uint8Array(3) }] }));
      const key = stableKey('posts/p.md', 'webhook', '2026-12-01T09:30');
      assert.deepEqual(bodies(), dryRun(result));
      assert.deepEqual(bodies()[0], {
        post: 'posts/p.md',
        network: 'webhook',
        part: 1,
        parts: 1,
        text: 'Nova 2 est là ✨ https://nova.app/blog',
        lang: 'fr',
        date: '2026-12-01T08:30:00.000Z',
        media: [{ file: 'media/a.png', alt: 'Un chat' }],
        inReplyTo: null,
        idempotencyKey: `${key}-1`,
      } satisfies WebhookEvent<unknown>);
      const request = hook.requests[0]!;
      assert.equal(request.method, 'POST');
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers['idempotency-key'], `${key}-1`);
      assert.equal(request.headers['x-edcal-signature'], undefined, 'no secret, no signature');
      assert.deepEqual(sent, [{ id: 'evt_1', url: 'https://intranet.nova.example/news/evt_1' }]);
    });

    it('sends a thread as one POST per part, each naming the part before, the media on the first only', async () => {
      const result = lint('Un\n\n---\n\nDeux\n\n---\n\nTrois', { media: '[{ file: ../media/a.png }]' });
      const sent = await sendAll(sender(), outgoing(result, { media: [{ file: 'media/a.png', alt: '', mime: 'image/png', size: 3, bytes: async () => new Uint8Array(3) }] }));
      const events = bodies() as unknown as Array<WebhookEvent<string>>;
      assert.deepEqual(events.map((e) => [e.text, e.part, e.parts, e.inReplyTo, e.media.length]), [
        ['Un', 1, 3, null, 1],
        ['Deux', 2, 3, 'evt_1', 0],
        ['Trois', 3, 3, 'evt_2', 0],
      ]);
      // The dry run's `{ part: n }` is the id of part n.
      const expected = dryRun(result).map((b) => (b['inReplyTo'] ? { ...b, inReplyTo: sent[(b['inReplyTo'] as { part: number }).part - 1]!.id } : b));
      assert.deepEqual(bodies(), expected);
      assert.deepEqual(sent.map((p) => p.id), ['evt_1', 'evt_2', 'evt_3']);
    });

    it('names a part <key>-<part> when the receiver gives no id, and goes on after the parts an earlier run sent', async () => {
      await start({ answerIds: false });
      const result = lint('Un\n\n---\n\nDeux\n\n---\n\nTrois');
      const full = outgoing(result);
      const earlier = await sendAll(sender(), { ...full, parts: full.parts.slice(0, 1) });
      assert.deepEqual(earlier, [{ id: `${full.key}-1` }]);
      const rest = await sendAll(sender(), { ...full, sent: earlier });
      assert.deepEqual(rest, [{ id: `${full.key}-2` }, { id: `${full.key}-3` }]);
      const events = bodies() as unknown as Array<WebhookEvent<string>>;
      assert.deepEqual(events.map((e) => [e.text, e.part, e.inReplyTo, e.idempotencyKey]), [
        ['Un', 1, null, `${full.key}-1`],
        ['Deux', 2, `${full.key}-1`, `${full.key}-2`],
        ['Trois', 3, `${full.key}-2`, `${full.key}-3`],
      ]);
    });

    it('says which endpoint it reaches by its host only, and prefers the URL stored as a credential', async () => {
      assert.deepEqual(await sender().connect(), { name: new URL(hook.url).host });
      const other = await WebhookStandin.start({ now: () => clock.now() });
      try {
        await sendAll(sender({ 'webhook/url': other.hookUrl }), outgoing(lint('Bonjour')));
        assert.equal(other.messages.length, 1);
        assert.equal(hook.messages.length, 0);
      } finally {
        await other.close();
      }
    });

    it('fails before any call without a URL, in the person’s language', async () => {
      const bare = webhookSender({}, { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets({}), clock });
      const error = await sendError(sendAll(bare, outgoing(lint('Bonjour'))));
      assert.equal(error.failure, 'auth');
      assert.equal(error.local?.id, 'publish.webhook-no-url');
      assert.match(failureMessage('fr', 'Europe/Paris', 'webhook', error), /^Aucune adresse de webhook\u00a0: indiquez platforms\.webhook\.url/);
      const stored = await sendError(sender({ 'webhook/url': 'ftp://files.nova.example/hook' }).connect());
      assert.equal(stored.local?.id, 'publish.webhook-bad-url');
      assert.equal(hook.requests.length, 0);
    });
  });

  describe('signature', () => {
    it('signs <timestamp>.<body> with HMAC-SHA256, which the stand-in verifies with Node’s crypto', async () => {
      await start({ secret: SECRET });
      const sent = await sendAll(sender({ 'webhook/secret': SECRET }), outgoing(lint('Un\n\n---\n\nDeux')));
      assert.equal(hook.messages.length, 2, 'both parts verified and stored');
      assert.equal(sent.length, 2);
      for (const request of hook.requests) {
        const timestamp = request.headers['x-edcal-timestamp']!;
        assert.equal(timestamp, String(clock.now() / 1000));
        assert.equal(request.headers['x-edcal-signature'], `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${request.text}`).digest('hex')}`);
      }
    });

    it('is refused with a wrong secret, or none, and a replayed request is refused once its time has passed', async () => {
      await start({ secret: SECRET });
      const wrong = await sendError(sendAll(sender({ 'webhook/secret': 'not-the-secret' }), outgoing(lint('Bonjour'))));
      assert.deepEqual([wrong.failure, wrong.status, wrong.networkMessage], ['auth', 401, 'invalid signature']);
      const none = await sendError(sendAll(sender(), outgoing(lint('Bonjour'))));
      assert.deepEqual([none.failure, none.networkMessage], ['auth', 'missing signature']);
      assert.equal(hook.messages.length, 0);

      await sendAll(sender({ 'webhook/secret': SECRET }), outgoing(lint('Bonjour')));
      const signed = hook.requests.at(-1)!;
      const headers = (timestamp = signed.headers['x-edcal-timestamp']!) => ({ 'content-type': 'application/json', 'x-edcal-timestamp': timestamp, 'x-edcal-signature': signed.headers['x-edcal-signature']! });
      clock.time += 10 * 60_000;
      const replay = await fetch(hook.hookUrl, { method: 'POST', headers: headers(), body: signed.text });
      assert.equal(replay.status, 401);
      assert.deepEqual(await replay.json(), { error: 'stale timestamp' });
      // A tampered body, however fresh its timestamp, is refused too.
      const forged = JSON.stringify({ ...(JSON.parse(signed.text) as object), text: 'Forged' });
      const tampered = await fetch(hook.hookUrl, { method: 'POST', headers: headers(String(clock.now() / 1000)), body: forged });
      assert.equal(tampered.status, 401);
      assert.equal(hook.messages.length, 1);
    });
  });

  describe('slack', () => {
    beforeEach(() => start({ flavour: 'slack' }));

    it('(stand-in) answers ok in plain text, and its errors as plain words', async () => {
      const ok = await fetch(hook.hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"Bonjour"}' });
      assert.deepEqual([ok.status, ok.headers.get('content-type'), await ok.text()], [200, 'text/plain; charset=utf-8', 'ok']);
      const bad = await fetch(hook.hookUrl, { method: 'POST', body: 'text=Bonjour' });
      assert.deepEqual([bad.status, await bad.text()], [400, 'invalid_payload']);
    });

    it('sends { text } with Slack’s three characters escaped, and names each part <key>-<part>', async () => {
      const result = lint('Nova <2> & vous\n\n---\n\nSuite');
      const full = outgoing(result);
      const sent = await sendAll(sender(), full);
      assert.deepEqual(bodies(), [{ text: 'Nova &lt;2&gt; &amp; vous' }, { text: 'Suite' }]);
      assert.deepEqual(bodies(), dryRun(result));
      assert.deepEqual(hook.messages.map((m) => m.text), ['Nova <2> & vous', 'Suite']);
      assert.deepEqual(sent, [{ id: `${full.key}-1` }, { id: `${full.key}-2` }]);
    });

    it('gives Slack’s own words for a refused message (4xx)', async () => {
      const empty = await sendError(sendAll(sender(), outgoing(lint(''))));
      assert.deepEqual([empty.failure, empty.status, empty.networkMessage], ['rejected', 400, 'no_text']);
      const revoked = await sendError(sendAll(webhookSender({ url: hook.url + '/services/T0NOVA000/B0NOVA000/revoked-token', format: 'slack' }, { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets({}), clock }), outgoing(lint('Bonjour'))));
      assert.deepEqual([revoked.failure, revoked.status, revoked.networkMessage], ['rejected', 403, 'invalid_token']);
      assert.equal(hook.messages.length, 0);
    });

    it('waits as long as a 429 says (Retry-After), then sends', async () => {
      await start({ flavour: 'slack', limit: { limit: 1, windowMs: 3000 } });
      const sent = await sendAll(sender(), outgoing(lint('Un\n\n---\n\nDeux')));
      assert.deepEqual(clock.slept, [3000]);
      assert.deepEqual(hook.messages.map((m) => m.text), ['Un', 'Deux']);
      assert.equal(sent.length, 2);
      assert.equal(hook.requests.length, 3);
    });
  });

  describe('discord', () => {
    beforeEach(() => start({ flavour: 'discord' }));

    it('(stand-in) answers 204 without wait, the message with ?wait=true, and rate-limit headers', async () => {
      const post = (query: string) => fetch(hook.hookUrl + query, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"content":"Bonjour"}' });
      const quiet = await post('');
      assert.deepEqual([quiet.status, await quiet.text()], [204, '']);
      const waited = await post('?wait=true');
      const message = (await waited.json()) as { id: string; content: string };
      assert.deepEqual([waited.status, message.content, message.id], [200, 'Bonjour', hook.messages[1]!.id]);
      assert.deepEqual([waited.headers.get('x-ratelimit-limit'), waited.headers.get('x-ratelimit-remaining')], ['5', '3']);
      assert.equal(waited.headers.get('x-ratelimit-reset'), ((clock.now() + 2000) / 1000).toFixed(3));
    });

    it('sends { content } with no mention pinged, with ?wait=true, and records the message id', async () => {
      const result = lint('Bonjour @everyone & <vous>');
      const sent = await sendAll(sender(), outgoing(result));
      assert.deepEqual(bodies(), [{ content: 'Bonjour @everyone & <vous>', allowed_mentions: { parse: [] } }]);
      assert.deepEqual(bodies(), dryRun(result));
      assert.equal(hook.requests[0]!.query.get('wait'), 'true');
      assert.deepEqual(sent, [{ id: hook.messages[0]!.id }]);
      assert.match(sent[0]!.id, /^\d{19}$/);
    });

    it('refuses a part over 2,000 characters (code points) before sending anything, as the check does', async () => {
      // 1,999 letters and an emoji of 2 code points: 2,001 for Discord, 2,000 graphemes.
      const text = 'a'.repeat(1999) + '❤️';
      const result = lint(`Court\n\n---\n\n${text}`);
      assert.deepEqual(result.diagnostics.filter((d) => d.code === 'length.over-limit').map((d) => d.platform), ['webhook']);
      const error = await sendError(sendAll(sender(), outgoing(result)));
      assert.deepEqual([error.failure, error.local?.id, error.local?.params], ['rejected', 'publish.webhook-too-long', { part: 2, length: 2001, max: 2000 }]);
      assert.equal(failureMessage('fr', 'Europe/Paris', 'webhook', error), 'La partie 2 fait 2001 caractères\u00a0: Discord en accepte au plus 2000 par message. Découpez-la en fil (chaque partie est un message).');
      assert.equal(hook.requests.length, 0, 'not even the first part');
      assert.equal(lint('a'.repeat(1999) + 'é').diagnostics.filter((d) => d.code === 'length.over-limit').length, 0);
    });

    it('gives Discord’s own words, the field named, when it refuses a message', async () => {
      hook.failNext('/api/webhooks/1311111111111111111/' + hook.token, { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } } });
      const error = await sendError(sendAll(sender(), outgoing(lint('Bonjour'))));
      assert.deepEqual([error.failure, error.status, error.networkMessage], ['rejected', 400, 'Invalid Form Body content: Must be 2000 or fewer in length.']);
      const unknown = await sendError(sendAll(sender({}, { url: hook.url + '/api/webhooks/1/' + hook.token }), outgoing(lint('Bonjour'))));
      assert.deepEqual([unknown.failure, unknown.status, unknown.networkMessage], ['rejected', 404, 'Unknown Webhook']);
    });

    it('waits out a 429 (Retry-After), then sends the rest of the thread', async () => {
      await start({ flavour: 'discord', limit: { limit: 2, windowMs: 2000 } });
      const sent = await sendAll(sender(), outgoing(lint('Un\n\n---\n\nDeux\n\n---\n\nTrois')));
      assert.deepEqual(clock.slept, [2000]);
      assert.deepEqual(hook.messages.map((m) => m.text), ['Un', 'Deux', 'Trois']);
      assert.deepEqual(sent.map((p) => p.id), hook.messages.map((m) => m.id));
    });

    it('records when to try again from retry_after when the wait is too long for the run', async () => {
      hook.failNext(() => true, { status: 429, headers: { 'x-ratelimit-scope': 'shared' }, body: { message: 'The resource is being rate limited.', retry_after: 1336.57, global: false } }, 4);
      const error = await sendError(sendAll(sender(), outgoing(lint('Bonjour'))));
      assert.deepEqual([error.failure, error.networkMessage, error.retryAfter], ['rate-limited', 'The resource is being rate limited.', clock.now() + 1_336_570]);
    });
  });

  it('sends again after a 500, once', async () => {
    hook.failNext('POST /hooks/edcal', { status: 500, body: { error: 'upstream down' } });
    const sent = await sendAll(sender(), outgoing(lint('Bonjour')));
    assert.deepEqual(clock.slept, [1000]);
    assert.equal(hook.messages.length, 1);
    assert.equal(hook.requests.length, 2);
    assert.deepEqual(sent, [{ id: 'evt_1', url: 'https://intranet.nova.example/news/evt_1' }]);
  });

  it('reports no answer when the connection drops after the receiver stored the part, and sends it only once', async () => {
    hook.hangNext('POST /hooks/edcal');
    const sent: SentPart[] = [];
    const error = await sendError(sendAll(sender(), outgoing(lint('Un\n\n---\n\nDeux')), sent));
    assert.equal(error.failure, 'no-answer');
    assert.equal(hook.messages.length, 1, 'the first part was received');
    assert.deepEqual(sent, [], 'yet the sender never learnt its id');
    assert.equal(hook.requests.length, 1, 'and did not send it again');
  });

  it('never puts the secret, the URL or its token in an error', async () => {
    await start({ flavour: 'discord', secret: SECRET });
    const errors: SendError[] = [];
    const signed = { 'webhook/secret': SECRET };
    // A proxy that echoes what it was sent.
    hook.failNext(() => true, { status: 400, body: { message: `Bad request to ${hook.hookUrl}?wait=true signed with ${SECRET}` } });
    errors.push(await sendError(sendAll(sender(signed), outgoing(lint('Un')))));
    hook.failNext(() => true, { status: 503, body: `upstream refused token ${hook.token}` }, 4);
    errors.push(await sendError(sendAll(sender(signed), outgoing(lint('Deux')))));
    hook.failNext(() => true, { status: 401, body: { message: `Invalid Webhook Token ${hook.token}`, code: 50027 } });
    errors.push(await sendError(sendAll(sender(signed), outgoing(lint('Trois')))));
    hook.hangNext(() => true);
    errors.push(await sendError(sendAll(sender(signed), outgoing(lint('Quatre')))));
    errors.push(await sendError(sendAll(sender({ 'webhook/secret': `${SECRET}-old` }), outgoing(lint('Cinq')))));
    assert.deepEqual(errors.map((e) => e.failure), ['rejected', 'server', 'auth', 'no-answer', 'auth']);
    assert.match(errors[0]!.networkMessage, /^Bad request to \[redacted\]/);
    for (const error of errors) {
      for (const text of [error.message, error.networkMessage, String(error.stack), failureMessage('en', 'UTC', 'webhook', error)]) {
        for (const secret of [SECRET, hook.token]) assert.ok(!text.includes(secret), text);
      }
    }
  });
});
