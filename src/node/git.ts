import { execFile, spawnSync } from 'node:child_process';
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

  async uncommitted(path: string): Promise<boolean> {
    const status = await this.run(['status', '--porcelain', '--untracked-files=all', '--', path], dirname(path));
    return status.ok && status.out !== '';
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

/** The branches (local, then remote) and tags of the repository, by short name. */
export function gitBranches(top: string): string[] {
  const r = spawnSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads', 'refs/remotes', 'refs/tags'], { cwd: top, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').filter((b) => b !== '' && !b.endsWith('/HEAD')) : [];
}

/** The repository's top folder holding `cwd` (symlinks resolved, as git gives it), or undefined outside one. */
export function gitTop(cwd: string): string | undefined {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** True when `revision` names a commit (a branch, a tag, `HEAD~2`, an id). */
export function isCommit(top: string, revision: string): boolean {
  // --end-of-options: a revision such as "--output=x" is a name, never an option.
  return spawnSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], { cwd: top }).status === 0;
}

/**
 * The files git sees renamed from `base` to `head` (the working tree when undefined; with
 * `reverse`, from the working tree to `base`), with its rename detection: new path → old path,
 * both from the top folder.
 */
export function gitRenames(top: string, base: string, head?: string, options: { readonly reverse?: boolean } = {}): Map<string, string> {
  // -R: from the working tree to `base` (what taking `base` would change).
  const r = spawnSync('git', ['diff', '-z', '--name-status', '-M', '--no-color', ...(options.reverse ? ['-R'] : []), '--end-of-options', base, ...(head !== undefined ? [head] : []), '--'], { cwd: top, maxBuffer: 1 << 30 });
  const renames = new Map<string, string>();
  if (r.status !== 0) return renames;
  const fields = r.stdout.toString('utf8').split('\0');
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++] ?? '';
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[i++]!;
      const to = fields[i++]!;
      if (status.startsWith('R')) renames.set(to, from);
    } else if (status !== '') i++;
  }
  return renames;
}
