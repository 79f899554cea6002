import type { CalendarConfig } from '../config';
import type { MediaStatus, PlatformId, Severity } from '../model';
import type { ParsedPost, Finding } from '../post';
import type { PartDetail, PlatformRender } from '../render';

/** What every rule sees. */
export interface RuleContext {
  readonly post: ParsedPost;
  readonly renders: readonly PlatformRender[];
  readonly config: CalendarConfig;
  /** The current time, epoch milliseconds (injected so tests are stable). */
  readonly now: number;
  /** Where a calendar-relative media file stands, as the host found it (see `LintOptions.media`). */
  readonly media?: (calendarPath: string) => MediaStatus | undefined;
  /** A media file's content digest (see `LintOptions.mediaDigest`). */
  readonly mediaDigest?: (calendarPath: string) => string | undefined;
  /** Who wrote the post, per git (see `LintOptions.authors`). */
  readonly authors?: () => readonly string[] | undefined;
  report(finding: Finding): void;
  /**
   * False when a finding of `code` at `[start, end)` of the file would not be listed (past the cap
   * of findings per code): it is counted among those left out, and need not be built. For rules
   * that may report once per hashtag or part, so a hostile post costs little.
   */
  wants(code: string, severity: Severity, start: number, end: number): boolean;
}

/** One lint rule: the codes it may report, and the check. */
export interface Rule {
  readonly codes: readonly string[];
  run(ctx: RuleContext): void;
}

/** File offsets of an entity of a part's text, or undefined when it is not written verbatim. */
export function sourceSpan(part: PartDetail, start: number, end: number): { start: number; end: number; verbatim: boolean } {
  const s = part.toSource(start);
  const e = part.toSource(end - 1) + 1;
  return { start: s, end: e, verbatim: e - s === end - start };
}

/**
 * Every part of every network, with its network and position. Made anew for each rule that asks
 * (a few small objects): remembering it per post in a WeakMap made V8's young-generation collector
 * keep every post's renders alive one collection longer (ephemerons), and promoted 80 MB more on
 * 10,000 posts.
 */
export function eachPart(renders: readonly PlatformRender[]): readonly PartOf[] {
  const parts: PartOf[] = [];
  for (const render of renders) {
    for (let index = 0; index < render.parts.length; index++) parts.push({ platform: render.platform, part: render.parts[index]!, index, count: render.parts.length });
  }
  return parts;
}

/** A part of a network's text, where it stands among that network's parts. */
export interface PartOf {
  readonly platform: PlatformId;
  readonly part: PartDetail;
  readonly index: number;
  readonly count: number;
}

/** An edit removing `[start, end)` of the file with one adjacent space, so no double space is left. */
export function removalEdit(text: string, start: number, end: number): { start: number; end: number; newText: string } {
  if (start > 0 && text[start - 1] === ' ') return { start: start - 1, end, newText: '' };
  if (text[end] === ' ') return { start, end: end + 1, newText: '' };
  return { start, end, newText: '' };
}

/**
 * Whether a part keeps some text once `spans` of its text are removed: a fix that removes
 * hashtags must not leave a network nothing to publish (`length.empty`).
 * On a part whose text is `#followback`, `keepsText(part, [{ start: 0, end: 11 }])` is false.
 */
export function keepsText(part: PartDetail, spans: readonly { readonly start: number; readonly end: number }[]): boolean {
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (part.text.slice(at, s.start).trim() !== '') return true;
    at = Math.max(at, s.end);
  }
  return part.text.slice(at).trim() !== '';
}
