import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, file, until } from './helpers';

const text = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

describe('the calendar webview in a real VS Code', () => {
  before(async () => {
    await api();
  });

  it('opens, renders, and carries every post of the calendar', async () => {
    await vscode.commands.executeCommand('editorialCalendar.openCalendar');
    const { calendarPanel } = await api();
    const panel = await until('panel', () => calendarPanel());
    await panel.whenReady();
    const snapshot = panel.snapshot();
    assert.equal(snapshot.timezone, 'Europe/Paris');
    // The window around the period shown (November 2026) holds the example's posts (Nov–Jan).
    assert.ok(snapshot.posts.length >= 30, String(snapshot.posts.length));
    assert.ok(snapshot.campaigns.includes('live-meetup'));
    const launch = snapshot.posts.find((p) => p.id.endsWith('03-lancement-nova-2.md'))!;
    assert.equal(launch.campaign, 'nova-launch');
    // A published post carries where it went out, with its links, for the chip and its hover.
    const published = snapshot.posts.find((p) => p.id.endsWith('16-astuce-point-du-lundi.md'))!;
    assert.deepEqual(published.published.find((l) => l.network === 'bluesky'), { network: 'bluesky', url: 'https://bsky.app/profile/nova.bsky.social/post/3m5rtq7kwls2c' });
    assert.match(panel.panel.webview.html, /Content-Security-Policy" content="default-src 'none';.*script-src 'nonce-[A-Za-z0-9+/=]+'/);
  });

  it('moves a post to another day: only the date changes, time and format kept, undo restores it', async () => {
    const uri = file('posts/2026/12/09-migration-guide-nova-2.md');
    const before = await text(uri);
    const written = /^date: (.*)$/m.exec(before)![1]!;
    const panel = (await api()).calendarPanel()!;
    assert.ok(await panel.reschedule(uri.toString(), '2026-12-11'));
    const after = await text(uri);
    assert.equal(after, before.replace(`date: ${written}`, `date: ${written.replace(/^2026-12-\d\d/, '2026-12-11')}`));
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('undo');
    assert.equal(vscode.window.activeTextEditor!.document.getText(), before);
    await vscode.window.activeTextEditor!.document.save();
  });

  it('refuses to move a published post', async () => {
    const uri = file('posts/2026/11/16-astuce-point-du-lundi.md');
    const before = await text(uri);
    assert.equal(await (await api()).calendarPanel()!.reschedule(uri.toString(), '2026-12-20'), false);
    assert.equal(await text(uri), before);
  });

  it('updates live when a post changes on disk', async () => {
    const uri = file('posts/2026/11/24-teaser-j-9.md');
    const panel = (await api()).calendarPanel()!;
    const before = await text(uri);
    // Bring the calendar to the front (a hidden webview draws nothing) and let it draw once.
    const shown = new Promise((resolve) => panel.onDidRender(resolve));
    panel.panel.reveal();
    await shown;
    const rendered = new Promise((resolve) => panel.onDidRender(resolve));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before.replace(/^title: .*$/m, 'title: "Renamed on disk"')));
    try {
      await rendered;
      await until('the new title in the snapshot', () => panel.snapshot().posts.some((p) => p.id === uri.toString() && p.title === 'Renamed on disk'));
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
    }
  });
});
