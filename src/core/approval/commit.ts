/** How an approval commit's subject starts: "approve: <title>". */
const PREFIX = 'approve: ';

/**
 * The subject of the commit that records an approval, so that git's log tells approvals from
 * writing: the approver of a post is not one of its authors for having committed the approval.
 *
 * @example approvalSubject('Lancement') // 'approve: Lancement'
 */
export function approvalSubject(title: string): string {
  return PREFIX + title;
}

/** Whether a commit subject is an approval's (see `approvalSubject`). */
export function isApprovalSubject(subject: string): boolean {
  return subject.startsWith(PREFIX);
}
