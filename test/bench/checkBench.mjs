// npm run bench: times `edcal check --format json` on a generated 10,000-post calendar against a
// naive baseline (read every file + gray-matter), both cold (fresh processes, no cache).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCalendar } from './generateCalendar.mjs';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '../..');
const count = Number(process.env.BENCH_POSTS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);

const dir = mkdtempSync(join(tmpdir(), 'edcal-bench-'));
try {
  let t = performance.now();
  generateCalendar(dir, count);
  console.log(`generated ${count} posts in ${((performance.now() - t) / 1000).toFixed(1)} s (${dir})`);

  const time = (args, env = {}) => {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
    const ms = performance.now() - start;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    return { ms, stdout: r.stdout };
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  // Warm the OS file cache once for both, so the comparison is of work, not of disk.
  time([join(here, 'baseline.mjs'), dir]);
  const cli = [join(root, 'dist/cli.js'), 'check', '--format', 'json', '--now', '2026-11-23T08:00Z'];
  const check = [];
  const single = [];
  const base = [];
  let summary;
  for (let i = 0; i < runs; i++) {
    const c = time(cli);
    summary = JSON.parse(c.stdout).summary;
    check.push(c.ms);
    single.push(time(cli, { EDCAL_JOBS: '2' }).ms);
    base.push(time([join(here, 'baseline.mjs'), dir]).ms);
  }
  const c = median(check);
  const s = median(single);
  const b = median(base);
  console.log(`edcal check --format json: ${c.toFixed(0)} ms (median of ${runs}; ${summary.files} files, ${summary.errors} errors, ${summary.warnings} warnings)`);
  console.log(`  per post: ${((c * 1000) / count).toFixed(0)} µs; on two processes (EDCAL_JOBS=2): ${s.toFixed(0)} ms`);
  console.log(`baseline read + gray-matter: ${b.toFixed(0)} ms (median of ${runs})`);
  console.log(`ratio check / baseline: ${(c / b).toFixed(2)} (target <= 1.00)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
