/**
 * A contest on a real Bluesky PDS: the post published by edcal, likes, reposts and replies
 * written as records in other accounts' repositories, then `edcal contest draw`.
 *
 * The PDS holds each account's own records (its likes, its replies), but answers nothing about
 * who liked a post: that is an AppView's index of every repository (`app.bsky.feed.getLikes`,
 * and the others the draw uses), which the PDS only proxies to (here to a closed port). So the
 * AppView stand-in is filled from the PDS's records, as an AppView indexes them; and the draw
 * pointed at the PDS itself gets the PDS's real answer: without an account, 401 `AuthMissing`
 * (with one, it would proxy to its AppView: 502 `UpstreamFailure` here).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppViewStandin } from './standins/appview';
import { writeFileIn } from '../cli/writeFileIn';
import type { Pds } from './bsky/pds.mjs';

const CLI = join(__dirname, '../../dist/cli.js');

type Account = { did: string; handle: string; appPassword: string };

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

async function xrpc(pds: Pds, method: string, body: unknown, token: string): Promise<Record<string, any>> {
  const res = await fetch(`${pds.url}/xrpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const data = (await res.json()) as Record<string, any>;
  assert.equal(res.status, 200, `${method}: ${JSON.stringify(data)}`);
  return data;
}

/** Writes `record` in `account`'s repository (a like, a repost, a reply), as its app would. */
async function write(pds: Pds, account: Account, collection: string, record: Record<string, unknown>): Promise<{ uri: string; cid: string }> {
  const session = await xrpc(pds, 'com.atproto.server.createSession', { identifier: account.handle, password: account.appPassword }, '');
  return (await xrpc(pds, 'com.atproto.repo.createRecord', { repo: account.did, collection, record: { $type: collection, ...record } }, session['accessJwt'])) as { uri: string; cid: string };
}

/** What an AppView does from the firehose, done by reading each repository: its handle, likes, reposts and posts. */
async function index(pds: Pds, appview: AppViewStandin, accounts: readonly Account[]): Promise<void> {
  for (const a of accounts) {
    const described = (await (await fetch(`${pds.url}/xrpc/com.atproto.repo.describeRepo?repo=${a.did}`)).json()) as { handle: string };
    const actor = { did: a.did, handle: described.handle };
    const list = async (collection: string) =>
      ((await (await fetch(`${pds.url}/xrpc/com.atproto.repo.listRecords?${new URLSearchParams({ repo: a.did, collection, limit: '100' })}`)).json()) as { records: Array<{ uri: string; value: Record<string, any> }> }).records;
    for (const r of await list('app.bsky.feed.like')) appview.like(r.value['subject'].uri, actor, { at: Date.parse(r.value['createdAt']) });
    for (const r of await list('app.bsky.feed.repost')) appview.repost(r.value['subject'].uri, actor, { at: Date.parse(r.value['createdAt']) });
    for (const r of await list('app.bsky.feed.post')) appview.post(actor, r.value['text'], { uri: r.uri, at: Date.parse(r.value['createdAt']), ...(r.value['reply'] ? { parent: r.value['reply'].parent.uri } : {}) });
  }
}

