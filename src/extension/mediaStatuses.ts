import * as vscode from 'vscode';
import type { MediaStatus } from '../core/model';
import { relativePath } from '../core/text/paths';
import { MediaProbe } from '../services/media';
import type { Calendar } from './calendars';
import { workspaceFor } from './workspace';

/**
 * Where each calendar's media files stand (there, missing, outside the calendar), shared by the
 * index, the diagnostics of open posts and the preview: one probe per calendar. Checking a post on
 * a keystroke is synchronous, so a status not known yet is looked up in the background and
 * `onDidChange` fires when it is, for the post to be checked again.
 */
export class MediaStatuses implements vscode.Disposable {
  private readonly probes = new Map<string, MediaProbe>();
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<Calendar>();
  /** Fires with a calendar when a status asked for became known, or one known changed. */
  readonly onDidChange = this.changed.event;

  /** The calendar's probe (the index looks media up through it). */
  probeFor(calendar: Calendar): MediaProbe {
    const key = calendar.root.toString();
    let probe = this.probes.get(key);
    if (!probe) this.probes.set(key, (probe = new MediaProbe(workspaceFor(calendar.root), calendar.root.path, () => this.changed.fire(calendar))));
    return probe;
  }

  /** The status of a calendar-relative path if known, else undefined (and it is looked up). */
  lookup(calendar: Calendar, path: string): MediaStatus | undefined {
    const probe = this.probeFor(calendar);
    const known = probe.knownStatus(path);
    const key = `${calendar.root.toString()}|${path}`;
    if (known === undefined && !this.pending.has(key)) {
      this.pending.add(key);
      void probe.status(path).then(() => {
        this.pending.delete(key);
        this.changed.fire(calendar);
      });
    }
    return known;
  }

  /** A file or folder was created or deleted: what was known of it (and under it) is stale. */
  forget(uri: vscode.Uri): void {
    for (const [root, probe] of this.probes) {
      const rootUri = vscode.Uri.parse(root);
      if (rootUri.scheme !== uri.scheme || rootUri.authority !== uri.authority) continue;
      const path = relativePath(rootUri.path, uri.path);
      if (path !== undefined) probe.forget(path === '' ? undefined : path);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
