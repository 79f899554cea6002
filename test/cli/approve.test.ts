import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CLI = join(__dirname, '../../dist/cli.js');

/** A calendar in a real git repository, with people to commit as. */
describe('edcal approve, in a git repository', () => {
  let dir: string;
  const person = (name: string, email: string) => ({ GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email });
  const git = (args: string[], who = person('Camille', 'camille@nova.example')) => spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...who } });
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const edcal = (args: string[], user: { name: string; email: string }) => {
    // git config is what approve reads (user.name, user.email): per repository here.
    git(['config', 'user.name', user.name]);
    git(['config', 'user.email', user.email]);
    return spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C', HOME: dir } });
  };
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-approve-'));
    git(['init', '-q']);
    put('.editorial.yaml', 'timezone: Europe/Paris\napprovals:\n  required: 1\n  selfApproval: false\n  approvers: ["*@nova.example"]\n');
    put('posts/launch.md', '---\ntitle: Lancement\ndate: 2026-12-03T08:00\nplatforms: [x, bluesky]\nstatus: review # relu\n---\nNova 2 arrive ✨ #Nova\n');
    git(['add', '.']);
    git(['commit', '-q', '-m', 'posts']);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('approves as git\'s user, pinned to what is sent, moves the status and commits the file alone', () => {
    put('notes.txt', 'staged, and never committed by edcal');
    git(['add', 'notes.txt']);
    const r = edcal(['approve', 'posts/launch.md'], { name: 'Léa', email: 'lea@nova.example' });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /posts\/launch\.md: approved by Léa <lea@nova\.example> \(status approved\)/);
    const text = read('posts/launch.md');
    assert.match(text, /^status: approved # relu$/m, 'the comment is kept');
    assert.match(text, /approvals:\n  - by: Léa <lea@nova\.example>\n    at: \S+\n    hash: sha256-[0-9a-f]{32}\n/);
    assert.equal(git(['log', '-1', '--format=%s']).stdout.trim(), 'approve: Lancement');
    assert.deepEqual(git(['show', '--name-only', '--format=', 'HEAD']).stdout.trim().split('\n'), ['posts/launch.md']);
    assert.match(git(['status', '--porcelain']).stdout, /^A  notes\.txt$/m, 'what was staged stays staged');
    // Checked: the approval holds; after an edit of what is sent, it is stale and publishing refuses.
    const check = () => JSON.parse(spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--now', '2026-11-30T10:00'], { cwd: dir, encoding: 'utf8' }).stdout) as { diagnostics: Array<{ code: string }> };
    assert.deepEqual(check().diagnostics.filter((d) => d.code.startsWith('approval.')), []);
    put('posts/launch.md', read('posts/launch.md').replace('# relu', '# relu deux fois'));
    assert.deepEqual(check().diagnostics.filter((d) => d.code.startsWith('approval.')), [], 'a comment changes nothing sent');
    put('posts/launch.md', read('posts/launch.md').replace('Nova 2 arrive', 'Nova 2 est là'));
    assert.deepEqual(check().diagnostics.filter((d) => d.code.startsWith('approval.')).map((d) => d.code), ['approval.stale', 'approval.missing']);
    const publish = spawnSync(process.execPath, [CLI, 'publish', 'posts/launch.md', '--dry-run', '--due', '--now', '2026-12-03T08:05'], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(publish.stdout), {}, 'not due: the approval no longer covers it');
  });

  it('refuses an author when the policy asks for someone else, someone not listed, and a post with errors', () => {
    const self = edcal(['approve', 'posts/launch.md'], { name: 'Camille', email: 'camille@nova.example' });
    assert.equal(self.status, 1);
    assert.match(self.stdout, /camille@nova\.example wrote posts\/launch\.md: this calendar asks for someone else to approve it/);
    const stranger = edcal(['approve', 'posts/launch.md'], { name: 'Max', email: 'max@elsewhere.example' });
    assert.equal(stranger.status, 1);
    assert.match(stranger.stdout, /max@elsewhere\.example may not approve posts of this calendar/);
    put('posts/launch.md', read('posts/launch.md').replace('platforms: [x, bluesky]', 'platforms: [x, bluesky, instagram]'));
    const broken = edcal(['approve', 'posts/launch.md'], { name: 'Léa', email: 'lea@nova.example' });
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /cannot be approved while it has 1 error\(s\)/);
    assert.doesNotMatch(read('posts/launch.md'), /approvals:/, 'nothing written');
    assert.equal(git(['log', '--format=%s']).stdout.trim(), 'posts', 'nothing committed');
  });

  it('refuses to hide uncommitted edits in the approval commit when authors may not approve', () => {
    put('posts/launch.md', read('posts/launch.md').replace('Nova 2 arrive', 'Nova 2 arrive enfin'));
    const hidden = edcal(['approve', 'posts/launch.md'], { name: 'Léa', email: 'lea@nova.example' });
    assert.equal(hidden.status, 1);
    assert.match(hidden.stdout, /posts\/launch\.md has changes that are not committed: commit them first/);
    assert.doesNotMatch(read('posts/launch.md'), /approvals:/, 'nothing written');
    put('posts/new.md', read('posts/launch.md'));
    assert.equal(edcal(['approve', 'posts/new.md'], { name: 'Léa', email: 'lea@nova.example' }).status, 1, 'nor a post never committed');
    git(['commit', '-q', '-am', 'posts: enfin'], person('Léa', 'lea@nova.example'));
    // Now Léa wrote it: someone else approves, and the approval commit holds the approval alone.
    const ok = edcal(['approve', 'posts/launch.md'], { name: 'Max', email: 'max@nova.example' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(git(['show', 'HEAD', '--format=', '--', 'posts/launch.md']).stdout, /^\+approvals:$/m);
    assert.doesNotMatch(git(['show', 'HEAD', '--format=']).stdout, /^[-+]Nova 2/m);
    // Without the policy, an author may approve with edits pending: they are theirs anyway.
    put('.editorial.yaml', read('.editorial.yaml').replace('selfApproval: false', 'selfApproval: true'));
    put('posts/launch.md', read('posts/launch.md').replace('enfin', 'bientôt'));
    assert.equal(edcal(['approve', 'posts/launch.md'], { name: 'Léa', email: 'lea@nova.example' }).status, 0);
  });

  describe('approval.self, from git log', () => {
    const lea = person('Léa', 'lea@nova.example');
    const check = (env: NodeJS.ProcessEnv = process.env) => {
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--now', '2026-11-30T10:00'], { cwd: dir, encoding: 'utf8', env });
      return (JSON.parse(r.stdout) as { diagnostics: Array<{ file: string; code: string; message: string }> }).diagnostics.filter((d) => d.code.startsWith('approval.'));
    };

    it('reports an approval by someone who committed to the post (renames followed), not for having committed approvals', () => {
      assert.equal(edcal(['approve', 'posts/launch.md'], { name: 'Léa', email: 'lea@nova.example' }).status, 0);
      assert.deepEqual(check(), [], 'committing the approval does not make Léa an author');
      // Léa touches the post without changing what is sent, and commits it as her own work.
      put('posts/launch.md', read('posts/launch.md').replace('# relu', '# relu et corrigé'));
      git(['commit', '-q', '-am', 'posts: a comment'], lea);
      git(['mv', 'posts/launch.md', 'posts/lancement.md'], person('Max', 'max@nova.example'));
      git(['commit', '-q', '-m', 'posts: renamed'], person('Max', 'max@nova.example'));
      const found = check();
      assert.deepEqual(found.map((d) => [d.file, d.code]), [['posts/lancement.md', 'approval.self'], ['posts/lancement.md', 'approval.missing']]);
      assert.match(found[0]!.message, /^Léa <lea@nova\.example> wrote this post \(git log\)/);
      // Publishing asks git too: her approval does not count, so the post is not sent.
      const publish = spawnSync(process.execPath, [CLI, 'publish', '--due', '--dry-run', '--now', '2026-12-03T08:05'], { cwd: dir, encoding: 'utf8' });
      assert.deepEqual(JSON.parse(publish.stdout), {}, publish.stderr);
      put('.editorial.yaml', read('.editorial.yaml').replace('selfApproval: false', 'selfApproval: true'));
      const allowed = spawnSync(process.execPath, [CLI, 'publish', '--due', '--dry-run', '--now', '2026-12-03T08:05'], { cwd: dir, encoding: 'utf8' });
      assert.deepEqual(Object.keys(JSON.parse(allowed.stdout) as object), ['posts/lancement.md'], 'and is, once the policy allows it');
    });

    it('lets an approver approve again after the text changed (an approval commit is not writing)', () => {
      assert.equal(edcal(['approve', 'posts/launch.md'], { name: 'Léa', email: 'lea@nova.example' }).status, 0);
      put('posts/launch.md', read('posts/launch.md').replace('Nova 2 arrive', 'Nova 2 est là'));
      git(['commit', '-q', '-am', 'posts: new text']);
      assert.deepEqual(check().map((d) => d.code), ['approval.stale', 'approval.missing']);
      const again = edcal(['approve', 'posts/launch.md'], { name: 'Léa', email: 'lea@nova.example' });
      assert.equal(again.status, 0, again.stdout + again.stderr);
      assert.deepEqual(check(), []);
    });

    it('runs git only for posts with approvals under a policy forbidding self-approval', () => {
      put('.editorial.yaml', read('.editorial.yaml') + '  campaigns:\n    solo: { selfApproval: true }\n');
      for (let i = 0; i < 5; i++) put(`posts/idea-${i}.md`, `---\ntitle: Idée ${i}\nstatus: idea\n---\nPlus tard\n`);
      assert.equal(edcal(['approve', 'posts/launch.md'], { name: 'Léa', email: 'lea@nova.example' }).status, 0);
      put('posts/solo.md', read('posts/launch.md').replace('status: approved', 'status: approved\ncampaign: solo'));
      // A git that writes down what it is asked, then does it.
      const bin = join(dir, '.bin');
      mkdirSync(bin);
      const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
      writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> "${join(dir, '.git-calls')}"\nexec "${real}" "$@"\n`);
      chmodSync(join(bin, 'git'), 0o755);
      assert.deepEqual(check({ ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` }), []);
      const calls = readFileSync(join(dir, '.git-calls'), 'utf8').trim().split('\n');
      assert.deepEqual(calls.map((c) => c.replace(dir, '<dir>')), ['log --follow --format=%ae%x09%s -- <dir>/posts/launch.md']);
    });
  });
});
