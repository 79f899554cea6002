/**
 * The email of an approver written `Name <email>` (or a bare email), lower-cased.
 *
 * @example emailOf('Léa Martin <Lea@Nova.example>') // 'lea@nova.example'
 */
export function emailOf(by: string): string {
  const m = /<([^<>\s]+)>\s*$/.exec(by);
  return (m ? m[1]! : by).trim().toLowerCase();
}

/**
 * Whether an email is one of `approvers` (emails, or patterns with `*`, as in `.editorial.yaml`);
 * an empty list lets anyone approve.
 *
 * @example mayApprove('lea@nova.example', ['*@nova.example']) // true
 */
export function mayApprove(email: string, approvers: readonly string[]): boolean {
  if (approvers.length === 0) return true;
  return approvers.some((pattern) => new RegExp(`^${pattern.toLowerCase().split('*').map(escape).join('.*')}$`).test(email));
}

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
