import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type CalendarConfig } from '../../src/core/config';
import { lint, type LintResult } from '../../src/core/lint';
import type { MediaStatus } from '../../src/core/model';

export { applyEdits } from '../../src/core/textEdits';

/** A fixed "now" for every test: 2026-11-23 09:00 in Paris. */
export const NOW = Date.UTC(2026, 10, 23, 8, 0);

export const CONFIG: CalendarConfig = { ...DEFAULT_CONFIG, timezone: 'Europe/Paris' };

/**
 * A post file from frontmatter lines and a body, with defaults that lint clean:
 * a future date, `platforms: [x]`, status draft.
 */
export function postFile(fields: Record<string, string | undefined> = {}, body = 'Bonjour'): string {
  const merged: Record<string, string | undefined> = { date: '2026-12-01T09:30', platforms: '[x]', status: 'draft', ...fields };
  const yaml = Object.entries(merged)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return `---\n${yaml}\n---\n${body}\n`;
}

/** Lints a file text with the test config and a fixed clock. */
export function lintText(text: string, config: Partial<CalendarConfig> = {}, path = 'posts/p.md', media?: (p: string) => MediaStatus | undefined): LintResult {
  return lint(path, text, { config: { ...CONFIG, ...config }, now: NOW, ...(media ? { media } : {}) });
}

/** The codes found, in order. */
export function codes(result: LintResult): string[] {
  return result.diagnostics.map((d) => d.code);
}


/**
 * Where data taken from other repositories lives: `../shared/conformance` beside the repository,
 * never inside it (their licences and sizes are not the project's).
 */
const SHARED_CONFORMANCE = join(__dirname, '../..', '../shared/conformance');

/** The path of a file in `SHARED_CONFORMANCE`, or undefined when this checkout has none. */
export function sharedConformanceFile(relative: string): string | undefined {
  const path = join(SHARED_CONFORMANCE, relative);
  return existsSync(path) ? path : undefined;
}
