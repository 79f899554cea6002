// npm run bench: `edcal diff` on the generated 10,000-post calendar in a git repository, as a
// ratio to `edcal check` on the same calendar (target: under 2×): a branch that reschedules,
// edits and renames 1% of the posts each, compared revision to revision and with the working tree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCalendar } from './generateCalendar.mjs';
import { median, timeCli } from './timing.mjs';

const here = new URL('.', import.meta.url).pathname;
const cli = join(here, '../../dist/cli.js');
const count = Number(process.env.BENCH_POSTS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);

const dir = mkdtempSync(join(tmpdir(), 'edcal-bench-diff-'));
const git = (...args) => {
  const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
};
try {
  generateCalendar(dir, count);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'calendar');
  git('checkout', '-q', '-b', 'pending');
  const files = spawnSync('git', ['ls-files', '*.md'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.trim().split('\n');
  const step = Math.floor(files.length / (count / 100));
  files.forEach((file, i) => {
    if (i % step !== 0) return;
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    if (i % (3 * step) === 0) writeFileSync(path, text.replace(/^date: (\d{4}-\d{2}-)(\d{2})/m, (_, ym, d) => `date: ${ym}${d === '01' ? '02' : '01'}`));
    else if (i % (3 * step) === step) writeFileSync(path, text.trimEnd() + ' Encore !\n');
    else renameSync(path, path.replace(/\.md$/, '-renamed.md'));
  });
  git('add', '-A');
  git('commit', '-q', '-m', 'pending changes');

  const time = (args) => timeCli(cli, dir, args);
  const now = ['--now', '2026-11-23T08:00Z'];
  time(['check', '--format', 'json', ...now]); // warm the file cache
  const check = [];
  const revisions = [];
  const worktree = [];
  let summary;
  for (let i = 0; i < runs; i++) {
    check.push(time(['check', '--format', 'json', ...now]).ms);
    const r = time(['diff', 'main', 'pending', '--format', 'json', ...now]);
    revisions.push(r.ms);
    summary = JSON.parse(r.stdout);
    worktree.push(time(['diff', 'main', '--format', 'json', ...now]).ms);
  }
  const c = median(check);
  const r = median(revisions);
  const w = median(worktree);
  console.log(`edcal diff main pending on ${count} posts: ${r.toFixed(0)} ms (median of ${runs}; ${summary.rescheduled.length} rescheduled, ${summary.text.length} with new text, ${summary.renamed.length} renamed)`);
  console.log(`edcal diff main (working tree): ${w.toFixed(0)} ms; edcal check: ${c.toFixed(0)} ms`);
  console.log(`ratio diff / check: ${(r / c).toFixed(2)} between revisions, ${(w / c).toFixed(2)} with the working tree (target < 2.00)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
