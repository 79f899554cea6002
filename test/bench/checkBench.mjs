// npm run bench: `edcal check --format json` on generated calendars of 10,000 and 100,000 posts,
// against the naive baseline (test/bench/baseline.mjs: read every file + gray-matter).
//
// What is measured, and why figures once differed: every run is a fresh process ("cold": no
// --cache), on a warm OS file cache (one untimed baseline run reads every file first; a cold disk
// would time the disk, not the work). The check and the baseline are timed in turn, run after run,
// and the ratio is of their medians: on machines shared with others, timing one command's runs and
// then the other's measures the neighbours' load as much as the commands. One process (no
// EDCAL_JOBS). Output goes to a file, as a CI job would redirect it, not into this process's memory.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCalendar } from './generateCalendar.mjs';
import { median } from './timing.mjs';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '../..');
const sizes = (process.env.BENCH_POSTS ?? '10000,100000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const cli = join(root, 'dist/cli.js');
const check = ['check', '--format', 'json', '--now', '2026-11-23T08:00Z'];

const tmp = mkdtempSync(join(tmpdir(), 'edcal-bench-'));
const rssFile = join(tmp, 'rss');
const outFile = join(tmp, 'out');

/** Runs node with `args` in `cwd`: wall time (ms), peak memory (MB), a hash of what it printed. */
function run(cwd, args) {
  const out = openSync(outFile, 'w');
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--require', join(here, 'peakRss.cjs'), ...args], { cwd, stdio: ['ignore', out, 'pipe'], env: { ...process.env, EDCAL_JOBS: '', EDCAL_BENCH_RSS: rssFile } });
  const ms = performance.now() - start;
  closeSync(out);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, mb: Number(readFileSync(rssFile, 'utf8')) / 1024, hash: hashOf(outFile) };
}

/** A file's SHA-256, read a megabyte at a time (the 100,000-post report is 160 MB). */
function hashOf(file) {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
const fixed = (n, d = 0) => n.toFixed(d);

const results = new Map();
try {
  for (const count of sizes) {
    const dir = join(tmp, String(count));
    let t = performance.now();
    generateCalendar(dir, count);
    console.log(`${count} posts generated in ${fixed((performance.now() - t) / 1000, 1)} s`);
    const baseline = [join(here, 'baseline.mjs'), dir];
    run(dir, baseline); // warms the OS file cache
    const n = count >= 100_000 ? Math.max(1, Math.ceil(runs / 2)) : runs;
    const cold = [];
    const warm = [];
    const base = [];
    let coldHash;
    let cacheSame = true;
    rmSync(join(dir, '.edcal-cache'), { recursive: true, force: true });
    run(dir, [cli, ...check, '--cache']); // fills the cache
    for (let i = 0; i < n; i++) {
      const c = run(dir, [cli, ...check]);
      coldHash ??= c.hash;
      cold.push(c);
      base.push(run(dir, baseline));
      const w = run(dir, [cli, ...check, '--cache']);
      cacheSame &&= w.hash === coldHash && c.hash === coldHash;
      warm.push(w);
    }
    const r = { count, cold: median(cold.map((c) => c.ms)), mb: median(cold.map((c) => c.mb)), base: median(base.map((b) => b.ms)), warm: median(warm.map((w) => w.ms)), warmMb: median(warm.map((w) => w.mb)), cacheSame, n };
    results.set(count, r);
    console.log(`  edcal check --format json (cold): ${fixed(r.cold)} ms, ${fixed((r.cold * 1000) / count)} µs per post, peak ${fixed(r.mb)} MB (median of ${n})`);
    console.log(`  baseline read + gray-matter:      ${fixed(r.base)} ms`);
    console.log(`  edcal check --cache, nothing changed: ${fixed(r.warm)} ms, peak ${fixed(r.warmMb)} MB; output identical to the cold run's: ${cacheSame ? 'yes' : 'NO'}`);
    console.log(`  cold / baseline: ${fixed(r.cold / r.base, 2)}; warm cache / baseline: ${fixed(r.warm / r.base, 2)}`);
    rmSync(dir, { recursive: true, force: true });
  }
  const small = results.get(10_000);
  const large = results.get(100_000);
  console.log('targets:');
  if (small) console.log(`  cold check / baseline at 10,000 posts: ${fixed(small.cold / small.base, 2)} (target <= 2.00)`);
  if (small && large) console.log(`  100,000 posts / 10,000 posts (cold check): ${fixed(large.cold / small.cold, 2)} (target <= 10.50)`);
  if (large) console.log(`  peak memory at 100,000 posts: ${fixed(large.mb)} MB (target <= 300)`);
  if (small) console.log(`  warm --cache / baseline at 10,000 posts: ${fixed(small.warm / small.base, 2)} (target <= 0.80), output identical: ${small.cacheSame ? 'yes' : 'NO'}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
