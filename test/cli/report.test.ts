import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileIn } from './writeFileIn';

const CLI = join(__dirname, '../../dist/cli.js');
const EXAMPLE = join(__dirname, '../../examples/calendar');

const edcal = (args: string[], cwd: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const git = (cwd: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Léa', GIT_AUTHOR_EMAIL: 'lea@nova.example', GIT_COMMITTER_NAME: 'Léa', GIT_COMMITTER_EMAIL: 'lea@nova.example', ...env } });
  assert.equal(r.status, 0, r.stderr);
};

describe('edcal report', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'edcal-report-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the example calendar’s November in its language, from its posts and metrics', () => {
    const r = edcal(['report', EXAMPLE, '--month', '2026-11', '--now', '2026-11-23T12:00+01:00'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Bilan — Novembre 2026$/m);
    assert.match(r.stdout, /^\| Instagram \| 4 \| 2 \| 3\/week \| 13 \| 4 \|/m);
    assert.match(r.stdout, /## À faire le mois prochain\n\n- X a reçu/);
    assert.match(r.stdout, /^- Instagram a reçu 2\u00a0posts quand son rythme \(3\/week\) en demande 13\u00a0: prévoyez environ 3 de plus par semaine\.$/m);
    assert.equal(r.stderr, '');
  });

  it('writes JSON as documented: the version, the period, and figures that add up', () => {
    const r = edcal(['report', EXAMPLE, '--month', '2026-11', '--now', '2026-11-23T12:00+01:00', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(report.period, { from: '2026-11-01', to: '2026-11-30', zone: 'Europe/Paris', days: 30 });
    const docs = readFileSync(join(__dirname, '../../docs/report.md'), 'utf8');
    for (const key of Object.keys(report)) assert.ok(docs.includes(`\`${key}\``), `docs/report.md documents ${key}`);
    const published = report.posts.flatMap((p: { networks: Array<{ state: string }> }) => p.networks.filter((n) => n.state === 'published')).length;
    assert.equal(report.onTime.published, published);
    assert.equal(report.networks.reduce((a: number, n: { published: number }) => a + n.published, 0), published);
  });

  it('writes a self-contained HTML page to --out, and says so', () => {
    const r = edcal(['report', EXAMPLE, '--month', '2026-11', '--now', '2026-11-23T12:00+01:00', '--format', 'html', '--out', 'out/report.html', '--lang', 'en'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Report for November 2026 written to out\/report.html/);
    const html = readFileSync(join(dir, 'out/report.html'), 'utf8');
    assert.match(html, /<html lang="en">/);
    assert.equal((html.match(/<svg role="img"/g) ?? []).length, 4);
  });

  it('takes lead times from git history, renames followed', () => {
    writeFileIn(dir, '.editorial.yaml', 'timezone: UTC\n');
    writeFileIn(dir, 'posts/a.md', '---\ntitle: A\ndate: 2026-11-10T09:00\nplatforms: [x]\nstatus: approved\n---\nHello\n');
    git(dir, ['init', '-q']);
    git(dir, ['add', '.']);
    git(dir, ['commit', '-qm', 'a'], { GIT_AUTHOR_DATE: '2026-11-05T09:00:00Z', GIT_COMMITTER_DATE: '2026-11-05T09:00:00Z' });
    git(dir, ['mv', 'posts/a.md', 'posts/2026-11-10-a.md']);
    writeFileIn(dir, 'posts/2026-11-10-a.md', '---\ntitle: A\ndate: 2026-11-10T09:00\nplatforms: [x]\nstatus: published\nresults:\n  x: { state: published, id: "1", at: 2026-11-10T09:00:05Z }\n---\nHello\n');
    git(dir, ['commit', '-qam', 'published'], { GIT_AUTHOR_DATE: '2026-11-10T09:01:00Z', GIT_COMMITTER_DATE: '2026-11-10T09:01:00Z' });
    const r = edcal(['report', '--month', '2026-11', '--now', '2026-12-01T00:00Z', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const { workflow } = JSON.parse(r.stdout);
    assert.deepEqual(workflow.leadTime, { posts: 1, medianHours: 120, maxHours: 120 });
  });

  it('skips a metrics line it cannot read, and says where', () => {
    writeFileIn(dir, '.editorial.yaml', 'timezone: UTC\n');
    writeFileIn(dir, 'posts/a.md', '---\ntitle: A\ndate: 2026-11-10T09:00\nplatforms: [x]\nstatus: published\nresults:\n  x: { state: published, id: "1", at: 2026-11-10T09:00:05Z }\n---\nHello\n');
    writeFileIn(dir, 'metrics/2026-11.jsonl', '{"at":"2026-11-11T00:00:00Z","file":"posts/a.md","network":"x","part":1,"id":"1","counts":{"likes":7}}\n{"at":"2026-11-12T00:00:00Z","file":"posts/a.md","netw\n');
    const r = edcal(['report', '--month', '2026-11', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /metrics\/2026-11.jsonl:2: skipped, not JSON/);
    assert.equal(JSON.parse(r.stdout).posts[0].interactions, 7);
  });

  it('refuses a period it cannot read, in words', () => {
    writeFileIn(dir, '.editorial.yaml', 'timezone: UTC\n');
    assert.match(edcal(['report', '--month', '2026-13'], dir).stderr, /Expected a month such as 2026-11 for --month, got "2026-13"/);
    assert.match(edcal(['report', '--from', '2026-11-01'], dir).stderr, /Give --month, or --from and --to together/);
    assert.match(edcal(['report', '--from', '2026-11-10', '--to', '2026-11-01'], dir).stderr, /--from 2026-11-10 comes after --to 2026-11-01/);
    assert.equal(edcal(['report', '--format', 'pdf'], dir).code, 2);
  });

  it('reports the month before today by default', () => {
    writeFileIn(dir, '.editorial.yaml', 'timezone: UTC\n');
    const r = edcal(['report', '--now', '2027-01-03T10:00Z', '--format', 'json'], dir);
    assert.deepEqual(JSON.parse(r.stdout).period, { from: '2026-12-01', to: '2026-12-31', zone: 'UTC', days: 31 });
  });
});
