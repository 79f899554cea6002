import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CLI = join(__dirname, '../../dist/cli.js');

interface DiffJson {
  added: Array<{ file: string; title: string | null; date: string | null }>;
  removed: Array<{ file: string; title: string | null; date: string | null }>;
  renamed: Array<{ file: string; from: string }>;
  rescheduled: Array<{ file: string; from: string | null; to: string | null }>;
  platforms: Array<{ file: string; added: string[]; removed: string[] }>;
  text: Array<{ file: string; platforms: string[] }>;
  status: Array<{ file: string; from: string | null; to: string | null }>;
  approvals: Array<{ file: string; added: number; stale: number }>;
}

const EMPTY: DiffJson = { added: [], removed: [], renamed: [], rescheduled: [], platforms: [], text: [], status: [], approvals: [] };

/**
 * `edcal diff` on calendars in real git repositories: a history of commits that reschedule
 * across the autumn clock change, edit, approve and re-edit, and rename posts.
 */
describe('edcal diff, between git revisions', () => {
  let dir: string;
  const who = { GIT_AUTHOR_NAME: 'Camille', GIT_AUTHOR_EMAIL: 'camille@nova.example', GIT_COMMITTER_NAME: 'Camille', GIT_COMMITTER_EMAIL: 'camille@nova.example' };
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...who } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  const edcal = (args: string[], cwd = dir) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C', HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } });
  const json = (...args: string[]): DiffJson => {
    const r = edcal(['diff', ...args, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as DiffJson;
  };
  const post = (title: string, date: string, body: string, extra = '') => `---\ntitle: ${title}\ndate: ${date}\nplatforms: [x, bluesky]\nstatus: draft # à relire\n${extra}---\n${body}\n`;

  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'edcal-diff-')));
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Léa');
    git('config', 'user.email', 'lea@nova.example');
    put('.editorial.yaml', 'timezone: Europe/Paris\nlocale: en\n');
    put('posts/2026/10/24-webinar.md', post('Webinar', '2026-10-24T18:00', 'Join our webinar on Saturday. #Nova'));
    put('posts/2026/10/26-launch.md', post('Launch', '2026-10-26T09:30', 'Nova 2 is here, with rituals that plan themselves. #Nova'));
    put('posts/2026/10/27-tips.md', post('Tips', '2026-10-27T12:00', 'Three tips for asynchronous stand-ups that your team will love.'));
    put('README.md', 'not a post\n');
    commit('calendar');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a reschedule across the clock change with each date at its own offset', () => {
    const base = git('rev-parse', 'HEAD');
    put('posts/2026/10/24-webinar.md', read('posts/2026/10/24-webinar.md').replace('2026-10-24T18:00', '2026-10-31T18:00'));
    const head = commit('move the webinar a week later');
    assert.deepEqual(json(base, head), { ...EMPTY, rescheduled: [{ file: 'posts/2026/10/24-webinar.md', from: '2026-10-24T18:00:00+02:00', to: '2026-10-31T18:00:00+01:00' }] });
    const text = edcal(['diff', base, head]);
    assert.match(text.stdout, /^Calendar changes from [0-9a-f]{40} to [0-9a-f]{40}\n1 rescheduled$/m);
    assert.match(text.stdout, /posts\/2026\/10\/24-webinar\.md "Webinar": Sat, Oct 24, 2026 18:00 → Sat, Oct 31, 2026 18:00/);
  });

  it('follows a renamed file as the same post, and tells added and removed posts apart', () => {
    git('mv', 'posts/2026/10/26-launch.md', 'posts/2026/10/28-launch.md');
    put('posts/2026/10/28-launch.md', read('posts/2026/10/28-launch.md').replace('2026-10-26T09:30', '2026-10-28T09:30'));
    git('rm', '-q', 'posts/2026/10/27-tips.md');
    put('posts/2026/11/02-recap.md', post('Recap', '2026-11-02', 'What we shipped in October.'));
    commit('move the launch, drop the tips, add a recap');
    const d = json('main~1', 'main');
    assert.deepEqual(d.renamed, [{ file: 'posts/2026/10/28-launch.md', from: 'posts/2026/10/26-launch.md' }]);
    assert.deepEqual(d.rescheduled, [{ file: 'posts/2026/10/28-launch.md', from: '2026-10-26T09:30:00+01:00', to: '2026-10-28T09:30:00+01:00' }]);
    assert.deepEqual(d.removed, [{ file: 'posts/2026/10/27-tips.md', title: 'Tips', date: '2026-10-27T12:00:00+01:00' }]);
    assert.deepEqual(d.added, [{ file: 'posts/2026/11/02-recap.md', title: 'Recap', date: '2026-11-02' }], 'a day alone is a day');
    assert.deepEqual(d.text, [], 'the renamed post says the same');
  });

  it('sees what each network receives change, not a comment or a reformat', () => {
    const file = 'posts/2026/10/26-launch.md';
    put(file, read(file).replace('# à relire', '# relu par Léa').replace('title: Launch', 'title: "Launch"'));
    commit('reformat');
    assert.deepEqual(json('main~1', 'main'), EMPTY);
    put(file, read(file).replace('platforms: [x, bluesky]', 'platforms: [x, bluesky, mastodon]').replace('is here', 'is finally here'));
    put(file, read(file) + '\n:::x\nNova 2 is here on X.\n:::\n');
    const d = json('main'); // against the working tree, uncommitted
    assert.deepEqual(d.platforms, [{ file, added: ['mastodon'], removed: [] }]);
    assert.deepEqual(d.text, [{ file, platforms: ['x', 'bluesky'] }], 'mastodon is new: not a text change');
    const text = edcal(['diff', 'main']);
    assert.match(text.stdout, /^Calendar changes from main to the working tree$/m);
    assert.match(text.stdout, /\(Bluesky\): Nova 2 is {\+finally \+}here, with rituals that plan …$/m);
    assert.match(text.stdout, /\(X\): Nova 2 is here\[-,-\] \[-with-\]{\+on\+} \[-rituals that plan themselves-\]{\+X\+}\.\[- #Nova-\]$/m);
    const md = edcal(['diff', 'main', '--format', 'md']);
    assert.match(md.stdout, /^### Calendar changes from main to the working tree$/m);
    assert.match(md.stdout, /- `posts\/2026\/10\/26-launch\.md` \(Bluesky\): Nova 2 is \*\*finally\*\* here/);
    assert.match(md.stdout, /- `posts\/2026\/10\/26-launch\.md`: \+Mastodon/);
    assert.match(md.stdout, /<details><summary>The months changed<\/summary>\n\n## October 2026\n/);
  });

  it('counts approvals given, and approvals an edit made stale', () => {
    put('.editorial.yaml', 'timezone: Europe/Paris\nlocale: en\napprovals:\n  required: 1\n');
    commit('policy');
    const file = 'posts/2026/10/26-launch.md';
    const approve = edcal(['approve', file, '--now', '2026-10-20T10:00']);
    assert.equal(approve.status, 0, approve.stderr);
    assert.equal(git('log', '-1', '--format=%s'), 'approve: Launch');
    assert.deepEqual(json('main~1', 'main'), { ...EMPTY, approvals: [{ file, added: 1, stale: 0 }], status: [{ file, from: 'draft', to: 'approved' }] });
    put(file, read(file).replace('plan themselves', 'plan everything'));
    const d = json('main');
    assert.deepEqual(d.approvals, [{ file, added: 0, stale: 1 }]);
    assert.deepEqual(d.text, [{ file, platforms: ['x', 'bluesky'] }]);
    assert.match(edcal(['diff', 'main']).stdout, /posts\/2026\/10\/26-launch\.md: 1 gone stale/);
  });

  it('escapes hostile titles and text in Markdown', () => {
    const file = 'posts/2026/10/27-tips.md';
    put(file, read(file).replace('title: Tips', 'title: "<img src=x onerror=alert(1)> @everyone [x](javascript:alert(2)) </details>"').replace('Three tips', '::error::pwned <script>x</script> tips'));
    const md = edcal(['diff', 'main', '--format', 'md']).stdout;
    assert.doesNotMatch(md, /(?<!\\)<(img|script)|(?<!\\)\]\(javascript/);
    assert.equal(md.split('</details>').length, 2, 'only the comment\'s own </details>');
    assert.match(md, /\\<img src=x onerror=alert\(1\)\\>/);
    assert.match(md, /@\u2060everyone/);
  });

  it('reads revisions without checking them out, and says clearly what is wrong', () => {
    put('posts/2026/10/26-launch.md', read('posts/2026/10/26-launch.md').replace('2026-10-26', '2026-10-29'));
    const before = git('status', '--porcelain');
    assert.equal(json('main').rescheduled.length, 1);
    assert.equal(git('status', '--porcelain'), before, 'the working tree and index are untouched');
    assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), 'main');

    const unknown = edcal(['diff', 'no-such-branch']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /"no-such-branch" is not a commit, branch or tag of this repository/);
    const option = edcal(['diff', '--output=/tmp/x']);
    assert.equal(option.status, 2, 'an option-looking revision is refused, never passed to git');
    const none = edcal(['diff']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /edcal diff BASE \[HEAD\]/);
    const outside = mkdtempSync(join(tmpdir(), 'edcal-nogit-'));
    try {
      const r = edcal(['diff', 'main'], outside);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /is not in a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    const fr = edcal(['diff', 'main', '--lang', 'fr']);
    assert.match(fr.stdout, /^Changements du calendrier de main à l’arbre de travail\n1 reprogrammée\(s\)$/m);
    assert.match(fr.stdout, /jeu\. 29 oct\. 2026 09:30/);
  });

  it('compares a calendar in a sub-folder of the repository, with files from the root', () => {
    git('mv', 'posts', 'old-posts');
    mkdirSync(join(dir, 'site'));
    git('mv', '.editorial.yaml', 'site/.editorial.yaml');
    git('mv', 'old-posts', 'site/posts');
    commit('move the calendar into site/');
    put('site/posts/2026/10/27-tips.md', read('site/posts/2026/10/27-tips.md').replace('status: draft', 'status: review'));
    const r = edcal(['diff', 'HEAD', '--format', 'json'], join(dir, 'site'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as DiffJson).status, [{ file: 'site/posts/2026/10/27-tips.md', from: 'draft', to: 'review' }]);
  });
});
