import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEdgeCalendar } from './outputFixtures';

// Speed-ups must not change a byte of `edcal check`'s output. The golden files and hashes below
// were written by the code of revision a91b9ff, before any of them: the example calendar, a
// calendar of awkward files, and a generated calendar of 2,000 posts (by hash: 3 MB of JSON).
const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const GOLDEN = join(__dirname, 'golden');
const NOW = '2026-11-23T08:00:00Z';

function edcal(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args, '--now', NOW], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'edcal-identity-'));
  temps.push(dir);
  return dir;
};

describe('edcal check output stays byte-identical', () => {
  for (const [golden, args] of [
    ['example.text', ['examples/calendar']],
    ['example.en.text', ['examples/calendar', '--lang', 'en']],
    ['example.json', ['examples/calendar', '--format', 'json']],
    ['example.github', ['examples/calendar', '--format', 'github']],
  ] as const) {
    it(`the example calendar: ${golden}`, () => {
      const r = edcal([...args], ROOT);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, readFileSync(join(GOLDEN, golden), 'utf8'));
    });
  }

  describe('a calendar of awkward files', () => {
    let dir: string;
    before(() => writeEdgeCalendar((dir = tempDir())));
    for (const [golden, args] of [
      ['edge.text', []],
      ['edge.json', ['.', 'nested', 'posts/linked/linked.md', '--format', 'json']],
      ['edge.github', ['--format', 'github', '--lang', 'fr']],
    ] as const) {
      it(golden, () => {
        const r = edcal([...args], dir);
        assert.equal(r.code, 1, r.stderr);
        assert.equal(r.stdout, readFileSync(join(GOLDEN, golden), 'utf8'));
      });
    }
  });

  describe('a generated calendar of 2,000 posts', () => {
    let dir: string;
    before(async () => {
      const bench: string = join(ROOT, 'test/bench/generateCalendar.mjs');
      const { generateCalendar } = (await import(bench)) as { generateCalendar: (dir: string, count: number) => void };
      generateCalendar((dir = tempDir()), 2000);
    });
    for (const [hash, args] of [
      ['3588c217374fb23f4fb2d37bf0d2c8aa3c88d1ad40cfaa25a9c842dd987cf850', []],
      ['e41bcec09f8f42d2f1e910f89a7555f3e014b547b9662d071bade5c854ae6170', ['--lang', 'en']],
      ['ef437f03118a15877b8e310e07e34dfd4e32ed35323844ed82ad2b2c6a2b3114', ['--format', 'json']],
      ['8589aab2119c33f447c981fb05394af0691cc09c81c84fe4e31e7fd944f470bc', ['--format', 'github']],
    ] as const) {
      it(`check ${args.join(' ')}`, () => {
        const r = edcal([...args], dir);
        assert.equal(r.code, 1, r.stderr);
        assert.equal(sha256(r.stdout), hash);
      });
    }
  });
});
