import * as assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { GitExtension } from '../../src/extension/gitApi';
import { git, gitRepository } from './gitHelpers';
import { api, code, diagnosticsOf, file, readText, until, writeText } from './helpers';


/** Approving in a real VS Code, in a git repository made of the test workspace. */
describe('approving in a real VS Code', () => {
  const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const post = () => file('posts/2026/12/30-approuve-depuis-vscode.md');
  const fromCalendar = () => file('posts/2026/12/29-approuve-depuis-le-calendrier.md');
  const withStaged = () => file('posts/2026/12/28-approuve-avec-un-fichier-indexe.md');
  /** Who made each commit, as a hook saw it: the Git extension runs git with VSCODE_GIT_COMMAND set. */
  const committers = () => readFileSync(join(root(), '.git/commits-by'), 'utf8').trim().split('\n');

  before(async () => {
    await api();
    gitRepository();
    await writeText(post(), '---\ntitle: Approuvé depuis VS Code\ndate: 2026-12-30T10:00\nplatforms: [x, bluesky]\nstatus: review # à relire\n---\nDernier post de l’année ✨ #Nova\n');
    await writeText(withStaged(), '---\ntitle: Approuvé avec un fichier indexé\ndate: 2026-12-28T10:00\nplatforms: [bluesky]\nstatus: review\n---\nUn post de plus #Nova\n');
    await writeText(fromCalendar(), '---\ntitle: Approuvé depuis le calendrier\ndate: 2026-12-29T10:00\nplatforms: [mastodon]\nstatus: draft\n---\nAvant-dernier post de l’année #Nova\n');
    git('add', '.');
    git('-c', 'user.email=camille@nova.example', 'commit', '-q', '-m', 'calendar');
    writeFileSync(join(root(), '.git/hooks/post-commit'), '#!/bin/sh\nif [ -n "$VSCODE_GIT_COMMAND" ]; then echo git extension; else echo plain git; fi >> .git/commits-by\n');
    chmodSync(join(root(), '.git/hooks/post-commit'), 0o755);
    // The built-in Git extension finds the repository made while VS Code runs.
    const builtIn = vscode.extensions.getExtension<GitExtension>('vscode.git');
    assert.ok(builtIn, 'VS Code has its Git extension built in');
    const gitApi = (await builtIn.activate()).getAPI(1);
    await until('the Git extension to open the repository', () => gitApi.getRepository(post()), 20_000);
  });
  after(async () => {
    await vscode.workspace.fs.delete(post()).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(fromCalendar()).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(withStaged()).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(file('notes.txt')).then(undefined, () => undefined);
    // The next suites count the calendar's posts: wait until the index has let these go.
    const { index } = await api();
    await until('the index to forget the posts', () => !index.get(post()) && !index.get(fromCalendar()) && !index.get(withStaged()));
  });

  it('approves from the command, commits the post alone, and reports the approval stale once the text changes', async () => {
    const outcome = await vscode.commands.executeCommand<{ kind: string; by?: string }>('editorialCalendar.approvePost', post());
    assert.equal(outcome?.kind, 'approved', JSON.stringify(outcome));
    const text = await readText(post());
    assert.match(text, /^status: approved # à relire$/m);
    assert.match(text, /approvals:\n  - by: Léa <lea@nova\.example>\n    at: \S+\n    hash: sha256-[0-9a-f]{32}\n/);
    assert.equal(git('log', '-1', '--format=%s'), 'approve: Approuvé depuis VS Code');
    assert.equal(git('show', '--name-only', '--format=', 'HEAD'), 'posts/2026/12/30-approuve-depuis-vscode.md');
    assert.deepEqual(committers(), ['git extension'], "committed through VS Code's Git extension");

    const editor = await vscode.window.showTextDocument(post());
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.lineCount - 2, 0, editor.document.lineCount - 2, 5), 'Ultime'));
    await editor.document.save();
    const diagnostics = await diagnosticsOf(post(), (all) => all.some((d) => code(d) === 'approval.stale'));
    assert.ok(diagnostics.some((d) => code(d) === 'approval.stale'));
    await until('still stale after a save', () => vscode.languages.getDiagnostics(post()).some((d) => code(d) === 'approval.stale'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('leaves a file someone staged out of the approval commit: plain git commits the post alone', async () => {
    await writeText(file('notes.txt'), 'staged by hand, not part of any approval\n');
    git('add', 'notes.txt');
    const before = committers().length;
    const outcome = await vscode.commands.executeCommand<{ kind: string; commit?: string }>('editorialCalendar.approvePost', withStaged());
    assert.equal(outcome?.kind, 'approved', JSON.stringify(outcome));
    assert.equal(outcome?.commit, undefined, 'committed');
    assert.equal(git('log', '-1', '--format=%s'), 'approve: Approuvé avec un fichier indexé');
    assert.equal(git('show', '--name-only', '--format=', 'HEAD'), 'posts/2026/12/28-approuve-avec-un-fichier-indexe.md');
    assert.match(git('status', '--porcelain'), /^A {2}notes\.txt$/m, 'still staged, not committed');
    assert.deepEqual(committers().slice(before), ['plain git']);
    git('rm', '-q', '--cached', 'notes.txt');
  });

  it("approves from the calendar's chip: the page asks, the extension runs Approve Post on that post only", async () => {
    await vscode.commands.executeCommand('editorialCalendar.openCalendar');
    const panel = await until('calendar panel', async () => (await api()).calendarPanel());
    await panel.whenReady();
    const chip = await until('the draft in the calendar', () => panel.snapshot().posts.find((p) => p.id === fromCalendar().toString()));
    assert.deepEqual([chip.status, chip.errors], ['draft', 0], 'what shows the Approve action');
    const head = git('rev-parse', 'HEAD');
    // As the page would post them: what is not a post of the calendar approves nothing.
    for (const id of [file('.editorial.yaml').toString(), 'file:///etc/hostname', 'command:editorialCalendar.approvePost']) await panel.handle({ type: 'approve', id });
    await panel.handle({ type: 'approve' });
    assert.equal(git('rev-parse', 'HEAD'), head, 'nothing committed');
    await panel.handle({ type: 'approve', id: fromCalendar().toString() });
    assert.equal(git('log', '-1', '--format=%s'), 'approve: Approuvé depuis le calendrier');
    assert.equal(git('show', '--name-only', '--format=', 'HEAD'), 'posts/2026/12/29-approuve-depuis-le-calendrier.md');
    assert.match(await readText(fromCalendar()), /^status: approved$/m);
    const approved = await until('the chip approved', () => panel.snapshot().posts.find((p) => p.id === fromCalendar().toString() && p.status === 'approved'));
    assert.equal(approved.errors, 0);
    panel.dispose();
  });
});

describe('exporting the calendar as iCal in a real VS Code', () => {
  it('writes an RFC 5545 feed with an event per dated post', async () => {
    const target = file('calendar-export.ics');
    try {
      const { index } = await api();
      const written = await vscode.commands.executeCommand<vscode.Uri>('editorialCalendar.exportIcal', target);
      assert.equal(written?.toString(), target.toString());
      const feed = await readText(target);
      assert.match(feed, /^BEGIN:VCALENDAR\r\n/);
      assert.match(feed, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n/);
      const dated = [...index.all].filter((p) => p.date !== undefined).length;
      assert.equal(feed.split('BEGIN:VEVENT').length - 1, dated);
    } finally {
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });
});
