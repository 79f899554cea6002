import type { CalendarConfig } from './config';
import { message, type Locale } from './i18n/messages';
import { capDiagnostics, FindingSet } from './findings';
import { internalError } from './internalError';
import type { Diagnostic, MediaStatus, Range, Severity } from './model';
import { PLATFORMS } from './platforms/registry';
import { parsePost, toDiagnostic, type ParsedPost } from './post';
import { renderPost, type PlatformRender } from './render';
import { RULES } from './rules';
import type { RuleContext } from './rules/rule';

/** What `lint` needs besides the file. */
export interface LintOptions {
  readonly config: CalendarConfig;
  /** Epoch milliseconds; defaults to `Date.now()`. */
  readonly now?: number;
  /**
   * Where a media file (calendar-relative path) stands, as the host found it; omit, or answer
   * undefined, to skip the check. Paths that leave the calendar are reported without asking.
   */
  readonly media?: (calendarPath: string) => MediaStatus | undefined;
  /**
   * A media file's content digest (`contentDigest`), for approvals pinned to what is sent; omit,
   * or answer undefined, and approvals of posts with media are not checked for staleness.
   */
  readonly mediaDigest?: (calendarPath: string) => string | undefined;
  /**
   * The emails (lower-cased) of the people who wrote the post, as git knows them (see
   * `Git.authors`); asked only of posts with approvals whose policy forbids self-approval. Omit,
   * or answer undefined, and `approval.self` is not checked.
   */
  readonly authors?: () => readonly string[] | undefined;
}

/** A post once linted: the post as read, what each network receives, and the findings. */
export interface LintResult {
  readonly post: ParsedPost;
  readonly renders: readonly PlatformRender[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The one entry point the CLI and the extension share: reads a post and runs every rule.
 * `path` is the post's path relative to the calendar root, with `/`. A rule that fails
 * unexpectedly becomes one `file.internal-error` finding; the other rules still run. At most
 * `MAX_FINDINGS_PER_CODE` findings of one code are listed, then one says how many more there are.
 *
 * @example lint('posts/a.md', '---\ndate: 2026-12-01T09:30\nplatforms: [x]\n---\nHello', { config: DEFAULT_CONFIG })
 */
export function lint(path: string, text: string, options: LintOptions): LintResult {
  try {
    return lintPost(parsePost(path, text, options.config), options);
  } catch (error) {
    return failedLint(path, options.config, error);
  }
}

/**
 * What an unexpected failure reading a post gives: the file's one `file.internal-error`, on an
 * empty post (nothing of the text is trusted), so that every host goes on with the other files.
 */
export function failedLint(path: string, config: CalendarConfig, error: unknown): LintResult {
  return { post: parsePost(path, '', config), renders: [], diagnostics: [internalError(config.locale, error)] };
}

/** `lint` on a post already read (hosts read it first to look its media files up). */
export function lintPost(post: ParsedPost, options: LintOptions): LintResult {
  const { config } = options;
  const renders = renderPost(post, config);
  const findings = new FindingSet();
  const failures: Diagnostic[] = [];
  // One context for every rule: built once per post, not once per rule.
  const context: RuleContext = {
    post,
    renders,
    config,
    now: options.now ?? Date.now(),
    ...(options.media ? { media: options.media } : {}),
    ...(options.mediaDigest ? { mediaDigest: options.mediaDigest } : {}),
    ...(options.authors ? { authors: options.authors } : {}),
    report: (finding) => findings.add(finding),
    wants: (code, severity, start, end) => findings.wants(code, severity, start, end),
  };
  for (const rule of RULES) {
    try {
      rule.run(context);
    } catch (error) {
      failures.push(internalError(config.locale, error));
    }
  }
  const problems = capDiagnostics(post.problems);
  const diagnostics: Diagnostic[] = [...failures, ...problems.kept];
  for (const { finding, platforms } of findings.groups()) {
    if (platforms.length < 2) {
      diagnostics.push(toDiagnostic(post.lines, config, finding));
      continue;
    }
    const { platform: _one, ...merged } = { ...finding, params: { ...finding.params, platform: listFormat(config.locale).format(platforms.map((p) => PLATFORMS[p].name)) } };
    diagnostics.push(toDiagnostic(post.lines, config, merged));
  }
  for (const o of problems.omitted) diagnostics.push(omittedDiagnostic(config, o.code, o.count, o.severity, o.range));
  for (const o of findings.omitted()) diagnostics.push(omittedDiagnostic(config, o.code, o.count, o.severity, post.lines.range(o.start, o.end)));
  diagnostics.sort(byPosition);
  return { post, renders, diagnostics };
}

const listFormats = new Map<Locale, Intl.ListFormat>();

/** "X, Bluesky and Threads" in a language: one formatter per language for the whole run (each costs tens of µs to make). */
function listFormat(locale: Locale): Intl.ListFormat {
  let f = listFormats.get(locale);
  if (!f) listFormats.set(locale, (f = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return f;
}

/** The finding that stands for those of one code left out: "N more of this kind…", where the first of them is. */
function omittedDiagnostic(config: CalendarConfig, code: string, count: number, severity: Severity, range: Range): Diagnostic {
  return { code, severity, message: message(config.locale, count === 1 ? 'findings.omitted.one' : 'findings.omitted.other', { count }), range };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Posts larger than this are not read (a social post is a few kilobytes). */
export const MAX_POST_BYTES = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Lints a post from its bytes, first refusing what cannot be a post (binary, huge, not UTF-8)
 * with a single diagnostic instead of a crash. Never throws (see `lint`).
 */
export function lintBytes(path: string, bytes: Uint8Array, options: LintOptions): LintResult | { post?: undefined; renders?: undefined; diagnostics: readonly Diagnostic[] } {
  const decoded = decodePost(bytes, options.config.locale);
  return typeof decoded === 'string' ? lint(path, decoded, options) : decoded;
}

/** A post file's text, or the one diagnostic saying why these bytes cannot be a post. */
export function decodePost(bytes: Uint8Array, locale: Locale): string | { diagnostics: readonly Diagnostic[] } {
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const fail = (code: string, text: string): { diagnostics: Diagnostic[] } => ({ diagnostics: [{ code, severity: 'error', message: text, range: whole }] });
  if (bytes.length > MAX_POST_BYTES) {
    return fail('file.too-large', message(locale, 'file.too-large', { size: (bytes.length / 1048576).toFixed(1), max: MAX_POST_BYTES / 1048576 }));
  }
  if (bytes.subarray(0, 8000).includes(0)) return fail('file.binary', message(locale, 'file.binary'));
  try {
    return utf8.decode(bytes);
  } catch {
    return fail('file.encoding', message(locale, 'file.encoding'));
  }
}

