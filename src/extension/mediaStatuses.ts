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
  private readonly calendars = new Map<string, Calendar>();
  private readonly pending = new Set<string>();
  /** Content digests read for approvals, by `root|path` (undefined: could not be read). */
  private readonly digests = new Map<string, string | undefined>();
  // An image edited in place changes what an approval covers: its digest is read again.
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*', true, false, true);

  constructor() {
    this.watcher.onDidChange((uri) => {
      for (const [key] of this.digests) {
        const [root, path] = key.split('|') as [string, string];
        const calendar = this.calendars.get(root);
        if (!calendar || vscode.Uri.joinPath(calendar.root, path).toString() !== uri.toString()) continue;
        this.forget(uri);
        this.changed.fire(calendar);
      }
    });
  }
  private readonly changed = new vscode.EventEmitter<Calendar>();
  /** Fires with a calendar when a status asked for became known, or one known changed. */
  readonly onDidChange = this.changed.event;

  /** The calendar's probe (the index looks media up through it). */
  probeFor(calendar: Calendar): MediaProbe {
    const key = calendar.root.toString();
    this.calendars.set(key, calendar);
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

  /**
   * The content digest of a calendar-relative media file if known, else undefined (and it is read
   * in the background, then `onDidChange` fires): for approvals pinned to what is sent.
   */
  digestOf(calendar: Calendar, path: string): string | undefined {
    const key = `${calendar.root.toString()}|${path}`;
    if (this.digests.has(key)) return this.digests.get(key);
    if (!this.pending.has(`digest ${key}`)) {
      this.pending.add(`digest ${key}`);
      void this.probeFor(calendar).digest(path).then((digest) => {
        this.pending.delete(`digest ${key}`);
        this.digests.set(key, digest);
        this.changed.fire(calendar);
      });
    }
    return undefined;
  }

  /** A file or folder was created, changed or deleted: what was known of it (and under it) is stale. */
  forget(uri: vscode.Uri): void {
    for (const [root, probe] of this.probes) {
      const rootUri = vscode.Uri.parse(root);
      if (rootUri.scheme !== uri.scheme || rootUri.authority !== uri.authority) continue;
      const path = relativePath(rootUri.path, uri.path);
      if (path === undefined) continue;
      probe.forget(path === '' ? undefined : path);
      for (const key of [...this.digests.keys()]) {
        const known = key.slice(root.length + 1);
        if (key.startsWith(root + '|') && (path === '' || known === path || known.startsWith(path + '/'))) this.digests.delete(key);
      }
    }
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
