import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileIn } from './writeFileIn';

const CLI = join(__dirname, '../../dist/cli.js');

function edcal(args: string[], cwd: string, lang = 'C') {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: lang } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The content lines of a feed, unfolded, after checking its CRLF ends and 75-octet lines. */
function lines(ics: string): string[] {
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  const physical = ics.slice(0, -2).split('\r\n');
  for (const l of physical) assert.ok(!/[\r\n]/.test(l) && Buffer.byteLength(l) <= 75, l);
  const out: string[] = [];
  for (const l of physical) {
    if (l.startsWith(' ')) out[out.length - 1] += l.slice(1);
    else out.push(l);
  }
  return out;
}
const values = (ics: string, name: string) => lines(ics).filter((l) => l.startsWith(name + ':') || l.startsWith(name + ';'));

describe('edcal ical', () => {
  let dir: string;
  const write = (path: string, text: string) => writeFileIn(dir, path, text);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-ical-'));
    write('.editorial.yaml', 'timezone: Europe/Paris\n');
    write('posts/launch.md', '---\ntitle: Lancement, enfin\ndate: 2027-03-30T09:30\nplatforms: [bluesky, mastodon]\nstatus: approved\ncampaign: nova\n---\nNova 2 est là\u00a0! 🚀\n\nLa suite.\n');
    write('posts/winter.md', '---\ndate: 2027-01-12T09:30\nplatforms: [x]\nstatus: draft\n---\nHiver\n');
    write('posts/day.md', '---\ndate: 2027-02-01\nplatforms: [linkedin]\nstatus: idea\n---\nUn jour\n');
    write('posts/someday.md', '---\nstatus: idea\n---\nSans date\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the feed on stdout: one event per dated post, in the calendar’s zone', () => {
    const r = edcal(['ical', '--now', '2027-01-01T00:00Z'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.deepEqual(values(r.stdout, 'UID'), ['UID:posts/winter.md@edcal', 'UID:posts/day.md@edcal', 'UID:posts/launch.md@edcal']);
    assert.deepEqual(values(r.stdout, 'DTSTART').filter((l) => !l.includes('TZID') && !l.includes('VALUE')).length, 3, 'the VTIMEZONE’s observances for 2027');
    assert.deepEqual(lines(r.stdout).filter((l) => l.startsWith('DTSTART;')), ['DTSTART;TZID=Europe/Paris:20270112T093000', 'DTSTART;VALUE=DATE:20270201', 'DTSTART;TZID=Europe/Paris:20270330T093000']);
    assert.ok(values(r.stdout, 'DTSTAMP').every((l) => l === 'DTSTAMP:20270101T000000Z'));
    assert.deepEqual(values(r.stdout, 'SUMMARY'), ['SUMMARY:winter', 'SUMMARY:day', 'SUMMARY:Lancement\\, enfin']);
    assert.ok(lines(r.stdout).includes('DESCRIPTION:Status: approved\\nNetworks: Bluesky\\, Mastodon\\n\\nNova 2 est là\u00a0! 🚀'));
    assert.deepEqual(values(r.stdout, 'STATUS'), ['STATUS:TENTATIVE', 'STATUS:TENTATIVE', 'STATUS:CONFIRMED']);
  });

  it('writes the feed to --out, the same as stdout, and says how many events', () => {
    const out = edcal(['ical', '--out', 'feed.ics', '--now', '2027-01-01T00:00Z'], dir);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, '3 event(s) written to feed.ics.\n');
    assert.equal(readFileSync(join(dir, 'feed.ics'), 'utf8'), edcal(['ical', '--now', '2027-01-01T00:00Z'], dir).stdout);
    const nowhere = edcal(['ical', '--out', 'missing/feed.ics'], dir);
    assert.equal(nowhere.code, 1);
    assert.equal(nowhere.stderr, 'Cannot write missing/feed.ics (ENOENT).\n');
  });

  it('makes one event per network with --per-network, in UTC with --utc, between --from and --to', () => {
    const r = edcal(['ical', '--per-network', '--utc', '--from', '2027-02-01', '--to', '2027-03-30'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(values(r.stdout, 'UID'), ['UID:posts/day.md#linkedin@edcal', 'UID:posts/launch.md#bluesky@edcal', 'UID:posts/launch.md#mastodon@edcal']);
    assert.deepEqual(values(r.stdout, 'DTSTART'), ['DTSTART;VALUE=DATE:20270201', 'DTSTART:20270330T073000Z', 'DTSTART:20270330T073000Z']);
    assert.ok(!r.stdout.includes('BEGIN:VTIMEZONE'));
    const before = edcal(['ical', '--to', '2027-01-12T09:00'], dir);
    assert.deepEqual(values(before.stdout, 'UID'), []);
  });

  it('keeps a post’s UID when it is rescheduled', () => {
    const uid = () => values(edcal(['ical', 'posts/winter.md'], dir).stdout, 'UID');
    const first = uid();
    write('posts/winter.md', '---\ndate: 2027-06-15T18:00\nplatforms: [x]\nstatus: scheduled\n---\nHiver, plus tard\n');
    assert.deepEqual(uid(), first);
    assert.deepEqual(first, ['UID:posts/winter.md@edcal']);
  });

  it('exits 2 on a usage error, in the user’s language', () => {
    const bad = edcal(['ical', '--from', 'tomorrow'], dir);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /--from takes a date such as 2026-12-01 or 2026-12-01T09:30, not "tomorrow"/);
    const fr = edcal(['ical', '--to', 'demain'], dir, 'fr_FR.UTF-8');
    assert.equal(fr.code, 2);
    assert.match(fr.stderr, /--to attend une date comme 2026-12-01 ou 2026-12-01T09:30, pas «\u00a0demain\u00a0»/);
    assert.equal(edcal(['ical', '--out'], dir).code, 2);
    assert.equal(edcal(['ical', '--bogus'], dir).code, 2);
    assert.equal(edcal(['ical', 'nowhere'], dir).code, 2);
  });

  it('shows its help in English and French', () => {
    const en = edcal(['ical', '--help'], dir);
    assert.equal(en.code, 0);
    assert.match(en.stdout, /^Usage: edcal ical \[PATH\.\.\.\] \[options\]/);
    assert.match(edcal(['ical', '--help', '--lang', 'fr'], dir).stdout, /^Usage\u00a0: edcal ical \[CHEMIN\.\.\.\]/);
    assert.match(edcal(['--help'], dir).stdout, /ical \[PATH\.\.\.\]/);
  });
});
