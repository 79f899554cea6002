import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, code, diagnosticsOf, file, until } from './helpers';

const post = (media: string) => `---\ntitle: Médias\ndate: 2027-06-01T09:30\nplatforms: [x]\nstatus: draft\nmedia:\n${media}---\nBonjour\n`;

describe('nothing outside the calendar is read, in a real VS Code', () => {
  const made: vscode.Uri[] = [];
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of made.splice(0)) rmSync(uri.fsPath, { force: true, recursive: true });
  });

  it('reports media outside the calendar, by path or through a symlink, and the preview shows neither', async () => {
    const link = file('media/link.png');
    symlinkSync('/etc/hostname', link.fsPath);
    made.push(link);
    const uri = file('posts/2027/06/01-medias.md');
    made.push(uri);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(post('  - { file: ../../../../../../etc/passwd, alt: a }\n  - { file: ../../../media/link.png, alt: b }\n  - { file: ../../../media/nova-live.png, alt: c }\n')));
    await vscode.window.showTextDocument(uri);
    const found = await diagnosticsOf(uri, (ds) => ds.filter((d) => code(d) === 'media.outside-calendar').length === 2);
    assert.deepEqual(found.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => [code(d), d.range.start.line]), [['media.outside-calendar', 6], ['media.outside-calendar', 7]]);

    await vscode.commands.executeCommand('editorialCalendar.openPreview');
    const panel = await until('preview panel', async () => (await api()).previewPanel());
    const snapshot = await until('the media drawn', () => {
      const s = panel.snapshot();
      return s?.mediaUris['../../../media/nova-live.png'] ? s : undefined;
    });
    assert.deepEqual(Object.keys(snapshot.mediaUris), ['../../../media/nova-live.png'], 'only the media inside the calendar get a URI');
    const roots = panel.panel.webview.options.localResourceRoots!.map((r) => r.toString());
    const calendars = (await api()).calendars.all.map((c) => c.root.toString());
    assert.deepEqual(roots, calendars, 'the webview may load files of the calendars only');
    panel.dispose();
  });

  it('does not read a post that links out of the calendar, created while VS Code runs', async () => {
    await vscode.workspace.fs.createDirectory(file('posts/2027/06'));
    const link = file('posts/2027/06/outside.md');
    symlinkSync('/etc/hostname', link.fsPath);
    made.push(link);
    const { index } = await api();
    await index.refresh(link); // what the file watcher does on its own
    assert.deepEqual((await diagnosticsOf(link)).map(code), ['file.symlink']);
    assert.equal(index.get(link), undefined, 'not indexed as a post');
  });

  it('opens only posts of the calendar when the calendar webview asks', async () => {
    await vscode.commands.executeCommand('editorialCalendar.openCalendar');
    const panel = await until('calendar panel', async () => (await api()).calendarPanel());
    await panel.whenReady();
    // As the page would post them (a webview runs page code: its messages are not trusted).
    const receive = (m: unknown) => panel.handle(m);
    const opened = () => vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
    for (const id of ['file:///etc/hostname', 'command:workbench.action.terminal.new', file('.editorial.yaml').toString(), '%%not a uri']) {
      await receive({ type: 'open', id });
      await receive({ type: 'preview', id });
      await receive({ type: 'reschedule', id, day: '2027-01-01' });
      assert.ok(!opened().includes(id), `${id} was opened`);
    }
    await receive({ type: 'state', state: { view: 'month', anchor: '275760-01-01', filters: {} } });
    assert.notEqual(panel.snapshot().today, undefined, 'a date past year 9999 is ignored, the panel still draws');
    const post = file('posts/2026/12/04-nova-2-vos-questions.md');
    await receive({ type: 'open', id: post.toString() });
    await until('the post opened', () => opened().includes(post.toString()));
    panel.dispose();
  });

  it('reports a FIFO among the posts without opening it, and checks the others', async () => {
    const fifo = file('posts/2027/06/pipe.md');
    await vscode.workspace.fs.createDirectory(file('posts/2027/06'));
    execFileSync('mkfifo', [fifo.fsPath]);
    made.push(fifo);
    const { index } = await api();
    await index.rebuild({ useCache: false });
    const problems = await diagnosticsOf(fifo);
    assert.deepEqual(problems.map(code), ['file.not-regular']);
    assert.ok([...index.all].length >= 38, 'every other post is still checked');
  });
});
