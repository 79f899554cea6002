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
