import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { gitRepository } from './gitHelpers';
import { api, code, file, until, writeText } from './helpers';

/**
 * An approval covers the media sent too: in an open editor, replacing the image of an approved
 * post makes its approval stale at once, with no edit of the post itself.
 */
describe('approvals pinned to media, in a real VS Code', () => {
  const post = () => file('posts/2026/12/28-visuel-approuve.md');
  const image = () => file('media/visuel-approuve.png');
  const stale = () => vscode.languages.getDiagnostics(post()).filter((d) => code(d) === 'approval.stale');

  before(async () => {
    await api();
    gitRepository();
    await vscode.workspace.fs.copy(file('media/nova-teaser.png'), image(), { overwrite: true });
    await writeText(post(), '---\ntitle: Visuel approuvé\ndate: 2026-12-28T10:00\nplatforms: [bluesky]\nstatus: review\nmedia:\n  - file: ../../../media/visuel-approuve.png\n    alt: Affiche bleue de Nova\n---\nLe visuel de fin d’année #Nova\n');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [post(), image()]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    const { index } = await api();
    await until('the index to forget the post', () => !index.get(post()));
  });

  it('reports the approval stale once the image changes, the post untouched', async () => {
    const outcome = await vscode.commands.executeCommand<{ kind: string }>('editorialCalendar.approvePost', post());
    assert.equal(outcome?.kind, 'approved', JSON.stringify(outcome));
    await vscode.window.showTextDocument(post());
    // Approved and fresh: the digest of the image is read in the background, and agrees.
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(stale(), []);
    await vscode.workspace.fs.copy(file('media/nova-countdown.png'), image(), { overwrite: true });
    await until('approval.stale after the image changed', () => stale().length === 1, 15_000);
  });
});
