import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { drawWinners, entrantKey } from '../../src/core/contest/draw';
import { AppViewStandin } from '../peers/standins/appview';
import { MastodonStandin } from '../peers/standins/mastodon';
import { XStandin } from '../peers/standins/x';
import { writeFileIn } from './writeFileIn';

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
    assert.equal(edcal(['contest', 'draw']).status, 2);
    const nothing = edcal(['contest', 'draw', 'posts/noel.md', '--now', '2026-12-16T10:00', '--lang', 'en']);
    assert.equal(nothing.status, 1, 'no CSV, and nothing published to read entrants from');
    assert.match(nothing.stderr, /posts\/noel\.md records no published part on Mastodon, Bluesky or X \(results\.<network>\) to read entrants from: give them with --entrants FILE\.csv\./);
  });
});

describe('edcal contest draw, reading the entrants from the networks (stand-ins on 127.0.0.1)', () => {
  const NOW = '2026-12-16T10:00';
  const now = () => Date.parse('2026-12-16T09:00:00Z');
  let dir: string;
  let masto: MastodonStandin;
  let appview: AppViewStandin;
  let x: XStandin;
  let post: string;
  const git = (args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  // Asynchronous: the stand-ins answer from this process while the CLI runs.
  const edcal = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const env = { PATH: process.env['PATH'] ?? '', LANG: 'C', HOME: dir, EDCAL_MASTODON_ACCESS_TOKEN: masto.token, EDCAL_X_ACCESS_TOKEN: x.token };
      const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-contest-networks-'));
    masto = await MastodonStandin.start();
    appview = await AppViewStandin.start();
    // X's recent search reaches 7 days back from its own clock: the draw's.
    x = await XStandin.start({ now });
    const status = await fetch(`${masto.url}/api/v1/statuses`, { method: 'POST', headers: { authorization: `Bearer ${masto.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'Gagnez un an de Nova 🎁' }) });
    const m = ((await status.json()) as { id: string }).id;
    const tweet = await fetch(`${x.url}/2/tweets`, { method: 'POST', headers: { authorization: `Bearer ${x.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Gagnez un an de Nova 🎁' }) });
    const t = ((await tweet.json()) as { data: { id: string } }).data.id;
    const uri = appview.post({ did: 'did:plc:nova', handle: 'nova.bsky.social' }, 'Gagnez un an de Nova 🎁', { at: Date.parse('2026-12-10T08:30:00Z') });
    const result = (network: string, id: string) => `  ${network}:\n    state: published\n    at: 2026-12-10T08:30:02Z\n    parts: [{ id: "${id}" }]\n`;
    post = `---\ntitle: Concours de Noël\ndate: 2026-12-10T09:30\nplatforms: [mastodon, bluesky, x, linkedin]\nstatus: published\ncontest:\n  ends: 2026-12-15T18:00\n  rules: https://nova.app/concours\n  entry: repost\n  winners: 2\nresults:\n${result('mastodon', m)}${result('bluesky', uri)}${result('x', t)}${result('linkedin', 'urn:li:share:1')}---\nGagnez un an de Nova 🎁\n`;
    for (let i = 0; i < 85; i++) masto.reblog(m, { username: `fan${i}`, domain: 'piaille.fr' });
    masto.reblog(m, { username: 'nova' });
    appview.repost(uri, { did: 'did:plc:lea', handle: 'lea.bsky.social' });
    x.retweet(t, { id: '42', username: 'sam' });
    writeFileIn(dir, '.editorial.yaml', `timezone: Europe/Paris\nplatforms:\n  mastodon: { instance: "${masto.url}" }\n  bluesky: { appview: "${appview.url}" }\n  x: { service: "${x.url}" }\n`);
    writeFileIn(dir, 'posts/noel.md', post);
    writeFileIn(dir, 'linkedin.csv', 'network,handle,person\nlinkedin,camille-r,camille@example.org\nbluesky,lea.bsky.social,lea@example.org\n');
    for (const args of [['init', '-q'], ['config', 'user.name', 'Léa'], ['config', 'user.email', 'lea@nova.example'], ['add', '.'], ['commit', '-q', '-m', 'calendar']]) git(args);
  });
  afterEach(async () => {
    await Promise.all([masto.close(), appview.close(), x.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every network’s entrants, adds the CSV’s, says how many came from each, and records the draw', async () => {
    const r = await edcal(['contest', 'draw', 'posts/noel.md', '--entrants', 'linkedin.csv', '--seed', 'noel-2026', '--now', NOW, '--lang', 'en']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'Mastodon: 80 entrant(s) read…\nMastodon: 86 entrant(s) read…\nBluesky: 1 entrant(s) read…\nX: 1 entrant(s) read…\n');
    const lines = r.stdout.trim().split('\n');
    // 85 fans, Léa (once, though on Bluesky and in the CSV), Sam, Camille; the brand's own boost never.
    assert.match(lines[0]!, /^posts\/noel\.md: 2 winner\(s\) drawn among 88 entrant\(s\), seed noel-2026 \(list sha256-[0-9a-f]{64}\):$/);
    assert.deepEqual(lines.slice(3), [
      'Entries read: Mastodon 86, Bluesky 1, X 1, linkedin.csv 2 (each person once, the brand never).',
      'Mastodon, Bluesky, X: likes and reposts carry no time, so every one listed when the draw read them counted.',
    ]);
    const expected = drawWinners(
      [
        ...Array.from({ length: 85 }, (_, i) => ({ network: 'mastodon' as const, handle: `@fan${i}@piaille.fr` })),
        { network: 'bluesky', handle: 'lea.bsky.social', person: 'lea@example.org' },
        { network: 'x', handle: 'sam' },
        { network: 'linkedin', handle: 'camille-r', person: 'camille@example.org' },
      ],
      { seed: 'noel-2026', winners: 2 },
    );
    assert.deepEqual(lines.slice(1, 3), expected.winners.map((w, i) => `  ${i + 1}. ${w.handle} (${w.network})`));
    const draw = (parse(readFileSync(join(dir, 'posts/noel.md'), 'utf8').split('---\n')[1]!) as { contest: { draw: { entrants: number; listHash: string; winners: string[] } } }).contest.draw;
    assert.deepEqual([draw.entrants, draw.listHash, draw.winners], [88, expected.listHash, expected.winners.map((w) => `${w.network}:${w.handle}`)]);
    assert.equal(git(['log', '-1', '--format=%s']).stdout.trim(), 'contest draw: Concours de Noël');
    assert.ok(!expected.winners.some((w) => entrantKey(w) === 'mastodon:nova@mastodon.example'));
  });

  it('without the CSV, says which network it could not read entrants from', async () => {
    const r = await edcal(['contest', 'draw', 'posts/noel.md', '--seed', 's', '--now', NOW, '--lang', 'fr', '--no-commit']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Participations lues\u00a0: Mastodon 86, Bluesky 1, X 1 \(chaque personne une fois, la marque jamais\)\.$/m);
    assert.match(r.stdout, /^LinkedIn ne donne pas les participants d’une publication par son API\u00a0: le tirage n’en compte aucun de ce réseau, sauf ceux du CSV \(--entrants\)\.$/m);
  });

  it('refuses the draw when a network says to wait longer than it can, and writes and commits nothing', async () => {
    masto.failNext(/\/reblogged_by\?limit=80&max_id=/, { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '600' }, body: '{"error":"Too many requests"}' });
    const r = await edcal(['contest', 'draw', 'posts/noel.md', '--now', NOW, '--lang', 'en']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Mastodon: 80 entrant\(s\) read…\nposts\/noel\.md: Mastodon asked to wait until 2026-12-16T09:10:00\.000Z \(rate limit\), 80 entrant\(s\) read\. Nothing was drawn \(a draw is made from whole lists only\): run it again after 2026-12-16T09:10:00\.000Z\.\n$/);
    assert.equal(readFileSync(join(dir, 'posts/noel.md'), 'utf8'), post);
    assert.equal(git(['log', '-1', '--format=%s']).stdout.trim(), 'calendar');
    assert.equal(git(['status', '--porcelain']).stdout, '');
  });
});
