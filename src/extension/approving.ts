import * as vscode from 'vscode';
import { systemClock } from '../node/secrets';
import { approvePost as approve, type ApproveOutcome } from '../services/approve';
import type { Calendars } from './calendars';
import { VsCodeGit } from './git';
import type { MediaStatuses } from './mediaStatuses';
import { DocumentWriter } from './publishing';
import { workspaceFor } from './workspace';

/**
 * "Approve Post": the post as saved, approved as git's user and pinned to what each network would
 * receive, the approval written through a WorkspaceEdit (undo works) and committed alone, through
 * the Git extension where it can (see `VsCodeGit`). Git runs a process (and repository hooks), so
 * never in an untrusted workspace; local files only.
 */
export async function approvePost(deps: { readonly calendars: Calendars; readonly media: MediaStatuses }, uri: vscode.Uri): Promise<ApproveOutcome | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Approving runs git: trust this folder to approve from it.'));
    return undefined;
  }
  const found = deps.calendars.postOf(uri);
  if (!found || uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a post of the editorial calendar first.'));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.isDirty) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save the post first: what is approved is the saved file.'));
    return undefined;
  }
  const { calendar } = found;
  const outcome = await approve(
    { workspace: workspaceFor(calendar.root), writer: new DocumentWriter(calendar.root), git: new VsCodeGit(vscode.Uri.joinPath(uri, '..')), clock: systemClock },
    { root: calendar.root.path, config: calendar.config, media: deps.media.probeFor(calendar) },
    uri.path,
    { commit: true },
  );
  if (outcome.kind === 'refused') void vscode.window.showWarningMessage(outcome.message);
  else if (outcome.commit) void vscode.window.showWarningMessage(vscode.l10n.t('Approved by {0}, but not committed: {1}', outcome.by, outcome.commit));
  else void vscode.window.showInformationMessage(vscode.l10n.t('Approved by {0} and committed.', outcome.by));
  return outcome;
}
