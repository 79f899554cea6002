import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WebhookStandin } from '../peers/standins/webhook';
import { writeFileIn } from './writeFileIn';

const CLI = join(__dirname, '../../dist/cli.js');

function edcal(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('edcal publish --dry-run', () => {
  let dir: string;
  const write = (path: string, text: string) => writeFileIn(dir, path, text);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-publish-'));
    write('.editorial.yaml', 'timezone: Europe/Paris\nplatforms:\n  linkedin: { account: { name: Nova, handle: "urn:li:organization:42" } }\n');
    write('posts/thread.md', '---\ndate: 2027-01-12T09:30\nplatforms: [bluesky, linkedin, tiktok]\nstatus: approved\nlang: fr\n---\nUn (1/2) #Nova\n\n---\n\nDeux https://nova.app/blog/a-long-article-path\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one request body per part and network, needing no credentials', () => {
    const r = edcal(['publish', '--dry-run', 'posts/thread.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, Record<string, Array<Record<string, unknown>>>>;
    assert.deepEqual(Object.keys(out), ['posts/thread.md']);
    const post = out['posts/thread.md']!;
    assert.deepEqual(Object.keys(post), ['bluesky', 'linkedin']);
    assert.deepEqual(post['bluesky']!.map((r) => r['text']), ['Un (1/2) #Nova', 'Deux nova.app/blog/a-long-...']);
    assert.equal(post['bluesky']![0]!['createdAt'], '2027-01-12T08:30:00.000Z');
    assert.deepEqual(post['linkedin']!.map((r) => [r['author'], r['commentary']]), [['urn:li:organization:42', 'Un \\(1/2\\) {hashtag|\\#|Nova}']]);
    assert.match(r.stderr, /Not published yet, so left out: TikTok\./);
  });

  it('lists in a dry run with --due only the posts whose time has come', () => {
    write('posts/now.md', '---\ndate: 2027-01-12T09:30\nplatforms: [bluesky]\nstatus: approved\n---\nMaintenant\n');
    write('posts/later.md', '---\ndate: 2027-03-01T09:30\nplatforms: [bluesky]\nstatus: approved\n---\nPlus tard\n');
    const r = edcal(['publish', '--dry-run', '--due', '--now', '2027-01-12T09:45'], dir);
    assert.equal(r.code, 0, r.stderr);
    // thread.md is due too, but TikTok needs an image or a video: an error keeps it back.
    assert.deepEqual(Object.keys(JSON.parse(r.stdout)), ['posts/now.md']);
  });

  it('says what to publish when given neither files nor --due, and refuses --commit with --dry-run', () => {
    const bare = edcal(['publish'], dir);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /name the posts to publish \(edcal publish FILE\.\.\.\), or publish every post whose time has come with --due/);
    const both = edcal(['publish', '--dry-run', '--commit', 'posts/thread.md'], dir);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--commit records what was sent: it cannot go with --dry-run/);
  });

  it('sends nothing that is not ready, says why, and exits 1; with --due and nothing due, exits 4', () => {
    write('posts/draft.md', '---\ndate: 2027-01-12T09:30\nplatforms: [bluesky]\nstatus: draft\n---\nBrouillon\n');
    const r = edcal(['publish', 'posts/draft.md', '--now', '2027-01-12T09:31'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /posts\/draft\.md +not sent: its status is draft, it must be approved or scheduled/);
    write('posts/late.md', '---\ndate: 2027-01-12T09:30\nplatforms: [bluesky]\nstatus: approved\n---\nTrop tard\n');
    const late = edcal(['publish', 'posts/late.md', '--now', '2027-01-12T12:00', '--format', 'json'], dir);
    assert.equal(late.code, 1, late.stderr);
    assert.equal(JSON.parse(late.stdout)[0].gate.kind, 'missed');
    assert.match(readFileSync(join(dir, 'posts/late.md'), 'utf8'), /results:\n  bluesky:\n    state: missed\n    at: 2027-01-12T11:00:0\d\.\d+Z\n---\n/);
    const none = edcal(['publish', '--due', '--now', '2027-01-01T09:00'], dir);
    assert.equal(none.code, 4, none.stderr);
    assert.match(none.stdout, /^Nothing to publish\.$/m);
  });
});

describe('edcal publish to a webhook', () => {
  const NOW = '2027-01-12T09:31+01:00';
  const SECRET = 'cli-whsec-3e9a61f0';
  let dir: string;
  let hook: WebhookStandin;
  const write = (path: string, text: string) => writeFileIn(dir, path, text);
  /** The built CLI, run without blocking this process (the stand-in answers it from here). */
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', LANG: 'C', ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-webhook-'));
    // The CLI's clock is --now: the receiver's is the same, so that the timestamp is fresh.
    hook = await WebhookStandin.start({ flavour: 'json', secret: SECRET, now: () => Date.parse(NOW) });
    write('.editorial.yaml', 'timezone: Europe/Paris\nplatforms:\n  webhook: { format: json }\n');
    write('posts/launch.md', '---\ndate: 2027-01-12T09:30\nplatforms: [webhook]\nstatus: approved\nlang: fr\n---\nNova 2 est là\n\n---\n\nLa suite\n');
  });
  afterEach(async () => {
    await hook.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each part signed, to the URL given in the environment, records the ids, and sends nothing twice', async () => {
    const env = { EDCAL_WEBHOOK_URL: hook.hookUrl, EDCAL_WEBHOOK_SECRET: SECRET };
    const dry = await run(['publish', '--dry-run', 'posts/launch.md', '--now', NOW], {});
    assert.equal(dry.code, 0, dry.stderr);
    const bodies = (JSON.parse(dry.stdout) as Record<string, Record<string, unknown[]>>)['posts/launch.md']!['webhook']!;
    const r = await run(['publish', 'posts/launch.md', '--now', NOW], env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(hook.messages.length, 2, 'both parts verified by the receiver');
    const sent = hook.requests.map((q) => JSON.parse(q.text) as Record<string, unknown>);
    assert.deepEqual(sent, bodies.map((b, i) => (i === 0 ? b : { ...(b as object), inReplyTo: 'evt_1' })));
    const text = readFileSync(join(dir, 'posts/launch.md'), 'utf8');
    assert.match(text, /results:\n  webhook:\n    state: published\n    at: [0-9T:.Z-]+\n    id: evt_1\n    url: https:\/\/intranet\.nova\.example\/news\/evt_1\n/);
    assert.match(text, /- id: evt_2/);
    for (const output of [r.stdout, r.stderr, text]) {
      assert.ok(!output.includes(SECRET));
      assert.ok(!output.includes(hook.hookUrl));
    }
    const again = await run(['publish', 'posts/launch.md', '--now', NOW], env);
    assert.equal(hook.requests.length, 2, 'nothing sent again: ' + again.stdout);
  });
});

