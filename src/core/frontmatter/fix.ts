import { message, type Locale } from '../i18n/messages';
import type { Fix } from '../model';
import { lazyFix } from '../textEdits';
import type { FrontmatterChange, FrontmatterPath } from './change';
import { editFrontmatter, type FrontmatterEditResult } from './editor';

/**
 * A quick fix that makes `changes` through the frontmatter editor, worked out only when asked for
 * (fixes are built on every keystroke, applied rarely). Refused by the editor, it has no edits and
 * is not offered.
 */
export function frontmatterFix(fileText: string, changes: FrontmatterChange | readonly FrontmatterChange[], title: string, preferred = true): Fix {
  return lazyFix(() => {
    const result = editFrontmatter(fileText, changes);
    return { title, edits: result.ok ? result.edits : [] };
  }, preferred);
}

/**
 * Why the editor refused, for people: which file, which field, and what to do.
 *
 * @example refusalMessage('en', { ok: false, reason: 'yaml-errors', path: ['status'] }, 'posts/a.md')
 * // 'posts/a.md cannot be edited: its frontmatter has YAML errors; fix them first.'
 */
export function refusalMessage(locale: Locale, result: Extract<FrontmatterEditResult, { ok: false }>, file: string): string {
  return message(locale, `edit.${result.reason}`, { file, path: pathText(result.path) });
}

/** `results.bluesky.id`, `approvals[2]`. */
export function pathText(path: FrontmatterPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
