// npm run bench: `edcal publish --due --dry-run` on the generated 10,000-post calendar with about
// 50 posts due, as a ratio to `edcal check` on the same calendar in the same run (finding what is
// due must not cost more than checking), then one 3-part thread published to the local PDS.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCalendar } from './generateCalendar.mjs';
import { median, timeCli } from './timing.mjs';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '../..');
const count = Number(process.env.BENCH_POSTS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const cli = join(root, 'dist/cli.js');

const dir = mkdtempSync(join(tmpdir(), 'edcal-bench-publish-'));
try {
  generateCalendar(dir, count);
  // Nine days of window around the run's time: about 50 approved or scheduled posts are due.
  appendFileSync(join(dir, '.editorial.yaml'), 'publishWindow: 9d\n');
  const now = '2027-01-10T18:00';
  const time = (args) => timeCli(cli, dir, args);
  time(['check', '--format', 'json', '--now', now]); // warm the file cache
  const check = [];
  const due = [];
  let posts = 0;
  for (let i = 0; i < runs; i++) {
    check.push(time(['check', '--format', 'json', '--now', now]).ms);
    const d = time(['publish', '--due', '--dry-run', '--now', now]);
    posts = Object.keys(JSON.parse(d.stdout)).length;
    due.push(d.ms);
  }
  const c = median(check);
  const p = median(due);
  console.log(`edcal publish --due --dry-run: ${p.toFixed(0)} ms (median of ${runs}; ${posts} posts due of ${count})`);
  console.log(`edcal check on the same calendar: ${c.toFixed(0)} ms`);
  console.log(`ratio publish --due / check: ${(p / c).toFixed(2)} (target <= 1.00)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

await threadToPds();

/** One 3-part thread published to the real PDS of test/peers/bsky, login included, median of runs. */
async function threadToPds() {
  let peer;
  try {
    peer = await import('../peers/bsky/pds.mjs');
  } catch {
    console.log('3-part thread to the local PDS: skipped (run npm ci --prefix test/peers/bsky)');
    return;
  }
  const pds = await peer.startPds();
  const calendar = mkdtempSync(join(tmpdir(), 'edcal-bench-pds-'));
  try {
    const account = await pds.createAccount('bench.test');
    writeFileSync(join(calendar, '.editorial.yaml'), `platforms:\n  bluesky:\n    service: ${pds.url}\n`);
    mkdirSync(join(calendar, 'posts'));
    const times = [];
    for (let i = 0; i < runs; i++) {
      writeFileSync(join(calendar, 'posts', `t${i}.md`), `---\ndate: 2027-01-10T09:${String(i).padStart(2, '0')}\nplatforms: [bluesky]\nstatus: approved\n---\nUn #Nova\n\n---\n\nDeux https://nova.app\n\n---\n\nTrois\n`);
      const start = performance.now();
      const code = await new Promise((resolve) => {
        const child = spawn(process.execPath, [cli, 'publish', `posts/t${i}.md`, '--now', `2027-01-10T09:${String(i).padStart(2, '0')}`], {
          cwd: calendar,
          env: { ...process.env, EDCAL_BLUESKY_IDENTIFIER: account.handle, EDCAL_BLUESKY_APP_PASSWORD: account.appPassword },
          stdio: 'ignore',
        });
        child.on('close', resolve);
      });
      if (code !== 0) throw new Error(`publishing the thread failed (${code})`);
      times.push(performance.now() - start);
    }
    console.log(`3-part thread to the local PDS (a whole edcal publish, login included): ${median(times).toFixed(0)} ms (median of ${runs})`);
  } finally {
    await pds.close();
    rmSync(calendar, { recursive: true, force: true });
  }
}
