import assert from 'node:assert/strict';
import { publishRequests } from '../../src/core/publish/requests';
import { NodeHttp } from '../../src/node/http';
import { facebookSender } from '../../src/services/publish/facebook';
import { retrying } from '../../src/services/publish/retry';
import type { OutgoingMedia, SendError } from '../../src/services/publish/sender';
import { graphError } from '../peers/standins/graph';
import { FacebookStandin, type FacebookStandinOptions } from '../peers/standins/facebook';
import { CONFIG, lintText, postFile } from './helpers';
import { formFor, formOf } from './graphForms';
import { imageBytes, memoryImage, outgoing, sendAll, sendError } from './outgoing';
import { FakeClock, MemorySecrets } from './publishPorts';

const TOKEN = 'facebook-page-token-4d8e21';
const BASE = 'https://cdn.nova.app/calendar/';

describe('Facebook Pages sender, against the Facebook stand-in over HTTP', () => {
  let clock: FakeClock;
  let fb: FacebookStandin;

  async function start(options: FacebookStandinOptions = {}) {
    await fb?.close();
    fb = await FacebookStandin.start({ token: TOKEN, now: () => clock.now(), ...options });
  }
  beforeEach(async () => {
    clock = new FakeClock();
    await start();
  });
  afterEach(() => fb.close());

  const secrets = (extra: Record<string, string> = {}) => ({ 'facebook/access-token': TOKEN, 'facebook/page-id': fb.page.id, ...extra });
  const sender = (stored: Record<string, string> = secrets(), mediaBaseUrl: string | null = BASE) =>
    facebookSender({ service: fb.url, ...(mediaBaseUrl !== null ? { mediaBaseUrl } : {}) }, { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets(stored), clock });
  const post = (body: string, count = 0, fields: Record<string, string> = {}) => {
    const files = Array.from({ length: count }, (_, i) => `media/${i + 1}.png`);
    const media = files.map((f, i) => `{ file: ../${f}${i === 0 ? ', alt: "Un chat"' : ''} }`).join(', ');
    const result = lintText(postFile({ platforms: '[facebook]', ...(count > 0 ? { media: `[${media}]` } : {}), ...fields }, body), { mediaBaseUrl: BASE });
    const images: OutgoingMedia[] = files.map((f, i) => memoryImage(f, i === 0 ? 'Un chat' : '', imageBytes(i)));
    return { result, out: outgoing(result, 'facebook', { media: images }) };
  };
  const dryRun = (result: ReturnType<typeof post>['result']) => publishRequests(result, { ...CONFIG, mediaBaseUrl: BASE }).facebook as Array<Record<string, unknown>>;
  const feed = () => fb.requestsTo(`POST /${fb.page.id}/feed`);
  const photos = () => fb.requestsTo(`POST /${fb.page.id}/photos`);

  it('(stand-in) reports the Page\'s Business Use Case usage on every answer', async () => {
    const page = await fetch(`${fb.url}/${fb.page.id}?fields=name`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.deepEqual(JSON.parse(page.headers.get('x-business-use-case-usage')!)[fb.page.id][0].type, 'pages');
    assert.deepEqual(await page.json(), { id: fb.page.id, name: 'Nova' });
  });

  it('says which Page it reached', async () => {
    assert.deepEqual(await sender().connect(), { name: 'Nova', url: `https://www.facebook.com/${fb.page.id}` });
    assert.equal(fb.requests[0]!.headers['authorization'], `Bearer ${TOKEN}`);
  });

  it('sends a text to the feed exactly as the dry run shows it, its first link as the preview\'s', async () => {
    const { result, out } = post('Nova 2 est là ✨ #Nova2 nova.app/blog et https://nova.app/prix');
    const sent = await sendAll(sender(), out);
    assert.deepEqual(dryRun(result), [{ message: 'Nova 2 est là ✨ #Nova2 nova.app/blog et https://nova.app/prix', link: 'https://nova.app/blog' }]);
    assert.deepEqual(feed().map(formOf), dryRun(result).map(formFor));
    const [stored] = fb.posts;
    assert.deepEqual(sent, [{ id: stored!.id, url: `https://www.facebook.com/${stored!.id}` }]);
  });

  it('sends one image as a photo post (url, caption, alt text), recording the Page post, not the photo', async () => {
    const { result, out } = post('Un chat', 1);
    const sent = await sendAll(sender(), out);
    assert.deepEqual(dryRun(result), [{ url: `${BASE}media/1.png`, caption: 'Un chat', alt_text_custom: 'Un chat' }]);
    assert.deepEqual(photos().map(formOf), dryRun(result).map(formFor));
    assert.equal(feed().length, 0);
    const [stored] = fb.posts;
    assert.deepEqual(stored!.photos.map((p) => [p.url, p.alt, p.published]), [[`${BASE}media/1.png`, 'Un chat', true]]);
    assert.equal(sent[0]!.id, stored!.id);
    assert.notEqual(sent[0]!.id, stored!.photos[0]!.id);
  });

  it('sends several images as one multi-photo post: each uploaded unpublished, then attached', async () => {
    const { result, out } = post('Trois chats', 3);
    await sendAll(sender(), out);
    const [body] = dryRun(result);
    const attached = body!['attached_media'] as Array<{ media_fbid: object }>;
    assert.deepEqual(photos().map(formOf), attached.map((a) => formFor(a.media_fbid)), 'the photos as the dry run shows them');
    const ids = [...fb.photos.keys()];
    assert.deepEqual(formOf(feed()[0]!), formFor({ ...body, attached_media: ids.map((media_fbid) => ({ media_fbid })) }));
    assert.deepEqual(fb.posts.map((p) => [p.message, p.photos.length]), [['Trois chats', 3]]);
    assert.deepEqual(fb.posts[0]!.photos.map((p) => p.published), [false, false, false]);
  });

  it('refuses images without a public address before any request', async () => {
    const error = await sendError(sendAll(sender(secrets(), null), post('Un chat', 1).out));
    assert.deepEqual([error.failure, error.local?.id], ['rejected', 'media.no-public-url']);
    assert.equal(fb.requests.length, 0);
  });

  it('gives Facebook\'s own words when it refuses a duplicate (code 506)', async () => {
    await sendAll(sender(), post('Bonjour').out);
    const error = await sendError(sendAll(sender(), post('Bonjour', 0, { date: '2026-12-02T09:30' }).out));
    assert.deepEqual([error.failure, error.status, error.networkMessage], ['rejected', 400, '(#506) Duplicate status message This status update is identical to the last one you posted.']);
    assert.equal(fb.posts.length, 1);
  });

  it('fails with auth on a refused token (code 190, or a 401), and without asking when credentials are missing', async () => {
    const refused = await sendError(sender(secrets({ 'facebook/access-token': 'an-old-token' })).connect());
    assert.deepEqual([refused.failure, refused.status], ['auth', 400]);
    fb.failNext(`GET /${fb.page.id}`, graphError(401, { message: 'Error validating access token: Session has expired.', code: 190, error_subcode: 463 }));
    assert.equal((await sendError(sender().connect())).failure, 'auth');
    // A token without the permission to post: reconnect, granting it.
    fb.failNext(`POST /${fb.page.id}/feed`, graphError(403, { message: '(#200) The user hasn\'t authorized the application to perform this action', code: 200 }));
    const denied = await sendError(sendAll(sender(), post('Bonjour').out));
    assert.deepEqual([denied.failure, denied.status], ['auth', 403]);
    const before = fb.requests.length;
    const missing = await sendError(sendAll(sender({ 'facebook/access-token': TOKEN }), post('Bonjour').out));
    assert.deepEqual([missing.failure, missing.local?.id], ['auth', 'publish.no-credentials']);
    assert.equal(fb.requests.length, before, 'nothing sent without credentials');
  });

  it('reports throttling (code 80001) as rate-limited with when access comes back, then sends on the next run', async () => {
    await start({ callsPerHour: 2 });
    await sendAll(sender(), post('Un').out); // the Page's name, then the post: the hour's calls are used up
    const error = await sendError(sendAll(sender(), post('Deux').out));
    assert.deepEqual([error.failure, error.status], ['rate-limited', 400]);
    assert.match(error.networkMessage, /^\(#80001\) There have been too many calls to this Page account/);
    assert.equal(error.retryAfter, clock.now() + 60 * 60_000);
    clock.time = error.retryAfter!;
    await sendAll(sender(), post('Deux').out);
    assert.deepEqual(fb.posts.map((p) => p.message), ['Un', 'Deux']);
  });

  it('posts again after a 500, once', async () => {
    fb.failNext(`POST /${fb.page.id}/feed`, graphError(500, { message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true }));
    await sendAll(sender(), post('Bonjour').out);
    assert.deepEqual(clock.slept, [1000]);
    assert.deepEqual([fb.posts.length, feed().length], [1, 2]);
  });

  it('reports no answer when the connection drops after Facebook stored the post, and posts it only once', async () => {
    fb.hangNext(`POST /${fb.page.id}/feed`);
    const error = await sendError(sendAll(sender(), post('Bonjour').out));
    assert.equal(error.failure, 'no-answer');
    assert.equal(fb.posts.length, 1, 'the post exists on Facebook');
    assert.equal(feed().length, 1, 'and was not sent again');
  });

  it('fails plainly (nothing public) when the connection drops after an unpublished photo, and the next run posts once', async () => {
    fb.hangNext(`POST /${fb.page.id}/photos`);
    const error = await sendError(sendAll(sender(), post('Deux chats', 2).out));
    assert.equal(error.failure, 'server');
    assert.deepEqual([fb.posts.length, fb.photos.size], [0, 1], 'a photo exists, unpublished, in no post');
    await sendAll(sender(), post('Deux chats', 2).out);
    assert.deepEqual(fb.posts.map((p) => p.photos.length), [2]);
  });

  it('never puts the token in an error', async () => {
    const errors: SendError[] = [];
    errors.push(await sendError(sender(secrets({ 'facebook/access-token': `${TOKEN}-revoked` })).connect()));
    fb.failNext(`POST /${fb.page.id}/feed`, graphError(400, { message: `(#100) Bad header: Authorization: Bearer ${TOKEN}`, code: 100 }));
    errors.push(await sendError(sendAll(sender(), post('Un').out)));
    fb.failNext(`POST /${fb.page.id}/feed`, { status: 503, body: `upstream refused Bearer ${TOKEN}` }, 4);
    errors.push(await sendError(sendAll(sender(), post('Deux').out)));
    fb.hangNext(`POST /${fb.page.id}/feed`);
    errors.push(await sendError(sendAll(sender(), post('Trois').out)));
    assert.deepEqual(errors.map((e) => e.failure), ['auth', 'rejected', 'server', 'no-answer']);
    assert.match(errors[1]!.networkMessage, /Bearer \[redacted\]/);
    for (const error of errors) {
      for (const words of [error.message, error.networkMessage, String(error.stack)]) assert.ok(!words.includes(TOKEN), words);
    }
    assert.ok(fb.requests.every((r) => !r.path.includes(TOKEN) && !r.text.includes(TOKEN)), 'the token only ever in a header');
  });
});
