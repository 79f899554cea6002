// Benchmarks inside a real VS Code extension host (run by test/vscode/run.mjs bench on a generated
// 10,000-post calendar): activation, full check cold and warm (from the persisted cache), and the
// time to only read every file, for comparison. Writes figures to $EDCAL_BENCH_RESULTS.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { EditorialCalendarApi } from '../../src/extension/extension';
import { mapLimit, readFileBytes, statFile } from '../../src/extension/files';

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
  // update (a post's file changes on disk) until the webview has drawn it.
  started = performance.now();
  await vscode.commands.executeCommand('editorialCalendar.openCalendar', { anchor: '2027-01-15' });
  const panel = api.calendarPanel()!;
  const first = await new Promise<{ ms: number; chips: number }>((resolve) => panel.onDidRender(resolve));
  const openMs = performance.now() - started;
  const target = files.find((u) => u.path.includes('/2027/01/'))!;
  const bytes = await readFileBytes(target);
  started = performance.now();
  const next = new Promise<{ ms: number; chips: number }>((resolve) => panel.onDidRender(resolve));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(new TextDecoder().decode(bytes).replace('status: ', 'status: ').replace(/\n$/, '\nUne ligne de plus.\n')));
  const update = await next;
  const updateMs = performance.now() - started;
  const calendar = { openMs, chips: first.chips, renderMs: first.ms, updateMs, updateRenderMs: update.ms };

  const results = { activationMs: api.activationMs, cold, warm, readMs, statMs, calendar };
  writeFileSync(process.env['EDCAL_BENCH_RESULTS']!, JSON.stringify(results));
}
