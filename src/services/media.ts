import type { MediaStatus } from '../core/model';
import { FileError, type Workspace } from '../core/ports';
import { contentDigest } from '../core/approval/hash';
import { childPath, relativePath } from '../core/text/paths';

/** Media larger than this are not read for approvals (a video of a few minutes is far less). */
const MAX_DIGEST_BYTES = 512 * 1024 * 1024;

/**
 * Where a calendar's media files stand: there, missing, not a file, or outside the calendar once
 * symlinks are resolved (`media/logo.png` linking to `/etc/passwd`). Publishing uploads these
 * files, so nothing outside the calendar may pass. Each path is looked up once (many posts share
 * images); `forget` drops what a file change made stale.
 */
export class MediaProbe {
  private readonly known = new Map<string, Promise<MediaStatus>>();
  private readonly settled = new Map<string, MediaStatus>();
  private readonly digests = new Map<string, Promise<string | undefined>>();
  /** Bumped by `forget`: looks begun before it do not settle. */
  private epoch = 0;
  private realRoot: Promise<string> | undefined;

  constructor(
    private readonly workspace: Workspace,
    /** Absolute path of the calendar root. */
    readonly root: string,
    /** Called when a path looked up again stands otherwise than it did. */
    private readonly changed: (calendarPath: string) => void = () => {},
  ) {}

  /** The status of a calendar-relative path (as `resolveMediaPath` gives it). */
  status(calendarPath: string): Promise<MediaStatus> {
    let status = this.known.get(calendarPath);
    if (!status) {
      status = this.look(calendarPath);
      this.known.set(calendarPath, status);
      const epoch = this.epoch;
      void status.then((found) => {
        // A look begun before `forget` may have seen the old file; one cleared by `revalidate` counts.
        const current = this.known.get(calendarPath);
        if (epoch !== this.epoch || (current !== undefined && current !== status)) return;
        const previous = this.settled.get(calendarPath);
        this.settled.set(calendarPath, found);
        if (previous !== undefined && previous !== found) this.changed(calendarPath);
      });
    }
    return status;
  }

  /** The status when already looked up (for hosts that check synchronously, on each keystroke). */
  knownStatus(calendarPath: string): MediaStatus | undefined {
    return this.settled.get(calendarPath);
  }

  /** The status of each path, looked up together. */
  async statuses(paths: Iterable<string>): Promise<Map<string, MediaStatus>> {
    const unique = [...new Set(paths)];
    const found = await Promise.all(unique.map((p) => this.status(p)));
    return new Map(unique.map((p, i) => [p, found[i]!]));
  }

  /** Looks every path up again when next asked, answering `knownStatus` from the last look meanwhile. */
  revalidate(): void {
    this.known.clear();
    this.realRoot = undefined;
  }

  /**
   * The content digest of a media file inside the calendar (`contentDigest`), for approvals
   * pinned to what is sent; undefined when it cannot be read (missing, outside, too large).
   * Read once per path until `forget`.
   */
  digest(calendarPath: string): Promise<string | undefined> {
    let digest = this.digests.get(calendarPath);
    if (!digest) {
      digest = (async () => {
        if ((await this.status(calendarPath)) !== 'ok') return undefined;
        try {
          return contentDigest(await this.workspace.read(childPath(this.root, calendarPath), MAX_DIGEST_BYTES));
        } catch {
          return undefined;
        }
      })();
      this.digests.set(calendarPath, digest);
    }
    return digest;
  }

  /** Forgets what is known of a calendar-relative path and everything under it (all, without one). */
  forget(calendarPath?: string): void {
    this.epoch++;
    if (calendarPath === undefined) {
      this.digests.clear();
      this.known.clear();
      this.settled.clear();
      this.realRoot = undefined;
      return;
    }
    for (const key of new Set([...this.known.keys(), ...this.settled.keys()])) {
      if (key !== calendarPath && !key.startsWith(calendarPath + '/')) continue;
      this.known.delete(key);
      this.settled.delete(key);
    }
    for (const key of [...this.digests.keys()]) if (key === calendarPath || key.startsWith(calendarPath + '/')) this.digests.delete(key);
  }

  private async look(calendarPath: string): Promise<MediaStatus> {
    if (calendarPath === '' || calendarPath.startsWith('../') || calendarPath === '..') return 'outside';
    const path = childPath(this.root, calendarPath);
    try {
      const stat = await this.workspace.stat(path);
      if (stat.kind !== 'file') return 'not-a-file';
      this.realRoot ??= this.workspace.realPath(this.root).catch(() => this.root);
      const real = await this.workspace.realPath(path);
      return relativePath(await this.realRoot, real) === undefined ? 'outside' : 'ok';
    } catch (error) {
      return error instanceof FileError && error.code !== 'not-found' && error.code !== 'denied' ? 'not-a-file' : 'missing';
    }
  }
}
