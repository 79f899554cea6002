import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { drawWinners, entrantKey } from '../../src/core/contest/draw';

const CLI = join(__dirname, '../../dist/cli.js');
const POST = '---\ntitle: Concours de Noël\ndate: 2026-12-01T09:30\nplatforms: [mastodon, bluesky]\nstatus: published\ncontest: # jeu concours\n  ends: 2026-12-15T18:00\n  prize: Un an de Nova\n  rules: https://nova.app/concours\n  entry: repost\n  winners: 2\n---\nGagnez un an de Nova 🎁\n';
const ENTRANTS = 'network,handle,person\nmastodon,@lea@mastodon.social,lea@example.org\nbluesky,lea.bsky.social,lea@example.org\nbluesky,karim.bsky.social,\nmastodon,@Camille@piaille.fr,\nbluesky,nova.bsky.social,\nbluesky,Karim.bsky.social,\nmastodon,@theo@mastodon.social,\n';

describe('edcal contest draw, in a git repository', () => {
  let dir: string;
  const git = (args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Léa', GIT_AUTHOR_EMAIL: 'lea@nova.example', GIT_COMMITTER_NAME: 'Léa', GIT_COMMITTER_EMAIL: 'lea@nova.example' } });
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const edcal = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C', HOME: dir } });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-contest-'));
    git(['init', '-q']);
    git(['config', 'user.name', 'Léa']);
    git(['config', 'user.email', 'lea@nova.example']);
    put('.editorial.yaml', 'timezone: Europe/Paris\nplatforms:\n  bluesky: { account: { handle: "@nova.bsky.social" } }\n');
    put('posts/noel.md', POST);
    put('entrants.csv', ENTRANTS);
    git(['add', '.']);
    git(['commit', '-q', '-m', 'calendar']);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('draws once entries closed, records what anyone needs to draw again, and commits the post alone', () => {
    const early = edcal(['contest', 'draw', 'posts/noel.md', '--entrants', 'entrants.csv', '--seed', 'noel-2026', '--now', '2026-12-15T17:59', '--lang', 'en']);
    assert.equal(early.status, 1);
    assert.match(early.stderr, /The contest of posts\/noel\.md is not over \(it ends 2026-12-15T18:00\)/);
    assert.equal(readFileSync(join(dir, 'posts/noel.md'), 'utf8'), POST);

    const r = edcal(['contest', 'draw', 'posts/noel.md', '--entrants', 'entrants.csv', '--seed', 'noel-2026', '--now', '2026-12-16T10:00', '--lang', 'en']);
    assert.equal(r.status, 0, r.stderr);
    // The same draw, made here from the list as the README describes it.
    const expected = drawWinners(
      [
        { network: 'mastodon', handle: '@lea@mastodon.social', person: 'lea@example.org' },
        { network: 'bluesky', handle: 'lea.bsky.social', person: 'lea@example.org' },
        { network: 'bluesky', handle: 'karim.bsky.social' },
        { network: 'mastodon', handle: '@Camille@piaille.fr' },
        { network: 'bluesky', handle: 'nova.bsky.social' },
        { network: 'bluesky', handle: 'Karim.bsky.social' },
        { network: 'mastodon', handle: '@theo@mastodon.social' },
      ],
      { seed: 'noel-2026', winners: 2, exclude: ['@nova.bsky.social'] },
    );
    assert.equal(expected.entrants, 4, 'Léa once, Karim once, the brand never');
    assert.match(r.stdout, new RegExp(`^posts/noel\\.md: 2 winner\\(s\\) drawn among 4 entrant\\(s\\), seed noel-2026 \\(list ${expected.listHash}\\):\\n  1\\. `));
    const text = readFileSync(join(dir, 'posts/noel.md'), 'utf8');
    assert.ok(text.startsWith(POST.split('---\nGagnez')[0]!.replace(/---\n$/, '')), 'every byte before the new lines kept');
    assert.match(text, /^contest: # jeu concours$/m);
    const draw = (parse(text.split('---\n')[1]!) as { contest: { draw: { seed: string; entrants: number; listHash: string; at: string; winners: string[] } } }).contest.draw;
    assert.deepEqual(draw, { seed: 'noel-2026', entrants: 4, listHash: expected.listHash, at: '2026-12-16T09:00:00.000Z', winners: expected.winners.map((w) => `${w.network}:${w.handle}`) });
    assert.ok(!expected.winners.some((w) => entrantKey(w) === 'bluesky:nova.bsky.social'));
    assert.equal(git(['log', '-1', '--format=%s']).stdout.trim(), 'contest draw: Concours de Noël');
    assert.deepEqual(git(['show', '--name-only', '--format=', 'HEAD']).stdout.trim().split('\n'), ['posts/noel.md']);
    assert.equal(edcal(['check', '--format', 'json', '--now', '2026-12-16T10:00']).stdout.includes('frontmatter.'), false, 'the recorded draw reads back with no finding');

    // A draw is made once.
    const again = edcal(['contest', 'draw', 'posts/noel.md', '--entrants', 'entrants.csv', '--now', '2026-12-16T11:00', '--lang', 'en']);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /was drawn already \(seed noel-2026\)/);
  });

  it('records a seed that YAML would read as a number as text, so that the draw can be made again; --no-commit commits nothing', () => {
    const r = edcal(['contest', 'draw', 'posts/noel.md', '--entrants', 'entrants.csv', '--seed', '0012', '--no-commit', '--now', '2026-12-16T10:00']);
    assert.equal(r.status, 0, r.stderr);
    const draw = (parse(readFileSync(join(dir, 'posts/noel.md'), 'utf8').split('---\n')[1]!) as { contest: { draw: { seed: unknown } } }).contest.draw;
    assert.equal(draw.seed, '0012');
    assert.equal(git(['log', '-1', '--format=%s']).stdout.trim(), 'calendar');
    assert.match(git(['status', '--porcelain']).stdout, /^ M posts\/noel\.md$/m);
  });

  it('says what is wrong with the entrants list, the post or the arguments', () => {
    put('bad.csv', 'name,score\nLéa,3\n');
    const noHandle = edcal(['contest', 'draw', 'posts/noel.md', '--entrants', 'bad.csv', '--lang', 'en']);
    assert.equal(noHandle.status, 2);
    assert.match(noHandle.stderr, /bad\.csv has no handle column \(the entrant's account\), among: name, score\./);
    put('worse.csv', 'network,handle\nmyspace,tom\n');
    assert.match(edcal(['contest', 'draw', 'posts/noel.md', '--entrants', 'worse.csv', '--lang', 'en']).stderr, /worse\.csv:2 network must be one of x, bluesky/);
    put('posts/plain.md', '---\ndate: 2026-12-01T09:30\nplatforms: [x]\nstatus: draft\n---\nRien\n');
    const none = edcal(['contest', 'draw', 'posts/plain.md', '--entrants', 'entrants.csv', '--lang', 'en']);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /posts\/plain\.md has no contest/);
    assert.equal(edcal(['contest', 'draw', 'posts/noel.md']).status, 2);
  });
});
