import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import type { Git } from '../core/ports';

/**
 * Commits `files` (and only them) with git in `cwd`, for `edcal publish --commit`. Returns what
 * git said when it failed (a repository missing, nothing changed), else an empty string.
 */
export async function commitFiles(cwd: string, files: readonly string[], subject: string): Promise<string> {
  try {
    await new NodeGit(cwd).commit(files, subject);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** Git as a process, in the folder of the files it is asked about. */
export class NodeGit implements Git {
  constructor(private readonly cwd: string) {}

  private run(args: readonly string[], cwd = this.cwd): { ok: boolean; out: string } {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
    return { ok: r.status === 0, out: (r.status === 0 ? r.stdout : r.stderr || r.stdout || r.error?.message || 'git failed').trim() };
  }

  async identity(): Promise<{ name: string; email: string } | undefined> {
    const name = this.run(['config', 'user.name']);
    const email = this.run(['config', 'user.email']);
    return name.ok && email.ok && name.out && email.out ? { name: name.out, email: email.out } : undefined;
  }

  async authors(path: string): Promise<readonly string[]> {
    const log = this.run(['log', '--follow', '--format=%ae', '--', path], dirname(path));
    return log.ok ? [...new Set(log.out.split('\n').filter(Boolean).map((e) => e.trim().toLowerCase()))] : [];
  }

  async commit(paths: readonly string[], message: string): Promise<void> {
    const add = this.run(['add', '--', ...paths]);
    if (!add.ok) throw new Error(add.out);
    const commit = this.run(['commit', '-m', message, '--', ...paths]);
    if (!commit.ok) throw new Error(commit.out);
  }
}
