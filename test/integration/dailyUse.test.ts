import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatusItem } from '../../src/extension/statusPicker';
import { api, file, readText, until } from './helpers';


/** Replaces a `vscode.window` function for one call's worth of a test, and gives it back. */
function replace<K extends 'showQuickPick' | 'showInputBox'>(name: K, fake: (typeof vscode.window)[K]): () => void {
  const original = vscode.window[name];
  Object.assign(vscode.window, { [name]: fake });
  return () => Object.assign(vscode.window, { [name]: original });
}

describe('daily use in a real VS Code: dates, statuses', () => {
  const dateOnly = file('posts/2027/01/12-programme-nova-live-thread.md');

  before(async () => {
    await api();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows a date-only post without a time in the Posts view, and the status with its calendar colour', async () => {
    const { postsView, index } = await api();
    const post = await until('indexed', () => index.get(dateOnly));
    const item = postsView.getTreeItem({ kind: 'post', post });
    assert.match(String(item.description), /^2027-01-12 · X, /);
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    // Markdown-escaped: 2027\-01\-12.
    assert.match(tooltip, /\$\(lightbulb\) Idea \(yellow in the calendar\) · 2027\\-01\\-12  \n/);
    assert.doesNotMatch(tooltip, /00:00/);
  });

  it('dates the preview in the calendar’s language, the day alone for a date-only post', async () => {
    // The example calendar is French (`locale: fr`); VS Code runs in English here.
    await vscode.window.showTextDocument(file('posts/2026/12/01-two-days-to-go.md'));
    await vscode.commands.executeCommand('editorialCalendar.openPreview');
    const panel = await until('preview panel', async () => (await api()).previewPanel());
    assert.equal((await until('a snapshot', () => panel.snapshot()?.file === 'posts/2026/12/01-two-days-to-go.md' && panel.snapshot()))!.when.replace(/\u202f/g, ' '), '1 déc. 2026, 09:30');
    await vscode.window.showTextDocument(dateOnly);
    const snapshot = await until('the date-only post', () => panel.snapshot()?.file === 'posts/2027/01/12-programme-nova-live-thread.md' && panel.snapshot());
    assert.equal(snapshot!.when, '12 janv. 2027');
  });

  it('reschedules a date-only post to another day, saying it stays date-only', async () => {
    const before = await readText(dateOnly);
    let asked: vscode.InputBoxOptions | undefined;
    const restore = replace('showInputBox', async (options) => ((asked = options), '2027-01-14'));
    try {
      assert.ok(await vscode.commands.executeCommand('editorialCalendar.reschedule', dateOnly));
    } finally {
      restore();
    }
    assert.equal(asked?.value, '2027-01-12');
    assert.equal(asked?.placeHolder, '2026-12-01');
    assert.match(asked!.prompt!, /stays without a time/);
    // Its file, named after its day, follows it.
    const renamed = file('posts/2027/01/14-programme-nova-live-thread.md');
    const expected = before.replace('date: 2027-01-12', 'date: 2027-01-14');
    // The rename reaches the disk through the workbench; in a browser's worker it can lag the command's answer.
    await until('the file renamed and saved', async () => (await readText(renamed).catch(() => '')) === expected);
    await vscode.workspace.fs.delete(renamed);
    await vscode.workspace.fs.writeFile(dateOnly, new TextEncoder().encode(before));
  });

  it('shows the current status first in Set Post Status, with every status’s icon and colour', async () => {
    const uri = file('posts/2026/12/04-nova-2-vos-questions.md');
    const status = /^status: (\w+)/m.exec(await readText(uri))![1]!;
    let items: readonly StatusItem[] = [];
    let placeHolder: string | undefined;
    const restore = replace('showQuickPick', (async (shown: readonly StatusItem[], options?: vscode.QuickPickOptions) => {
      items = shown;
      placeHolder = options?.placeHolder;
      return shown[0];
    }) as unknown as typeof vscode.window.showQuickPick);
    try {
      // Picking the current status changes nothing.
      assert.equal(await vscode.commands.executeCommand('editorialCalendar.setStatus', uri), false);
    } finally {
      restore();
    }
    assert.equal(items[0]!.id, status);
    assert.match(items[0]!.description!, /\$\(check\) current$/);
    assert.equal(items[1]!.kind, vscode.QuickPickItemKind.Separator);
    assert.deepEqual(items.filter((i) => i.id).map((i) => i.detail).length, 6);
    assert.ok(items.some((i) => i.id === 'approved' && i.label === '$(pass) Approved' && i.detail === 'green in the calendar'));
    assert.match(placeHolder!, /^New status \(now /);
  });
});
