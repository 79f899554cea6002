import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const EXAMPLE = join(ROOT, 'examples/calendar');
const GUIDE = 'posts/2026/12/09-migration-guide-nova-2.md';

/** The example calendar as `npm start` opens it: a git repository built by test/vscode/demoRepo.mjs. */
function build(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edcal-demo-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  temps.push(dir);
  return dir;
}
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const run = (command: string, args: string[], cwd: string) => {
  // Neutral: no global git config, no GIT_* of whoever runs the tests.
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C', HOME: cwd } });
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
};

describe('the demo repository (npm start)', () => {
  let dir: string;
  let demoRepo: (dir: string, cli?: string, options?: { days?: number }) => void;
  const git = (...args: string[]) => run('git', args, dir).stdout;
  const check = (cwd: string) => {
    const r = run(process.execPath, [CLI, 'check', '--format', 'json', '--now', '2026-11-23T09:00+01:00'], cwd);
    // The posts' own fields differ (the approval, pending's changes); what is found must not.
    const { diagnostics, summary } = JSON.parse(r.stdout) as { diagnostics: unknown[]; summary: unknown };
    return { code: r.code, diagnostics, summary };
  };

  before(async () => {
    ({ demoRepo } = await import('../vscode/demoRepo.mjs'));
    dir = build();
    demoRepo(dir);
  });

  it('has main checked out and clean, with Léa as the repository\'s own user', () => {
    assert.equal(git('branch', '--show-current'), 'main');
    assert.equal(git('status', '--porcelain', '--untracked-files=all'), '');
    assert.equal(git('config', '--local', 'user.name'), 'Léa Martin');
    assert.equal(git('config', '--local', 'user.email'), 'lea@nova.example');
  });

  it('tells on main: the calendar moved into git, a post rescheduled, a text edited, an approval by someone else', () => {
    assert.deepEqual(git('log', '--reverse', '--format=%an <%ae> %aI %s', 'main').split('\n'), [
      'Léa Martin <lea@nova.example> 2026-11-20T18:10:00+01:00 Nova’s editorial calendar in git: settings, media and 39 posts, mid-November to mid-January',
      'Léa Martin <lea@nova.example> 2026-11-23T09:12:00+01:00 Save the date (FR) at 11:00, half an hour before the English one',
      'Léa Martin <lea@nova.example> 2026-11-23T09:40:00+01:00 Migration guide: five minutes, not ten (timed on the beta teams’ workspaces)',
      'Karim Benali <karim@nova.example> 2026-11-23T11:30:00+01:00 approve: Nova 1 → Nova 2: migration guide',
    ]);
    assert.equal(git('log', '-1', '--format=%cI', 'main'), '2026-11-23T11:30:00+01:00', 'committer dates are fixed too');
    assert.match(git('show', 'main~2', '--format=', '--unified=0'), /^-date: 2026-12-14T11:30\n\+date: 2026-12-14T11:00$/m);
    assert.deepEqual(git('show', 'main~1', '--format=', '--name-only').split('\n'), [GUIDE]);
    assert.deepEqual(git('show', 'main', '--format=', '--name-only').split('\n'), [GUIDE], 'the approval commits its post alone');
  });

  it('ends main on the example as shipped, but for Karim\'s approval of the migration guide', () => {
    for (const file of git('ls-files').split('\n')) {
      const same = readFileSync(join(dir, file)).equals(readFileSync(join(EXAMPLE, file)));
      assert.equal(same, file !== GUIDE, file);
    }
    const guide = readFileSync(join(dir, GUIDE), 'utf8');
    assert.match(guide, /^status: approved$/m);
    assert.match(guide, /^approvals:\n {2}- by: Karim Benali <karim@nova\.example>\n {4}at: 2026-11-23T10:30:00\.000Z\n {4}hash: sha256-[0-9a-f]{32}\n---\n/m);
  });

  it('holds on pending, not merged: a post moved to another day, a text changed, a post added, one removed', () => {
    assert.equal(git('rev-parse', 'pending~3'), git('rev-parse', 'main'), 'three commits on top of main');
    assert.deepEqual(git('diff', '--name-status', 'main', 'pending').split('\n'), [
      'M\tposts/2026/12/14-save-the-date-nova-live-en.md',
      'M\tposts/2026/12/31-thank-you-2026.md',
      'D\tposts/2027/01/08-speaker-maya-okafor.md',
      'A\tposts/2027/01/13-nova-live-demain.md',
    ]);
    assert.match(git('diff', '--unified=0', 'main', 'pending', '--', 'posts/2026/12/31-thank-you-2026.md'), /^-date: 2026-12-31T15:00\n\+date: 2026-12-30T15:00$/m);
    assert.match(git('diff', '--unified=0', 'main', 'pending', '--', 'posts/2026/12/14-save-the-date-nova-live-en.md'), /^\+.*in person in Lyon \(limited seats\)\.$/m);
  });

  it('is the same repository on every run, commit for commit', () => {
    const again = build();
    demoRepo(again);
    const tips = (cwd: string) => run('git', ['rev-parse', 'main', 'pending'], cwd).stdout;
    assert.equal(tips(again), tips(dir));
  });

  it('lets a post in review be approved at once, as Léa, as Approve Post would', () => {
    const mine = build();
    demoRepo(mine);
    const post = 'posts/2026/12/14-save-the-date-nova-live-en.md';
    const r = run(process.execPath, [CLI, 'approve', post, '--now', '2026-11-23T17:00+01:00'], mine);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /approuvé par Léa Martin <lea@nova\.example>/, 'the calendar speaks French');
    assert.equal(run('git', ['log', '-1', '--format=%an %s'], mine).stdout, 'Léa Martin approve: Save the date (EN): Nova Live');
    assert.equal(run('git', ['status', '--porcelain'], mine).stdout, '');
  });

  it('checks as the example calendar does, on main and on pending', () => {
    const expected = check(EXAMPLE);
    assert.equal(expected.code, 1);
    assert.deepEqual(check(dir), expected);
    const pending = build();
    rmSync(pending, { recursive: true, force: true });
    assert.equal(run('git', ['clone', '-q', '--branch', 'pending', dir, pending], ROOT).code, 0);
    assert.deepEqual(check(pending), expected, 'the post added is clean, the one removed had no problem');
  });

  it('moved to any day (npm start moves it to today), finds what the example finds on its day', async () => {
    const { shiftDay } = await import('../vscode/shiftDates.mjs');
    const expected = check(EXAMPLE);
    // A week on, and 200 days on (across the spring clock change: times stay wall-clock times).
    for (const days of [7, 200]) {
      const moved = build();
      demoRepo(moved, CLI, { days });
      const r = run(process.execPath, [CLI, 'check', '--format', 'json', '--now', shiftDay('2026-11-23T09:00+01:00', days)], moved);
      const { diagnostics, summary } = JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; code: string; message: string }>; summary: unknown };
      // Messages quote dates, which moved: the files and codes found must not.
      const found = (ds: Array<{ file: string; code: string }>) => ds.map((d) => `${d.file} ${d.code}`);
      assert.deepEqual(found(diagnostics), found(expected.diagnostics as Array<{ file: string; code: string }>), `${days} days`);
      assert.deepEqual(summary, expected.summary);
      const thanks = readFileSync(join(moved, 'posts/2026/12/31-thank-you-2026.md'), 'utf8');
      assert.match(thanks, new RegExp(`^date: ${shiftDay('2026-12-31', days)}T15:00$`, 'm'));
      assert.equal(run('git', ['status', '--porcelain'], moved).stdout, '', 'moved before the history is written');
      assert.match(run('git', ['diff', '--unified=0', 'main', 'pending', '--', 'posts/2026/12/31-thank-you-2026.md'], moved).stdout, new RegExp(`^\\+date: ${shiftDay('2026-12-30', days)}T15:00$`, 'm'));
    }
  });
});
