import * as vscode from 'vscode';
import { decodePost, MAX_POST_BYTES } from '../core/lint';
import { accountLine, metricsFile, snapshotLine } from '../core/metrics/snapshot';
import { PLATFORMS } from '../core/platforms/registry';
import { parsePost } from '../core/post';
import type { Secrets } from '../core/ports';
import { systemClock } from '../services/clock';
import { fetchMetrics } from '../services/metrics/fetch';
import { publishedParts, type PublishedPart } from '../core/metrics/publishedPart';
import { retrying } from '../services/publish/retry';
import type { Calendars } from './calendars';
import { host } from './host';
import type { PostIndex } from './postIndex';
import { workspaceFor } from './workspace';

/**
 * "Fetch Metrics": as `edcal metrics fetch` does, the counts of every published part of the
 * calendar read from the networks and appended to `metrics/YYYY-MM.jsonl` (the posts untouched),
 * with a progress notification and a summary. The network is reached only from a trusted
 * workspace, in VS Code on a computer (the Node host gives this command: see `Host`).
 */
export async function fetchCalendarMetrics(deps: { readonly calendars: Calendars; readonly index: PostIndex; readonly secrets: Secrets }): Promise<number | undefined> {
  const http = host().http!;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Reading the networks’ counts sends requests: trust this folder first.'));
    return undefined;
  }
  const calendar = deps.calendars.all[0];
  if (!calendar) return undefined;
  const ws = workspaceFor(calendar.root);
  const now = systemClock.now();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the networks’ counts…') }, async (progress) => {
    const parts: PublishedPart[] = [];
    for (const post of deps.index.all) {
      if (post.published.length === 0 || deps.calendars.postOf(vscode.Uri.parse(post.uri))?.calendar !== calendar) continue;
      const uri = vscode.Uri.parse(post.uri);
      const text = decodePost(await ws.read(uri.path, MAX_POST_BYTES).catch(() => new Uint8Array()), calendar.config.locale);
      if (typeof text === 'string') parts.push(...publishedParts(post.path, parsePost(post.path, text, calendar.config)));
    }
    progress.report({ message: vscode.l10n.t('{0} published part(s)', parts.length) });
    const fetched = await fetchMetrics(parts, calendar.config, { http: retrying(http, systemClock), secrets: deps.secrets, now: () => now });
    const target = vscode.Uri.joinPath(calendar.root, metricsFile(now));
    if (fetched.snapshots.length > 0 || fetched.accounts.length > 0) {
      // workspace.fs has no append: what is there, then the new lines, in one write.
      const before = await vscode.workspace.fs.readFile(target).then((b) => new TextDecoder().decode(b), () => '');
      const lines = [...fetched.snapshots.map(snapshotLine), ...fetched.accounts.map(accountLine)].map((l) => l + '\n').join('');
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(before + (before === '' || before.endsWith('\n') ? '' : '\n') + lines));
    }
    const file = vscode.workspace.asRelativePath(target);
    const unsupported = fetched.unsupported.map((n) => PLATFORMS[n].name).join(', ');
    const text = [
      parts.length === 0 ? vscode.l10n.t('Nothing published to read yet.') : vscode.l10n.t('{0} reading(s) appended to {1}.', fetched.snapshots.length, file),
      fetched.failures.length > 0 ? vscode.l10n.t('{0} part(s) not read: {1}', fetched.failures.length, fetched.failures.map((f) => `${f.file} (${PLATFORMS[f.network].name} ${f.part}: ${f.detail})`).slice(0, 3).join('; ')) : '',
      unsupported ? vscode.l10n.t('Counts are not read from {0} yet.', unsupported) : '',
    ].filter(Boolean).join(' ');
    void (fetched.failures.length > 0 ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
    return fetched.snapshots.length;
  });
}
