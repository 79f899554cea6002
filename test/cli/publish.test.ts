import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CLI = join(__dirname, '../../dist/cli.js');

function edcal(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('edcal publish --dry-run', () => {
  let dir: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
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
