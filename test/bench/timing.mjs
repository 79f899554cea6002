// What the benchmarks share: medians, and one timed run of `edcal` in a calendar.
import { spawnSync } from 'node:child_process';

/** The middle value (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `node cli args…` in `cwd`, timed as a whole process; exit 0 or 1 (findings) is a run, anything else fails. */
export function timeCli(cli, cwd, args) {
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}
