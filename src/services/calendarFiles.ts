import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type CalendarConfig } from '../core/config';
import type { Locale } from '../core/i18n/messages';
import type { Diagnostic } from '../core/model';
import { FileError, type Workspace } from '../core/ports';
import { childPath, parentPath, relativePath } from '../core/text/paths';
import { fileDiagnostic, reasonOf } from './problems';
import { walkFolders } from './walk';

/** A calendar: the folder holding `.editorial.yaml`, and its settings. */
export interface Calendar {
  /** Absolute path of the calendar's root folder. */
  readonly root: string;
  readonly config: CalendarConfig;
  /** Problems in `.editorial.yaml` (including why it could not be read). */
  readonly configDiagnostics: readonly Diagnostic[];
  /** False when the folder has no `.editorial.yaml` (default settings apply). */
  readonly hasConfigFile: boolean;
}

/** Settings files larger than this are not read: a real one is a few hundred bytes. */
export const MAX_CONFIG_BYTES = 256 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a calendar's settings. Never throws: a missing file means defaults; one that cannot be
 * read (a folder, a FIFO, too large, not UTF-8, permissions) is a diagnostic and defaults apply.
 *
 * @example await loadCalendar(workspace, '/home/lea/nova', 'fr')
 */
export async function loadCalendar(workspace: Workspace, root: string, fallbackLocale: Locale): Promise<Calendar> {
  const file = childPath(root, CONFIG_FILE);
  const defaults = { ...DEFAULT_CONFIG, locale: fallbackLocale };
  const failed = (d: Diagnostic): Calendar => ({ root, config: defaults, configDiagnostics: [d], hasConfigFile: true });
  let bytes: Uint8Array;
  try {
    const stat = await workspace.stat(file);
    if (stat.kind !== 'file') return failed(fileDiagnostic(fallbackLocale, 'config.unreadable', 'config.unreadable', { reason: { id: 'reason.not-a-file' } }));
    // A settings file linking out of the calendar is not read (its keys would be quoted back).
    const [realFile, realRoot] = await Promise.all([workspace.realPath(file), workspace.realPath(root)]);
    if (relativePath(realRoot, realFile) === undefined) return failed(fileDiagnostic(fallbackLocale, 'config.unreadable', 'config.unreadable', { reason: { id: 'reason.outside' } }));
    if (stat.size > MAX_CONFIG_BYTES) return failed(tooLarge(fallbackLocale, stat.size));
    bytes = await workspace.read(file, MAX_CONFIG_BYTES);
  } catch (error) {
    if (error instanceof FileError && error.code === 'not-found') return { root, config: defaults, configDiagnostics: [], hasConfigFile: false };
    if (error instanceof FileError && error.code === 'too-large') return failed(tooLarge(fallbackLocale, MAX_CONFIG_BYTES + 1));
    return failed(fileDiagnostic(fallbackLocale, 'config.unreadable', 'config.unreadable', { reason: reasonOf(error) }));
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return failed(fileDiagnostic(fallbackLocale, 'config.unreadable', 'file.encoding'));
  }
  const { config, diagnostics } = parseConfig(text, fallbackLocale);
  return { root, config, configDiagnostics: diagnostics, hasConfigFile: true };
}

function tooLarge(locale: Locale, size: number): Diagnostic {
  return fileDiagnostic(locale, 'config.unreadable', 'config.too-large', { size: Math.ceil(size / 1024), max: MAX_CONFIG_BYTES / 1024 });
}

/** The nearest folder at or above `start` holding `.editorial.yaml`, if any. */
export async function findCalendarRoot(workspace: Workspace, start: string): Promise<string | undefined> {
  for (let dir = start; ; dir = parentPath(dir)) {
    if (await exists(workspace, childPath(dir, CONFIG_FILE))) return dir;
    if (dir === '/' || parentPath(dir) === dir) return undefined;
  }
}

/**
 * Every calendar root under `folders` (folders holding `.editorial.yaml`), deepest first so that a
 * nested calendar wins over the one around it. Walks as the post walk does: no `node_modules`,
 * `.git` or hidden folders, no symlinked folders.
 */
export async function discoverCalendars(workspace: Workspace, folders: readonly string[]): Promise<string[]> {
  const roots: string[] = [];
  for (const folder of folders) {
    await walkFolders(workspace, folder, (dir, entries) => {
      if (entries.some((e) => e.name === CONFIG_FILE && e.kind !== 'directory')) roots.push(dir);
    });
  }
  return [...new Set(roots)].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

async function exists(workspace: Workspace, path: string): Promise<boolean> {
  try {
    await workspace.stat(path);
    return true;
  } catch {
    return false;
  }
}
