import type { CalendarConfig } from '../core/config';
import type { Locale } from '../core/i18n/messages';
import { decodePost } from '../core/lint';
import type { Workspace } from '../core/ports';
import { snapshotOf, type PostSnapshot } from '../core/review/snapshot';
import { relativePath } from '../core/text/paths';
import { loadCalendar } from './calendarFiles';
import { checkText } from './checkPost';
import { mapLimit } from './mapLimit';
import { MediaProbe } from './media';
import { readPostBytes } from './readPost';
import { walkPosts } from './walk';

/** A calendar at one revision, as a review compares it. */
export interface CalendarSnapshot {
  /** False when the calendar's folder is not in this revision (its posts are then all added or removed). */
  readonly found: boolean;
  readonly config: CalendarConfig;
  readonly posts: readonly PostSnapshot[];
  /** Files that could not be read as posts, with why (paths from the repository root). */
  readonly unreadable: ReadonlyArray<{ readonly file: string; readonly message: string }>;
}

/**
 * Snapshots every post of the calendar at `root` in `workspace` (a git revision or the working
 * tree), with file names from the repository's `top`. `cache` is shared by the two sides of a
 * diff: a post whose text, path and settings are the same on both is checked once (most posts, in
 * a pull request). Posts whose approvals depend on media files are always checked, since an image
 * may change under an unchanged text.
 */
export async function snapshotCalendar(
  workspace: Workspace,
  root: string,
  top: string,
  options: { readonly locale: Locale; readonly now: number; readonly cache?: Map<string, PostSnapshot> },
): Promise<CalendarSnapshot> {
  const found = await workspace.stat(root).then((s) => s.kind === 'directory', () => false);
  const calendar = await loadCalendar(workspace, root, options.locale);
  if (!found) return { found, config: calendar.config, posts: [], unreadable: [] };
  const walk = await walkPosts(workspace, calendar);
  const media = new MediaProbe(workspace, root);
  const settings = JSON.stringify(calendar.config);
  const repoPath = (path: string) => relativePath(top, path) ?? path;
  const unreadable: Array<CalendarSnapshot['unreadable'][number]> = walk.problems.map((p) => ({ file: repoPath(p.path), message: p.diagnostic.message }));
  const posts = await mapLimit(walk.files, 8, async (path): Promise<PostSnapshot | undefined> => {
    const file = repoPath(path);
    const read = await readPostBytes(workspace, path, calendar.config.locale);
    const text = 'diagnostic' in read ? read.diagnostic : decodePost(read.bytes, calendar.config.locale);
    if (typeof text !== 'string') {
      unreadable.push({ file, message: 'diagnostics' in text ? (text.diagnostics[0]?.message ?? '') : text.message });
      return undefined;
    }
    const key = `${settings}\u0000${file}\u0000${text}`;
    const known = options.cache?.get(key);
    if (known) return known;
    const checked = await checkText(calendar, path, text, { now: options.now, media });
    if (!checked.result) {
      unreadable.push({ file, message: checked.diagnostics[0]?.message ?? '' });
      return undefined;
    }
    const snapshot = snapshotOf(file, checked.result, calendar.config.timezone, (p) => checked.digests?.get(p));
    if (!checked.digests || checked.digests.size === 0) options.cache?.set(key, snapshot);
    return snapshot;
  });
  return { found, config: calendar.config, posts: posts.filter((p) => p !== undefined), unreadable };
}
