import * as vscode from 'vscode';
import type { FrontmatterChange } from '../core/frontmatter/change';
import { editFrontmatter } from '../core/frontmatter/editor';
import { refusalMessage } from '../core/frontmatter/fix';
import type { Locale } from '../core/i18n/messages';
import { toWorkspaceEdit } from './convert';

/**
 * Changes a post's frontmatter through the core's frontmatter editor and a WorkspaceEdit: undo
 * works, the text of an open editor (saved or not) is the one edited, and every byte the change
 * does not touch stays. A post that had no unsaved changes is saved again, so that the file on
 * disk follows. Returns false (with a message saying why) when the editor refuses the change.
 * With `renameTo`, the file is renamed in the same edit (one undo step; an existing file is never
 * overwritten: the edit then fails whole).
 */
export async function editPost(uri: vscode.Uri, changes: FrontmatterChange | readonly FrontmatterChange[], locale: Locale, renameTo?: vscode.Uri): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const result = editFrontmatter(document.getText(), changes);
  if (!result.ok) {
    void vscode.window.showErrorMessage(refusalMessage(locale, result, vscode.workspace.asRelativePath(uri)));
    return false;
  }
  if (result.edits.length === 0 && !renameTo) return true;
  const wasDirty = document.isDirty;
  const edit = toWorkspaceEdit(document, result.edits);
  if (renameTo) edit.renameFile(uri, renameTo, { overwrite: false });
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok && !wasDirty) await (renameTo ? await vscode.workspace.openTextDocument(renameTo) : document).save();
  return ok;
}
