import type * as vscode from 'vscode';
import { activateExtension, type EditorialCalendarApi } from './activation';
import { useHost } from './host';
import { nodeHost } from './nodeHost';

export type { EditorialCalendarApi };

/** The entry point in VS Code's Node extension host (package.json `main`). */
export function activate(context: vscode.ExtensionContext): EditorialCalendarApi {
  useHost(nodeHost());
  return activateExtension(context);
}

export function deactivate(): void {}
