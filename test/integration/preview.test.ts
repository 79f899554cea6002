import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreviewRendered } from '../../src/extension/previewPanel';
import { api, code, file, until } from './helpers';

describe('the per-network preview in a real VS Code', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('editorialCalendar').update('lintDelay', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('follows the post being typed: the counter changes with the text', async () => {
    const uri = file('posts/2026/12/01-two-days-to-go.md');
    const editor = await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('editorialCalendar.openPreview');
    const { previewPanel } = await api();
    const panel = await until('preview panel', () => previewPanel());
    const first = await until('a snapshot', () => panel.snapshot());
    assert.equal(first.file, 'posts/2026/12/01-two-days-to-go.md');
    const x = first.previews.find((p) => p.platform === 'x')!;
    const before = x.parts[0]!.length;
    const rendered = new Promise((resolve) => panel.onDidRender(resolve));
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount - 1, 0), 'Encore 2 jours ! '));
    await until('the new length', () => panel.snapshot()!.previews.find((p) => p.platform === 'x')!.parts[0]!.length === before + 17);
    await rendered;
    assert.match(panel.panel.webview.html, /Content-Security-Policy" content="default-src 'none';.*script-src 'nonce-/);
  });

  it('redraws on the keystroke itself, without waiting for the diagnostics debounce', async () => {
    // A debounce of 10 s: diagnostics lag behind, the preview must not. (The settings change
    // reloads the calendars and checks open posts again: wait for that first.)
    const { calendars } = await api();
    // Settings events may arrive late (the previous test's reset among them), each reloading the
    // calendars and checking open posts at once: wait until they have stopped coming, then for
    // the reloads they queued.
    let lastEvent = Date.now();
    const sub = vscode.workspace.onDidChangeConfiguration(() => (lastEvent = Date.now()));
    await vscode.workspace.getConfiguration('editorialCalendar').update('lintDelay', 10_000, vscode.ConfigurationTarget.Workspace);
    await until('settings events to stop', () => Date.now() - lastEvent > 500 && vscode.workspace.getConfiguration('editorialCalendar').get('lintDelay') === 10_000);
    sub.dispose();
    await calendars.load();
    const uri = file('posts/2026/12/01-two-days-to-go.md');
    const editor = await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('editorialCalendar.openPreview');
    const panel = (await api()).previewPanel()!;
    const edited = editor.document.version + 1;
    const painted = new Promise<PreviewRendered>((resolve) => {
      const sub = panel.onDidRender((r) => {
        if (r.version < edited) return;
        sub.dispose();
        resolve(r);
      });
    });
    // Enough text to push the X part over 280: the new problem shows in the preview at once.
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount - 1, 0), 'Encore '.repeat(45)));
    const r = await painted;
    assert.equal(r.version, edited);
    // What was sent and drawn for that version, not a fresh computation.
    const snapshot = panel.drawn!;
    assert.equal(snapshot.version, edited);
    assert.ok(snapshot.previews.find((p) => p.platform === 'x')!.parts[0]!.cut !== undefined, 'the X part is marked over the limit');
    assert.ok(snapshot.problems.some((p) => p.platform === 'x' && p.severity === 'error'));
    assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => code(d) === 'length.over-limit'), 'diagnostics still wait for their debounce');
  });
});
