import { approvalHash } from '../approval/hash';
import { emailOf, mayApprove } from '../approval/people';
import { policyFor } from '../config';
import type { FrontmatterChange } from '../frontmatter/change';
import { frontmatterFix } from '../frontmatter/fix';
import { message } from '../i18n/messages';
import type { Rule } from './rule';
import { parsePostDate } from '../dates';
import { formatInZone } from '../zone';

/** An approval's time as people read it, in the calendar's zone (`2026-11-23 11:30`); as written when unreadable. */
function when(at: string, zone: string): string {
  const date = parsePostDate(at, zone);
  return date ? formatInZone(date.time, zone) : at;
}

/**
 * `approval.*`: approvals are pinned to what is sent. `approval.stale` when what each network
 * would receive changed since an approval (a reformat or a comment does not count), with a fix
 * that asks for approval again; `approval.not-allowed` for someone the policy does not list;
 * `approval.self` for one of the post's authors when the policy forbids self-approval (the
 * authors come from the host: git, asked only then); `approval.missing` when an approved or
 * scheduled post lacks the approvals its policy requires. Neither of the two last counts.
 */
export const approvalsRule: Rule = {
  codes: ['approval.stale', 'approval.not-allowed', 'approval.self', 'approval.missing'],
  run({ post, renders, config, mediaDigest, authors, report }) {
    const { approvals, status, campaign } = post.meta;
    const policy = policyFor(config.approvals, campaign);
    const field = post.field('approvals') ?? post.field('status');
    if (!field) return;
    const at = { start: field.keyStart, end: field.keyEnd };
    // Unknown when a media file's content could not be read: staleness is then not judged.
    // Media are hashed only for approvals pinned to them (an editor reads each file once for it).
    const current = approvals.some((a) => a.hash !== undefined) ? approvalHash({ post, renders }, mediaDigest ?? (() => undefined)) : undefined;
    const stale = approvals.map((a) => a.hash !== undefined && current !== undefined && a.hash !== current);
    if (stale.some(Boolean)) {
      const changes: FrontmatterChange[] = [
        // From the last, so that each index still names the approval it meant.
        ...approvals.flatMap((_, i) => (stale[i] ? [i] : [])).reverse().map((i): FrontmatterChange => ({ kind: 'remove', path: ['approvals', i] })),
        ...(status === 'approved' || status === 'scheduled' ? [{ kind: 'set', path: ['status'], value: 'review' } as const] : []),
      ];
      const fix = frontmatterFix(post.text, changes, message(config.locale, 'fix.request-reapproval'));
      approvals.forEach((a, i) => {
        if (stale[i]) report({ code: 'approval.stale', severity: 'warning', id: 'approval.stale', params: { by: a.by, at: when(a.at, config.timezone) }, ...at, fixes: [fix] });
      });
    }
    // Asked only when it matters: a host may have to run git to know.
    const wrote = new Set(!policy.selfApproval && approvals.length > 0 ? (authors?.() ?? []) : []);
    const self = approvals.map((a, i) => !stale[i] && wrote.has(emailOf(a.by)));
    approvals.forEach((a, i) => {
      if (stale[i]) return;
      if (!mayApprove(emailOf(a.by), policy.approvers)) report({ code: 'approval.not-allowed', severity: 'warning', id: 'approval.not-allowed', params: { by: a.by }, ...at });
      else if (self[i]) report({ code: 'approval.self', severity: 'warning', id: 'approval.self', params: { by: a.by }, ...at });
    });
    if (policy.required === 0 || (status !== 'approved' && status !== 'scheduled')) return;
    const valid = new Set(approvals.filter((a, i) => !stale[i] && !self[i] && a.hash !== undefined && mayApprove(emailOf(a.by), policy.approvers)).map((a) => emailOf(a.by)));
    if (valid.size < policy.required) {
      report({ code: 'approval.missing', severity: 'error', id: 'approval.missing', params: { count: valid.size, required: policy.required }, ...at });
    }
  },
};
