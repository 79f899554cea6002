import type { PlatformId, PostStatus } from '../model';
import type { PostSnapshot } from './snapshot';
import { shortWordDiff, type WordPiece } from './wordDiff';

/** A post as the diff names it: where it is, what it is called, when it goes out. */
export interface DiffPost {
  readonly file: string;
  readonly title?: string;
  /** ISO 8601 with its offset, a day, or null when undated. */
  readonly date: string | null;
}

/** What changed in a calendar between two revisions. Files are paths from the repository root. */
export interface CalendarDiff {
  readonly added: readonly DiffPost[];
  readonly removed: readonly DiffPost[];
  /** Files git saw renamed: the same post under a new name (`from` is the old one). */
  readonly renamed: ReadonlyArray<{ readonly file: string; readonly from: string }>;
  readonly rescheduled: ReadonlyArray<{ readonly file: string; readonly title?: string; readonly from: string | null; readonly to: string | null }>;
  readonly platforms: ReadonlyArray<{ readonly file: string; readonly added: readonly PlatformId[]; readonly removed: readonly PlatformId[] }>;
  /** Networks whose sent text changed, each with a short word diff. */
  readonly text: ReadonlyArray<{ readonly file: string; readonly platforms: readonly PlatformId[]; readonly words: ReadonlyArray<{ readonly platform: PlatformId; readonly pieces: readonly WordPiece[] }> }>;
  readonly status: ReadonlyArray<{ readonly file: string; readonly from: PostStatus | null; readonly to: PostStatus | null }>;
  /** Approvals given since the base, and approvals valid at the base that what is sent now makes stale. */
  readonly approvals: ReadonlyArray<{ readonly file: string; readonly added: number; readonly stale: number }>;
  /** The head's snapshot of every post that changed in any way (for the months it touches). */
  readonly changed: readonly PostSnapshot[];
}

/**
 * Compares a calendar at two revisions. `renames` maps a head file to its base file, as git's
 * rename detection found them: such a post is the same post moved, not one removed and one added.
 * Everything is sorted by file, so that two runs print the same diff.
 */
export function diffCalendars(base: readonly PostSnapshot[], head: readonly PostSnapshot[], renames: ReadonlyMap<string, string> = new Map()): CalendarDiff {
  const before = new Map(base.map((p) => [p.file, p]));
  const matched = new Set<string>();
  const diff = { added: [] as DiffPost[], removed: [] as DiffPost[], renamed: [] as Array<CalendarDiff['renamed'][number]>, rescheduled: [] as Array<CalendarDiff['rescheduled'][number]>, platforms: [] as Array<CalendarDiff['platforms'][number]>, text: [] as Array<CalendarDiff['text'][number]>, status: [] as Array<CalendarDiff['status'][number]>, approvals: [] as Array<CalendarDiff['approvals'][number]>, changed: [] as PostSnapshot[] };

  for (const now of [...head].sort(byFile)) {
    const renamedFrom = renames.get(now.file);
    const was = before.get(now.file) ?? (renamedFrom !== undefined ? before.get(renamedFrom) : undefined);
    if (!was) {
      diff.added.push(named(now));
      diff.changed.push(now);
      continue;
    }
    matched.add(was.file);
    const { file } = now;
    let changed = false;
    const note = <T>(list: T[], entry: T) => {
      list.push(entry);
      changed = true;
    };
    if (was.file !== file) note(diff.renamed, { file, from: was.file });
    if ((was.date ?? null) !== (now.date ?? null)) note(diff.rescheduled, { file, ...(now.title !== undefined ? { title: now.title } : {}), from: was.date ?? null, to: now.date ?? null });
    const addedNetworks = now.platforms.filter((p) => !was.platforms.includes(p));
    const removedNetworks = was.platforms.filter((p) => !now.platforms.includes(p));
    if (addedNetworks.length > 0 || removedNetworks.length > 0) note(diff.platforms, { file, added: addedNetworks, removed: removedNetworks });
    const words = now.platforms.flatMap((platform) => {
      const a = was.sent[platform];
      const b = now.sent[platform];
      if (a === undefined || b === undefined || same(a, b)) return [];
      return [{ platform, pieces: shortWordDiff(a.join('\n\n'), b.join('\n\n')) }];
    });
    if (words.length > 0) note(diff.text, { file, platforms: words.map((w) => w.platform), words });
    if ((was.status ?? null) !== (now.status ?? null)) note(diff.status, { file, from: was.status ?? null, to: now.status ?? null });
    const earlier = new Map(was.approvals.map((a) => [a.key, a]));
    const added = now.approvals.filter((a) => !earlier.has(a.key)).length;
    // Stale now, and valid at the base: what this change did to approvals (not what it inherited).
    const stale = now.approvals.filter((a) => a.stale && earlier.get(a.key)?.stale === false).length;
    if (added > 0 || stale > 0) note(diff.approvals, { file, added, stale });
    if (changed) diff.changed.push(now);
  }
  for (const was of [...base].sort(byFile)) if (!matched.has(was.file)) diff.removed.push(named(was));
  return diff;
}

/** True when nothing changed. */
export function isEmptyDiff(diff: CalendarDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0;
}

/**
 * The JSON contract of `edcal diff --format json`: the lists below, always all present, in this
 * shape (scripts read it; add fields, never rename them).
 */
export function diffJson(diff: CalendarDiff): string {
  return JSON.stringify(
    {
      added: diff.added.map(plain),
      removed: diff.removed.map(plain),
      renamed: diff.renamed,
      rescheduled: diff.rescheduled.map(({ file, from, to }) => ({ file, from, to })),
      platforms: diff.platforms,
      text: diff.text.map(({ file, platforms }) => ({ file, platforms })),
      status: diff.status,
      approvals: diff.approvals,
    },
    null,
    2,
  );
}

const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

function named(p: PostSnapshot): DiffPost {
  return { file: p.file, ...(p.title !== undefined ? { title: p.title } : {}), date: p.date ?? null };
}

function plain(p: DiffPost): { file: string; title: string | null; date: string | null } {
  return { file: p.file, title: p.title ?? null, date: p.date };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
