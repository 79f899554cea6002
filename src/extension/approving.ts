import * as vscode from 'vscode';
import { parsePerson } from '../core/approval/people';
import { policyFor } from '../core/config';
import type { Git } from '../core/ports';
import { parsePost } from '../core/post';
import { systemClock } from '../services/clock';
import { approvePost as approve, type ApproveOutcome } from '../services/approve';
import type { Calendars } from './calendars';
import { VsCodeGit } from './git';
import { host } from './host';
import type { MediaStatuses } from './mediaStatuses';
import { DocumentWriter } from './publishing';
import { workspaceFor } from './workspace';

/** What "Approve Post" needs. */
export interface ApprovingDeps {
  readonly calendars: Calendars;
  readonly media: MediaStatuses;
  /** Where a reviewer's name and email are remembered where git cannot tell them (a browser). */
  readonly state: vscode.Memento;
}

/**
 * "Approve Post": the post as saved, approved by its reviewer and pinned to what each network
 * would receive, the approval written through a WorkspaceEdit (undo works). On local files with
 * git, as git's user, committed alone through the Git extension where it can (see `VsCodeGit`);
 * git runs a process (and repository hooks), so never in an untrusted workspace. Elsewhere (a
 * browser: github.dev, vscode.dev; a virtual workspace), as the reviewer says once, written into
 * the file only: the reviewer commits it with the workbench's Source Control.
 */
export async function approvePost(deps: ApprovingDeps, uri: vscode.Uri): Promise<ApproveOutcome | undefined> {
  const found = deps.calendars.postOf(uri);
  if (!found) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a post of the editorial calendar first.'));
    return undefined;
  }
  const plain = host().git;
  const withGit = plain !== undefined && uri.scheme === 'file';
  if (withGit && !vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Approving runs git: trust this folder to approve from it.'));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.isDirty) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save the post first: what is approved is the saved file.'));
    return undefined;
  }
  const { calendar } = found;
  // Without git, who wrote the post is unknown: a policy forbidding self-approval is said at once,
  // before the reviewer is asked who they are.
  if (!withGit && !policyFor(calendar.config.approvals, parsePost(found.path, document.getText(), calendar.config).meta.campaign).selfApproval) return noHistory();
  const folder = vscode.Uri.joinPath(uri, '..');
  const git = withGit ? new VsCodeGit(folder, plain(folder.fsPath)) : new ReviewerWithoutGit(deps.state);
  let outcome: ApproveOutcome;
  try {
    outcome = await approve(
      { workspace: workspaceFor(calendar.root), writer: new DocumentWriter(calendar.root), git, clock: systemClock },
      { root: calendar.root.path, config: calendar.config, media: deps.media.probeFor(calendar) },
      uri.path,
      { commit: withGit },
    );
  } catch (error) {
    if (!(error instanceof NoHistory)) throw error;
    return noHistory();
  }
  if (outcome.kind === 'refused') void vscode.window.showWarningMessage(outcome.message);
  else if (!withGit) void vscode.window.showInformationMessage(vscode.l10n.t('Approved by {0}: the approval is written into the post. Commit it from Source Control.', outcome.by));
  else if (outcome.commit) void vscode.window.showWarningMessage(vscode.l10n.t('Approved by {0}, but not committed: {1}', outcome.by, outcome.commit));
  else void vscode.window.showInformationMessage(vscode.l10n.t('Approved by {0} and committed.', outcome.by));
  return outcome;
}

/** Who wrote a post cannot be known without git's history. */
class NoHistory extends Error {}

function noHistory(): undefined {
  void vscode.window.showWarningMessage(vscode.l10n.t('This calendar forbids approving a post one wrote, and who wrote it is in git’s history, which the browser cannot read: approve it in VS Code on a computer.'));
  return undefined;
}

const IDENTITY_KEY = 'editorialCalendar.reviewer';

/**
 * A reviewer where no git runs: their name and email from `editorialCalendar.reviewer`, else asked
 * once ("Name <email>", as commits carry them) and remembered. Nothing is committed here, and who
 * wrote a post is unknown: a policy that forbids self-approval is not approved here (`NoHistory`).
 */
class ReviewerWithoutGit implements Git {
  constructor(private readonly state: vscode.Memento) {}

  async identity(): Promise<{ readonly name: string; readonly email: string } | undefined> {
    // The setting wins (to correct a name once given); then the name given last time.
    const set = parsePerson(vscode.workspace.getConfiguration('editorialCalendar').get<string>('reviewer') ?? '');
    const known = set ?? parsePerson(this.state.get<string>(IDENTITY_KEY) ?? '');
    if (known) return known;
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('Approve Post'),
      prompt: vscode.l10n.t('Your name and email, as your commits carry them: approvals are signed with them (editorialCalendar.reviewer changes them later)'),
      placeHolder: 'Léa Martin <lea@nova.example>',
      ignoreFocusOut: true,
      validateInput: (text) => (parsePerson(text) ? undefined : vscode.l10n.t('Write it as Name <email>')),
    });
    const who = answer === undefined ? undefined : parsePerson(answer);
    if (who) await this.state.update(IDENTITY_KEY, `${who.name} <${who.email}>`);
    return who;
  }

  async authors(): Promise<readonly string[]> {
    throw new NoHistory();
  }

  async uncommitted(): Promise<boolean> {
    return false;
  }

  async commit(): Promise<void> {
    throw new Error('nothing is committed without git');
  }
}
