import { count, counts } from './readings';
import type { CountName, Reading } from './snapshot';

/**
 * The insights each Meta network is asked for (`GET /{media-id}/insights?metric=…`), and the
 * count each one is. Threads' names are ours already; Instagram's `comments` are replies and its
 * `saved` saves (its `shares` are sends to a story or a chat, not reposts).
 */
export const INSIGHT_METRICS = {
  threads: { views: 'views', likes: 'likes', replies: 'replies', reposts: 'reposts', quotes: 'quotes', shares: 'shares' },
  instagram: { views: 'views', likes: 'likes', comments: 'replies', shares: 'shares', saved: 'saves' },
} as const satisfies Record<string, Record<string, CountName>>;

/**
 * A media's insights answer (`{ data: [{ name, period, values: [{ value }], total_value? }] }`,
 * Threads and Instagram alike) as a reading: each metric of `metrics` by its count name, its
 * `total_value` when it has one, else its last value. Undefined when none of them is in the
 * answer: Instagram answers an empty `data` for insights not computed yet, Threads for a repost.
 *
 * @example insightsReading({ data: [{ name: 'comments', period: 'lifetime', values: [{ value: 4 }] }] }, INSIGHT_METRICS.instagram) // { counts: { replies: 4 } }
 */
export function insightsReading(answer: unknown, metrics: Readonly<Record<string, CountName>>): Reading | undefined {
  const entries: Partial<Record<CountName, number>> = {};
  for (const [name, value] of insightValues(answer)) {
    const to = metrics[name];
    if (to !== undefined && value !== undefined) entries[to] = value;
  }
  return Object.keys(entries).length > 0 ? { counts: counts(entries) } : undefined;
}

/**
 * A Page post (`GET /{post-id}?fields=reactions.limit(0).summary(total_count),comments.limit(0).summary(total_count),shares`)
 * as a reading: every reaction counts as a like (`reactions.summary.total_count`, the number
 * Facebook shows beside them), comments as replies, `shares.count` as shares. Facebook leaves
 * `shares` out of a post nobody shared: 0 then. Undefined when the answer is no post.
 */
export function facebookReading(post: unknown): Reading | undefined {
  const p = post as Record<string, unknown> | null;
  if (!p || typeof p !== 'object' || typeof p['id'] !== 'string') return undefined;
  const total = (edge: unknown) => count(((edge as { summary?: Record<string, unknown> } | undefined)?.summary ?? {})['total_count']);
  const shares = p['shares'] === undefined ? 0 : count((p['shares'] as Record<string, unknown> | null)?.['count']);
  return { counts: counts({ likes: total(p['reactions']), replies: total(p['comments']), shares }) };
}

/**
 * An account's followers from what each Meta network answers: Threads' user insights
 * (`GET /{user-id}/threads_insights?metric=followers_count`: the metric's `total_value.value`)
 * with the username of `GET /me`, Instagram's IG User (`followers_count`, `username`), a Page
 * (`followers_count`, `name`). Undefined when the answers say neither.
 */
export function graphFollowers(network: 'threads' | 'instagram' | 'facebook', answer: unknown, me?: unknown): { account: string; followers: number } | undefined {
  const a = (network === 'threads' ? me : answer) as Record<string, unknown> | null | undefined;
  const account = network === 'facebook' ? a?.['name'] : a?.['username'];
  const followers = network === 'threads' ? insightValues(answer).get('followers_count') : count(a?.['followers_count']);
  return typeof account === 'string' && account !== '' && followers !== undefined ? { account, followers } : undefined;
}

/** Each metric of an insights answer and its value (`total_value.value`, else the last of `values`). */
function insightValues(answer: unknown): Map<string, number | undefined> {
  const out = new Map<string, number | undefined>();
  const data = (answer as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return out;
  for (const m of data as Array<Record<string, unknown>>) {
    if (typeof m?.['name'] !== 'string') continue;
    const total = (m['total_value'] as Record<string, unknown> | undefined)?.['value'];
    const values = Array.isArray(m['values']) ? (m['values'] as Array<Record<string, unknown>>) : [];
    out.set(m['name'], count(total) ?? count(values.at(-1)?.['value']));
  }
  return out;
}
