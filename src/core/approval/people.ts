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
 * A person written `Name <email>`, as a commit carries its author, read back; undefined when the
 * text is not that (no name, a control character in it, no `@`, or no dot in the domain). Spaces
 * around are dropped.
 *
 * @example parsePerson(' Léa Martin <lea@nova.example> ') // { name: 'Léa Martin', email: 'lea@nova.example' }
 */
export function parsePerson(text: string): { name: string; email: string } | undefined {
  const m = /^\s*([^<>\p{Cc}]*[^<>\s\p{Cc}])\s*<([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>\s*$/u.exec(text);
  return m ? { name: m[1]!, email: m[2]! } : undefined;
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
