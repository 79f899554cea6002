import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const NOW = '2026-11-23T08:00:00Z';

/** Runs the built CLI as a user would, with a neutral environment. */
function edcal(args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes a calendar from a map of relative paths to contents; returns its folder. */
function calendar(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'edcal-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  temps.push(dir);
  return dir;
}
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const post = (date: string, platforms: string, body: string, extra = '') => `---\ndate: ${date}\nplatforms: ${platforms}\nstatus: draft\n${extra}---\n${body}\n`;

describe('edcal check', () => {
  it('checks the example calendar and reports its deliberate problems as JSON', () => {
    const r = edcal(['check', 'examples/calendar', '--format', 'json', '--now', NOW]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.files, 39);
    assert.equal(out.summary.posts, 39);
    assert.equal(out.summary.errors, out.diagnostics.filter((d: { severity: string }) => d.severity === 'error').length);
    const found = new Set(out.diagnostics.map((d: { file: string; code: string }) => `${d.file.split('/').pop()} ${d.code}`));
    for (const expected of [
      '20-retro-formats-remote-teams.md date.past',
      '27-demo-du-vendredi.md hashtag.too-many',
      '04-nova-2-vos-questions.md hashtag.duplicate',
      '15-astuce-retro-express.md length.over-limit',
      '24-joyeux-noel.md media.alt-missing',
      '06-intervenante-camille-rousseau.md platform.unknown',
    ]) {
      assert.ok(found.has(expected), `missing ${expected}`);
    }
    const over = out.diagnostics.find((d: { code: string }) => d.code === 'length.over-limit');
    assert.equal(over.file, 'examples/calendar/posts/2026/12/15-astuce-retro-express.md');
    assert.equal(over.platform, 'x');
    assert.ok(over.line >= 1 && over.column >= 1 && over.endLine >= over.line);
    const launch = out.posts.find((p: { file: string }) => p.file.endsWith('03-lancement-nova-2.md'));
    assert.match(launch.date, /^2026-12-03T\d\d:\d\d:00\+01:00$/);
    assert.ok(Array.isArray(launch.platforms.x.parts[0].hashtags));
    assert.equal(typeof launch.platforms.x.parts[0].length, 'number');
    assert.equal(launch.platforms.x.parts[0].limit, 280);
  });

  it('finds the calendar from the current folder and speaks its language', () => {
    const r = edcal(['check', '--now', NOW], join(ROOT, 'examples/calendar/posts'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /problèmes \(\d+ erreurs, \d+ avertissements\) dans 39 fichiers\.$/m);
    // Paths are relative to the current folder.
    assert.match(r.stdout, /^2026\/12\/15-astuce-retro-express\.md:\d+:\d+  error  X\u00a0: \d+\/280/m);
  });

  it('exits 0 on a clean calendar, and prints no colours when not on a terminal', () => {
    const dir = calendar({
      '.editorial.yaml': 'timezone: Europe/Paris\n',
      'posts/a.md': post('2026-12-01T09:30', '[x, bluesky]', 'Bonjour #Nova'),
      'posts/b.md': post('2026-12-02T09:30', '[mastodon]', 'Salut'),
      'notes/ignored.md': 'not a post',
    });
    const r = edcal(['check', '--now', NOW], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, 'No problems in 2 files.\n');
  });

  it('prints GitHub annotations', () => {
    const dir = calendar({ '.editorial.yaml': '', 'posts/a.md': post('2026-12-01T09:30', '[x]', 'a'.repeat(290)) });
    const r = edcal(['check', '--format', 'github', '--now', NOW], dir);
    assert.equal(r.code, 1);
    const [first] = r.stdout.split('\n');
    assert.equal(first, '::error file=posts/a.md,line=6,col=281,endLine=6,endColumn=291,title=length.over-limit (x)::X: 290/280 weighted characters, 10 over the limit.');
  });

  it('reports every file, however broken, without hiding the others', () => {
    const dir = calendar({
      '.editorial.yaml': 'timezone: Europe/Pariss\n',
      'posts/binary.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
      'posts/broken.md': '---\ndate: [\n---\n',
      'posts/list.md': '---\n- a\n---\n',
      'posts/none.md': 'no frontmatter',
      'posts/ok.md': post('2026-12-01T09:30', '[x]', 'Fine'),
    });
    const r = edcal(['check', '--format', 'json', '--now', NOW], dir);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`), [
      '.editorial.yaml config.schema',
      'posts/binary.md file.binary',
      'posts/broken.md frontmatter.yaml',
      'posts/list.md frontmatter.schema',
      'posts/none.md frontmatter.missing',
    ]);
    assert.equal(out.summary.files, 5);
    assert.equal(out.summary.posts, 4);
  });

  it('reports YAML nested too deeply as that file\'s problem and checks everything else', () => {
    const deep = `a: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    const one = calendar({
      '.editorial.yaml': 'timezone: Europe/Paris\n',
      'posts/deep.md': `---\ndate: 2026-12-01T09:30\nplatforms: [x]\n${deep}---\nBonjour\n`,
      'posts/ok.md': post('2026-12-01T09:30', '[x, linkdin]', 'Vive #Nova et #nova'),
    });
    const two = calendar({ '.editorial.yaml': deep, 'posts/ok.md': post('2026-12-02T09:30', '[x]', 'Salut') });
    for (const format of ['json', 'text']) {
      const r = edcal(['check', one, two, '--format', format, '--now', NOW]);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr, '');
      assert.doesNotMatch(r.stdout, /RangeError|call stack|internal error|\bat \S+ \(/);
      if (format === 'text') continue;
      const out = JSON.parse(r.stdout);
      const found = out.diagnostics.map((d: { file: string; code: string }) => `${d.file.split('/').pop()} ${d.code}`);
      assert.deepEqual(found, ['.editorial.yaml config.yaml', 'deep.md frontmatter.yaml', 'ok.md platform.unknown', 'ok.md hashtag.duplicate']);
      assert.equal(out.summary.files, 3);
    }
  });

  it('gives the same results on one thread and on several (large calendar)', () => {
    const files: Record<string, string> = { '.editorial.yaml': 'timezone: Europe/Paris\n' };
    for (let i = 0; i < 450; i++) files[`posts/${String(i).padStart(4, '0')}.md`] = post('2026-12-01T09:30', '[x, bluesky]', i % 7 === 0 ? 'a'.repeat(300 + i) : `Post ${i} #Nova #nova`);
    const dir = calendar(files);
    const one = edcal(['check', '--format', 'json', '--now', NOW], dir, { EDCAL_JOBS: '1' });
    const two = edcal(['check', '--format', 'json', '--now', NOW], dir, { EDCAL_JOBS: '2' });
    assert.equal(one.code, 1);
    assert.equal(two.stdout, one.stdout);
    assert.equal(JSON.parse(one.stdout).summary.files, 450);
  });

  it('reads --now without an offset in the calendar time zone', () => {
    const dir = calendar({ '.editorial.yaml': 'timezone: Europe/Paris\n', 'posts/a.md': post('2026-11-23T08:30', '[x]', 'Bonjour') });
    // 08:15 in Paris is before 08:30: not past, whatever the machine's zone.
    for (const TZ of ['UTC', 'America/Montreal']) {
      const r = edcal(['check', '--now', '2026-11-23T08:15', '--format', 'json'], dir, { TZ });
      assert.deepEqual(JSON.parse(r.stdout).diagnostics, [], TZ);
    }
    const late = edcal(['check', '--now', '2026-11-23T08:45', '--format', 'json'], dir);
    assert.deepEqual(JSON.parse(late.stdout).diagnostics.map((d: { code: string }) => d.code), ['date.past']);
  });

  it('counts in the singular where it should, in both languages', () => {
    const dir = calendar({ '.editorial.yaml': 'locale: fr\n', 'posts/a.md': post('2026-12-01T09:30', '[x]', 'a'.repeat(300)) });
    assert.match(edcal(['check', '--now', NOW], dir).stdout, /^1 problème \(1 erreur, 0 avertissement\) dans 1 fichier\.$/m);
    assert.match(edcal(['check', '--now', NOW, '--lang', 'en'], dir).stdout, /^1 problem \(1 error, 0 warnings\) in 1 file\.$/m);
  });

  it('fails loudly when nothing matches the posts globs', () => {
    const dir = calendar({ '.editorial.yaml': 'posts: articles/**/*.md\n', 'posts/a.md': post('2026-12-01T09:30', '[x]', 'Hi') });
    const r = edcal(['check'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No post files match articles\/\*\*\/\*\.md in \./);
  });

  it('checks only the files named', () => {
    const r = edcal(['check', 'examples/calendar/posts/2026/12/24-joyeux-noel.md', '--format', 'json', '--now', NOW, '--lang', 'en']);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.files, 1);
    assert.equal(r.code, 0);
    assert.deepEqual(out.diagnostics.map((d: { code: string }) => d.code), ['media.alt-missing']);
    assert.match(out.diagnostics[0].message, /^This image has no alt text/);
  });

  describe('usage errors exit 2 with a clear message', () => {
    const cases: Array<[string, string[], RegExp, string?]> = [
      ['unknown option', ['check', '--fromat', 'json'], /Unknown option --fromat\. See: edcal check --help/],
      ['bad format', ['check', '--format', 'xml'], /--format must be one of text, json, github, not "xml"/],
      ['missing value', ['check', '--format'], /The option --format needs a value/],
      ['missing path', ['check', 'nowhere/at/all'], /Cannot read nowhere\/at\/all: no such file or folder/],
      ['bad --now', ['check', '--now', 'tomorrow'], /--now must be a date/],
      ['a --now Date.parse would take', ['check', '--now', '2026-11-3'], /--now must be a date/],
      ['unknown command', ['publish-all'], /Unknown command "publish-all"/],
      ['no calendar found', ['check'], /No \.editorial\.yaml found in .* or any folder above it/, tmpdir()],
    ];
    for (const [name, args, pattern, cwd] of cases) {
      it(name, () => {
        const r = edcal(args, cwd);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, pattern);
      });
    }
  });

  it('explains itself', () => {
    const main = edcal(['--help']);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /check \[PATH\.\.\.\]/);
    const help = edcal(['check', '--help'], ROOT, { LANG: 'fr_FR.UTF-8' });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--format text\|json\|github/);
    assert.match(help.stdout, /Code de sortie/);
    assert.match(edcal(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
