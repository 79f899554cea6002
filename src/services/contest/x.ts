import { xPosts, xUsers, type EntryWindow } from '../../core/contest/entrantsFrom';
import type { ContestEntry } from '../../core/model';
import { allPages, expect, getJson, query, ReadError, type NetworkEntrants, type ReadContext } from './read';

/** `liking_users` returns 100 of a post's likers for all time, whatever their number (docs.x.com, Likes introduction). */
const LIKERS_MAX = 100;
/** Recent search reaches 7 days back, and up to 10 seconds before the request. */
const SEARCH_REACH_MS = 7 * 86_400_000;
const SEARCH_LAG_MS = 10_000;
const PAGE = 100;

export interface XRead {
  /** `platforms.x.service` (default X's API). */
  readonly api: string;
  /** `x/access-token`, the sender's user token. */
  readonly token: string;
  readonly id: string;
  readonly own: ReadonlySet<string>;
  readonly entry: ContestEntry;
  readonly hashtag?: string;
  readonly window: EntryWindow;
}

/**
 * X's entrants of one post, where the app's plan gives them: `liking_users` or `retweeted_by`
 * (`pagination_token`), or recent search (`conversation_id:ID` for replies, `#tag` for the
 * hashtag) between the post's publication and the contest's end (`next_token`). The account
 * whose token reads (`/2/users/me`: the brand) never counts. A plan without these endpoints is
 * answered 403 `client-not-enrolled`: said as such. Likers beyond X's 100, or a contest older
 * than the search's 7 days, cannot be read whole: refused rather than drawn from part of them.
 */
export async function xEntrants(ctx: ReadContext, read: XRead): Promise<NetworkEntrants> {
  const base = read.api.replace(/\/+$/, '');
  const auth = { authorization: `Bearer ${read.token}` };
  const get = async (url: string) => {
    try {
      return (await getJson(ctx, url, auth)).body;
    } catch (error) {
      throw planRefusal(error) ?? error;
    }
  };
  const me = (await get(`${base}/2/users/me`)) as { data?: { username?: unknown } } | undefined;
  const author = typeof me?.data?.username === 'string' ? me.data.username : undefined;

  if (read.entry === 'like' || read.entry === 'repost') {
    const list = read.entry === 'like' ? 'liking_users' : 'retweeted_by';
    const { entrants, outside } = await allPages(ctx, async (token) =>
      expect(xUsers(await get(`${base}/2/tweets/${encodeURIComponent(read.id)}/${list}?${query({ max_results: String(PAGE), 'user.fields': 'username', pagination_token: token })}`)), list),
    );
    if (list === 'liking_users' && entrants.length >= LIKERS_MAX) throw new ReadError('capped', String(LIKERS_MAX));
    return { network: 'x', entrants, outside, timed: false, ...(author ? { author } : {}) };
  }

  const now = ctx.now();
  const { from, ends } = read.window;
  if (from === undefined || from < now - SEARCH_REACH_MS) throw new ReadError('window', from !== undefined ? new Date(from).toISOString() : '?');
  // `end_time` is exclusive, to the second; it must be 10 seconds in the past.
  const end = Math.ceil((ends + 1) / 1000) * 1000;
  if (end > now - SEARCH_LAG_MS) throw new ReadError('rate-limited', 'recent search reads up to 10 seconds ago', { retryAt: end + SEARCH_LAG_MS });
  const q = read.entry === 'reply' ? `conversation_id:${read.id}` : `#${read.hashtag!} -is:retweet`;
  const { entrants, outside } = await allPages(ctx, async (token) => {
    const params = { query: q, start_time: iso(Math.floor(from / 1000) * 1000), end_time: iso(end), max_results: String(PAGE), 'tweet.fields': 'created_at,author_id,referenced_tweets', expansions: 'author_id', 'user.fields': 'username', next_token: token };
    return expect(xPosts(await get(`${base}/2/tweets/search/recent?${query(params)}`), read.window, read.own, read.entry === 'reply' ? read.id : undefined), 'search/recent');
  });
  return { network: 'x', entrants, outside, timed: true, ...(author ? { author } : {}) };
}

/** X's problem for an endpoint the app's plan lacks: 403 `{ title: 'Client Forbidden', reason: 'client-not-enrolled', required_enrollment }`. */
function planRefusal(error: unknown): ReadError | undefined {
  if (!(error instanceof ReadError) || error.answer.status !== 403) return undefined;
  const problem = error.answer.body as { reason?: unknown; required_enrollment?: unknown } | undefined;
  if (problem?.reason !== 'client-not-enrolled') return undefined;
  return new ReadError('plan', typeof problem.required_enrollment === 'string' ? `${error.detail} (${problem.required_enrollment})` : error.detail, error.answer);
}

/** X's time format: `YYYY-MM-DDTHH:mm:ssZ`. */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
