import { message, type Locale } from '../i18n/messages';
import type { Fix, TextEdit } from '../model';
import { combineEdits, lazyFix } from '../textEdits';
import type { FrontmatterChange, FrontmatterPath } from './change';
import { editFrontmatter, type FrontmatterEditResult } from './editor';

/**
 * A quick fix that makes `changes` through the frontmatter editor, worked out only when asked for
 * (fixes are built on every keystroke, applied rarely). Refused by the editor, it has no edits and
 * is not offered.
 */
export function frontmatterFix(fileText: string, changes: FrontmatterChange | readonly FrontmatterChange[], title: string, preferred = true): Fix {
  const list: readonly FrontmatterChange[] = Array.isArray(changes) ? changes : [changes as FrontmatterChange];
  return lazyFix(
    () => {
      const result = editFrontmatter(fileText, list);
      return { title, edits: result.ok ? result.edits : [] };
    },
    preferred,
    list,
  );
}

/**
 * The edits of several fixes applied together ("fix all", `source.fixAll`): edits of the body
 * combined as usual, frontmatter changes made through the editor one after the other, each on the
 * result of the ones before, and left out when it no longer applies (a second rename to `title`).
 */
export function editsOfFixes(fileText: string, fixes: readonly Fix[]): TextEdit[] {
  const body = fixes.filter((f) => !f.changes).flatMap((f) => f.edits);
  const accepted: FrontmatterChange[] = [];
  let frontmatter: readonly TextEdit[] = [];
  for (const fix of fixes) {
    if (!fix.changes) continue;
    const result = editFrontmatter(fileText, [...accepted, ...fix.changes]);
    if (!result.ok) continue;
    accepted.push(...fix.changes);
    frontmatter = result.edits;
  }
  return combineEdits([...body, ...frontmatter]);
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