describe('edcal publish --commit', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('commits the posts whose results changed, and only them', () => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-commit-'));
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    put('.editorial.yaml', 'timezone: Europe/Paris\n');
    put('posts/late.md', '---\ndate: 2027-01-12T09:30\nplatforms: [bluesky]\nstatus: approved\n---\nTrop tard\n');
    put('posts/later.md', '---\ndate: 2027-03-01T09:30\nplatforms: [bluesky]\nstatus: approved\n---\nPlus tard\n');
    git('init', '-q');
    git('-c', 'user.name=Léa', '-c', 'user.email=lea@nova.example', 'commit', '-q', '--allow-empty', '-m', 'start');
    git('add', '.');
    git('-c', 'user.name=Léa', '-c', 'user.email=lea@nova.example', 'commit', '-q', '-m', 'posts');
    put('notes.txt', 'not a post: never committed by edcal');
    const r = spawnSync(process.execPath, [CLI, 'publish', '--due', '--commit', '--now', '2027-01-12T12:00'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', LANG: 'C', GIT_AUTHOR_NAME: 'edcal', GIT_AUTHOR_EMAIL: 'edcal@nova.example', GIT_COMMITTER_NAME: 'edcal', GIT_COMMITTER_EMAIL: 'edcal@nova.example' },
    });
    // The late post is missed (recorded, so exit 1); the commit holds that record only.
    assert.equal(r.status, 1, r.stderr + r.stdout);
    assert.equal(git('log', '-1', '--format=%s').stdout.trim(), 'edcal publish: results of 1 post(s)');
    assert.deepEqual(git('show', '--name-only', '--format=', 'HEAD').stdout.trim().split('\n'), ['posts/late.md']);
    assert.match(git('show', 'HEAD:posts/late.md').stdout, /state: missed/);
    assert.equal(git('status', '--porcelain').stdout.trim(), '?? notes.txt');
  });
});
