import type { PollResult, Reading } from './snapshot';

/** A count as the network wrote it: a non-negative integer, else absent. */
export const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/** Keeps only the counts given. */
export function counts(entries: Record<string, number | undefined>): Reading['counts'] {
  return Object.fromEntries(Object.entries(entries).filter(([, n]) => n !== undefined)) as Reading['counts'];
}

/**
 * A Mastodon Status (`GET /api/v1/statuses/:id`, entities/Status) as a reading: `replies_count`,
 * `reblogs_count`, `favourites_count`, `quotes_count` (4.5 and later) and its poll's
 * `options[].votes_count`, `voters_count`, `expired`. Undefined when it is not a status.
 */
export function mastodonReading(status: unknown): Reading | undefined {
  if (!status || typeof status !== 'object') return undefined;
  const s = status as Record<string, unknown>;
  if (typeof s['id'] !== 'string') return undefined;
  const reading = { counts: counts({ likes: count(s['favourites_count']), reposts: count(s['reblogs_count']), replies: count(s['replies_count']), quotes: count(s['quotes_count']) }) };
  const p = s['poll'] as Record<string, unknown> | null | undefined;
  if (!p || typeof p !== 'object' || !Array.isArray(p['options'])) return reading;
  const options = (p['options'] as Array<Record<string, unknown>>).map((o) => ({ title: typeof o?.['title'] === 'string' ? o['title'] : '', votes: count(o?.['votes_count']) ?? 0 }));
  const voters = count(p['voters_count']);
  const poll: PollResult = { options, ...(voters !== undefined ? { voters } : {}), closed: p['expired'] === true };
  return { ...reading, poll };
}

/**
 * Bluesky's `app.bsky.feed.getPosts` answer (`{ posts: PostView[] }`, lexicon
 * app.bsky.feed.defs#postView) as readings by post URI: `likeCount`, `repostCount`, `replyCount`,
 * `quoteCount`. A post the AppView does not know (deleted, taken down) is simply not in the answer.
 */
export function blueskyReadings(answer: unknown): Map<string, Reading> {
  const out = new Map<string, Reading>();
  const posts = (answer as { posts?: unknown } | null)?.posts;
  if (!Array.isArray(posts)) return out;
  for (const view of posts as Array<Record<string, unknown>>) {
    if (typeof view?.['uri'] !== 'string') continue;
    out.set(view['uri'], { counts: counts({ likes: count(view['likeCount']), reposts: count(view['repostCount']), replies: count(view['replyCount']), quotes: count(view['quoteCount']) }) });
  }
  return out;
}

/**
 * X's `GET /2/tweets?tweet.fields=public_metrics` answer as readings by post id: `like_count`,
 * `retweet_count`, `reply_count`, `quote_count`, `bookmark_count` (saves) and `impression_count`
 * (views); the ids of its `errors` (posts deleted, or not visible) in `missing`.
 */
export function xReadings(answer: unknown): { readings: Map<string, Reading>; missing: Map<string, string> } {
  const readings = new Map<string, Reading>();
  const missing = new Map<string, string>();
  const a = answer as { data?: unknown; errors?: unknown } | null;
  for (const post of Array.isArray(a?.data) ? (a!.data as Array<Record<string, unknown>>) : []) {
    if (typeof post?.['id'] !== 'string') continue;
    const m = (post['public_metrics'] ?? {}) as Record<string, unknown>;
    readings.set(post['id'], { counts: counts({ views: count(m['impression_count']), likes: count(m['like_count']), reposts: count(m['retweet_count']), replies: count(m['reply_count']), quotes: count(m['quote_count']), saves: count(m['bookmark_count']) }) });
  }
  for (const e of Array.isArray(a?.errors) ? (a!.errors as Array<Record<string, unknown>>) : []) {
    const id = typeof e?.['resource_id'] === 'string' ? e['resource_id'] : typeof e?.['value'] === 'string' ? e['value'] : undefined;
    if (id !== undefined) missing.set(id, typeof e['detail'] === 'string' ? e['detail'] : typeof e['title'] === 'string' ? e['title'] : 'not found');
  }
  return { readings, missing };
}

/**
 * An account's followers from what each network answers about it: Mastodon's Account
 * (`followers_count`, `acct`), Bluesky's `app.bsky.actor.getProfile` (`followersCount`, `handle`),
 * X's `GET /2/users/me?user.fields=public_metrics` (`data.public_metrics.followers_count`,
 * `data.username`). Undefined when the answer says neither.
 */
export function followersOf(network: 'mastodon' | 'bluesky' | 'x', answer: unknown): { account: string; followers: number } | undefined {
  const a = (network === 'x' ? (answer as { data?: unknown } | null)?.data : answer) as Record<string, unknown> | null | undefined;
  if (!a || typeof a !== 'object') return undefined;
  const account = network === 'mastodon' ? a['acct'] : network === 'bluesky' ? a['handle'] : a['username'];
  const followers = count(network === 'mastodon' ? a['followers_count'] : network === 'bluesky' ? a['followersCount'] : (a['public_metrics'] as Record<string, unknown> | undefined)?.['followers_count']);
  return typeof account === 'string' && followers !== undefined ? { account, followers } : undefined;
}
