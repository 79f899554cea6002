import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type CalendarConfig } from '../core/config';
import type { Locale } from '../core/i18n/messages';
import type { Diagnostic } from '../core/model';
import { message } from '../core/i18n/messages';
import { UsageError } from './args';

/** A calendar on disk: its root folder and settings. */
export interface Calendar {
  /** Absolute path of the folder holding `.editorial.yaml` (or of the checked folder when none). */
  readonly root: string;
  readonly config: CalendarConfig;
  /** Problems in `.editorial.yaml`, if any. */
  readonly configDiagnostics: readonly Diagnostic[];
  /** False when no `.editorial.yaml` was found and defaults apply. */
  readonly hasConfigFile: boolean;
}

/** The nearest folder at or above `start` holding `.editorial.yaml`. */
export function findCalendarRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads a calendar's settings (defaults, with `fallbackLocale`, when it has no config file). */
export function loadCalendar(root: string, fallbackLocale: Locale): Calendar {
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    return { root, config: { ...DEFAULT_CONFIG, locale: fallbackLocale, posts: ['**/*.md'] }, configDiagnostics: [], hasConfigFile: false };
  }
  const { config, diagnostics } = parseConfig(readOrExplain(fallbackLocale, file, () => readFileSync(file, 'utf8')), fallbackLocale);
  return { root, config, configDiagnostics: diagnostics, hasConfigFile: true };
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Post files of a calendar under `within` (a folder inside the calendar), as absolute paths in a
 * stable order. Only files matching the calendar's `posts` globs count.
 */
export function listPostFiles(calendar: Calendar, within: string): string[] {
  const isPost = picomatch(calendar.config.posts as string[], { dot: false });
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readOrExplain(calendar.config.locale, dir, () => readdirSync(dir, { withFileTypes: true }))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path);
      } else if (entry.isFile() && isPost(toPosix(relative(calendar.root, path)))) {
        out.push(path);
      }
    }
  };
  walk(within);
  return out.sort();
}

/** Runs a read, turning a file system error (EACCES…) into a usage error that names the path. */
function readOrExplain<T>(locale: Locale, path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(message(locale, 'cli.unreadable', { path, reason }));
  }
}

/** A path with `/` separators. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
