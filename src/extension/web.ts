import * as vscode from 'vscode';
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
  // Menus leave out what needs a computer. Not VS Code's `isWeb`: that is the workbench in a
  // browser, true in code-server or Codespaces too, where the extension runs in Node and can publish.
  void vscode.commands.executeCommand('setContext', 'editorialCalendar.inBrowser', true);
  return activateExtension(context);
}

export function deactivate(): void {}
