import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { isApprovalSubject } from '../core/approval/commit';
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

/**
 * Git as a process, in the folder of the files it is asked about. Never blocking: the extension
 * host asks it while checking posts, and the CLI asks about several posts at once.
 */
export class NodeGit implements Git {
  constructor(private readonly cwd: string) {}

  private run(args: readonly string[], cwd = this.cwd): Promise<{ ok: boolean; out: string }> {
    return new Promise((resolve) => {
      execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ ok: !error, out: (error ? stderr || stdout || error.message || 'git failed' : stdout).trim() });
      });
    });
  }

  async identity(): Promise<{ name: string; email: string } | undefined> {
    const name = await this.run(['config', 'user.name']);
    const email = await this.run(['config', 'user.email']);
    return name.ok && email.ok && name.out && email.out ? { name: name.out, email: email.out } : undefined;
  }

  async authors(path: string): Promise<readonly string[]> {
    const log = await this.run(['log', '--follow', '--format=%ae%x09%s', '--', path], dirname(path));
    if (!log.ok) return [];
    const lines = log.out.split('\n').map((line) => line.split('\t'));
    return [...new Set(lines.filter(([email, subject]) => email && !isApprovalSubject(subject ?? '')).map(([email]) => email!.trim().toLowerCase()))];
  }

  async commit(paths: readonly string[], message: string): Promise<void> {
    const add = await this.run(['add', '--', ...paths]);
    if (!add.ok) throw new Error(add.out);
    const commit = await this.run(['commit', '-m', message, '--', ...paths]);
    if (!commit.ok) throw new Error(commit.out);
  }
}
