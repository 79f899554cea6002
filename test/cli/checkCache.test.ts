import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CLI = join(__dirname, '../../dist/cli.js');
const CACHE = '.edcal-cache/check-v1.jsonl';

function edcal(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' } });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return r.stdout;
}

/**
 * Makes the cached report of `file` say something no check would: a run that prints it reused
 * the cache, a run that does not checked the file again.
 */
function tamper(dir: string, file: string): void {
  const lines = readFileSync(join(dir, CACHE), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith(JSON.stringify(join(dir, file)) + '\t'));
  assert.ok(i > 0, `${file} is cached`);
  lines[i] = lines[i]!.replace('"code":"frontmatter.schema"', '"code":"TAMPERED"');
  writeFileSync(join(dir, CACHE), lines.join('\n'));
}

// `mood` is an unknown field: each post has a `frontmatter.schema` finding for `tamper` to change.
const post = (date: string, extra = '') => `---\ndate: ${date}\nplatforms: [x, instagram]\nstatus: draft\nmood: sunny\n${extra}---\nHello #Nova\n`;

describe('edcal check --cache', () => {
  let dir: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-cache-'));
    write('.editorial.yaml', 'timezone: Europe/Paris\nlocale: en\n');
    write('media/a.png', 'png');
    write('posts/a.md', post('2026-12-10T09:00', 'media:\n  - file: ../media/a.png\n    alt: A\n'));
    write('posts/b.md', post('2026-12-20T09:00'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cold = (args: string[] = []) => edcal(dir, ['--now', '2026-12-01T00:00Z', ...args]);
  const warm = (args: string[] = []) => edcal(dir, ['--now', '2026-12-01T00:00Z', '--cache', ...args]);

  it('prints what a run without it prints, and reuses the reports of unchanged files', () => {
    assert.equal(warm(), cold());
    assert.ok(existsSync(join(dir, CACHE)));
    assert.equal(warm(), cold());
    tamper(dir, 'posts/a.md');
    assert.match(warm(), /TAMPERED/, 'reused');
  });

  it('checks a changed post again', () => {
    warm();
    tamper(dir, 'posts/a.md');
    tamper(dir, 'posts/b.md');
    write('posts/a.md', post('2026-12-11T09:00', 'media:\n  - file: ../media/a.png\n    alt: A\n'));
    const out = warm();
    assert.equal(out.match(/TAMPERED/g)?.length, 1, 'b.md reused, a.md checked again');
    assert.equal(out.replace('TAMPERED', 'frontmatter.schema'), cold());
  });

  it('checks a post again when only its time changes (same size)', () => {
    warm();
    tamper(dir, 'posts/b.md');
    utimesSync(join(dir, 'posts/b.md'), new Date(), new Date(Date.now() + 5000));
    assert.equal(warm(), cold());
  });

  it('checks again the posts of a media file that went missing', () => {
    warm();
    tamper(dir, 'posts/a.md');
    tamper(dir, 'posts/b.md');
    unlinkSync(join(dir, 'media/a.png'));
    const out = warm();
    assert.equal(out.match(/TAMPERED/g)?.length, 1, 'b.md has no media: reused');
    assert.match(out, /media\.missing-file/);
    assert.equal(out.replace('TAMPERED', 'frontmatter.schema'), cold());
  });

  it('checks everything again when the settings change', () => {
    warm();
    tamper(dir, 'posts/a.md');
    write('.editorial.yaml', 'timezone: Europe/Paris\nlocale: en\nmediaBaseUrl: https://cdn.example.com/\n');
    assert.equal(warm(), cold());
  });

  it('checks everything again with another language (--lang)', () => {
    warm();
    tamper(dir, 'posts/a.md');
    assert.equal(warm(['--lang', 'fr']), cold(['--lang', 'fr']));
  });

  it('checks everything again under another version of edcal', () => {
    warm();
    tamper(dir, 'posts/a.md');
    const text = readFileSync(join(dir, CACHE), 'utf8');
    writeFileSync(join(dir, CACHE), text.replace(/^\{"version":"[^"]*"/, '{"version":"0.0.0-older"'));
    assert.equal(warm(), cold());
  });

  it('checks a post again when --now moves past its date, and only then', () => {
    warm();
    tamper(dir, 'posts/a.md');
    tamper(dir, 'posts/b.md');
    // 2026-12-05: both still in the future, as at 2026-12-01: reused.
    assert.equal(edcal(dir, ['--now', '2026-12-05T00:00Z', '--cache']).match(/TAMPERED/g)?.length, 2);
    // 2026-12-15: a.md (the 10th) is now past, b.md (the 20th) is not.
    const now = ['--now', '2026-12-15T00:00Z'];
    const out = edcal(dir, [...now, '--cache']);
    assert.equal(out.match(/TAMPERED/g)?.length, 1);
    assert.match(out, /date\.past/);
    assert.equal(out.replace('TAMPERED', 'frontmatter.schema'), edcal(dir, now));
  });

  it('forgets files removed, and an unreadable cache is no cache', () => {
    warm();
    unlinkSync(join(dir, 'posts/b.md'));
    assert.equal(warm(), cold());
    assert.doesNotMatch(readFileSync(join(dir, CACHE), 'utf8'), /b\.md/);
    writeFileSync(join(dir, CACHE), '\u0000garbage\n"x"\t{');
    assert.equal(warm(), cold());
  });

  it('is not walked as posts, and is not written without --cache', () => {
    cold();
    assert.ok(!existsSync(join(dir, '.edcal-cache')));
    warm();
    write('.edcal-cache/stray.md', post('nope'));
    assert.equal(warm(), cold());
  });
});
