import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EditorialCalendarApi } from '../../src/extension/extension';

/** The activated extension's API (activates it if needed). */
export async function api(): Promise<EditorialCalendarApi> {
  const ext = vscode.extensions.getExtension<EditorialCalendarApi>('edcal.editorial-calendar');
  assert.ok(ext, 'extension not found');
  const exports = await ext.activate();
  await exports.indexed;
  return exports;
}

/** A file of the test workspace (a copy of examples/calendar). */
export function file(path: string): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(root, 'no workspace folder');
  return vscode.Uri.joinPath(root, path);
}

/** Waits until `predicate` holds, polling, or fails after `ms`. */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Our diagnostics for a file, once there are some matching `predicate`. */
export function diagnosticsOf(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean = (d) => d.length > 0): Promise<vscode.Diagnostic[]> {
  return until(`diagnostics of ${uri.path}`, () => {
    const all = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'edcal');
    return predicate(all) ? all : undefined;
  });
}

export function code(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** A file's text, as saved. */
export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Writes a file's text. */
export function writeText(uri: vscode.Uri, text: string): Thenable<void> {
  return vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Whether a file is there. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/**
 * Turns `editorialCalendar.renameOnReschedule` off, or back to its default (on), and waits until
 * the extension host reads it so: the update resolves once written, and the new value reaches a
 * browser's worker host a moment later.
 */
export async function renaming(on: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('editorialCalendar').update('renameOnReschedule', on ? undefined : false, vscode.ConfigurationTarget.Global);
  await until('the setting read back', () => vscode.workspace.getConfiguration('editorialCalendar').get<boolean>('renameOnReschedule', true) === on);
}
