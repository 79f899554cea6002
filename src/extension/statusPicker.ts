import * as vscode from 'vscode';
import { STATUSES, type PostStatus } from '../core/model';
import { STATUS_ICON, statusColour, statusLabel } from './labels';

/** An item of the status picker: the status id it sets. */
export interface StatusItem extends vscode.QuickPickItem {
  readonly id?: PostStatus;
}

/**
 * The items of *Set Post Status*: the current status first, with a check, then the others in
 * workflow order under a separator; each with the Posts view's icon and the calendar's colour
 * (the picker is the legend of both).
 *
 * @example statusItems('review')[0] // { label: '$(eye) In review', description: 'review · $(check) current', detail: 'orange in the calendar' }
 */
export function statusItems(current: PostStatus): StatusItem[] {
  const item = (id: PostStatus): StatusItem => ({
    id,
    label: `$(${STATUS_ICON[id]}) ${statusLabel(id)}`,
    description: id === current ? vscode.l10n.t('{0} · $(check) current', id) : id,
    detail: vscode.l10n.t('{0} in the calendar', statusColour(id)),
  });
  return [item(current), { label: vscode.l10n.t('Change to'), kind: vscode.QuickPickItemKind.Separator }, ...STATUSES.filter((s) => s !== current).map(item)];
}

/** Asks for a status, showing the current one; undefined when dismissed or the current one is kept. */
export async function pickStatus(current: PostStatus): Promise<PostStatus | undefined> {
  const chosen = await vscode.window.showQuickPick(statusItems(current), { placeHolder: vscode.l10n.t('New status (now {0})', statusLabel(current)) });
  return chosen?.id === current ? undefined : chosen?.id;
}
