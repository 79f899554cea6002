import assert from 'node:assert/strict';
import type { SentPart } from '../../src/core/model';
import { publishRequests } from '../../src/core/publish/requests';
import type { ThreadsContainer } from '../../src/core/publish/threads';
import { NodeHttp } from '../../src/node/http';
import { CONTAINER_WAIT_MS } from '../../src/services/publish/graph';
import { retrying } from '../../src/services/publish/retry';
import type { SendError } from '../../src/services/publish/sender';
import { threadsSender } from '../../src/services/publish/threads';
import { graphError } from '../peers/standins/graph';
import { ThreadsStandin, type ThreadsStandinOptions } from '../peers/standins/threads';
import { CONFIG, lintText, postFile } from './helpers';
import { formFor, formOf } from './graphForms';
import { imageBytes, memoryImage, outgoing, sendAll, sendError } from './outgoing';
import { FakeClock, MemorySecrets } from './publishPorts';

const TOKEN = 'threads-user-token-5b2f0a';
const BASE = 'https://cdn.nova.app/calendar/';

describe('Threads sender, against the Threads stand-in over HTTP', () => {
  let clock: FakeClock;
  let threads: ThreadsStandin;

  async function start(options: ThreadsStandinOptions = {}) {
    await threads?.close();
    threads = await ThreadsStandin.start({ token: TOKEN, now: () => clock.now(), ...options });
  }
  beforeEach(async () => {
    clock = new FakeClock();
    await start();
  });
  afterEach(() => threads.close());

  const secrets = (extra: Record<string, string> = {}) => ({ 'threads/access-token': TOKEN, 'threads/user-id': threads.user.id, ...extra });
  const sender = (stored: Record<string, string> = secrets(), mediaBaseUrl: string | null = BASE) =>
    threadsSender({ service: threads.url, ...(mediaBaseUrl !== null ? { mediaBaseUrl } : {}) }, { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets(stored), clock });
  const lint = (body: string, fields: Record<string, string> = {}) => lintText(postFile({ platforms: '[threads]', ...fields }, body), { mediaBaseUrl: BASE });
  const dryRun = (result: ReturnType<typeof lint>) => publishRequests(result, { ...CONFIG, mediaBaseUrl: BASE }).threads as Array<ThreadsContainer<unknown, unknown, unknown>>;
  const creations = () => threads.requestsTo(`POST /${threads.user.id}/threads`);
  const publications = () => threads.requestsTo(`POST /${threads.user.id}/threads_publish`);

  it('(stand-in) reports the app\'s usage on every answer, and refuses another token with code 190', async () => {
    const me = () => fetch(`${threads.url}/me?fields=id,username`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const [a, b] = [await me(), await me()];
    assert.deepEqual(JSON.parse(a.headers.get('x-app-usage')!), { call_count: 0, total_cputime: 0, total_time: 0 });
    assert.equal(JSON.parse(b.headers.get('x-app-usage')!).call_count, 1);
    assert.deepEqual(await a.json(), { id: threads.user.id, username: 'nova.app' });
    const refused = await fetch(`${threads.url}/me?fields=id,username&access_token=nope`);
    assert.equal(refused.status, 400);
    assert.equal(((await refused.json()) as { error: { code: number } }).error.code, 190);
  });

  it('says which account it reached, the token in the Authorization header only', async () => {
    assert.deepEqual(await sender().connect(), { name: '@nova.app', url: 'https://www.threads.com/@nova.app' });
    const [me] = threads.requests;
    assert.equal(me!.path, '/me?fields=id%2Cusername');
    assert.equal(me!.headers['authorization'], `Bearer ${TOKEN}`);
    assert.ok(!me!.path.includes(TOKEN));
  });

  it('sends exactly the container the dry run shows, the first hashtag as topic, then publishes it', async () => {
    const result = lint('Nova 2 est là ✨ #Nova2 #Lancement https://nova.app/blog');
    const sent = await sendAll(sender(), outgoing(result, 'threads'));
    assert.deepEqual(dryRun(result), [{ media_type: 'TEXT', text: 'Nova 2 est là ✨ #Nova2 #Lancement https://nova.app/blog', topic_tag: 'Nova2' }]);
    assert.deepEqual(creations().map(formOf), dryRun(result).map(formFor));
    const [post] = threads.posts;
    assert.deepEqual([threads.posts.length, post!.topicTag, post!.text], [1, 'Nova2', 'Nova 2 est là ✨ #Nova2 #Lancement https://nova.app/blog']);
    assert.deepEqual(formOf(publications()[0]!), { creation_id: post!.container });
    assert.deepEqual(sent, [{ id: post!.id, url: post!.permalink }]);
    assert.deepEqual(clock.slept, [], 'a text container is ready at once');
  });

  it('sends a thread as a chain of replies, each part as the dry run shows it', async () => {
    const result = lint('Un\n\n---\n\nDeux\n\n---\n\nTrois');
    const sent = await sendAll(sender(), outgoing(result, 'threads'));
    const ids = threads.posts.map((p) => p.id);
    assert.deepEqual(threads.posts.map((p) => [p.text, p.replyTo]), [['Un', undefined], ['Deux', ids[0]], ['Trois', ids[1]]]);
    // The dry run's `{ part: n }` is the id of part n.
    const expected = dryRun(result).map((c) => (c.reply_to_id ? { ...c, reply_to_id: ids[(c.reply_to_id as { part: number }).part - 1] } : c));
    assert.deepEqual(creations().map(formOf), expected.map(formFor));
    assert.deepEqual(sent.map((p) => p.id), ids);
  });

  it('goes on after the parts an earlier run sent, replying to the last of them, with no image again', async () => {
    const result = lint('Un\n\n---\n\nDeux\n\n---\n\nTrois', { media: '[{ file: ../media/a.png, alt: "Un chat" }]' });
    const full = outgoing(result, 'threads', { media: [memoryImage('media/a.png', 'Un chat', imageBytes(1))] });
    const earlier = await sendAll(sender(), { ...full, parts: full.parts.slice(0, 1) });
    const rest = await sendAll(sender(), { ...full, sent: earlier });
    assert.deepEqual(threads.posts.map((p) => [p.text, p.replyTo, p.images.length]), [['Un', undefined, 1], ['Deux', earlier[0]!.id, 0], ['Trois', rest[0]!.id, 0]]);
    assert.equal(rest.length, 2);
  });

  it('sends one image by its public address with its alt text, waiting on the clock while it is processed', async () => {
    const result = lint('Un chat', { media: '[{ file: "../media/chat roux.png", alt: "Un chat roux" }]' });
    await sendAll(sender(), outgoing(result, 'threads', { media: [memoryImage('media/chat roux.png', 'Un chat roux', imageBytes(1))] }));
    assert.deepEqual(dryRun(result), [{ media_type: 'IMAGE', image_url: 'https://cdn.nova.app/calendar/media/chat%20roux.png', alt_text: 'Un chat roux', text: 'Un chat' }]);
    assert.deepEqual(creations().map(formOf), dryRun(result).map(formFor));
    assert.deepEqual(threads.posts[0]!.images, [{ url: 'https://cdn.nova.app/calendar/media/chat%20roux.png', alt: 'Un chat roux' }]);
    // Processing takes 2 s: checked at once, after 1 s, then after 2 more.
    assert.deepEqual(clock.slept, [1000, 2000]);
    assert.equal(threads.requestsTo((r) => r.method === 'GET' && r.query.get('fields') === 'status,error_message').length, 3);
  });

  it('sends several images as a carousel: the items first, then the carousel of their ids', async () => {
    const result = lint('Trois chats', { media: '[{ file: ../media/a.png, alt: Un }, { file: ../media/b.jpg }, { file: ../media/c.png, alt: Trois }]' });
    const images = [memoryImage('media/a.png', 'Un', imageBytes(1)), memoryImage('media/b.jpg', '', imageBytes(2), 'image/jpeg'), memoryImage('media/c.png', 'Trois', imageBytes(3))];
    await sendAll(sender(), outgoing(result, 'threads', { media: images }));
    const [carousel] = dryRun(result);
    assert.equal(carousel!.media_type, 'CAROUSEL');
    const forms = creations().map(formOf);
    assert.deepEqual(forms.slice(0, 3), (carousel!.children as object[]).map(formFor), 'the items as the dry run shows them');
    const ids = [...threads.containers.values()].filter((c) => c.carouselItem).map((c) => c.id);
    assert.deepEqual(forms[3], formFor({ ...carousel, children: ids }));
    assert.deepEqual(threads.posts[0]!.images, [{ url: `${BASE}media/a.png`, alt: 'Un' }, { url: `${BASE}media/b.jpg` }, { url: `${BASE}media/c.png`, alt: 'Trois' }]);
    assert.equal(threads.posts[0]!.mediaType, 'CAROUSEL');
  });

  it('refuses images without a public address before any request, in the user\'s words', async () => {
    const result = lint('Un chat', { media: '[{ file: ../media/a.png, alt: Chat }]' });
    const error = await sendError(sendAll(sender(secrets(), null), outgoing(result, 'threads', { media: [memoryImage('media/a.png', 'Chat', imageBytes(1))] })));
    assert.deepEqual([error.failure, error.local?.id], ['rejected', 'media.no-public-url']);
    assert.equal(creations().length, 0);
  });

  it('rejects a container Threads could not process with its words, publishing nothing', async () => {
    threads.unreachable.add(`${BASE}media/a.png`);
    const result = lint('Un chat', { media: '[{ file: ../media/a.png, alt: Chat }]' });
    const error = await sendError(sendAll(sender(), outgoing(result, 'threads', { media: [memoryImage('media/a.png', 'Chat', imageBytes(1))] })));
    assert.equal(error.failure, 'rejected');
    assert.match(error.networkMessage, /^Threads could not process container \d+: UNKNOWN$/);
    assert.deepEqual([threads.posts.length, publications().length], [0, 0]);
  });

  it('gives up on a container still processing after five minutes of waiting, as a failure the next run retries', async () => {
    await start({ processingMs: 10 * 60_000 });
    const result = lint('Un chat', { media: '[{ file: ../media/a.png, alt: Chat }]' });
    const error = await sendError(sendAll(sender(), outgoing(result, 'threads', { media: [memoryImage('media/a.png', 'Chat', imageBytes(1))] })));
    assert.equal(error.failure, 'server');
    assert.match(error.networkMessage, /still being processed after 5 minutes/);
    assert.equal(clock.slept.reduce((a, b) => a + b, 0), CONTAINER_WAIT_MS);
    assert.deepEqual([threads.posts.length, threads.unpublished.length], [0, 1]);
  });

  it('gives Threads\' own words when it refuses a container (400)', async () => {
    const links = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `https://${l}.nova.app`).join(' ');
    const error = await sendError(sendAll(sender(), outgoing(lint(`Six liens ${links}`), 'threads')));
    assert.deepEqual([error.failure, error.status, error.networkMessage], ['rejected', 400, 'THREADS_API__LINK_LIMIT_EXCEEDED Posts can have at most 5 links.']);
    assert.equal(threads.posts.length, 0);
  });

  it('fails with auth on a refused token (code 190, or a 401), and without asking when credentials are missing', async () => {
    const refused = await sendError(sender(secrets({ 'threads/access-token': 'an-old-token' })).connect());
    assert.deepEqual([refused.failure, refused.status, refused.networkMessage], ['auth', 400, 'Invalid OAuth access token - Cannot parse access token']);
    threads.failNext('/me', graphError(401, { message: 'Error validating access token: Session has expired.', code: 190, error_subcode: 463 }));
    assert.equal((await sendError(sender().connect())).failure, 'auth');
    const before = threads.requests.length;
    for (const missing of [{ 'threads/user-id': threads.user.id }, { 'threads/access-token': TOKEN }] as Array<Record<string, string>>) {
      const error = await sendError(sendAll(sender(missing), outgoing(lint('Bonjour'), 'threads')));
      assert.deepEqual([error.failure, error.local?.id], ['auth', 'publish.no-credentials']);
    }
    assert.equal(threads.requests.length, before, 'nothing sent without credentials');
    const other = await sendError(sender(secrets({ 'threads/user-id': '999' })).connect());
    assert.equal(other.failure, 'auth');
    assert.match(other.networkMessage, /not user 999's/);
  });

  it('reports throttling (code 4, a 400 the HTTP port does not retry) as rate-limited, then sends on the next run', async () => {
    threads.failNext(`POST /${threads.user.id}/threads`, threads.throttled());
    const error = await sendError(sendAll(sender(), outgoing(lint('Bonjour'), 'threads')));
    assert.deepEqual([error.failure, error.status, error.networkMessage, error.retryAfter], ['rate-limited', 400, '(#4) Application request limit reached', undefined]);
    assert.deepEqual(clock.slept, []);
    const sent = await sendAll(sender(), outgoing(lint('Bonjour'), 'threads'));
    assert.deepEqual([threads.posts.length, sent.length], [1, 1]);
  });

  it('waits as long as a 429 says (retry-after), then sends', async () => {
    threads.failNext(`POST /${threads.user.id}/threads_publish`, { ...graphError(429, { message: 'Too many calls', code: 4 }), headers: { 'retry-after': '12' } });
    await sendAll(sender(), outgoing(lint('Bonjour'), 'threads'));
    assert.deepEqual(clock.slept, [12_000]);
    assert.equal(threads.posts.length, 1);
  });

  it('stops at the 250 posts a day with Threads\' words, the parts before reported', async () => {
    await start({ postsPerDay: 1 });
    const sent: SentPart[] = [];
    await sendAll(sender(), outgoing(lint('Un'), 'threads'), sent);
    const error = await sendError(sendAll(sender(), outgoing(lint('Deux', { date: '2026-12-02T09:30' }), 'threads')));
    assert.equal(error.failure, 'rate-limited');
    assert.match(error.networkMessage, /maximum number of posts/);
    assert.deepEqual([sent.length, threads.posts.length], [1, 1]);
  });

  it('publishes again after a 500, once', async () => {
    threads.failNext(`POST /${threads.user.id}/threads_publish`, graphError(500, { message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true }));
    await sendAll(sender(), outgoing(lint('Bonjour'), 'threads'));
    assert.deepEqual(clock.slept, [1000]);
    assert.deepEqual([threads.posts.length, publications().length], [1, 2]);
  });

  it('reports no answer when the connection drops after Threads published the post, and publishes it only once', async () => {
    threads.hangNext(`POST /${threads.user.id}/threads_publish`);
    const sent: SentPart[] = [];
    const error = await sendError(sendAll(sender(), outgoing(lint('Un\n\n---\n\nDeux'), 'threads'), sent));
    assert.equal(error.failure, 'no-answer');
    assert.equal(threads.posts.length, 1, 'the post exists on Threads');
    assert.deepEqual(sent, [], 'yet the sender never learnt its id');
    assert.equal(publications().length, 1, 'and did not publish again');
  });

  it('fails plainly (nothing public) when the connection drops after a container was made, and the next run publishes once', async () => {
    threads.hangNext(`POST /${threads.user.id}/threads`);
    const error = await sendError(sendAll(sender(), outgoing(lint('Bonjour'), 'threads')));
    assert.equal(error.failure, 'server');
    assert.deepEqual([threads.posts.length, threads.unpublished.length], [0, 1], 'the container exists, unpublished');
    await sendAll(sender(), outgoing(lint('Bonjour'), 'threads'));
    assert.deepEqual([threads.posts.length, threads.unpublished.length], [1, 1]);
  });

  it('never puts the token in an error', async () => {
    const errors: SendError[] = [];
    errors.push(await sendError(sender(secrets({ 'threads/access-token': `${TOKEN}-revoked` })).connect()));
    // A proxy that echoes the request's credentials back.
    threads.failNext(`POST /${threads.user.id}/threads`, graphError(400, { message: `(#100) Bad header: Authorization: Bearer ${TOKEN}`, code: 100 }));
    errors.push(await sendError(sendAll(sender(), outgoing(lint('Un'), 'threads'))));
    threads.failNext(`POST /${threads.user.id}/threads_publish`, { status: 503, body: `upstream refused Bearer ${TOKEN}` }, 4);
    errors.push(await sendError(sendAll(sender(), outgoing(lint('Deux'), 'threads'))));
    threads.hangNext(`POST /${threads.user.id}/threads_publish`);
    errors.push(await sendError(sendAll(sender(), outgoing(lint('Trois'), 'threads'))));
    assert.deepEqual(errors.map((e) => e.failure), ['auth', 'rejected', 'server', 'no-answer']);
    assert.match(errors[1]!.networkMessage, /Bearer \[redacted\]/);
    for (const error of errors) {
      for (const words of [error.message, error.networkMessage, String(error.stack)]) assert.ok(!words.includes(TOKEN), words);
    }
    assert.ok(threads.requests.every((r) => !r.path.includes(TOKEN) && !r.text.includes(TOKEN)), 'the token only ever in a header');
  });
});
