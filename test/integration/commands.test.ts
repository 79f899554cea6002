import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, code, diagnosticsOf, exists, file, readText, renaming, until, writeText } from './helpers';


describe('commands in a real VS Code', () => {
  before(async () => {
    await api();
  });

  it('sets the status through an undoable edit that keeps comments and quoting', async () => {
    const uri = file('posts/2026/12/04-nova-2-vos-questions.md');
    const before = await readText(uri);
    assert.ok(await vscode.commands.executeCommand('editorialCalendar.setStatus', uri, 'review'));
    const after = await readText(uri);
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
    await renaming(false);
    try {
      const editor = await vscode.window.showTextDocument(uri);
      await editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '\nUnsaved line'));
      assert.ok(await vscode.commands.executeCommand('editorialCalendar.reschedule', uri, '2026-12-10T11:00'));
      assert.match(editor.document.getText(), /^date: 2026-12-10T11:00/m);
      assert.match(editor.document.getText(), /Unsaved line/);
      assert.ok(editor.document.isDirty, 'an editor with unsaved changes is not saved behind the user');
      assert.equal(await exists(file('posts/2026/12/10-migration-guide-nova-2.md')), false, 'with renaming off the name stays');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await renaming(true);
    }
  });

  it('renames a file named after its day to the new day, as the calendar does, and never over another file', async () => {
    const uri = file('posts/2026/12/09-migration-guide-nova-2.md');
    const renamed = file('posts/2027/01/04-migration-guide-nova-2.md');
    const taken = file('posts/2027/01/05-migration-guide-nova-2.md');
    const before = await readText(uri);
    try {
      assert.ok(await vscode.commands.executeCommand('editorialCalendar.reschedule', uri, '2027-01-04T09:30'));
      // The rename reaches the disk through the workbench; in a browser's worker it can lag the command's answer.
      await until('the file renamed on disk', async () => (await exists(renamed)) && !(await exists(uri)));
      const moved = await readText(renamed);
      assert.equal(moved, before.replace(/^date: .*$/m, 'date: 2027-01-04T09:30'), 'only the date changed, every other byte kept');
      // Another file where the post would go: it keeps its name.
      await writeText(taken, 'not a post\n');
      assert.ok(await vscode.commands.executeCommand('editorialCalendar.reschedule', renamed, '2027-01-05T09:30'));
      await until('the date saved', async () => /^date: 2027-01-05T09:30/m.test(await readText(renamed)));
      assert.equal(await readText(taken), 'not a post\n');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const f of [renamed, taken]) if (await exists(f)) await vscode.workspace.fs.delete(f);
      await writeText(uri, before);
    }
  });

  it('acts on the item of the Posts view its context menu passes', async () => {
    const uri = file('posts/2026/12/04-nova-2-vos-questions.md');
    const { index } = await api();
    const node = { kind: 'post', post: index.get(uri)! };
    assert.ok(await vscode.commands.executeCommand('editorialCalendar.setStatus', node, 'scheduled'));
    assert.match(await readText(uri), /^status: scheduled/m);
    assert.ok(await vscode.commands.executeCommand('editorialCalendar.setStatus', node, 'draft'));
  });

  it('edits a post whose value is followed by a comment or written as a block, and changes nothing it cannot edit', async () => {
    // Not named after its day: the reschedule below keeps its name.
    const uri = file('posts/2027/07/edge.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\r\ntitle: Edge\r\ndate: >-\r\n  2027-07-01T09:30\r\nplatforms: [x]\r\nstatus: # à décider\r\n---\r\nBonjour\r\n'));
    try {
      assert.ok(await vscode.commands.executeCommand('editorialCalendar.setStatus', uri, 'review'));
      assert.ok(await vscode.commands.executeCommand('editorialCalendar.reschedule', uri, '2027-07-02T10:00'));
      assert.equal(await readText(uri), '---\r\ntitle: Edge\r\ndate: 2027-07-02T10:00\r\nplatforms: [x]\r\nstatus: review # à décider\r\n---\r\nBonjour\r\n');
      // Broken YAML: refused with a reason, the file untouched.
      const broken = '---\ntitle: [Edge\ndate: 2027-07-01\n---\nBonjour\n';
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(broken));
      await until('the open document follows the disk', async () => (await vscode.workspace.openTextDocument(uri)).getText() === broken);
      assert.equal(await vscode.commands.executeCommand('editorialCalendar.setStatus', uri, 'review'), false);
      assert.equal(await readText(uri), broken);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
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
    assert.deepEqual(index.get(uri)?.platforms, ['x']);
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

  it('forgets every post of a deleted folder', async () => {
    const folder = file('posts/2027/04');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '01-a.md'), new TextEncoder().encode('---\ndate: 2027-04-01T09:00\nplatforms: [linkdin]\n---\nA\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '02-b.md'), new TextEncoder().encode('---\ndate: 2027-04-02T09:00\nplatforms: [linkdin]\n---\nB\n'));
    const { index } = await api();
    await until('both indexed', () => index.get(vscode.Uri.joinPath(folder, '01-a.md')) && index.get(vscode.Uri.joinPath(folder, '02-b.md')));
    await vscode.workspace.fs.delete(folder, { recursive: true });
    await until('both forgotten', () => !index.get(vscode.Uri.joinPath(folder, '01-a.md')) && !index.get(vscode.Uri.joinPath(folder, '02-b.md')));
    assert.equal(vscode.languages.getDiagnostics(vscode.Uri.joinPath(folder, '01-a.md')).length, 0);
  });

  it('checks closed posts again when the calendar settings change', async () => {
    const config = file('.editorial.yaml');
    const post = file('posts/2027/01/06-intervenante-camille-rousseau.md');
    const before = await readText(config);
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(before.replace('bannedHashtags: [followback, f4f]', 'bannedHashtags: [followback, f4f, Lyon]')));
    try {
      await diagnosticsOf(post, (d) => d.some((x) => code(x) === 'hashtag.banned'));
    } finally {
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(before));
    }
    await diagnosticsOf(post, (d) => !d.some((x) => code(x) === 'hashtag.banned'));
  });

  it('shows the problems of .editorial.yaml', async () => {
    const config = file('.editorial.yaml');
    const before = await readText(config);
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(before.replace('timezone: Europe/Paris', 'timezone: Europe/Pariss')));
    try {
      const found = await diagnosticsOf(config, (d) => d.some((x) => code(x) === 'config.schema'));
      assert.match(found[0]!.message, /Europe\/Pariss/);
    } finally {
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(before));
    }
    await diagnosticsOf(config, (d) => d.length === 0);
  });
});
