import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, code, diagnosticsOf, file, readText, until, writeText } from '../integration/helpers';

/** Replaces a `vscode.window` function for a test, and gives it back. */
function replace<K extends 'showWarningMessage' | 'showInformationMessage' | 'showInputBox'>(name: K, fake: (...args: never[]) => unknown): () => void {
  const original = vscode.window[name];
  Object.assign(vscode.window, { [name]: fake });
  return () => Object.assign(vscode.window, { [name]: original });
}

/** What `vscode.window.show…Message` was asked to show while `run` ran. */
async function messagesOf(kind: 'showWarningMessage' | 'showInformationMessage', run: () => Thenable<unknown>): Promise<string[]> {
  const shown: string[] = [];
  const restore = replace(kind, ((text: string) => (shown.push(text), Promise.resolve(undefined))) as never);
  try {
    await run();
  } finally {
    restore();
  }
  return shown;
}

/** What github.dev and vscode.dev get: the extension's `browser` entry in a browser's worker. */
describe('the extension in a browser’s worker extension host', () => {
  before(async () => {
    await api();
  });

  it('runs in a web worker, not in Node', () => {
    assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined');
    assert.equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'a worker global scope');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.ok(vscode.extensions.getExtension('edcal.editorial-calendar')?.isActive);
  });

  it('checks posts through workspace.fs: the calendar indexed, diagnostics on an open post', async () => {
    const { index } = await api();
    // Not open: found by the background check of the calendar.
    const closed = file('posts/2027/01/06-intervenante-camille-rousseau.md');
    assert.ok(await until('indexed', () => index.get(closed)));
    assert.ok((await diagnosticsOf(closed)).some((d) => code(d) === 'platform.unknown'));
    const open = file('posts/2026/12/15-astuce-retro-express.md');
    await vscode.window.showTextDocument(open);
    assert.ok((await diagnosticsOf(open, (all) => all.some((d) => code(d) === 'length.over-limit'))).length > 0);
  });

  it('says that publishing (and reading the networks’ counts) needs VS Code on a computer, and sends nothing', async () => {
    const uri = file('posts/2026/12/09-migration-guide-nova-2.md');
    const before = await readText(uri);
    const shown = await messagesOf('showWarningMessage', () => vscode.commands.executeCommand('editorialCalendar.publishPost', uri));
    assert.equal(shown.length, 1);
    assert.match(shown[0]!, /not in the browser/);
    assert.equal(await readText(uri), before);
    const connect = await messagesOf('showWarningMessage', () => vscode.commands.executeCommand('editorialCalendar.connectNetwork', 'bluesky', { identifier: 'a', 'app-password': 'b' }));
    assert.match(connect[0]!, /not in the browser/);
    const metrics = await messagesOf('showWarningMessage', () => vscode.commands.executeCommand('editorialCalendar.fetchMetrics'));
    assert.match(metrics[0]!, /not in the browser/);
    const report = await messagesOf('showWarningMessage', () => vscode.commands.executeCommand('editorialCalendar.openReport', '2026-11'));
    assert.match(report[0]!, /edcal report in CI: not in the browser/);
  });

  it('says that comparing with a branch needs git on a computer', async () => {
    const shown = await messagesOf('showWarningMessage', () => vscode.commands.executeCommand('editorialCalendar.compareWithBranch', 'main'));
    assert.match(shown[0]!, /needs git/);
  });

  it('approves by writing the approval into the post, the reviewer asked once, nothing committed', async () => {
    const uri = file('posts/2026/12/30-approuve-dans-le-navigateur.md');
    const other = file('posts/2026/12/31-approuve-ensuite.md');
    await writeText(uri, '---\ntitle: Approuvé dans le navigateur\ndate: 2026-12-30T10:00\nplatforms: [x, bluesky]\nstatus: review # à relire\n---\nDernier post de l’année ✨ #Nova\n');
    await writeText(other, '---\ntitle: Approuvé ensuite\ndate: 2026-12-31T10:00\nplatforms: [mastodon]\nstatus: review\n---\nBonne année #Nova\n');
    let asked = 0;
    const restore = replace('showInputBox', (async () => (asked++, 'Léa Martin <lea@nova.example>')) as never);
    try {
      const { calendars } = await api();
      await until('both posts known', () => calendars.postOf(uri) && calendars.postOf(other));
      const shown = await messagesOf('showInformationMessage', () => vscode.commands.executeCommand('editorialCalendar.approvePost', uri));
      assert.match(shown[0]!, /Approved by Léa Martin <lea@nova\.example>: the approval is written into the post\. Commit it from Source Control\./);
      const text = await readText(uri);
      assert.match(text, /^status: approved # à relire$/m, 'the comment after the status is kept');
      assert.match(text, /^approvals:\n {2}- by: Léa Martin <lea@nova\.example>\n {4}at: \d{4}-\d\d-\d\dT[\d:.]+Z\n {4}hash: sha256-[0-9a-f]{32}$/m);
      assert.ok(text.endsWith('---\nDernier post de l’année ✨ #Nova\n'), 'the body is untouched');
      // The second approval signs with the name given the first time.
      await vscode.commands.executeCommand('editorialCalendar.approvePost', other);
      assert.match(await readText(other), /by: Léa Martin <lea@nova\.example>/);
      assert.equal(asked, 1);
    } finally {
      restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const f of [uri, other]) await vscode.workspace.fs.delete(f).then(undefined, () => undefined);
    }
  });

  it('does not approve under a policy forbidding self-approval (who wrote a post is in git’s history), and asks nobody', async () => {
    const config = file('.editorial.yaml');
    const uri = file('posts/2026/12/30-approuve-dans-le-navigateur.md');
    const settings = await readText(config);
    const post = '---\ntitle: Approuvé dans le navigateur\ndate: 2026-12-30T10:00\nplatforms: [bluesky]\nstatus: review\n---\nUn post #Nova\n';
    await writeText(uri, post);
    let asked = 0;
    const restore = replace('showInputBox', (async () => (asked++, 'Léa Martin <lea@nova.example>')) as never);
    try {
      await writeText(config, `${settings}approvals:\n  selfApproval: false\n`);
      const { calendars } = await api();
      await until('the policy read', () => calendars.postOf(uri)?.calendar.config.approvals.selfApproval === false);
      const shown = await messagesOf('showWarningMessage', () => vscode.commands.executeCommand('editorialCalendar.approvePost', uri));
      assert.match(shown[0]!, /git’s history/);
      assert.equal(asked, 0);
      assert.equal(await readText(uri), post);
    } finally {
      restore();
      await writeText(config, settings);
      const { calendars } = await api();
      await until('the policy back', () => calendars.postOf(uri)?.calendar.config.approvals.selfApproval === true);
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
