import type * as vscode from 'vscode';
import { activateExtension, type EditorialCalendarApi } from './activation';
import { useHost } from './host';

export type { EditorialCalendarApi };

/**
 * The entry point in a browser (package.json `browser`: vscode.dev, github.dev): files through
 * `workspace.fs` only, no process, no network; publishing, git and branch comparisons say they
 * need VS Code on a computer.
 */
export function activate(context: vscode.ExtensionContext): EditorialCalendarApi {
  useHost({});
  return activateExtension(context);
}

export function deactivate(): void {}
