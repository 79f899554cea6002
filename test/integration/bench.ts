// Benchmarks inside a real VS Code extension host (run by test/vscode/run.mjs bench on a generated
// 10,000-post calendar): activation, full check cold and warm (from the persisted cache), and the
// time to only read every file, for comparison. Writes figures to $EDCAL_BENCH_RESULTS.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { EditorialCalendarApi } from '../../src/extension/extension';
import { mapLimit } from '../../src/services/mapLimit';
import { workspaceFor } from '../../src/extension/workspace';

const readFileBytes = (uri: vscode.Uri) => workspaceFor(uri).read(uri.path, 1 << 20);
const statFile = (uri: vscode.Uri) => workspaceFor(uri).stat(uri.path);

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<EditorialCalendarApi>('edcal.editorial-calendar')!;
  const api = await ext.activate();
  await api.indexed;
  const cold = api.index.lastRebuild;
  await api.index.save();
  await api.index.rebuild({ useCache: true });
  const warm = api.index.lastRebuild;

  // The floor: reading every file the way the index does (16 at a time), and doing nothing else.
  const files = [...api.index.all].map((p) => vscode.Uri.parse(p.uri));
  let started = performance.now();
  await mapLimit(files, 16, readFileBytes);
  const readMs = performance.now() - started;
  started = performance.now();
  await mapLimit(files, 16, statFile);
  const statMs = performance.now() - started;

  // The calendar: from the command to a rendered month (January 2027: ~500 posts), then one live
  // update (a post's title changes on disk) until the webview has drawn it.
  started = performance.now();
  await vscode.commands.executeCommand('editorialCalendar.openCalendar', { anchor: '2027-01-15' });
  const panel = api.calendarPanel()!;
  const first = await new Promise<{ ms: number; chips: number }>((resolve) => panel.onDidRender(resolve));
  const openMs = performance.now() - started;
  const target = files.find((u) => u.path.includes('/2027/01/'))!;
  const bytes = await readFileBytes(target);
  started = performance.now();
  const next = new Promise<{ ms: number; chips: number }>((resolve) => panel.onDidRender(resolve));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(new TextDecoder().decode(bytes).replace('title: "Post ', 'title: "Renamed post ')));
  const update = await next;
  const updateMs = performance.now() - started;
  const calendar = { openMs, chips: first.chips, renderMs: first.ms, updateMs, updateRenderMs: update.ms };

  // The preview alone: the calendar's own redraws would share the renderer (measured above).
  panel.dispose();
  const preview = await previewLatency(api, 2000);
  const previewShort = await previewLatency(api, 280);
  const results = { activationMs: api.activationMs, cold, warm, readMs, statMs, calendar, preview, previewShort };
  writeFileSync(process.env['EDCAL_BENCH_RESULTS']!, JSON.stringify(results));
}

/**
 * Keystroke to painted preview on a post of `chars` characters for 7 networks: from just before a one-
 * character edit to the frame the webview painted with that version (both clocks are epoch-based
 * on this machine), and to the moment its "painted" message is back in the extension host.
 */
async function previewLatency(api: EditorialCalendarApi, chars: number) {
  const root = vscode.workspace.workspaceFolders![0]!.uri;
  const uri = vscode.Uri.joinPath(root, `posts/bench-preview-${chars}.md`);
  const sentence = 'Nova planifie les rituels de votre équipe avec @nova_app : https://nova.app/rituels #Nova #Rituels 🎉\n';
  const body = sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
  const text = `---\ntitle: Bench preview\ndate: 2027-01-20T10:00\nplatforms: [x, bluesky, mastodon, threads, linkedin, instagram, facebook]\nstatus: draft\n---\n${body}\n`;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(uri);
  await vscode.commands.executeCommand('editorialCalendar.openPreview');
  const panel = api.previewPanel()!;
  const paintedVersion = (version: number) =>
    new Promise<{ paintedAt: number; arrivedAt: number; backAt: number; ms: number }>((resolve) => {
      const sub = panel.onDidRender((r) => {
        if (r.version < version) return;
        sub.dispose();
        resolve({ paintedAt: r.paintedAt, arrivedAt: r.receivedAt, backAt: performance.timeOrigin + performance.now(), ms: r.ms });
      });
    });
  await Promise.race([paintedVersion(editor.document.version), new Promise((r) => setTimeout(r, 5000))]);
  const painted: number[] = [];
  const roundTrip: number[] = [];
  const changed: number[] = [];
  const arrived: number[] = [];
  // When the extension host hears of each version (VS Code's own edit round trip ends there).
  const changedAt = new Map<number, number>();
  const listening = vscode.workspace.onDidChangeTextDocument((e) => e.document === editor.document && changedAt.set(e.document.version, performance.timeOrigin + performance.now()));
  const render: number[] = [];
  const end = editor.document.positionAt(text.length - 1);
  for (let i = 0; i < 60; i++) {
    const next = paintedVersion(editor.document.version + 1);
    const started = performance.timeOrigin + performance.now();
    await editor.edit((b) => b.insert(end, 'a'), { undoStopBefore: false, undoStopAfter: false });
    const r = await Promise.race([next, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no painted preview for version ${editor.document.version} (visible: ${panel.panel.visible})`)), 10_000))]);
    if (i < 10) continue; // warm-up
    painted.push(r.paintedAt - started);
    changed.push(changedAt.get(editor.document.version)! - started);
    roundTrip.push(r.backAt - started);
    arrived.push(r.arrivedAt - started);
    render.push(r.ms);
    await new Promise((resolve) => setTimeout(resolve, 30)); // typing pace
  }
  listening.dispose();
  // The extension host's share: checking the text and building the snapshot, as on a keystroke.
  const build: number[] = [];
  for (let i = 0; i < 30; i++) {
    await editor.edit((b) => b.insert(end, 'b'), { undoStopBefore: false, undoStopAfter: false });
    // The keystroke's own check is cached by then: check again, then build, to time both.
    const t0 = performance.now();
    api.linter.lintNow(editor.document);
    panel.snapshot();
    build.push(performance.now() - t0);
  }
  await vscode.commands.executeCommand('workbench.action.files.revert');
  return { samples: painted.length, chars: body.length, painted: stats(painted), changed: stats(changed), arrived: stats(arrived), build: stats(build), roundTrip: stats(roundTrip), render: stats(render) };
}

function stats(values: number[]): { median: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.floor(sorted.length * 0.95)]! };
}
