import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { lint } from '../../src/core/lint';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { NodeHttp } from '../../src/node/http';
import { failureMessage } from '../../src/services/publish/publisher';
import { blueskySender } from '../../src/services/publish/bluesky';
import { SendError } from '../../src/services/publish/sender';
import { FakeClock, MemorySecrets } from '../unit/publishPorts';
import type { Pds } from './bsky/pds.mjs';

const CLI = join(__dirname, '../../dist/cli.js');
/** A valid 1×1 PNG: the PDS reads the images it is given. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function listRecords(pds: Pds, did: string): Promise<Array<{ uri: string; cid: string; value: Record<string, any> }>> {
  const res = await fetch(`${pds.url}/xrpc/com.atproto.repo.listRecords?${new URLSearchParams({ repo: did, collection: 'app.bsky.feed.post', limit: '100' })}`);
  return ((await res.json()) as { records: Array<{ uri: string; cid: string; value: Record<string, any> }> }).records;
}

async function getRecord(pds: Pds, uri: string): Promise<{ uri: string; cid: string; value: Record<string, any> }> {
  const [, , repo, collection, rkey] = uri.split('/');
  const res = await fetch(`${pds.url}/xrpc/com.atproto.repo.getRecord?${new URLSearchParams({ repo: repo!, collection: collection!, rkey: rkey! })}`);
  assert.equal(res.status, 200);
  return (await res.json()) as { uri: string; cid: string; value: Record<string, any> };
}

/** Runs the CLI without blocking this process (the PDS answers from it). */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const utf8 = (text: string, start: number, end: number) => Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');

