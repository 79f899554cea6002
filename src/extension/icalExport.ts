import * as vscode from 'vscode';
import { icalFeed, type IcalPost } from '../core/ical';
import type { Calendars } from './calendars';
import type { PostIndex } from './postIndex';

/**
 * "Export Calendar as iCal…": the calendar's posts as an RFC 5545 feed (the same as `edcal ical`),
 * written where the user chooses, for a calendar app to subscribe to or import.
 */
export async function exportIcal(deps: { readonly calendars: Calendars; readonly index: PostIndex }, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const calendar = deps.calendars.all[0];
  if (!calendar) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No editorial calendar here: add an .editorial.yaml file to a folder.'));
    return undefined;
  }
  const prefix = calendar.root.toString().replace(/\/?$/, '/');
  const posts: IcalPost[] = [];
  for (const p of deps.index.all) {
    if (!p.uri.startsWith(prefix)) continue;
    const meta = {
      platforms: p.platforms,
      tags: p.tags,
      media: [],
      approvals: [],
      results: {},
      ...(p.title !== undefined ? { title: p.title } : {}),
      ...(p.date !== undefined ? { date: p.date } : {}),
      ...(p.dateOnly ? { dateOnly: true } : {}),
      ...(p.status !== undefined ? { status: p.status } : {}),
      ...(p.campaign !== undefined ? { campaign: p.campaign } : {}),
    };
    posts.push({ path: p.path, meta, text: p.excerpt });
  }
  const uri = target ?? (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(calendar.root, 'calendar.ics'), filters: { iCalendar: ['ics'] } }));
  if (!uri) return undefined;
  const feed = icalFeed(posts, { zone: calendar.config.timezone, now: Date.now(), name: calendar.root.path.split('/').filter(Boolean).pop() ?? 'edcal', locale: calendar.config.locale });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(feed));
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} post(s) exported to {1}.', posts.filter((p) => p.meta.date !== undefined).length, vscode.workspace.asRelativePath(uri)));
  return uri;
}
