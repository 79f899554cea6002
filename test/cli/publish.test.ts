import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    write('posts/thread.md', '---\ndate: 2027-01-12T09:30\nplatforms: [bluesky, linkedin, instagram]\nstatus: approved\nlang: fr\n---\nUn (1/2) #Nova\n\n---\n\nDeux https://nova.app/blog/a-long-article-path\n');
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
    assert.match(r.stderr, /Not published yet, so left out: Instagram\./);
  });

  it('sends nothing without --dry-run, and says so', () => {
    const r = edcal(['publish', 'posts/thread.md'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /publishing does not send posts yet: run edcal publish --dry-run/);
  });
});
