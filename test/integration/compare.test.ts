import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { git, gitRepository } from './gitHelpers';
import { api, file, readText, until, writeText } from './helpers';


/**
 * Compare Calendar with Branch… in a real VS Code: the workspace as a git repository, a branch
 * holding the calendar as it was, and the working tree changed since (a post moved, one removed,
 * one added).
 */
describe('comparing the calendar with a branch in a real VS Code', () => {
  const moved = () => file('posts/2026/12/04-nova-2-vos-questions.md');
  const removed = () => file('posts/2026/12/01-two-days-to-go.md');
  const added = () => file('posts/2026/12/31-bilan-de-l-annee.md');
  let movedText = '';
  let removedText = '';

  before(async () => {
    await api();
    gitRepository();
    git('add', '-A');
    git('-c', 'user.name=Camille', '-c', 'user.email=camille@nova.example', 'commit', '-q', '--allow-empty', '-m', 'the calendar as planned');
    git('branch', '-f', 'planned');
    movedText = await readText(moved());
    removedText = await readText(removed());
    await writeText(moved(), movedText.replace(/^date: 2026-12-04T(\d\d:\d\d)/m, 'date: 2026-12-05T$1'));
    await vscode.workspace.fs.delete(removed());
    await writeText(added(), '---\ntitle: Bilan de l’année\ndate: 2026-12-31T10:00\nplatforms: [linkedin]\nstatus: draft\n---\nMerci pour cette année ✨\n');
    const { index } = await api();
    await until('the index to see the changes', () => index.get(added()) && !index.get(removed()) && index.get(moved())?.date !== undefined && new Date(index.get(moved())!.date!).getUTCDate() === 5);
  });
  after(async () => {
    await vscode.commands.executeCommand('editorialCalendar.endComparison');
    await writeText(moved(), movedText);
    await writeText(removed(), removedText);
    await vscode.workspace.fs.delete(added()).then(undefined, () => undefined);
    const { index } = await api();
    await until('the index to be back', () => !index.get(added()) && index.get(removed()));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the diff as a document and marks the calendar: ghosts where posts stood, marks on what differs', async () => {
    const comparison = await vscode.commands.executeCommand<{ branch: string } | undefined>('editorialCalendar.compareWithBranch', 'planned');
    assert.equal(comparison?.branch, 'planned');
    const document = await until('the diff document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'editorial-calendar-diff'));
    const text = document.getText();
    assert.match(text, /^Calendar changes from planned to the working tree$/m);
    assert.match(text, /\+ posts\/2026\/12\/31-bilan-de-l-annee\.md "Bilan de l’année"/);
    assert.match(text, /- posts\/2026\/12\/01-two-days-to-go\.md/);
    assert.match(text, /posts\/2026\/12\/04-nova-2-vos-questions\.md "[^"]+": Fri, Dec 4, 2026 \d\d:\d\d → Sat, Dec 5, 2026 \d\d:\d\d/);

    const panel = await until('calendar panel', async () => (await api()).calendarPanel());
    await panel.whenReady();
    const marked = await until('the comparison in the calendar', () => panel.snapshot().comparison);
    assert.equal(marked.branch, 'planned');
    assert.deepEqual(marked.marks[added().toString()], 'added');
    assert.deepEqual(marked.marks[moved().toString()], 'moved');
    assert.deepEqual(marked.ghosts.map((g) => [g.kind, g.id ?? null, new Date(g.date).getUTCDate()]).sort(), [['moved', moved().toString(), 4], ['removed', null, 1]]);
    assert.match(marked.summary, /1 added, 1 removed, 1 rescheduled/);

    // The page's "Stop comparing" button: the marks go.
    await panel.handle({ type: 'endComparison' });
    await until('the marks to go', () => panel.snapshot().comparison === undefined);
    assert.equal((await api()).comparisons.comparison, undefined);
  });

  it('says clearly when the branch does not exist, and compares nothing', async () => {
    const none = await vscode.commands.executeCommand('editorialCalendar.compareWithBranch', 'no-such-branch');
    assert.equal(none, undefined);
    assert.equal((await api()).comparisons.comparison, undefined);
  });
});
