import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileIn } from './writeFileIn';

const CLI = join(__dirname, '../../dist/cli.js');
const post = (body = 'Bonjour') => `---\ndate: 2026-12-01T09:30\nplatforms: [x]\nstatus: draft\n---\n${body}\n`;

/** Runs the built CLI with a time limit: a FIFO read would block forever, /dev/zero never ends. */
function edcal(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--now', '2026-11-23T09:00'], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' }, timeout: 20_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.signal, null, `edcal was killed (${r.signal}): it hung`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; code: string; severity: string; message: string }>; summary: { files: number } } };
}

let dir: string;
const write = (path: string, text: string) => writeFileIn(dir, path, text);
const found = (out: ReturnType<ReturnType<typeof edcal>['json']>) => out.diagnostics.map((d) => `${d.file} ${d.code}`).sort();

describe('edcal check on a hostile file system', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-fs-'));
    write('.editorial.yaml', 'timezone: Europe/Paris\n');
    write('posts/ok.md', post());
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a 1.9 GB sparse post by its size, without reading it', () => {
    write('posts/huge.md', '');
    truncateSync(join(dir, 'posts/huge.md'), 1_900_000_000);
    const r = edcal(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(found(r.json()), ['posts/huge.md file.too-large']);
  });

  it('reports a FIFO, in a walk and named on the command line, without hanging', function () {
    if (spawnSync('mkfifo', [join(dir, 'posts/pipe.md')]).status !== 0) return this.skip();
    const walk = edcal(['check', '--format', 'json'], dir);
    assert.deepEqual(found(walk.json()), ['posts/pipe.md file.not-regular']);
    const named = edcal(['check', 'posts/pipe.md', '--format', 'json'], dir);
    assert.deepEqual(found(named.json()), ['posts/pipe.md file.not-regular']);
    assert.equal(named.code, 1);
  });

  it('does not follow a symlink to /dev/zero or out of the calendar, nor a looping folder', () => {
    symlinkSync('/dev/zero', join(dir, 'posts/zero.md'));
    symlinkSync('/etc/hostname', join(dir, 'posts/outside.md'));
    symlinkSync(join(dir, 'posts'), join(dir, 'posts/loop'));
    write('shared/base.md', post('Partagé'));
    symlinkSync('../shared/base.md', join(dir, 'posts/linked.md'));
    const r = edcal(['check', '--format', 'json'], dir);
    const out = r.json();
    assert.deepEqual(found(out), ['posts/loop file.symlink', 'posts/outside.md file.symlink', 'posts/zero.md file.symlink']);
    assert.equal(out.summary.files, 5, 'ok.md and linked.md checked, three notices');
    assert.equal(r.code, 0, 'notices and warnings do not fail the run');
  });

  it('follows a folder named on the command line even when it is a symlink', () => {
    write('elsewhere/posts/a.md', post('a'.repeat(300)));
    symlinkSync(join(dir, 'elsewhere/posts'), join(dir, 'posts/more'));
    const r = edcal(['check', 'posts/more', '--format', 'json'], dir);
    assert.deepEqual(found(r.json()), ['posts/more/a.md length.over-limit']);
  });

  it('reports an unreadable folder once and checks the others', function () {
    if (process.getuid?.() === 0) return this.skip(); // root reads everything: the in-memory workspace covers it
    write('posts/secret/a.md', post());
    write('posts/long.md', post('a'.repeat(300)));
    chmodSync(join(dir, 'posts/secret'), 0o000);
    try {
      const r = edcal(['check', '--format', 'json'], dir);
      assert.deepEqual(found(r.json()), ['posts/long.md length.over-limit', 'posts/secret folder.unreadable']);
    } finally {
      chmodSync(join(dir, 'posts/secret'), 0o755);
    }
  });

  it('refuses a 15 MB .editorial.yaml by its size, and checks with defaults', () => {
    truncateSync(join(dir, '.editorial.yaml'), 15 * 1024 * 1024);
    const r = edcal(['check', '--format', 'json'], dir);
    assert.deepEqual(found(r.json()), ['.editorial.yaml config.unreadable']);
  });

  it('checks a nested calendar with its own settings, as the extension does', () => {
    write('.editorial.yaml', 'timezone: Europe/Paris\nposts: "**/*.md"\nbannedHashtags: [nova]\n');
    write('posts/banned.md', post('#nova'));
    write('team/.editorial.yaml', 'timezone: Europe/Paris\n');
    write('team/posts/free.md', post('#nova'));
    const r = edcal(['check', '--format', 'json'], dir);
    assert.deepEqual(found(r.json()), ['posts/banned.md hashtag.banned']);
    assert.equal(r.json().summary.files, 3);
  });

  it('does not read a .editorial.yaml that links out of the calendar', () => {
    const outside = mkdtempSync(join(tmpdir(), 'edcal-secret-'));
    writeFileSync(join(outside, 'creds'), 'api_key: s3cr3t\n');
    rmSync(join(dir, '.editorial.yaml'));
    symlinkSync(join(outside, 'creds'), join(dir, '.editorial.yaml'));
    try {
      const r = edcal(['check', '--format', 'json'], dir);
      assert.deepEqual(found(r.json()), ['.editorial.yaml config.unreadable']);
      assert.doesNotMatch(r.stdout, /api_key/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reports media outside the calendar, by path or through a symlink', () => {
    write('media/ok.png', 'png');
    symlinkSync('/etc/hostname', join(dir, 'media/link.png'));
    write('posts/media.md', post().replace('status: draft\n', 'status: draft\nmedia:\n  - { file: ../../../../etc/passwd, alt: a }\n  - { file: ../media/link.png, alt: b }\n  - { file: /media/ok.png, alt: c }\n'));
    const r = edcal(['check', '--format', 'json'], dir);
    assert.deepEqual(found(r.json()), ['posts/media.md media.outside-calendar', 'posts/media.md media.outside-calendar']);
  });
});
