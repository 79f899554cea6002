import { spawnSync } from 'node:child_process';

/**
 * Commits `files` (and only them) with git in `cwd`, for `edcal publish --commit`. Returns what
 * git said when it failed (a repository missing, nothing changed), else an empty string.
 */
export async function commitFiles(cwd: string, files: readonly string[], subject: string): Promise<string> {
  const run = (args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });
  const add = run(['add', '--', ...files]);
  if (add.status !== 0) return (add.stderr || add.error?.message || 'git add failed').trim();
  const commit = run(['commit', '-m', subject, '--', ...files]);
  if (commit.status !== 0) return (commit.stdout + commit.stderr || commit.error?.message || 'git commit failed').trim();
  return '';
}
