import picomatch from 'picomatch/posix';
import type { CalendarConfig } from '../core/config';
import type { Locale } from '../core/i18n/messages';
import type { DirEntry, Workspace } from '../core/ports';
import { childPath, parentPath, relativePath } from '../core/text/paths';
import { fileDiagnostic, reasonOf, type PathProblem } from './problems';

/** Folders never walked: dependencies, git's own, and hidden ones (`.vscode`, `.cache`…). */
function skippedFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Visits `root` and every folder under it, giving each folder's entries. Symlinked folders are
 * not descended (so a link loop never hangs a walk), nor are `node_modules` and hidden folders.
 * A folder that cannot be listed is passed to `unreadable` and the walk goes on.
 */
export async function walkFolders(
  workspace: Workspace,
  root: string,
  visit: (dir: string, entries: readonly DirEntry[]) => void | Promise<void>,
  unreadable: (dir: string, error: unknown) => void = () => {},
  skip: (dir: string) => boolean = () => false,
): Promise<void> {
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: readonly DirEntry[];
    try {
      entries = [...(await workspace.list(dir))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      unreadable(dir, error);
      continue;
    }
    await visit(dir, entries);
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      const path = childPath(dir, entry.name);
      if (entry.kind === 'directory' && !skippedFolder(entry.name) && !skip(path)) pending.push(path);
    }
  }
}

/**
 * Whether a calendar-relative path is a post: it matches the calendar's `posts` globs (hidden
 * files and folders never do). The walk and the extension's open editors both ask this.
 */
export function postMatcher(config: CalendarConfig): (calendarPath: string) => boolean {
  return picomatch(config.posts as string[], { dot: false });
}

/** The post files of a calendar, and what the walk could not read or chose not to follow. */
export interface PostWalk {
  /** Absolute paths of post files (regular files matching the `posts` globs), sorted. */
  readonly files: readonly string[];
  readonly problems: readonly PathProblem[];
}

/**
 * The one walk over a calendar's files, shared by the CLI and the extension. Only regular files
 * matching the calendar's `posts` globs are posts. The symlink policy (as eslint's): a walk does
 * not descend symlinked folders (an info notice says so); a symlinked file counts only when it
 * resolves inside the calendar (else a warning, and it is not read). FIFOs, sockets and devices
 * are reported, never opened; an unreadable folder is one error and the walk goes on.
 *
 * @param within a folder inside the calendar to walk instead of its root
 * @param exclude roots of calendars nested in this one: their posts are theirs
 */
export async function walkPosts(
  workspace: Workspace,
  calendar: { readonly root: string; readonly config: CalendarConfig },
  options: { readonly within?: string; readonly exclude?: readonly string[]; readonly named?: boolean } = {},
): Promise<PostWalk> {
  const { root, config } = calendar;
  const locale: Locale = config.locale;
  const isPost = postMatcher(config);
  const exclude = new Set(options.exclude ?? []);
  const files: string[] = [];
  const problems: PathProblem[] = [];
  const realRoot = workspace.realPath(root).catch(() => root);
  // A folder given to walk is followed only when a person named it (`edcal check posts/more`);
  // one met otherwise (a folder created or renamed while VS Code runs) is walked as any other.
  const within = options.within ?? root;
  if (within !== root && !options.named && (await isSymlinkedFolder(workspace, within))) {
    return { files, problems: [{ path: within, diagnostic: fileDiagnostic(locale, 'file.symlink', 'file.symlink-folder', {}, 'info') }] };
  }

  await walkFolders(
    workspace,
    within,
    async (dir, entries) => {
      for (const entry of entries) {
        const path = childPath(dir, entry.name);
        const rel = relativePath(root, path);
        if (rel === undefined || entry.kind === 'directory') continue;
        if (entry.kind === 'file') {
          if (isPost(rel)) files.push(path);
        } else if (entry.kind === 'other') {
          if (isPost(rel)) problems.push({ path, diagnostic: fileDiagnostic(locale, 'file.not-regular', 'file.not-regular') });
        } else await symlink(path, rel, entry.name);
      }
    },
    (dir, error) => problems.push({ path: dir, diagnostic: fileDiagnostic(locale, 'folder.unreadable', 'folder.unreadable', { reason: reasonOf(error) }) }),
    (dir) => exclude.has(dir),
  );

  async function symlink(path: string, rel: string, name: string): Promise<void> {
    let kind: 'file' | 'directory' | 'other';
    try {
      kind = (await workspace.stat(path)).kind;
    } catch (error) {
      if (isPost(rel)) problems.push({ path, diagnostic: fileDiagnostic(locale, 'file.unreadable', 'file.unreadable', { reason: reasonOf(error) }) });
      return;
    }
    if (kind === 'directory') {
      if (!skippedFolder(name)) problems.push({ path, diagnostic: fileDiagnostic(locale, 'file.symlink', 'file.symlink-folder', {}, 'info') });
      return;
    }
    if (!isPost(rel)) return;
    const problem = await postProblem(workspace, { root, config }, path, await realRoot);
    if (problem) problems.push(problem);
    else files.push(path);
  }

  files.sort();
  return { files, problems };
}

/** True when the last part of `path` is a symlink to a folder (its real path is not its parent's real path and its name). */
async function isSymlinkedFolder(workspace: Workspace, path: string): Promise<boolean> {
  try {
    const [real, parent] = await Promise.all([workspace.realPath(path), workspace.realPath(parentPath(path))]);
    return real !== childPath(parent, path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return false;
  }
}

/**
 * Why a path the walk did not list itself (a file changed on disk, a symlink) is not a post to
 * read, by the walk's rules: it must be a regular file and, symlinks resolved, inside the
 * calendar. Undefined when it is a post.
 */
export async function postProblem(
  workspace: Workspace,
  calendar: { readonly root: string; readonly config: CalendarConfig },
  path: string,
  realRoot?: string,
): Promise<PathProblem | undefined> {
  const locale = calendar.config.locale;
  try {
    const { kind } = await workspace.stat(path);
    const real = await workspace.realPath(path);
    const root = realRoot ?? (await workspace.realPath(calendar.root).catch(() => calendar.root));
    if (relativePath(root, real) === undefined) return { path, diagnostic: fileDiagnostic(locale, 'file.symlink', 'file.symlink-outside', {}, 'warning') };
    if (kind !== 'file') return { path, diagnostic: fileDiagnostic(locale, 'file.not-regular', 'file.not-regular') };
    return undefined;
  } catch (error) {
    return { path, diagnostic: fileDiagnostic(locale, 'file.unreadable', 'file.unreadable', { reason: reasonOf(error) }) };
  }
}
