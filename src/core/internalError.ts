import { message, type Locale } from './i18n/messages';
import type { Diagnostic } from './model';

/** Longer error messages (some quote the text they choked on) are cut to this. */
const MAX_DETAIL = 200;

/**
 * The diagnostic for an unexpected failure while checking one file: that file gets it, and the
 * run goes on with the others. It is a bug to report, never a finding about the post.
 *
 * @example internalError('en', new TypeError('x is undefined')).code // 'file.internal-error'
 */
export function internalError(locale: Locale, error: unknown): Diagnostic {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const detail = text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
  const zero = { line: 0, character: 0 };
  return { code: 'file.internal-error', severity: 'error', message: message(locale, 'file.internal-error', { detail }), range: { start: zero, end: zero } };
}
