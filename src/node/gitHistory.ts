import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import type { History } from '../core/ports';
import { childPath, relativePath } from '../core/text/paths';

/**
 * First commits from one `git log` over the calendar's folder, oldest first, renames followed:
 * `-z` keeps any file name as written (no quoting), `%x01%ct` marks each commit and its time.
 * `-M40%`: a short post renamed and republished in one commit (its frontmatter rewritten) is
 * still a rename; git's default 50% takes it for a new file.
 */
export class NodeGitHistory implements History {
  async firstCommits(root: string): Promise<ReadonlyMap<string, number>> {
    const top = await git(root, ['rev-parse', '--show-toplevel']);
    if (top === undefined) return new Map();
    const log = await git(root, ['log', '--reverse', '-z', '--format=%x01%ct', '--name-status', '-M40%', '--', '.']);
    if (log === undefined) return new Map();
    // Git names files from its real top; the walk, from the root as given (a symlink on the way).
    const real = realpathSync(root);
    const out = new Map<string, number>();
    for (const [path, time] of firstCommitsOf(log, top.trim())) {
      const rel = relativePath(real, path);
      if (rel !== undefined) out.set(rel === '' ? root : childPath(root, rel), time);
    }
    return out;
  }
}

/** Parses `git log -z --format=%x01%ct --name-status` into path → first commit (epoch ms). */
export function firstCommitsOf(log: string, top: string): Map<string, number> {
  const first = new Map<string, number>();
  const tokens = log.split('\0');
  let time = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.startsWith('\x01')) {
      time = Number(token.slice(1)) * 1000;
      continue;
    }
    const status = token.trim();
    if (status === '') continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const [from, to] = [childPath(top, tokens[++i]!), childPath(top, tokens[++i]!)];
      if (!first.has(to)) first.set(to, first.get(from) ?? time);
    } else {
      const path = childPath(top, tokens[++i]!);
      if (!first.has(path)) first.set(path, time);
    }
  }
  return first;
}

function git(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}
