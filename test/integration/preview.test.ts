import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, file, until } from './helpers';

describe('the per-network preview in a real VS Code', () => {
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
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
