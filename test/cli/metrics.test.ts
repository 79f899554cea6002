import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshots } from '../../src/core/metrics/snapshot';
import { AppViewStandin } from '../peers/standins/appview';
import { LinkedinStandin } from '../peers/standins/linkedin';
import { MastodonStandin } from '../peers/standins/mastodon';
import { ThreadsStandin } from '../peers/standins/threads';
import { writeFileIn } from './writeFileIn';

const CLI = join(__dirname, '../../dist/cli.js');
const NOW = '2026-12-20T10:00:00Z';

describe('edcal metrics fetch, against the stand-in servers', () => {
  let dir: string;
  let masto: MastodonStandin;
  let appview: AppViewStandin;
  const write = (path: string, text: string) => writeFileIn(dir, path, text);
  // Asynchronous: the stand-ins answer from this process while the CLI runs.
  const edcal = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', LANG: 'C', ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  const toot = async (text: string) => {
    const r = await fetch(`${masto.url}/api/v1/statuses`, { method: 'POST', headers: { authorization: `Bearer ${masto.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: text }) });
    return ((await r.json()) as { id: string }).id;
  };
  const published = (network: string, ids: string[], at = '2026-12-01T08:30:02Z') => `  ${network}:\n    state: published\n    at: ${at}\n    parts: [${ids.map((id) => `{ id: "${id}" }`).join(', ')}]\n`;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-metrics-'));
    masto = await MastodonStandin.start();
    appview = await AppViewStandin.start();
    write('.editorial.yaml', `timezone: Europe/Paris\nlocale: fr\nplatforms:\n  mastodon: { instance: "${masto.url}" }\n  bluesky: { appview: "${appview.url}" }\n`);
  });
  afterEach(async () => {
    await masto.close();
    await appview.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends one line per published part to metrics/YYYY-MM.jsonl, leaving the posts untouched', async () => {
    const [a, b] = [await toot('Un'), await toot('Deux')];
    masto.engage(a, { favourites: 5, reblogs: 2, replies: 1 });
    const uri = 'at://did:plc:nova/app.bsky.feed.post/3m1';
    appview.setPost(uri, { likes: 7, reposts: 3, replies: 0, quotes: 1 });
    const post = `---\ndate: 2026-12-01T09:30\nplatforms: [mastodon, bluesky, youtube]\nstatus: published\nresults:\n${published('mastodon', [a, b])}${published('bluesky', [uri])}${published('youtube', ['dQw4w9WgXcQ'])}---\nUn (1/2)\n\n---\n\nDeux\n`;
    write('posts/2026/12/01-un.md', post);
    write('posts/2026/12/02-brouillon.md', '---\ndate: 2026-12-02T09:30\nplatforms: [mastodon]\nstatus: draft\n---\nRien\n');
    const r = await edcal(['metrics', 'fetch', '--now', NOW, '--lang', 'en']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(r.stdout, '3 reading(s) appended to metrics/2026-12.jsonl (Mastodon 2, Bluesky 1).\nCounts are not read from YouTube yet.\n');
    const file = join(dir, 'metrics/2026-12.jsonl');
    const { snapshots, problems } = readSnapshots(readFileSync(file, 'utf8'));
    assert.deepEqual(problems, []);
    assert.deepEqual(snapshots.map((s) => [s.at, s.file, s.network, s.part, s.id, s.counts]), [
      ['2026-12-20T10:00:00.000Z', 'posts/2026/12/01-un.md', 'mastodon', 1, a, { likes: 5, reposts: 2, replies: 1 }],
      ['2026-12-20T10:00:00.000Z', 'posts/2026/12/01-un.md', 'mastodon', 2, b, { likes: 0, reposts: 0, replies: 0 }],
      ['2026-12-20T10:00:00.000Z', 'posts/2026/12/01-un.md', 'bluesky', 1, uri, { likes: 7, reposts: 3, replies: 0, quotes: 1 }],
    ]);
    assert.equal(readFileSync(join(dir, 'posts/2026/12/01-un.md'), 'utf8'), post);
    // A second reading appends: the history stays.
    masto.engage(a, { favourites: 6 });
    const again = await edcal(['metrics', 'fetch', '--now', '2026-12-21T10:00:00Z']);
    assert.equal(again.code, 0);
    const all = readSnapshots(readFileSync(file, 'utf8')).snapshots;
    assert.equal(all.length, 6);
    assert.equal(all[3]!.counts.likes, 6);
    assert.match(again.stdout, /^3\u00a0lecture\(s\) ajoutée\(s\) à metrics\/2026-12\.jsonl \(Mastodon 2, Bluesky 1\)\./, 'in the calendar’s language');
  });

  it('appends the account’s followers with its token, and says them', async () => {
    masto.followers = 4321;
    const a = await toot('Un');
    write('posts/a.md', `---\ndate: 2026-12-01T09:30\nplatforms: [mastodon]\nstatus: published\nresults:\n${published('mastodon', [a])}---\nUn\n`);
    const r = await edcal(['metrics', 'fetch', '--now', NOW, '--lang', 'en'], { EDCAL_MASTODON_ACCESS_TOKEN: masto.token });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '1 reading(s) appended to metrics/2026-12.jsonl (Mastodon 1).\nMastodon nova: 4321 followers.\n');
    const { accounts } = readSnapshots(readFileSync(join(dir, 'metrics/2026-12.jsonl'), 'utf8'));
    assert.deepEqual(accounts, [{ at: '2026-12-20T10:00:00.000Z', network: 'mastodon', account: 'nova', followers: 4321 }]);
    assert.ok(!readFileSync(join(dir, 'metrics/2026-12.jsonl'), 'utf8').includes(masto.token), 'no token in the file');
  });

  it('reads LinkedIn and Threads with their tokens: counts, followers, and a part without its token said', async () => {
    const org = 'urn:li:organization:4242';
    const li = await LinkedinStandin.start({ organizations: [org] });
    const threads = await ThreadsStandin.start();
    try {
      const headers = { authorization: `Bearer ${li.token}`, 'linkedin-version': '202610', 'x-restli-protocol-version': '2.0.0', 'content-type': 'application/json' };
      const made = await fetch(`${li.url}/rest/posts`, { method: 'POST', headers, body: JSON.stringify({ author: org, commentary: 'Un', visibility: 'PUBLIC', distribution: { feedDistribution: 'MAIN_FEED' }, lifecycleState: 'PUBLISHED' }) });
      const share = made.headers.get('x-restli-id')!;
      const form = (params: Record<string, string>) => ({ method: 'POST', headers: { authorization: `Bearer ${threads.token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
      const container = ((await (await fetch(`${threads.url}/${threads.user.id}/threads`, form({ media_type: 'TEXT', text: 'Un' }))).json()) as { id: string }).id;
      const thread = ((await (await fetch(`${threads.url}/${threads.user.id}/threads_publish`, form({ creation_id: container }))).json()) as { id: string }).id;
      li.engage(share, { impressions: 800, likes: 21, comments: 4, shares: 2 });
      li.followers = 5400;
      threads.engage(thread, { views: 300, likes: 12, replies: 1 });
      threads.followers = 321;
      write('.editorial.yaml', `timezone: Europe/Paris\nplatforms:\n  linkedin: { service: "${li.url}", account: { handle: "${org}" } }\n  threads: { service: "${threads.url}" }\n`);
      write('posts/a.md', `---\ndate: 2026-12-01T09:30\nplatforms: [linkedin, threads, instagram]\nstatus: published\nresults:\n${published('linkedin', [share])}${published('threads', [thread])}${published('instagram', ['17900001'])}---\nUn\n`);
      const env = { EDCAL_LINKEDIN_ACCESS_TOKEN: li.token, EDCAL_THREADS_ACCESS_TOKEN: threads.token, EDCAL_THREADS_USER_ID: threads.user.id };
      const r = await edcal(['metrics', 'fetch', '--now', NOW, '--lang', 'en'], env);
      assert.equal(r.code, 3, r.stderr + r.stdout);
      assert.equal(
        r.stdout,
        '2 reading(s) appended to metrics/2026-12.jsonl (LinkedIn 1, Threads 1).\n' +
          `LinkedIn ${org}: 5400 followers.\n` +
          'Threads nova.app: 321 followers.\n' +
          'posts/a.md: Instagram part 1: refused (no Instagram access token (EDCAL_INSTAGRAM_ACCESS_TOKEN))\n',
      );
      const { snapshots, accounts } = readSnapshots(readFileSync(join(dir, 'metrics/2026-12.jsonl'), 'utf8'));
      assert.deepEqual(snapshots.map((s) => [s.network, s.counts]), [
        ['linkedin', { views: 800, likes: 21, replies: 4, reposts: 2 }],
        ['threads', { views: 300, likes: 12, replies: 1, reposts: 0, quotes: 0, shares: 0 }],
      ]);
      assert.deepEqual(accounts.map((a) => [a.network, a.followers]), [['linkedin', 5400], ['threads', 321]]);
      assert.ok(!readFileSync(join(dir, 'metrics/2026-12.jsonl'), 'utf8').includes(threads.token), 'no token in the file');
    } finally {
      await li.close();
      await threads.close();
    }
  });

  it('keeps what one network returned when another fails, and exits 3', async () => {
    const a = await toot('Un');
    write('posts/a.md', `---\ndate: 2026-12-01T09:30\nplatforms: [mastodon, bluesky]\nstatus: published\nresults:\n${published('mastodon', [a, '999'])}${published('bluesky', ['at://did:plc:nova/app.bsky.feed.post/1'])}---\nUn\n`);
    appview.failNext('/xrpc/app.bsky.feed.getPosts', { status: 400, body: { error: 'InvalidRequest', message: 'bad uris' } });
    const r = await edcal(['metrics', 'fetch', '--now', NOW, '--lang', 'en', '--format', 'json']);
    assert.equal(r.code, 3, r.stderr);
    const out = JSON.parse(r.stdout) as { written: Array<{ written: number }>; failures: Array<{ network: string; part: number; failure: string; detail: string }> };
    assert.deepEqual(out.written.map((w) => w.written), [1]);
    assert.deepEqual(out.failures.map((f) => [f.network, f.part, f.failure, f.detail]), [['mastodon', 2, 'not-found', 'Record not found'], ['bluesky', 1, 'refused', 'InvalidRequest: bad uris']]);
    assert.equal(readSnapshots(readFileSync(join(dir, 'metrics/2026-12.jsonl'), 'utf8')).snapshots.length, 1);
  });

  it('reads only posts published since --since, says when there is nothing to read (exit 4), and refuses a bad date', async () => {
    const a = await toot('Un');
    write('posts/old.md', `---\ndate: 2026-10-01T09:30\nplatforms: [mastodon]\nstatus: published\nresults:\n${published('mastodon', [a], '2026-10-01T07:30:00Z')}---\nUn\n`);
    const none = await edcal(['metrics', 'fetch', '--since', '2026-11-01', '--now', NOW, '--lang', 'en']);
    assert.equal(none.code, 4);
    assert.match(none.stdout, /Nothing published to read/);
    const bad = await edcal(['metrics', 'fetch', '--since', 'last week']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--since takes a date such as 2026-12-01, not "last week"/);
    const verb = await edcal(['metrics']);
    assert.equal(verb.code, 2);
    assert.match(verb.stderr, /edcal metrics fetch/);
  });

  it('says so when the metrics file cannot be written, and exits 1', async () => {
    const a = await toot('Un');
    write('posts/a.md', `---\ndate: 2026-12-01T09:30\nplatforms: [mastodon]\nstatus: published\nresults:\n${published('mastodon', [a])}---\nUn\n`);
    // A file where the folder should be: refused even to root.
    write('metrics', 'not a folder\n');
    const r = await edcal(['metrics', 'fetch', '--now', NOW, '--lang', 'en']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot write metrics\/2026-12\.jsonl \((EEXIST|ENOTDIR)\): nothing was recorded\./);
    assert.equal(readFileSync(join(dir, 'metrics'), 'utf8'), 'not a folder\n');
  });
});

describe('edcal metrics import, a dashboard export', () => {
  let dir: string;
  const write = (path: string, text: string) => writeFileIn(dir, path, text);
  const edcal = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-import-'));
    write('.editorial.yaml', 'timezone: Europe/Paris\nlocale: fr\n');
    write('posts/a.md', '---\ndate: 2026-12-01T09:30\nplatforms: [linkedin]\nstatus: published\nresults:\n  linkedin:\n    state: published\n    url: https://www.linkedin.com/feed/update/urn:li:share:7001/\n    parts: [{ id: "urn:li:share:7001" }]\n---\nUn\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends the matched rows’ counts, names the rows that match no post, and exits 3', () => {
    write('export.csv', 'Post title,Post link,Impressions,Reactions,Comments,Reposts\n"Un, deux",https://www.linkedin.com/feed/update/urn:li:share:7001/?trk=x,"1,234",56,7,3\nAutre,https://www.linkedin.com/feed/update/urn:li:share:9/,1,1,1,1\n');
    const r = edcal(['metrics', 'import', 'export.csv', '--network', 'linkedin', '--now', NOW, '--lang', 'en']);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, '1 reading(s) appended to metrics/2026-12.jsonl (columns read: Impressions, Reactions, Comments, Reposts).\nexport.csv, row 3: no post of the calendar was published on LinkedIn with that link or id.\n');
    const { snapshots } = readSnapshots(readFileSync(join(dir, 'metrics/2026-12.jsonl'), 'utf8'));
    assert.deepEqual(snapshots.map((s) => [s.file, s.network, s.id, s.counts]), [['posts/a.md', 'linkedin', 'urn:li:share:7001', { views: 1234, likes: 56, replies: 7, reposts: 3 }]]);
  });

  it('refuses an export without a post column, an unknown network, and a missing file, clearly', () => {
    write('export.csv', 'Date,Impressions\n2026-12-01,4\n');
    const noColumn = edcal(['metrics', 'import', 'export.csv', '--network', 'linkedin', '--lang', 'en']);
    assert.equal(noColumn.code, 2);
    assert.match(noColumn.stderr, /export\.csv has no column saying which post each row is \(a post link or id\), among: Date, Impressions\./);
    const network = edcal(['metrics', 'import', 'export.csv', '--network', 'myspace']);
    assert.equal(network.code, 2);
    assert.match(network.stderr, /--network must be one of x, bluesky/);
    const missing = edcal(['metrics', 'import', 'nope.csv', '--network', 'linkedin', '--lang', 'en']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read nope\.csv \(not-found\)/);
    assert.equal(edcal(['metrics', 'import', '--network', 'linkedin']).code, 2);
  });
});
