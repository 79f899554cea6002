import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileIn } from './writeFileIn';

const CLI = join(__dirname, '../../dist/cli.js');

function edcal(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('edcal calendar', () => {
  let dir: string;
  const write = (path: string, text: string) => writeFileIn(dir, path, text);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-calendar-'));
    write('.editorial.yaml', 'timezone: Europe/Paris\nlocale: fr\n');
    write('posts/launch.md', '---\ntitle: "Lancement | <b>Nova</b>"\ndate: 2026-12-03T08:00\nplatforms: [x, bluesky]\nstatus: approved\n---\nTexte\n');
    write('posts/january.md', '---\ntitle: Bonne année\ndate: 2027-01-01\nplatforms: [linkedin]\nstatus: idea\n---\nTexte\n');
    write('posts/undated.md', '---\ntitle: Un jour\nplatforms: [x]\n---\nTexte\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the current month (--now) as a Markdown table in the calendar\'s language', () => {
    const r = edcal(['calendar', '--now', '2026-12-10T12:00'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^## Décembre 2026\n\n\| lun\. \| mar\. \| mer\. \| jeu\. \| ven\. \| sam\. \| dim\. \|\n/);
    assert.ok(r.stdout.includes('| **3**<br>08:00 Lancement \\| \\<b\\>Nova\\</b\\> (X, Bluesky) |'), r.stdout);
    assert.ok(!r.stdout.includes('Bonne année'), 'January is another month');
    assert.ok(!r.stdout.includes('Un jour'), 'undated posts are left out');
    const en = edcal(['calendar', '--now', '2026-12-10T12:00', '--lang', 'en'], dir);
    assert.match(en.stdout, /^## December 2026\n\n\| Mon \| Tue /);
  });

  it('prints JSON for a range of months, days and posts in the calendar\'s zone', () => {
    const r = edcal(['calendar', '--from', '2026-12-15', '--to', '2027-01', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { months: Array<{ month: string; days: Array<{ day: string; posts: Array<Record<string, unknown>> }> }> };
    assert.deepEqual(out.months.map((m) => m.month), ['2026-12', '2027-01']);
    assert.deepEqual(out.months[0]!.days[2], { day: '2026-12-03', posts: [{ file: 'posts/launch.md', title: 'Lancement | <b>Nova</b>', date: '2026-12-03T08:00:00+01:00', status: 'approved', platforms: ['x', 'bluesky'], problems: 0 }] });
    assert.equal(out.months[1]!.days[0]!.posts[0]!['title'], 'Bonne année');
  });

  it('writes the HTML page to --out, saying so on stderr', () => {
    const r = edcal(['calendar', '--from', '2026-12', '--format', 'html', '--out', 'site/calendar.html'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /site\/calendar\.html écrit \(1\u00a0mois, 1\u00a0publication\(s\)\)\./);
    const html = readFileSync(join(dir, 'site/calendar.html'), 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes('Lancement | &lt;b&gt;Nova&lt;/b&gt;'));
    assert.ok(!html.includes('<b>Nova'));
    assert.ok(!/<script/i.test(html));
  });

  it('exits 2 on a usage error', () => {
    for (const [args, message] of [
      [['--format', 'pdf'], /--format must be one of md, html, json, not "pdf"/],
      [['--from', '2026-13'], /--from must be a month \(YYYY-MM\) or a day \(YYYY-MM-DD\), not "2026-13"/],
      [['--from', '2027-02', '--to', '2027-01'], /--from 2027-02 comes after --to 2027-01/],
      [['--from', '2000-01', '--to', '2026-01'], /At most 120 months at a time/],
      [['--out'], /The option --out needs a value/],
      [['--bogus'], /Unknown option --bogus\. See: edcal calendar --help/],
    ] as const) {
      const r = edcal(['calendar', ...args], dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const help = edcal(['calendar', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: edcal calendar \[PATH\.\.\.\]/);
    assert.match(edcal(['--help'], dir).stdout, /calendar \[PATH\.\.\.\]/);
  });
});
