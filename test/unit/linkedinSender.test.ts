import assert from 'node:assert/strict';
import type { CalendarConfig } from '../../src/core/config';
import type { SentPart } from '../../src/core/model';
import { littleText } from '../../src/core/publish/linkedin';
import { publishRequests } from '../../src/core/publish/requests';
import { NodeHttp } from '../../src/node/http';
import type { PlatformSettings } from '../../src/core/platforms/types';
import { linkedinSender } from '../../src/services/publish/linkedin';
import { failureMessage } from '../../src/services/publish/publisher';
import { retrying } from '../../src/services/publish/retry';
import type { SendError } from '../../src/services/publish/sender';
import { LinkedinStandin, readLittleText, type LinkedinStandinOptions } from '../peers/standins/linkedin';
import { CONFIG, lintText, postFile } from './helpers';
import { imageBytes, memoryImage, outgoing, sendAll, sendError } from './outgoing';
import { FakeClock, MemorySecrets } from './publishPorts';

const TOKEN = 'li-member-token-3b8f20';
const ORG = 'urn:li:organization:42';
const DAY = 86_400_000;

describe('LinkedIn sender, against the LinkedIn stand-in over HTTP', () => {
  let clock: FakeClock;
  let li: LinkedinStandin;

  async function start(options: LinkedinStandinOptions = {}) {
    await li?.close();
    li = await LinkedinStandin.start({ token: TOKEN, organizations: [ORG], now: () => clock.now(), ...options });
  }
  beforeEach(async () => {
    clock = new FakeClock();
    await start();
  });
  afterEach(() => li.close());

  const config = (handle?: string): CalendarConfig => ({ ...CONFIG, platforms: handle ? { linkedin: { account: { name: 'Nova', handle } } } : {} });
  const sender = (settings: PlatformSettings = config(ORG).platforms.linkedin!, secrets: Record<string, string> = { 'linkedin/access-token': TOKEN }) =>
    linkedinSender({ ...settings, service: li.url }, { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets(secrets), clock });
  const lint = (body: string, fields: Record<string, string> = {}, handle: string | undefined = ORG) => lintText(postFile({ platforms: '[linkedin]', ...fields }, body), config(handle));
  const dryRun = (result: ReturnType<typeof lint>, handle: string | undefined = ORG) => publishRequests(result, config(handle)).linkedin as Array<Record<string, unknown>>;
  const bodies = () => li.requestsTo('POST /rest/posts').map((r) => JSON.parse(r.text) as unknown);

  it('posts as the configured organisation, and says so', async () => {
    assert.deepEqual(await sender().connect(), { name: 'Nova', url: 'https://www.linkedin.com/company/42/' });
  });

  it('posts as the token\'s member when no author is configured', async () => {
    const result = lint('Bonjour', {}, undefined);
    const s = sender({});
    assert.deepEqual(await s.connect(), { name: 'Léa Martin' });
    await sendAll(s, outgoing(result, 'linkedin'));
    assert.equal(li.posts[0]!.author, li.person);
    // The dry run shows the member as a placeholder; the rest is the same.
    assert.deepEqual(bodies(), dryRun(result, undefined).map((b) => ({ ...b, author: li.person })));
  });

  it('sends exactly the body the dry run shows, with the versioned headers, and reports the post with its link', async () => {
    const result = lint('Nova 2 est là (enfin) ✨ #Nova2 https://nova.app/blog');
    const sent = await sendAll(sender(), outgoing(result, 'linkedin'));
    assert.deepEqual(bodies(), dryRun(result));
    const request = li.requestsTo('POST /rest/posts')[0]!;
    assert.equal(request.headers['linkedin-version'], '202610');
    assert.equal(request.headers['x-restli-protocol-version'], '2.0.0');
    assert.equal(request.headers['authorization'], `Bearer ${TOKEN}`);
    const id = li.posts[0]!.id;
    assert.match(id, /^urn:li:share:\d+$/);
    assert.deepEqual(sent, [{ id, url: `https://www.linkedin.com/feed/update/${id}/` }]);
  });

  it('sends a post\'s single part, as the dry run does, even when written as a thread', async () => {
    const result = lint('Un\n\n---\n\nDeux');
    const sent = await sendAll(sender(), outgoing(result, 'linkedin'));
    assert.equal(dryRun(result).length, 1);
    assert.deepEqual(bodies(), dryRun(result));
    assert.deepEqual(li.posts.map((p) => p.shown), ['Un']);
    assert.equal(sent.length, 1);
    await sendAll(sender(), outgoing(result, 'linkedin', { sent }));
    assert.equal(li.posts.length, 1, 'nothing left to send once the part is sent');
  });

  it('writes a commentary full of reserved characters escaped exactly as littleText does, and it shows whole', async () => {
    // Markdown escapes, so that the text sent keeps its `*` and `_`.
    const result = lint('a\\b |c| {d} @e [f] (g) <h> \\*i\\* \\_j\\_ ~k~ #Tag fin');
    const part = result.renders[0]!.parts[0]!;
    const text = 'a\\b |c| {d} @e [f] (g) <h> *i* _j_ ~k~ #Tag fin';
    assert.equal(part.text, text);
    await sendAll(sender(), outgoing(result, 'linkedin'));
    const [post] = li.posts;
    assert.equal(post!.commentary, littleText(part.text, part.hashtagEntities));
    assert.equal(post!.commentary, 'a\\\\b \\|c\\| \\{d\\} \\@e \\[f\\] \\(g\\) \\<h\\> \\*i\\* \\_j\\_ \\~k\\~ {hashtag|\\#|Tag} fin');
    assert.deepEqual([post!.shown, post!.cut], [text, false]);
  });

  it('would show a commentary cut at its first unescaped reserved character (what escaping prevents)', () => {
    assert.deepEqual(readLittleText('Nova 2 (enfin) est là'), { shown: 'Nova 2 ', cut: true });
    assert.deepEqual(readLittleText('Nova 2 \\(enfin\\) {hashtag|\\#|Nova}'), { shown: 'Nova 2 (enfin) #Nova', cut: false });
  });

  it('uploads images through the Images API and posts them with their alt text', async () => {
    const one = lint('Un chat', { media: '[{ file: ../media/a.png, alt: "Un chat roux" }]' });
    await sendAll(sender(), outgoing(one, 'linkedin', { media: [memoryImage('media/a.png', 'Un chat roux', imageBytes(1))] }));
    const [image] = li.posts[0]!.images;
    assert.deepEqual([image!.image.owner, image!.altText, image!.image.bytes], [ORG, 'Un chat roux', imageBytes(1)]);
    assert.deepEqual(li.requestsTo('POST /rest/images').map((r) => [r.query.get('action'), JSON.parse(r.text)]), [['initializeUpload', { initializeUploadRequest: { owner: ORG } }]]);
    assert.equal(li.requestsTo(/^PUT \/dms-uploads\//)[0]!.headers['authorization'], `Bearer ${TOKEN}`);
    // The dry run's `{ file }` placeholder is the uploaded image's URN.
    const dry = dryRun(one)[0]!;
    assert.deepEqual(dry['content'], { media: { id: { file: '../media/a.png' }, altText: 'Un chat roux' } });
    assert.deepEqual(bodies()[0], { ...dry, content: { media: { id: image!.image.id, altText: 'Un chat roux' } } });

    const two = lint('Deux chats', { media: '[{ file: ../media/a.png, alt: "Roux" }, { file: ../media/b.jpg }]' });
    const media = [memoryImage('media/a.png', 'Roux', imageBytes(2)), memoryImage('media/b.jpg', '', imageBytes(3), 'image/jpeg')];
    await sendAll(sender(), outgoing(two, 'linkedin', { media }));
    const ids = li.posts[1]!.images.map((i) => i.image.id);
    assert.deepEqual(li.posts[1]!.images.map((i) => i.altText), ['Roux', undefined]);
    assert.deepEqual(bodies()[1], { ...dryRun(two)[0], content: { multiImage: { images: [{ id: ids[0], altText: 'Roux' }, { id: ids[1] }] } } });
  });

  it('gives LinkedIn\'s own words when it refuses a post (422, 403)', async () => {
    const long = await sendError(sendAll(sender(), outgoing(lint('é'.repeat(3001)), 'linkedin')));
    assert.deepEqual([long.failure, long.status, long.networkMessage], ['rejected', 422, 'ERROR :: /commentary :: length 3001 exceeds maximum length of 3000']);
    const elsewhere = await sendError(sendAll(sender(config('urn:li:organization:7').platforms.linkedin!), outgoing(lint('Bonjour', {}, 'urn:li:organization:7'), 'linkedin')));
    assert.deepEqual([elsewhere.failure, elsewhere.status, elsewhere.networkMessage], ['rejected', 403, 'Not enough permissions to post as urn:li:organization:7.']);
    assert.equal(li.posts.length, 0);
  });

  it('refuses an author that is not a LinkedIn URN before sending anything', async () => {
    const error = await sendError(sender({ account: { handle: '@nova' } }).connect());
    assert.equal(error.failure, 'rejected');
    assert.match(error.networkMessage, /urn:li:person/);
    assert.deepEqual(error.local, { id: 'publish.linkedin-author', params: { network: 'LinkedIn', handle: '@nova' } });
    assert.equal(failureMessage('fr', 'UTC', 'linkedin', error), 'platforms.linkedin.account.handle doit être une URN urn:li:person:… ou urn:li:organization:…, pas «\u00a0@nova\u00a0».');
    assert.equal(li.requests.length, 0);
  });

  it('fails with auth on an expired token (401), and without asking when there is none', async () => {
    li.expireToken();
    const expired = await sendError(sendAll(sender(), outgoing(lint('Bonjour'), 'linkedin')));
    assert.deepEqual([expired.failure, expired.status, expired.networkMessage], ['auth', 401, 'Expired access token']);
    const before = li.requests.length;
    const missing = await sendError(sender(undefined, {}).connect());
    assert.equal(missing.failure, 'auth');
    assert.equal(missing.local?.id, 'publish.no-credentials');
    assert.equal(li.requests.length, before);
  });

  it('waits as long as a 429 says, then sends; without a header, backs off a second', async () => {
    li.failNext('POST /rest/posts', { status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too many requests', status: 429 } });
    await sendAll(sender(), outgoing(lint('Un'), 'linkedin'));
    assert.deepEqual(clock.slept, [7000]);
    li.failNext('POST /rest/posts', { status: 429, body: { message: 'Too many requests', status: 429 } });
    await sendAll(sender(), outgoing(lint('Deux'), 'linkedin'));
    assert.deepEqual(clock.slept, [7000, 1000]);
    assert.deepEqual(li.posts.map((p) => p.shown), ['Un', 'Deux']);
  });

  it('stops at the daily limit, to try again at midnight UTC', async () => {
    await start({ postsPerDay: 1 });
    await sendAll(sender(), outgoing(lint('Un'), 'linkedin'));
    const error = await sendError(sendAll(sender(), outgoing(lint('Deux'), 'linkedin')));
    assert.equal(error.failure, 'rate-limited');
    assert.match(error.networkMessage, /throttle .* DAY limit/);
    // Backed off 1 s, 2 s, 4 s (LinkedIn says nothing), then gave up until the reset.
    assert.deepEqual(clock.slept, [1000, 2000, 4000]);
    assert.equal(error.retryAfter, Math.floor(clock.now() / DAY + 1) * DAY);
    assert.equal(li.posts.length, 1);
  });

  it('sends again after a 500, once', async () => {
    li.failNext('POST /rest/posts', { status: 500, body: { message: 'Internal Server Error', status: 500 } });
    await sendAll(sender(), outgoing(lint('Bonjour'), 'linkedin'));
    assert.deepEqual(clock.slept, [1000]);
    assert.equal(li.posts.length, 1);
    assert.equal(li.requestsTo('POST /rest/posts').length, 2);
  });

  it('reports no answer when the connection drops after LinkedIn stored the post, and sends it only once', async () => {
    li.hangNext('POST /rest/posts');
    const sent: SentPart[] = [];
    const error = await sendError(sendAll(sender(), outgoing(lint('Bonjour'), 'linkedin'), sent));
    assert.equal(error.failure, 'no-answer');
    assert.equal(li.posts.length, 1, 'the post exists on LinkedIn');
    assert.deepEqual(sent, []);
    assert.equal(li.requestsTo('POST /rest/posts').length, 1);
  });

  it('never puts the token in an error', async () => {
    const errors: SendError[] = [];
    li.expireToken();
    errors.push(await sendError(sender().connect()));
    await start();
    li.failNext('POST /rest/posts', { status: 400, body: { message: `Header Authorization: Bearer ${TOKEN} is malformed`, status: 400 } });
    errors.push(await sendError(sendAll(sender(), outgoing(lint('Un'), 'linkedin'))));
    li.failNext('POST /rest/posts', { status: 502, body: `proxy refused Bearer ${TOKEN}` }, 4);
    errors.push(await sendError(sendAll(sender(), outgoing(lint('Deux'), 'linkedin'))));
    li.hangNext('POST /rest/images');
    errors.push(await sendError(sendAll(sender(), outgoing(lint('Trois'), 'linkedin', { media: [memoryImage('media/a.png', '', imageBytes(4))] }))));
    assert.deepEqual(errors.map((e) => e.failure), ['auth', 'rejected', 'server', 'no-answer']);
    assert.match(errors[1]!.networkMessage, /Bearer \[redacted\]/);
    for (const error of errors) {
      for (const text of [error.message, error.networkMessage, String(error.stack)]) assert.ok(!text.includes(TOKEN), text);
    }
  });
});
