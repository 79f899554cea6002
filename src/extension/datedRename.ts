import * as vscode from 'vscode';
import { rescheduledPath } from '../core/datedPath';

/**
 * Where a post moved from one date to another goes when its file name carries its date and
 * `editorialCalendar.renameOnReschedule` allows renaming; undefined when it keeps its name (no date
 * in the name, no date before or after, or a file already there: that one is never overwritten,
 * and a message says so). Dates as written: their first ten characters are the day.
 */
export async function datedRename(root: vscode.Uri, path: string, from: string | undefined, to: string | undefined, title: string): Promise<vscode.Uri | undefined> {
  if (!vscode.workspace.getConfiguration('editorialCalendar').get<boolean>('renameOnReschedule', true)) return undefined;
  if (from === undefined || to === undefined) return undefined;
  const moved = rescheduledPath(path, from.trim().slice(0, 10), to.trim().slice(0, 10));
  return moved === undefined ? undefined : free(vscode.Uri.joinPath(root, moved), title);
}

/** `target` when no file is there; else undefined, saying the post keeps its name (a file is never overwritten). */
export async function free(target: vscode.Uri, title: string): Promise<vscode.Uri | undefined> {
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) return target;
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists: "{1}" keeps its file name.', vscode.workspace.asRelativePath(target), title));
  return undefined;
}
