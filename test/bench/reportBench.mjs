// npm run bench: `edcal report` for a year of a 10,000-post calendar with 40,000 metric
// snapshots, against `edcal check` on the same calendar (target: report ≤ 2× check). The calendar
// is a git repository committed month by month, so that lead times are read from a real history.
// Both commands are timed in turn, run after run, and the ratio is of their medians (see checkBench.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCalendar } from './generateCalendar.mjs';
import { median, timeCli } from './timing.mjs';

const here = new URL('.', import.meta.url).pathname;
const cli = join(here, '../../dist/cli.js');
const posts = Number(process.env.BENCH_POSTS_REPORT ?? 10_000);
const snapshotsWanted = Number(process.env.BENCH_SNAPSHOTS ?? 40_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'edcal-report-bench-'));
const git = (...args) => {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@nova.example', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@nova.example' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
};

try {
  let t = performance.now();
  const published = generateCalendar(dir, posts, { results: true });
  // Readings: each publication read a few times after it went out, until 40,000 lines.
  const lines = new Map();
  let written = 0;
  for (let round = 0; written < snapshotsWanted; round++) {
    for (const p of published) {
      if (written >= snapshotsWanted) break;
      const at = new Date(Date.parse(`${p.date}:00+01:00`) + (round + 1) * 86_400_000).toISOString();
      const month = at.slice(0, 7);
      const counts = { views: 900 + round * 40, likes: 20 + round * 3 + (written % 17), reposts: 2 + (written % 5), replies: written % 7 };
      lines.set(month, (lines.get(month) ?? '') + JSON.stringify({ at, file: p.file, network: p.network, part: 1, id: p.id, counts }) + '\n');
      written++;
    }
  }
  const networks = [...new Set(published.map((p) => p.network))];
  mkdirSync(join(dir, 'metrics'), { recursive: true });
  for (const [month, text] of lines) {
    const accounts = networks.map((network, i) => JSON.stringify({ at: `${month}-01T06:00:00.000Z`, network, account: `nova-${network}`, followers: 2000 + i * 300 }) + '\n').join('');
    writeFileSync(join(dir, 'metrics', `${month}.jsonl`), accounts + text);
  }
  // A history: the settings first, then each month's posts in a commit of their own.
  git('init', '-q');
  git('add', '.editorial.yaml', 'media', 'metrics');
  git('commit', '-qm', 'calendar');
  for (const year of readdirSync(join(dir, 'posts')).sort()) {
    for (const month of readdirSync(join(dir, 'posts', year)).sort()) {
      git('add', join('posts', year, month));
      git('commit', '-qm', `posts of ${year}-${month}`);
    }
  }
  console.log(`report bench: ${posts} posts (${published.length} publications), ${written} snapshots, a git history, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const check = ['check', '--format', 'json', '--now', '2027-06-01T08:00Z'];
  const report = ['report', '--from', '2027-01-01', '--to', '2027-12-31', '--format', 'json', '--now', '2028-01-05T08:00Z'];
  timeCli(cli, dir, check); // warms the OS file cache
  const times = { check: [], report: [] };
  let json;
  for (let i = 0; i < runs; i++) {
    times.check.push(timeCli(cli, dir, check).ms);
    const r = timeCli(cli, dir, report);
    times.report.push(r.ms);
    json = r.stdout;
  }
  const parsed = JSON.parse(json);
  const measured = parsed.posts.filter((p) => p.networks.some((n) => n.interactions !== undefined)).length;
  const [c, r] = [median(times.check), median(times.report)];
  console.log(`edcal check (10k, cold): median ${c.toFixed(0)} ms`);
  console.log(`edcal report (a year: ${parsed.posts.length} posts, ${measured} measured, lead times of ${parsed.workflow.leadTime.posts}): median ${r.toFixed(0)} ms`);
  console.log(`report / check: ${(r / c).toFixed(2)} (target ≤ 2.0)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
