import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, file, until } from './helpers';

describe('Open Report in a real VS Code', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the month’s report in the calendar’s language, under a strict CSP, with the toolbar', async () => {
    await vscode.commands.executeCommand('editorialCalendar.openReport', '2026-11');
    const panel = await until('the report panel', async () => (await api()).reportPanel());
    await until('the report drawn', () => panel.html.includes('Bilan — Novembre 2026'));
    const html = panel.html;
    assert.match(html, /Content-Security-Policy" content="default-src 'none';.*script-src 'nonce-/);
    assert.match(html, /<th scope="row">Instagram<\/th><td class="n">4<\/td><td class="n">2<\/td><td>3\/week<\/td>/);
    assert.match(html, /data-action="previous"/);
    assert.equal((html.match(/<svg role="img"/g) ?? []).length, 4);
    assert.equal(panel.month, '2026-11');
  });

  it('goes to another month, and saves the report as Markdown where asked', async () => {
    await vscode.commands.executeCommand('editorialCalendar.openReport', '2026-11');
    const panel = await until('the report panel', async () => (await api()).reportPanel());
    await vscode.commands.executeCommand('editorialCalendar.openReport', '2026-12');
    await until('December', () => panel.html.includes('Bilan — Décembre 2026'));
    const target = file('reports/2026-12.md');
    const saved = await panel.save('md', target);
    assert.equal(saved?.toString(), target.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(text, /^# Bilan — Décembre 2026\n/);
    await vscode.workspace.fs.delete(target);
  });

  it('draws a post’s title as text, never as markup', async () => {
    const uri = file('posts/2026/11/30-hostile.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\ntitle: "<img src=x onerror=alert(1)>"\ndate: 2026-11-30T10:00\nplatforms: [x]\nstatus: draft\n---\nHi\n'));
    try {
      await vscode.commands.executeCommand('editorialCalendar.openReport', '2026-11');
      const panel = await until('the report panel', async () => (await api()).reportPanel());
      await vscode.commands.executeCommand('editorialCalendar.openReport', '2026-11');
      await until('the hostile post listed', () => panel.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
      assert.ok(!panel.html.includes('<img src=x'));
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});

describe('a contest in the preview and the calendar', () => {
  it('shows its end, then its winners once drawn, as text', async () => {
    const uri = file('posts/2026/12/20-concours-test.md');
    const post = (draw: string) => `---\ntitle: Concours test\ndate: 2026-12-10T10:00\nplatforms: [mastodon]\nstatus: draft\ncontest: { ends: 2026-12-16T23:59, prize: "<b>un an</b>", rules: "https://nova.app/r", entry: reply${draw} }\n---\nRépondez ! Règlement : https://nova.app/r\n`;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(post('')));
    try {
      await vscode.window.showTextDocument(uri);
      await vscode.commands.executeCommand('editorialCalendar.openPreview');
      const preview = await until('the preview', async () => (await api()).previewPanel());
      const first = await until('the contest in the preview', () => preview.snapshot()?.contest);
      assert.equal(first, 'Concours · fin le 16 déc. 2026, 23:59 · à gagner\u00a0: <b>un an</b>');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(post(', draw: { seed: s, entrants: 4, listHash: sha256-x, winners: ["mastodon:@lea@mastodon.social"] }')));
      await vscode.commands.executeCommand('editorialCalendar.openCalendar');
      const calendar = await until('the calendar', async () => (await api()).calendarPanel());
      const chip = await until('the contest on its chip', () => calendar.snapshot().posts.find((p) => p.id === uri.toString() && p.contest?.includes('gagnants')));
      assert.match(chip.contest!, /fin le 16 déc\. 2026, 23:59 · à gagner\u00a0: <b>un an<\/b> · gagnants\u00a0: mastodon:@lea@mastodon\.social$/);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
