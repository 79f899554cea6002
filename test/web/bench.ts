// Figures of the extension in a browser's worker extension host (node test/vscode/run.mjs
// web-bench, from npm run bench): activation, and the first check of the example calendar through
// workspace.fs. One `[web-bench]` console line, which the launcher prints.
import * as vscode from 'vscode';
import type { EditorialCalendarApi } from '../../src/extension/web';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<EditorialCalendarApi>('edcal.editorial-calendar')!;
  const api = await ext.activate();
  await api.indexed;
  const inWorker = typeof (globalThis as { process?: unknown }).process === 'undefined' && vscode.env.uiKind === vscode.UIKind.Web;
  console.log('[web-bench]', JSON.stringify({ inWorker, activationMs: api.activationMs, check: api.index.lastRebuild }));
}
