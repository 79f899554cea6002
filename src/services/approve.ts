import { approvalSubject } from '../core/approval/commit';
import { approvalHash } from '../core/approval/hash';
import { emailOf, mayApprove } from '../core/approval/people';
import { policyFor, type CalendarConfig } from '../core/config';
import { editFrontmatter } from '../core/frontmatter/editor';
import type { FrontmatterChange } from '../core/frontmatter/change';
import { refusalMessage } from '../core/frontmatter/fix';
import { message } from '../core/i18n/messages';
import type { Clock, Git, PostWriter, Workspace } from '../core/ports';
import { resolveMediaPath } from '../core/rules/mediaFiles';
import { relativePath } from '../core/text/paths';
import { checkPost } from './checkPost';
import type { MediaProbe } from './media';

/** What approving a post did, or why it did not. */
export type ApproveOutcome =
  | { readonly kind: 'approved'; readonly by: string; readonly hash: string; readonly status: string; readonly commit?: string }
  /** Refused; `message` says why, in the calendar's language. */
  | { readonly kind: 'refused'; readonly reason: 'unreadable' | 'errors' | 'no-identity' | 'not-allowed' | 'self' | 'uncommitted' | 'already' | 'unwritable'; readonly message: string };

export interface ApprovePorts {
  readonly workspace: Workspace;
  readonly writer: PostWriter;
  readonly git: Git;
  readonly clock: Clock;
}

/**
 * Approves a post as the person git knows (`Name <email>`): refused while the post has an error
 * (other than missing approvals), for someone the policy does not list, or for an author when the
 * policy forbids it. Appends `{ by, at, hash }` to `approvals` through the frontmatter editor
 * (replacing that person's earlier approval), moves the status to `approved` once the policy is
 * met, and commits the file alone: "approve: <title>". `commit: false` leaves the commit out.
 */
export async function approvePost(
  ports: ApprovePorts,
  calendar: { readonly root: string; readonly config: CalendarConfig; readonly media: MediaProbe },
  path: string,
  options: { readonly commit: boolean; readonly note?: string },
): Promise<ApproveOutcome> {
  const { config } = calendar;
  const locale = config.locale;
  const file = relativePath(calendar.root, path) ?? path;
  const refuse = (reason: Extract<ApproveOutcome, { kind: 'refused' }>['reason'], text: string): ApproveOutcome => ({ kind: 'refused', reason, message: text });
  const checked = await checkPost(ports.workspace, calendar, path, { now: ports.clock.now(), media: calendar.media });
  if (!checked.result) return refuse('unreadable', checked.diagnostics[0]?.message ?? file);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'approval.missing');
  if (errors.length > 0) return refuse('errors', message(locale, 'approve.errors', { file, count: errors.length, first: errors[0]!.message }));
  const who = await ports.git.identity();
  if (!who) return refuse('no-identity', message(locale, 'approve.no-identity'));
  const email = who.email.toLowerCase();
  const { meta } = checked.result.post;
  const policy = policyFor(config.approvals, meta.campaign);
  if (!mayApprove(email, policy.approvers)) return refuse('not-allowed', message(locale, 'approve.not-allowed', { email }));
  if (!policy.selfApproval && (await ports.git.authors(path)).includes(email)) return refuse('self', message(locale, 'approve.self', { email, file }));
  // Edits committed inside "approve: …" would count as nobody's writing: under a policy that
  // asks for someone else, the approval commit holds the approval alone.
  if (!policy.selfApproval && options.commit && (await ports.git.uncommitted(path))) return refuse('uncommitted', message(locale, 'approve.uncommitted', { file }));

  const digests = new Map<string, string | undefined>();
  for (const m of meta.media) {
    const p = resolveMediaPath(checked.result.post.path, m.file);
    if (p !== undefined) digests.set(p, await calendar.media.digest(p));
  }
  const hash = approvalHash(checked.result, (p) => digests.get(p));
  if (hash === undefined) return refuse('errors', message(locale, 'approve.media-unreadable', { file }));
  const mine = meta.approvals.flatMap((a, i) => (emailOf(a.by) === email ? [i] : []));
  if (mine.some((i) => meta.approvals[i]!.hash === hash)) return refuse('already', message(locale, 'approve.already', { file }));

  // Count who approved this very text once this approval is in.
  const others = new Set(meta.approvals.filter((a, i) => !mine.includes(i) && a.hash === hash && mayApprove(emailOf(a.by), policy.approvers)).map((a) => emailOf(a.by)));
  const met = others.size + 1 >= Math.max(1, policy.required);
  const status = met && meta.status !== 'scheduled' && meta.status !== 'published' ? 'approved' : meta.status ?? 'draft';
  const by = `${who.name} <${who.email}>`;
  const changes: FrontmatterChange[] = [
    ...[...mine].reverse().map((i): FrontmatterChange => ({ kind: 'remove', path: ['approvals', i] })),
    { kind: 'append', path: ['approvals'], value: { by, at: new Date(ports.clock.now()).toISOString(), hash, ...(options.note ? { note: options.note } : {}) } },
    ...(status !== meta.status ? [{ kind: 'set', path: ['status'], value: status } as const] : []),
  ];
  const before = await ports.writer.read(path);
  const edit = editFrontmatter(before, changes);
  if (!edit.ok) return refuse('unwritable', refusalMessage(locale, edit, file));
  await ports.writer.apply(path, before, edit.edits);
  if (!options.commit) return { kind: 'approved', by, hash, status };
  try {
    await ports.git.commit([path], approvalSubject(meta.title ?? file));
    return { kind: 'approved', by, hash, status };
  } catch (error) {
    return { kind: 'approved', by, hash, status, commit: (error as Error).message };
  }
}
