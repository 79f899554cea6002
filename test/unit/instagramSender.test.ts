import assert from 'node:assert/strict';
import type { InstagramContainer } from '../../src/core/publish/instagram';
import { publishRequests } from '../../src/core/publish/requests';
import { NodeHttp } from '../../src/node/http';
import { instagramSender } from '../../src/services/publish/instagram';
import { retrying } from '../../src/services/publish/retry';
import type { OutgoingMedia, SendError } from '../../src/services/publish/sender';
import { graphError } from '../peers/standins/graph';
import { InstagramStandin, type InstagramStandinOptions } from '../peers/standins/instagram';
import { CONFIG, lintText, postFile } from './helpers';
import { formFor, formOf } from './graphForms';
import { imageBytes, memoryImage, outgoing, sendAll, sendError } from './outgoing';
import { FakeClock, MemorySecrets } from './publishPorts';

const TOKEN = 'instagram-user-token-91c3d7';
const BASE = 'https://cdn.nova.app/calendar/';

describe('Instagram sender, against the Instagram stand-in over HTTP', () => {
  let clock: FakeClock;
  let ig: InstagramStandin;

  async function start(options: InstagramStandinOptions = {}) {
    await ig?.close();
    ig = await InstagramStandin.start({ token: TOKEN, now: () => clock.now(), ...options });
  }
  beforeEach(async () => {
    clock = new FakeClock();
    await start();
  });
  afterEach(() => ig.close());

  const secrets = (extra: Record<string, string> = {}) => ({ 'instagram/access-token': TOKEN, 'instagram/user-id': ig.user.id, ...extra });
  const sender = (stored: Record<string, string> = secrets(), mediaBaseUrl: string | null = BASE) =>
    instagramSender({ service: ig.url, ...(mediaBaseUrl !== null ? { mediaBaseUrl } : {}) }, { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets(stored), clock });
  /** A post with `count` JPEG images, media/1.jpg…, and its outgoing images. */
  const post = (count: number, caption = 'Nova 2 est là ✨ #Nova2') => {
    const files = Array.from({ length: count }, (_, i) => `media/${i + 1}.jpg`);
    const media = files.map((f, i) => `{ file: ../${f}${i % 2 === 0 ? `, alt: "Image ${i + 1}"` : ''} }`).join(', ');
    const result = lintText(postFile({ platforms: '[instagram]', media: `[${media}]` }, caption), { mediaBaseUrl: BASE });
    const images: OutgoingMedia[] = files.map((f, i) => memoryImage(f, i % 2 === 0 ? `Image ${i + 1}` : '', imageBytes(i), 'image/jpeg'));
    return { result, images, out: outgoing(result, 'instagram', { media: images }) };
  };
  const dryRun = (result: ReturnType<typeof post>['result']) => publishRequests(result, { ...CONFIG, mediaBaseUrl: BASE }).instagram as Array<InstagramContainer<unknown, unknown>>;
  const creations = () => ig.requestsTo(`POST /${ig.user.id}/media`);
  const publications = () => ig.requestsTo(`POST /${ig.user.id}/media_publish`);

  it('(stand-in) reports Business Use Case usage on every answer, and refuses another token with code 190', async () => {
    const me = await fetch(`${ig.url}/${ig.user.id}?fields=username`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.deepEqual(JSON.parse(me.headers.get('x-business-use-case-usage')!), { [ig.user.id]: [{ type: 'instagram', call_count: 0, total_cputime: 0, total_time: 0, estimated_time_to_regain_access: 0 }] });
    assert.deepEqual(await me.json(), { id: ig.user.id, username: 'nova.app' });
    const refused = await fetch(`${ig.url}/${ig.user.id}?fields=username`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(((await refused.json()) as { error: { code: number } }).error.code, 190);
  });

  it('says which account it reached', async () => {
    assert.deepEqual(await sender().connect(), { name: '@nova.app', url: 'https://www.instagram.com/nova.app/' });
    assert.equal(ig.requests[0]!.headers['authorization'], `Bearer ${TOKEN}`);
  });

  it('sends one image as exactly the container the dry run shows, then publishes it once processed', async () => {
    const { result, out } = post(1);
    const sent = await sendAll(sender(), out);
    assert.deepEqual(dryRun(result), [{ image_url: `${BASE}media/1.jpg`, alt_text: 'Image 1', caption: 'Nova 2 est là ✨ #Nova2' }]);
    assert.deepEqual(creations().map(formOf), dryRun(result).map(formFor));
    const [published] = ig.posts;
    assert.deepEqual(published!.images, [{ url: `${BASE}media/1.jpg`, alt: 'Image 1' }]);
    assert.deepEqual(formOf(publications()[0]!), { creation_id: published!.container });
    assert.deepEqual(sent, [{ id: published!.id, url: published!.permalink }]);
    assert.deepEqual(clock.slept, [1000, 2000], 'checked at once, after 1 s, then after 2 more');
  });

  it('sends 2 to 10 images as a carousel: the items first, then the carousel of their ids', async () => {
    const { result, out } = post(3);
    await sendAll(sender(), out);
    const [carousel] = dryRun(result);
    assert.equal(carousel!.media_type, 'CAROUSEL');
    const forms = creations().map(formOf);
    assert.deepEqual(forms.slice(0, 3), (carousel!.children as object[]).map(formFor), 'the items as the dry run shows them');
    const ids = [...ig.containers.values()].filter((c) => c.carouselItem).map((c) => c.id);
    assert.deepEqual(forms[3], formFor({ ...carousel, children: ids }));
    assert.deepEqual(ig.posts.map((p) => [p.caption, p.images.length]), [['Nova 2 est là ✨ #Nova2', 3]]);
    assert.deepEqual(ig.posts[0]!.images[1], { url: `${BASE}media/2.jpg` }, 'no alt text where there is none');
  });

  it('refuses, before any request and in the user\'s words, no image, more than 10, or no public address', async () => {
    const none = await sendError(sendAll(sender(), post(0).out));
    assert.deepEqual([none.failure, none.local?.id], ['rejected', 'media.required']);
    const eleven = await sendError(sendAll(sender(), post(11).out));
    assert.deepEqual([eleven.failure, eleven.local?.id, eleven.local?.params], ['rejected', 'media.too-many', { platform: 'Instagram', count: 11, max: 10 }]);
    const nowhere = await sendError(sendAll(sender(secrets(), null), post(1).out));
    assert.deepEqual([nowhere.failure, nowhere.local?.id], ['rejected', 'media.no-public-url']);
    assert.equal(ig.requests.length, 0);
  });

  it('gives Instagram\'s own words when it refuses a container (400)', async () => {
    const result = lintText(postFile({ platforms: '[instagram]', media: '[{ file: ../media/a.png, alt: Chat }]' }, 'Un chat'), { mediaBaseUrl: BASE });
    const error = await sendError(sendAll(sender(), outgoing(result, 'instagram', { media: [memoryImage('media/a.png', 'Chat', imageBytes(1))] })));
    assert.deepEqual([error.failure, error.status, error.networkMessage], ['rejected', 400, 'Only photo or video can be accepted as media type. The image format is not supported: use a JPEG.']);
    assert.equal(ig.posts.length, 0);
  });

  it('rejects a container Instagram could not process with its words, publishing nothing', async () => {
    ig.unreachable.add(`${BASE}media/1.jpg`);
    const error = await sendError(sendAll(sender(), post(1).out));
    assert.equal(error.failure, 'rejected');
    assert.match(error.networkMessage, /^Instagram could not process container \d+: Error: 2207052 The media could not be fetched from this URI\.$/);
    assert.deepEqual([ig.posts.length, publications().length], [0, 0]);
  });

  it('fails with auth on a refused token (code 190, or a 401), and without asking when credentials are missing', async () => {
    const refused = await sendError(sender(secrets({ 'instagram/access-token': 'an-old-token' })).connect());
    assert.deepEqual([refused.failure, refused.status], ['auth', 400]);
    ig.failNext(`GET /${ig.user.id}`, graphError(401, { message: 'Error validating access token: The session has been invalidated because the user changed their password.', code: 190, error_subcode: 460 }));
    assert.equal((await sendError(sender().connect())).failure, 'auth');
    const before = ig.requests.length;
    const missing = await sendError(sendAll(sender({ 'instagram/access-token': TOKEN }), post(1).out));
    assert.deepEqual([missing.failure, missing.local?.id], ['auth', 'publish.no-credentials']);
    assert.equal(ig.requests.length, before, 'nothing sent without credentials');
  });

  it('reports throttling (code 80002) as rate-limited with when access comes back, then sends on the next run', async () => {
    ig.failNext(`POST /${ig.user.id}/media`, ig.throttled());
    const error = await sendError(sendAll(sender(), post(1).out));
    assert.deepEqual([error.failure, error.status], ['rate-limited', 400]);
    assert.match(error.networkMessage, /^\(#80002\) There have been too many calls/);
    // x-business-use-case-usage: estimated_time_to_regain_access, in minutes (here the hour's window).
    assert.equal(error.retryAfter, clock.now() + 60 * 60_000);
    const sent = await sendAll(sender(), post(1).out);
    assert.deepEqual([ig.posts.length, sent.length], [1, 1]);
  });

  it('stops at the 100 posts a day (code 9, subcode 2207042) as rate-limited, in Instagram\'s words', async () => {
    await start({ postsPerDay: 1 });
    await sendAll(sender(), post(1).out);
    const error = await sendError(sendAll(sender(), post(1, 'Encore').out));
    assert.equal(error.failure, 'rate-limited');
    assert.match(error.networkMessage, /You reached maximum number of posts/);
    assert.deepEqual([ig.posts.length, ig.unpublished.length], [1, 1], 'the refused container stays unpublished');
  });

  it('publishes again after a 500, once', async () => {
    ig.failNext(`POST /${ig.user.id}/media_publish`, graphError(500, { message: 'An unknown error occurred', code: 1, is_transient: true }));
    await sendAll(sender(), post(1).out);
    assert.deepEqual(clock.slept, [1000, 2000, 1000]);
    assert.deepEqual([ig.posts.length, publications().length], [1, 2]);
  });

  it('reports no answer when the connection drops after Instagram published the post, and publishes it only once', async () => {
    ig.hangNext(`POST /${ig.user.id}/media_publish`);
    const error = await sendError(sendAll(sender(), post(1).out));
    assert.equal(error.failure, 'no-answer');
    assert.equal(ig.posts.length, 1, 'the post exists on Instagram');
    assert.equal(publications().length, 1, 'and was not published again');
  });

  it('fails plainly (nothing public) when the connection drops after a container was made, and the next run publishes once', async () => {
    ig.hangNext(`POST /${ig.user.id}/media`);
    const error = await sendError(sendAll(sender(), post(1).out));
    assert.equal(error.failure, 'server');
    assert.deepEqual([ig.posts.length, ig.unpublished.length], [0, 1], 'the container exists, unpublished');
    await sendAll(sender(), post(1).out);
    assert.equal(ig.posts.length, 1);
  });

  it('never puts the token in an error', async () => {
    const errors: SendError[] = [];
    errors.push(await sendError(sender(secrets({ 'instagram/access-token': `${TOKEN}-revoked` })).connect()));
    ig.failNext(`POST /${ig.user.id}/media`, graphError(400, { message: `(#100) Bad header: Authorization: Bearer ${TOKEN}`, code: 100 }));
    errors.push(await sendError(sendAll(sender(), post(1).out)));
    ig.failNext(`POST /${ig.user.id}/media_publish`, { status: 503, body: `upstream refused Bearer ${TOKEN}` }, 4);
    errors.push(await sendError(sendAll(sender(), post(1).out)));
    ig.hangNext(`POST /${ig.user.id}/media_publish`);
    errors.push(await sendError(sendAll(sender(), post(1).out)));
    assert.deepEqual(errors.map((e) => e.failure), ['auth', 'rejected', 'server', 'no-answer']);
    assert.match(errors[1]!.networkMessage, /Bearer \[redacted\]/);
    for (const error of errors) {
      for (const words of [error.message, error.networkMessage, String(error.stack)]) assert.ok(!words.includes(TOKEN), words);
    }
    assert.ok(ig.requests.every((r) => !r.path.includes(TOKEN) && !r.text.includes(TOKEN)), 'the token only ever in a header');
  });
});