describe('publishing to a real Bluesky PDS', function () {
  this.timeout(120_000);
  let pds: Pds;
  let account: { did: string; handle: string; appPassword: string };
  let lea: { did: string };
  let dir: string;
  let page: Server;
  let pageUrl: string;

  const env = () => ({ PATH: process.env['PATH'] ?? '', LANG: 'C', EDCAL_BLUESKY_IDENTIFIER: account.handle, EDCAL_BLUESKY_APP_PASSWORD: account.appPassword });
  const write = (path: string, text: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  // Never spawnSync: the PDS runs in this process and must keep answering.
  const edcal = (args: string[], extraEnv: Record<string, string> = {}) => run(args, dir, { ...env(), ...extraEnv });
  const results = (path: string) => (parse(readFileSync(join(dir, path), 'utf8').split('---\n')[1]!) as { results: Record<string, any>; status: string });

  before(async () => {
    const peer = await import('./bsky/pds.mjs');
    pds = await peer.startPds();
    account = await pds.createAccount('nova.test');
    lea = await pds.createAccount('lea.test');
    // A page with Open Graph tags, for the link card.
    page = createServer((_req, res) => res.end('<html><head><meta property="og:title" content="Nova 2 est là"><meta property="og:description" content="Tout sur la version 2"></head></html>'));
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/blog/nova-2-est-la-version-finale`;
  });
  after(async () => {
    await pds?.close();
    page?.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-bsky-'));
    write('.editorial.yaml', `timezone: Europe/Paris\nplatforms:\n  bluesky:\n    service: ${pds.url}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes a post with facets, an image with its alt text, and a 3-part thread, and records each part', async () => {
    write('media/nova.png', PNG);
    write(
      'posts/launch.md',
      '---\ndate: 2026-12-01T09:30\nplatforms: [bluesky]\nstatus: approved\nlang: fr\n# the launch thread\nmedia:\n  - file: ../media/nova.png\n    alt: Le logo de Nova sur fond bleu\n---\nÉté ✨ #Nova2 avec @lea.test et @nobody.test\n\n---\n\nDeux https://nova.app/blog/a-very-long-article-path\n\n---\n\nTrois 🎉\n',
    );
    const r = await edcal(['publish', 'posts/launch.md', '--now', '2026-12-01T09:31']);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /posts\/launch\.md +Bluesky +published https:\/\/bsky\.app\/profile\/nova\.test\/post\/\w+ \(3 part\(s\)\)/);
    assert.match(r.stderr, /Publishing posts\/launch\.md to Bluesky…/);
    assert.match(r.stdout, /@nobody\.test is not a Bluesky account that could be found: it went out as plain text, without a link\./);

    const data = results('posts/launch.md');
    assert.equal(data.status, 'published');
    const bluesky = data.results['bluesky'];
    assert.equal(bluesky.state, 'published');
    assert.equal(bluesky.parts.length, 3);
    assert.match(readFileSync(join(dir, 'posts/launch.md'), 'utf8'), /# the launch thread\n/, 'comments kept');

    const [root, second, third] = await Promise.all(bluesky.parts.map((p: { id: string }) => getRecord(pds, p.id)));
    assert.equal(root!.value['text'], 'Été ✨ #Nova2 avec @lea.test et @nobody.test');
    assert.deepEqual(root!.value['langs'], ['fr']);
    const facets = (root!.value['facets'] as Array<{ index: { byteStart: number; byteEnd: number }; features: Array<Record<string, string>> }>).map((f) => [utf8(root!.value['text'], f.index.byteStart, f.index.byteEnd), f.features[0]]);
    assert.deepEqual(facets, [
      ['#Nova2', { $type: 'app.bsky.richtext.facet#tag', tag: 'Nova2' }],
      ['@lea.test', { $type: 'app.bsky.richtext.facet#mention', did: lea.did }],
    ]);
    const embed = root!.value['embed'] as { images: Array<{ alt: string; image: { mimeType: string; size: number } }> };
    assert.equal(embed.images[0]!.alt, 'Le logo de Nova sur fond bleu');
    assert.equal(embed.images[0]!.image.mimeType, 'image/png');
    assert.equal(embed.images[0]!.image.size, PNG.length);

    assert.equal(second!.value['text'], 'Deux nova.app/blog/a-very-...');
    const link = (second!.value['facets'] as Array<{ index: { byteStart: number; byteEnd: number }; features: Array<{ uri: string }> }>)[0]!;
    assert.equal(utf8(second!.value['text'], link.index.byteStart, link.index.byteEnd), 'nova.app/blog/a-very-...');
    assert.equal(link.features[0]!.uri, 'https://nova.app/blog/a-very-long-article-path');
    assert.deepEqual(second!.value['reply'], { root: { uri: root!.uri, cid: root!.cid }, parent: { uri: root!.uri, cid: root!.cid } });
    assert.deepEqual(third!.value['reply'], { root: { uri: root!.uri, cid: root!.cid }, parent: { uri: second!.uri, cid: second!.cid } });

    // Run again: nothing is sent twice.
    const again = await edcal(['publish', 'posts/launch.md', '--now', '2026-12-01T09:40']);
    assert.equal(again.status, 4, again.stdout);
    assert.equal((await listRecords(pds, account.did)).length, 3);
  });

  it('adds a link card from the page\'s Open Graph tags to a post with a link and no image', async () => {
    write('posts/card.md', `---\ndate: 2026-12-02T09:30\nplatforms: [bluesky]\nstatus: scheduled\n---\nÀ lire : ${pageUrl}\n`);
    const r = await edcal(['publish', '--due', '--now', '2026-12-02T09:45']);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const record = await getRecord(pds, results('posts/card.md').results['bluesky'].id);
    assert.deepEqual(record.value['embed'], { $type: 'app.bsky.embed.external', external: { uri: pageUrl, title: 'Nova 2 est là', description: 'Tout sur la version 2' } });
  });

  it('stopped dead between two calls, runs again without a duplicate record', async () => {
    write('posts/thread.md', '---\ndate: 2026-12-03T09:30\nplatforms: [bluesky]\nstatus: approved\n---\nUn\n\n---\n\nDeux\n\n---\n\nTrois\n');
    const before = (await listRecords(pds, account.did)).length;
    // A proxy in front of the PDS kills the CLI once the PDS has stored the second part, before
    // the CLI hears of it: the part exists on the network, the file does not say so.
    let puts = 0;
    let child: ReturnType<typeof spawn> | undefined;
    const target = new URL(pds.url);
    const proxy = createServer((req, res) => {
      const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        if (req.url?.includes('com.atproto.repo.putRecord') && ++puts === 2) {
          answer.resume();
          answer.on('end', () => child?.kill('SIGKILL'));
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    write('.editorial.yaml', `timezone: Europe/Paris\nplatforms:\n  bluesky:\n    service: http://127.0.0.1:${(proxy.address() as AddressInfo).port}\n`);
    child = spawn(process.execPath, [CLI, 'publish', 'posts/thread.md', '--now', '2026-12-03T09:31'], { cwd: dir, env: env(), stdio: 'ignore' });
    const signal = await new Promise((resolve) => child!.on('exit', (_code, s) => resolve(s)));
    proxy.close();
    assert.equal(signal, 'SIGKILL');
    assert.equal((await listRecords(pds, account.did)).length, before + 2, 'the second part reached the PDS');
    const stopped = results('posts/thread.md').results['bluesky'];
    assert.equal(stopped.state, 'sending');
    assert.equal(stopped.parts.length, 1, 'the file knows of the first part only');
    assert.ok(!readdirSync(join(dir, 'posts')).some((f) => f.endsWith('.tmp')), 'no half-written file left');

    write('.editorial.yaml', `timezone: Europe/Paris\nplatforms:\n  bluesky:\n    service: ${pds.url}\n`);
    const r = await edcal(['publish', 'posts/thread.md', '--now', '2026-12-03T09:35']);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const records = await listRecords(pds, account.did);
    assert.equal(records.length, before + 3, 'the second part was rewritten, not posted again');
    const parts = results('posts/thread.md').results['bluesky'].parts as Array<{ id: string }>;
    assert.deepEqual(parts.map((p) => records.filter((x) => x.uri === p.id).length), [1, 1, 1]);
    const third = await getRecord(pds, parts[2]!.id);
    assert.equal(third.value['reply'].parent.uri, parts[1]!.id);
  });

  it('reports the server\'s own words when it refuses a post (301 graphemes)', async () => {
    const clock = new FakeClock();
    const sender = blueskySender({ service: pds.url }, { http: new NodeHttp(), clock, secrets: new MemorySecrets({ 'bluesky/identifier': account.handle, 'bluesky/app-password': account.appPassword }) });
    const result = lint('posts/long.md', `---\ndate: 2026-12-04T09:30\nplatforms: [bluesky]\n---\n${'é'.repeat(301)}\n`, { config: DEFAULT_CONFIG });
    const outgoing = { file: 'posts/long.md', meta: result.post.meta, parts: result.renders[0]!.parts, media: [], sent: [], key: 'long' };
    const error = await sender.send(outgoing, async () => {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof SendError);
    assert.equal(error.failure, 'rejected');
    assert.equal(error.status, 400);
    assert.match(failureMessage('en', 'UTC', 'bluesky', error), /^Bluesky refused the post: InvalidRequest: .*grapheme too big \(maximum 300, got 301\)/);
  });

  it('never shows the app password: not in any output, file or error, even when refused', async () => {
    write('posts/p.md', '---\ndate: 2026-12-05T09:30\nplatforms: [bluesky]\nstatus: approved\n---\nBonjour\n');
    write('posts/q.md', '---\ndate: 2026-12-05T09:30\nplatforms: [bluesky]\nstatus: approved\n---\nRebonjour\n');
    const wrong = await edcal(['publish', 'posts/q.md', '--now', '2026-12-05T09:31'], { EDCAL_BLUESKY_APP_PASSWORD: 'wrong-pass-word-1234' });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /Bluesky refused the credentials \(AuthenticationRequired: Invalid identifier or password\): reconnect the account/);
    const runs = [await edcal(['publish', 'posts/p.md', '--now', '2026-12-05T09:31']), await edcal(['publish', '--dry-run', 'posts/p.md'])];
    assert.equal(runs[0]!.status, 0, runs[0]!.stdout);
    for (const run of [...runs, wrong]) {
      assert.ok(!(run.stdout + run.stderr).includes(account.appPassword));
      assert.ok(!(run.stdout + run.stderr).includes('wrong-pass-word-1234'));
    }
    for (const file of ['posts/p.md', 'posts/q.md']) {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.ok(!text.includes(account.appPassword) && !text.includes('wrong-pass-word-1234'));
    }
  });
});
