import * as vscode from 'vscode';
import { setFrontmatterField } from '../core/frontmatter';
import { minimalEdit } from '../core/newPost';
import { toWorkspaceEdit } from './convert';

/**
 * Sets a frontmatter field of a post through a WorkspaceEdit: undo works, the text of an open editor
 * (saved or not) is the one edited, and comments, key order and quoting are kept. A post that had
 * no unsaved changes is saved again, so that the file on disk follows.
 * Returns false (with a message) when the frontmatter cannot be edited safely.
 */
export async function setPostField(uri: vscode.Uri, key: string, value: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const before = document.getText();
  const after = setFrontmatterField(before, key, value);
  if (after === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The frontmatter of {0} cannot be edited: fix its YAML first.', vscode.workspace.asRelativePath(uri)));
    return false;
  }
  if (after === before) return true;
  const wasDirty = document.isDirty;
  const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(document, [minimalEdit(before, after)]));
  if (ok && !wasDirty) await document.save();
  return ok;
}
