import { policyFor, type CalendarConfig } from '../core/config';
import { decodePost, failedLint, lintPost, type LintResult } from '../core/lint';
import type { Diagnostic, MediaStatus } from '../core/model';
import type { Git, Workspace } from '../core/ports';
import { parsePost } from '../core/post';
import { isMediaLink, resolveMediaPath } from '../core/rules/mediaFiles';
import { relativePath } from '../core/text/paths';
import type { MediaProbe } from './media';
import { readPostBytes } from './readPost';

/** A post file once checked: what was read (when it could be) and every finding. */
export interface CheckedPost {
  /** Absolute path. */
  readonly path: string;
  /** Present when the file was read as a post. */
  readonly result?: LintResult;
  readonly diagnostics: readonly Diagnostic[];
  /** Where the post's media files stood (calendar-relative paths), when it was read as a post. */
  readonly media?: ReadonlyMap<string, MediaStatus>;
  /** Content digests of its media files, read when the post has approvals pinned to them. */
  readonly digests?: ReadonlyMap<string, string | undefined>;
  /** True when git was asked who wrote the post: its findings then depend on the history too. */
  readonly askedGit?: boolean;
}

/**
 * Reads and checks one post file: looked at before it is read (see `readPostBytes`), its media
 * files looked up through `media` (inside the calendar only), its authors through `git` when
 * given (for `approval.self`), then every rule. Never throws.
 */
export async function checkPost(
  workspace: Workspace,
  calendar: { readonly root: string; readonly config: CalendarConfig },
  path: string,
  options: { readonly now: number; readonly media: MediaProbe; readonly git?: Pick<Git, 'authors'> },
): Promise<CheckedPost> {
  const read = await readPostBytes(workspace, path, calendar.config.locale);
  if ('diagnostic' in read) return { path, diagnostics: [read.diagnostic] };
  const text = decodePost(read.bytes, calendar.config.locale);
  if (typeof text !== 'string') return { path, diagnostics: text.diagnostics };
  return checkText(calendar, path, text, options);
}

/** Checks a post's text (read by `checkPost`, or an editor's): its media looked up, then every rule. Never throws. */
export async function checkText(
  calendar: { readonly root: string; readonly config: CalendarConfig },
  path: string,
  text: string,
  options: { readonly now: number; readonly media: MediaProbe; readonly git?: Pick<Git, 'authors'> },
): Promise<CheckedPost> {
  const { config } = calendar;
  const calendarPath = relativePath(calendar.root, path) ?? path.slice(path.lastIndexOf('/') + 1);
  try {
    const post = parsePost(calendarPath, text, config);
    const paths = mediaPaths(post.path, post.meta.media);
    const statuses = await options.media.statuses(paths);
    // Media are read only for posts whose approvals are pinned to what is sent.
    const digests = post.meta.approvals.some((a) => a.hash !== undefined) ? new Map(await Promise.all(paths.map(async (p) => [p, await options.media.digest(p)] as const))) : undefined;
    // Git is asked only about posts with approvals under a policy that forbids self-approval: a
    // calendar of 10,000 posts without approvals starts no process.
    const { approvals, campaign } = post.meta;
    const askedGit = options.git !== undefined && approvals.length > 0 && !policyFor(config.approvals, campaign).selfApproval;
    const authors = askedGit ? await options.git!.authors(path).catch(() => undefined) : undefined;
    const result = lintPost(post, {
      config,
      now: options.now,
      media: (p) => statuses.get(p),
      ...(digests ? { mediaDigest: (p: string) => digests.get(p) } : {}),
      ...(authors ? { authors: () => authors } : {}),
    });
    return { path, result, diagnostics: result.diagnostics, media: statuses, ...(digests ? { digests } : {}), ...(askedGit ? { askedGit } : {}) };
  } catch (error) {
    // A bug met on this file: it gets the one finding, and the run goes on with the others.
    return { path, diagnostics: failedLint(calendarPath, config, error).diagnostics };
  }
}

/** The calendar-relative paths of a post's media that are files to look up (not links, not outside). */
function mediaPaths(postPath: string, media: ReadonlyArray<{ readonly file: string }>): string[] {
  return media.flatMap((m) => {
    if (isMediaLink(m.file)) return [];
    const path = resolveMediaPath(postPath, m.file);
    return path === undefined ? [] : [path];
  });
}
