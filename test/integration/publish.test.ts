import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { formatInZone } from '../../src/core/zone';
import type { NetworkOutcome } from '../../src/services/publish/publisher';
import { MastodonStandin } from '../peers/standins/mastodon';
import { api, file, until } from './helpers';

const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

/**
 * Publishing from a real VS Code, to a stand-in Mastodon server (no real one installs here: see
 * test/peers/standins/mastodon.ts for what it follows of Mastodon's documented API).
 */
describe('publishing in a real VS Code', () => {
  let mastodon: MastodonStandin;
  let config: string;
  const configUri = () => file('.editorial.yaml');
  const post = () => file('posts/2026/12/31-publish-from-vscode.md');

  before(async () => {
    mastodon = await MastodonStandin.start({ token: 'integration-token-5b2e' });
    config = await read(configUri());
    const { calendars } = await api();
    // Bluesky's counts from a closed port here: the example's published posts must not reach the public AppView.
    await write(configUri(), config.replace('instance: https://mastodon.social', `instance: ${mastodon.url}`).replace('  bluesky:\n', '  bluesky:\n    appview: http://127.0.0.1:9\n'));
    await until('the calendar to read the new instance', () => calendars.all[0]?.config.platforms.mastodon?.instance === mastodon.url);
  });

  after(async () => {
    await write(configUri(), config);
    await vscode.workspace.fs.delete(post(), { useTrash: false }).then(undefined, () => undefined);
    await mastodon?.close();
    const { index } = await api();
    await until('the index to forget the post', () => !index.get(post()));
  });

  it('connects a network, publishes the post after a confirmation, and writes its results into the file', async () => {
    const account = await vscode.commands.executeCommand<string | undefined>('editorialCalendar.connectNetwork', 'mastodon', { 'access-token': mastodon.token });
    assert.equal(account, '@nova@mastodon.example');

    // Five minutes ago, Paris time: within the publishing window.
    const date = formatInZone(Date.now() - 5 * 60_000, 'Europe/Paris').replace(' ', 'T');
    const text = `---\ntitle: Bonne année\ndate: ${date}\nplatforms: [mastodon]\nstatus: approved # validé par Léa\n---\nBonne année à toutes et à tous ! #Nova\n`;
    await write(post(), text);
    const { publishing } = await api();
    const asked: string[] = [];
    publishing.confirm = async (message, detail) => {
      asked.push(message, detail);
      return true;
    };
    const outcomes = await vscode.commands.executeCommand<readonly NetworkOutcome[] | undefined>('editorialCalendar.publishPost', post());
    assert.deepEqual(outcomes?.map((o) => [o.network, o.kind]), [['mastodon', 'published']]);
    assert.match(asked[0]!, /Bonne année/);
    assert.match(asked[1]!, /Mastodon.*@nova@mastodon\.example/, 'the confirmation names the account');

    assert.deepEqual(mastodon.statuses.map((s) => s.text), ['Bonne année à toutes et à tous ! #Nova']);
    const saved = await read(post());
    assert.match(saved, /^status: published # validé par Léa$/m, 'the comment is kept');
    const data = parse(saved.split('---\n')[1]!) as { results: { mastodon: { state: string; url: string; parts: unknown[] } } };
    assert.equal(data.results.mastodon.state, 'published');
    assert.equal(data.results.mastodon.parts.length, 1);
    assert.ok(saved.endsWith('---\nBonne année à toutes et à tous ! #Nova\n'), 'the body is untouched');
    assert.ok(!saved.includes(mastodon.token), 'no token in the file');

    // Publishing again sends nothing.
    publishing.confirm = async () => assert.fail('not asked: nothing is left to send');
    assert.equal(await vscode.commands.executeCommand('editorialCalendar.publishPost', post()), undefined);
    assert.equal(mastodon.statuses.length, 1);
  });

  it('reads the published post’s counts into metrics/YYYY-MM.jsonl (Fetch Metrics), the post untouched', async () => {
    const { index } = await api();
    await until('the index to see the post published', () => (index.get(post())?.published.length ?? 0) > 0);
    const status = mastodon.statuses[0]!;
    mastodon.engage(status.id, { favourites: 4, reblogs: 1, replies: 2 });
    const before = await read(post());
    const metrics = file(`metrics/${new Date().toISOString().slice(0, 7)}.jsonl`);
    // The example's own metrics files stay; this month's, if it had one, is put back as it was.
    const earlier = await vscode.workspace.fs.readFile(metrics).then((b) => b, () => undefined);
    if (earlier) await vscode.workspace.fs.delete(metrics);
    try {
      assert.equal(await vscode.commands.executeCommand('editorialCalendar.fetchMetrics'), 1);
      const lines = () => read(metrics).then((t) => t.trim().split('\n').map((l) => JSON.parse(l) as { file?: string; network: string; part: number; id: string; counts: unknown; account?: string; followers?: number }));
      const [line, account] = await lines();
      assert.deepEqual([line!.file, line!.network, line!.part, line!.id, line!.counts], ['posts/2026/12/31-publish-from-vscode.md', 'mastodon', 1, status.id, { likes: 4, reposts: 1, replies: 2 }]);
      // The token Connect Network stored reads the account's followers too.
      assert.deepEqual([account!.network, account!.account, account!.followers], ['mastodon', 'nova', 0]);
      assert.equal(await read(post()), before);
      // A second reading is appended.
      assert.equal(await vscode.commands.executeCommand('editorialCalendar.fetchMetrics'), 1);
      assert.equal((await lines()).length, 4);
    } finally {
      if (earlier) await vscode.workspace.fs.writeFile(metrics, earlier);
      else await vscode.workspace.fs.delete(metrics).then(undefined, () => undefined);
    }
  });

  it('does not publish a post with unsaved changes, nor one that is not approved', async () => {
    const date = formatInZone(Date.now() - 60_000, 'Europe/Paris').replace(' ', 'T');
    await write(post(), `---\ndate: ${date}\nplatforms: [mastodon]\nstatus: draft\n---\nBrouillon\n`);
    const { publishing } = await api();
    publishing.confirm = async () => assert.fail('never asked');
    assert.equal(await vscode.commands.executeCommand('editorialCalendar.publishPost', post()), undefined);
    const editor = await vscode.window.showTextDocument(post());
    await editor.edit((b) => b.replace(new vscode.Range(3, 0, 3, 13), 'status: approved'));
    assert.equal(await vscode.commands.executeCommand('editorialCalendar.publishPost', post()), undefined, 'unsaved: not published');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(mastodon.statuses.length, 1);
  });
});
