import { approvalHash, normalise } from '../approval/hash';
import { dayKey } from '../calendar';
import type { LintResult } from '../lint';
import type { PlatformId, PostStatus } from '../model';
import { toZonedIso } from '../zone';

/**
 * What a review compares of one post at one revision: plain data, the same whichever host read
 * it (a git tree, the working tree, an editor's unsaved text).
 */
export interface PostSnapshot {
  /** Path from the repository root, with `/`. */
  readonly file: string;
  readonly title?: string;
  /** Epoch milliseconds, when dated. */
  readonly time?: number;
  readonly dateOnly?: boolean;
  /** ISO 8601 with the zone's offset (`2026-12-22T10:00:00+01:00`), or a day (`2026-12-22`). */
  readonly date?: string;
  readonly status?: PostStatus;
  readonly campaign?: string;
  readonly platforms: readonly PlatformId[];
  /** What each network receives: its parts' normalised text, one string per part. */
  readonly sent: Readonly<Partial<Record<PlatformId, readonly string[]>>>;
  /** Each approval, `by` and `at` as its identity, and whether what is sent changed since. */
  readonly approvals: ReadonlyArray<{ readonly key: string; readonly stale: boolean }>;
  /** Errors and warnings found on the post. */
  readonly problems: number;
}

/**
 * The snapshot of a post once linted. `file` is its path from the repository root; `digest`
 * gives media files' content digests (see `approvalHash`), so that an approval made stale by a
 * changed image is seen.
 */
export function snapshotOf(file: string, result: LintResult, zone: string, digest: (calendarPath: string) => string | undefined): PostSnapshot {
  const { meta } = result.post;
  const current = meta.approvals.some((a) => a.hash !== undefined) ? approvalHash(result, digest) : undefined;
  const sent: Partial<Record<PlatformId, readonly string[]>> = {};
  for (const r of result.renders) sent[r.platform] = r.parts.map((p) => normalise(p.text));
  return {
    file,
    ...(meta.title !== undefined ? { title: meta.title } : {}),
    ...(meta.date !== undefined ? { time: meta.date, date: meta.dateOnly ? dayKey(meta.date, zone) : toZonedIso(meta.date, zone) } : {}),
    ...(meta.dateOnly ? { dateOnly: true } : {}),
    ...(meta.status !== undefined ? { status: meta.status } : {}),
    ...(meta.campaign !== undefined ? { campaign: meta.campaign } : {}),
    platforms: meta.platforms,
    sent,
    approvals: meta.approvals.map((a) => ({ key: `${a.by}\u0000${a.at}`, stale: a.hash !== undefined && current !== undefined && a.hash !== current })),
    problems: result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length,
  };
}
