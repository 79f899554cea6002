import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, code, diagnosticsOf, file, until } from './helpers';

const text = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

describe('commands in a real VS Code', () => {
  before(async () => {
    await api();
  });

  it('sets the status through an undoable edit that keeps comments and quoting', async () => {
    const uri = file('posts/2026/12/04-nova-2-vos-questions.md');
    const before = await text(uri);
    assert.ok(await vscode.commands.executeCommand('editorialCalendar.setStatus', uri, 'review'));
    const after = await text(uri);
    const diff = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
    assert.deepEqual(diff, ['status: review' + (before.match(/^status: draft(.*)$/m)?.[1] ?? '')]);
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('undo');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(), before);
    await document.save();
  });

  it('reschedules a post, editing the unsaved text of its editor', async () => {
    const uri = file('posts/2026/12/09-migration-guide-nova-2.md');
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '\nUnsaved line'));
    assert.ok(await vscode.commands.executeCommand('editorialCalendar.reschedule', uri, '2026-12-10T11:00'));
    assert.match(editor.document.getText(), /^date: 2026-12-10T11:00/m);
    assert.match(editor.document.getText(), /Unsaved line/);
    assert.ok(editor.document.isDirty, 'an editor with unsaved changes is not saved behind the user');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('refuses an invalid date', async () => {
    const uri = file('posts/2026/12/09-migration-guide-nova-2.md');
    assert.equal(await vscode.commands.executeCommand('editorialCalendar.reschedule', uri, 'next Tuesday'), false);
  });

  it('creates a new post from the template, at posts/YYYY/MM/DD-slug.md', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('editorialCalendar.newPost', { date: '2027-02-01T10:00', platforms: ['x', 'bluesky', 'linkedin'], title: 'Été à Lyon' });
    assert.ok(uri);
    assert.match(uri.path, /\/posts\/2027\/02\/01-ete-a-lyon\.md$/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const content = vscode.window.activeTextEditor!.document.getText();
    assert.match(content, /^---\ntitle: "Été à Lyon"\ndate: 2027-02-01T10:00\nplatforms: \[x, bluesky, linkedin\]\nstatus: draft\n---\n/);
    // An empty post is flagged at once.
    await diagnosticsOf(uri, (d) => d.some((x) => code(x) === 'length.empty'));
    await vscode.commands.executeCommand('workbench.action.files.save');
  });
});

describe('the calendar follows the disk', () => {
  it('checks a post created on disk, and forgets it when deleted', async () => {
    const uri = file('posts/2027/03/01-from-git-pull.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\ndate: 2027-03-01T09:00\nplatforms: [x, linkdin]\n---\nArrivé par git pull\n'));
    const found = await diagnosticsOf(uri, (d) => d.some((x) => code(x) === 'platform.unknown'));
    assert.equal(found.length, 1);
    const { index } = await api();
    assert.equal(index.get(uri)?.title, undefined);
    await vscode.workspace.fs.delete(uri);
    await until('diagnostics removed', () => vscode.languages.getDiagnostics(uri).length === 0 && !index.get(uri));
  });

  it('filters the Posts view by status, network and campaign', async () => {
    const { postsView } = await api();
    await postsView.setFilters({ statuses: ['published'] });
    const published = postsView.visiblePosts();
    assert.ok(published.length >= 3 && published.every((p) => p.status === 'published'), JSON.stringify(published.map((p) => p.status)));
    await postsView.setFilters({ platforms: ['instagram'], campaigns: ['calendar-contest'] });
    const insta = postsView.visiblePosts();
    assert.ok(insta.length >= 1 && insta.every((p) => p.platforms.includes('instagram') && p.campaign === 'calendar-contest'));
    const weeks = postsView.getChildren();
    assert.ok(weeks.length >= 1);
    await postsView.setFilters({});
    assert.ok(postsView.visiblePosts().length >= 38);
  });
});
