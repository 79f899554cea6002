import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, code, diagnosticsOf, file, until } from './helpers';

describe('diagnostics in a real VS Code', () => {
  before(async () => {
    await api();
  });

  it('shows problems of posts that are not open (background check of the calendar)', async () => {
    const diagnostics = await diagnosticsOf(file('posts/2027/01/06-intervenante-camille-rousseau.md'));
    const unknown = diagnostics.find((d) => code(d) === 'platform.unknown');
    assert.ok(unknown, JSON.stringify(diagnostics.map(code)));
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknown.message, /linkdin/);
    // The code links to its row of docs/rules.md (VS Code opens #L<line>).
    const target = (unknown.code as { target: vscode.Uri }).target;
    assert.match(target.fragment, /^L\d+$/);
    const docs = new TextDecoder().decode(await vscode.workspace.fs.readFile(target.with({ fragment: '' })));
    assert.match(docs.split('\n')[Number(target.fragment.slice(1)) - 1]!, /id="platform\.unknown"/);
  });

  it('checks an open post on every keystroke, and the status bar shows its counts', async () => {
    const uri = file('posts/2026/12/15-astuce-retro-express.md');
    const editor = await vscode.window.showTextDocument(uri);
    const over = await diagnosticsOf(uri, (d) => d.some((x) => code(x) === 'length.over-limit'));
    assert.equal(over.filter((d) => code(d) === 'length.over-limit').length, 1);
    const { statusBar } = await api();
    await until('status bar text', () => /^X \d+\/280 · Mastodon \d+\/500 · LinkedIn \d+\/3000$/.test(statusBar.text) && statusBar.text);

    // Add an X variant that fits: the over-limit finding goes away without saving.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n:::x\nLa rétro express en 15 minutes ⏱️ #Rétrospective\n:::\n'));
    await diagnosticsOf(uri, (d) => !d.some((x) => code(x) === 'length.over-limit'));
    assert.ok(editor.document.isDirty);
    const after = await until('status bar after the edit', () => {
      const x = /^X (\d+)\/280/.exec(statusBar.text);
      return x !== null && Number(x[1]) <= 280 ? statusBar.text : undefined;
    });
    assert.match(after, /· Mastodon \d+\/500 · LinkedIn \d+\/3000$/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('applies the quick fix for a duplicate hashtag, and undo brings it back', async () => {
    const uri = file('posts/2026/12/04-nova-2-vos-questions.md');
    const editor = await vscode.window.showTextDocument(uri);
    const duplicate = (await diagnosticsOf(uri, (d) => d.some((x) => code(x) === 'hashtag.duplicate'))).find((d) => code(d) === 'hashtag.duplicate')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, duplicate.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    // The example calendar is French (locale: fr): so are its messages and fixes.
    assert.equal(fix.title, 'Retirer le doublon #nova');
    const before = editor.document.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const after = editor.document.getText();
    assert.equal(after.length, before.length - ' #nova'.length);
    assert.ok(before.split('\n').some((l) => l.endsWith(' #nova')));
    assert.ok(!after.split('\n').some((l) => l.endsWith('#nova')));
    await diagnosticsOf(uri, (d) => !d.some((x) => code(x) === 'hashtag.duplicate'));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('fixes everything fixable with source.fixAll', async () => {
    const uri = file('posts/2027/01/06-intervenante-camille-rousseau.md');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await diagnosticsOf(uri, (d) => d.some((x) => code(x) === 'platform.unknown'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.value);
    assert.equal(actions.length, 1);
    assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
    assert.match(document.getText(), /^platforms: \[x, bluesky, linkedin, instagram\] # demo/m);
    await diagnosticsOf(uri, (d) => !d.some((x) => code(x) === 'platform.unknown'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('leaves Markdown files that are not posts alone', async () => {
    const readme = await vscode.workspace.openTextDocument(file('README.md'));
    await vscode.window.showTextDocument(readme);
    const { linter } = await api();
    assert.equal(linter.lintNow(readme), undefined, 'README.md is not a post');
    assert.deepEqual(vscode.languages.getDiagnostics(readme.uri).filter((d) => d.source === 'edcal'), []);
  });
});

