import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { FileError, type Workspace } from '../../src/core/ports';
import { GitTree } from '../../src/node/gitTree';
import { NodeWorkspace } from '../../src/node/workspace';
import { walkPosts } from '../../src/services/walk';
import { DEFAULT_CONFIG } from '../../src/core/config';

/** What a workspace says of a path: kind, size and bytes, or the error code. */
async function look(ws: Workspace, path: string): Promise<unknown> {
  const attempt = async <T>(f: () => Promise<T>) => f().catch((e: unknown) => (e instanceof FileError ? `error ${e.code}` : `threw ${String(e)}`));
  const stat = await attempt(async () => {
    const s = await ws.stat(path);
    return { kind: s.kind, size: s.kind === 'file' ? s.size : 0 };
  });
  // git's own folder is not in the tree, and the walk never enters it.
  const list = await attempt(async () => [...(await ws.list(path))].filter((e) => e.name !== '.git').map((e) => `${e.name}:${e.kind}`).sort());
  const read = await attempt(async () => Buffer.from(await ws.read(path, 64)).toString('base64'));
  const real = await attempt(() => ws.realPath(path));
  return { stat, list, read, real };
}

/**
 * The git tree is the disk as git stores it: for random trees (nested folders, names with spaces
 * and accents, empty and large files, symlinks to files and folders inside and to what does not
 * exist), a committed revision read through GitTree answers every call as the checkout does.
 */
describe('GitTree, a revision as a workspace', () => {
  const name = fc.constantFrom('a', 'b c', 'é', 'posts', 'x.md', '2026', 'n-1.md');
  const entry = fc.record({
    path: fc.array(name, { minLength: 1, maxLength: 3 }),
    kind: fc.constantFrom('file', 'file', 'file', 'big', 'link', 'dangling'),
    text: fc.string({ maxLength: 20 }),
  });

  it('answers list, stat, read and realPath as the checked-out files do (random trees)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), async (entries) => {
        const dir = realpathSync(mkdtempSync(join(tmpdir(), 'edcal-tree-')));
        try {
          const made: string[] = [];
          for (const e of entries) {
            const rel = e.path.join('/');
            const full = join(dir, rel);
            // A path already used as a file cannot be a folder, and the other way round.
            if (made.some((m) => m === rel || m.startsWith(rel + '/') || rel.startsWith(m + '/'))) continue;
            mkdirSync(dirname(full), { recursive: true });
            if (e.kind === 'file') writeFileSync(full, e.text);
            else if (e.kind === 'big') writeFileSync(full, e.text.repeat(10) + 'x'.repeat(100));
            else if (e.kind === 'link') symlinkSync(made[0] ? relative(dirname(full), join(dir, made[0])) : 'nowhere', full);
            else symlinkSync('../../outside', full);
            made.push(rel);
          }
          const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
          git('init', '-q');
          git('add', '-A');
          if (git('commit', '-q', '-m', 'tree').status !== 0) return;
          const tree = GitTree.open(dir, 'HEAD');
          const disk = new NodeWorkspace();
          try {
            const paths = new Set([dir, join(dir, 'missing'), ...made.flatMap((m) => m.split('/').map((_, i, parts) => join(dir, ...parts.slice(0, i + 1))))]);
            for (const path of paths) assert.deepEqual(await look(tree, path), await look(disk, path), path);
            const calendar = { root: dir, config: { ...DEFAULT_CONFIG, posts: ['**/*.md'] } };
            assert.deepEqual(await walkPosts(tree, calendar), await walkPosts(disk, calendar));
          } finally {
            tree.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reads many files at once through one process, in order', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'edcal-tree-')));
    try {
      for (let i = 0; i < 300; i++) writeFileSync(join(dir, `${i}.md`), `post ${i}\n`.repeat(i % 7 === 0 ? 5000 : 1));
      spawnSync('git', ['init', '-q'], { cwd: dir });
      spawnSync('git', ['add', '-A'], { cwd: dir });
      spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@x', 'commit', '-q', '-m', 'many'], { cwd: dir });
      const tree = GitTree.open(dir, 'HEAD');
      try {
        const texts = await Promise.all(Array.from({ length: 300 }, async (_, i) => new TextDecoder().decode(await tree.read(join(dir, `${i}.md`), 1 << 20))));
        texts.forEach((t, i) => assert.equal(t, `post ${i}\n`.repeat(i % 7 === 0 ? 5000 : 1)));
        await assert.rejects(tree.read(join(dir, '7.md'), 100), (e: unknown) => e instanceof FileError && e.code === 'too-large');
      } finally {
        tree.close();
      }
      assert.throws(() => GitTree.open(dir, 'no-such-revision'), /no-such-revision|Not a valid object name/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