describe('a contest drawn from a real Bluesky PDS’s records', function () {
  this.timeout(120_000);
  let pds: Pds;
  let nova: Account;
  let entrants: Account[];
  let appview: AppViewStandin;
  let dir: string;
  const env = () => ({ PATH: process.env['PATH'] ?? '', LANG: 'C', HOME: dir, EDCAL_BLUESKY_IDENTIFIER: nova.handle, EDCAL_BLUESKY_APP_PASSWORD: nova.appPassword });
  const post = () => readFileSync(join(dir, 'posts/concours.md'), 'utf8');

  before(async () => {
    pds = await (await import('./bsky/pds.mjs')).startPds();
    nova = await pds.createAccount('nova.test');
    entrants = [await pds.createAccount('lea.test'), await pds.createAccount('karim.test'), await pds.createAccount('late.test')];
  });
  after(() => pds?.close());
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-contest-pds-'));
    appview = await AppViewStandin.start();
  });
  afterEach(async () => {
    await appview.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the post, then draws among the accounts whose like records name it, before the end, the brand aside', async () => {
    writeFileIn(dir, '.editorial.yaml', `timezone: UTC\nplatforms:\n  bluesky: { service: "${pds.url}", appview: "${appview.url}" }\n`);
    writeFileIn(dir, 'posts/concours.md', '---\ntitle: Concours\ndate: 2026-12-10T09:30\nplatforms: [bluesky]\nstatus: approved\ncontest: { ends: 2026-12-15T18:00, rules: "https://nova.app/r", entry: like, winners: 5 }\n---\nGagnez un an de Nova 🎁\n');
    const published = await run(['publish', 'posts/concours.md', '--now', '2026-12-10T09:31'], dir, env());
    assert.equal(published.status, 0, published.stderr + published.stdout);
    const { results } = parse(post().split('---\n')[1]!) as { results: { bluesky: { parts: Array<{ id: string; cid: string }> } } };
    const subject = { uri: results.bluesky.parts[0]!.id, cid: results.bluesky.parts[0]!.cid };
    assert.match(subject.uri, new RegExp(`^at://${nova.did}/app\\.bsky\\.feed\\.post/`));

    const [lea, karim, late] = entrants as [Account, Account, Account];
    await write(pds, lea, 'app.bsky.feed.like', { subject, createdAt: '2026-12-11T10:00:00.000Z' });
    await write(pds, karim, 'app.bsky.feed.like', { subject, createdAt: '2026-12-14T22:00:00.000Z' });
    await write(pds, late, 'app.bsky.feed.like', { subject, createdAt: '2026-12-15T18:00:01.000Z' });
    await write(pds, nova, 'app.bsky.feed.like', { subject, createdAt: '2026-12-10T09:32:00.000Z' });
    await index(pds, appview, [nova, ...entrants]);

    const r = await run(['contest', 'draw', 'posts/concours.md', '--seed', 'pds', '--now', '2026-12-16T09:00', '--no-commit', '--lang', 'en'], dir, env());
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^posts\/concours\.md: 2 winner\(s\) drawn among 2 entrant\(s\), seed pds/);
    assert.deepEqual(r.stdout.split('\n').slice(1, 3).map((l) => l.replace(/^ {2}\d\. /, '')).sort(), ['karim.test (bluesky)', 'lea.test (bluesky)'], 'late.test liked after the end, nova.test is the brand');
    assert.match(r.stdout, /^Entries read: Bluesky 2 \(each person once, the brand never\)\.$/m);
    assert.match(r.stdout, /^Bluesky: 1 entr\(ies\) made after the contest's end \(or before the post\) left out\.$/m);
    const likes = appview.requestsTo('GET /xrpc/app.bsky.feed.getLikes');
    assert.deepEqual(likes.map((q) => q.query.get('uri')), [subject.uri], 'asked about the URI the publisher recorded');
  });

  it('pointed at the PDS instead of an AppView, refuses the draw with the PDS’s own answer', async () => {
    writeFileIn(dir, '.editorial.yaml', `timezone: UTC\nplatforms:\n  bluesky: { service: "${pds.url}", appview: "${pds.url}" }\n`);
    const uri = `at://${nova.did}/app.bsky.feed.post/3mabcabcabc22`;
    const text = `---\ndate: 2026-12-10T09:30\nplatforms: [bluesky]\nstatus: published\ncontest: { ends: 2026-12-15T18:00, entry: repost }\nresults:\n  bluesky:\n    state: published\n    at: 2026-12-10T09:30:02Z\n    parts: [{ id: "${uri}" }]\n---\nGagnez\n`;
    writeFileIn(dir, 'posts/concours.md', text);
    const r = await run(['contest', 'draw', 'posts/concours.md', '--now', '2026-12-16T09:00', '--lang', 'en'], dir, env());
    assert.equal(r.status, 1, r.stdout);
    // The PDS proxies app.bsky.* reads to an AppView for its accounts only: a refusal that lasts.
    assert.equal(r.stderr, "posts/concours.md: Bluesky refused to give the entrants: HTTP 401: AuthMissing: Authentication Required. Nothing was drawn: give Bluesky's entrants in a CSV (--entrants) instead.\n");
    assert.equal(post(), text, 'nothing written');
  });
});
