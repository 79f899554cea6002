import { mastodonAccounts, mastodonHandle, mastodonReplies, mastodonTagged, nextLink, type EntryWindow } from '../../core/contest/entrantsFrom';
import type { ContestEntry } from '../../core/model';
import { allPages, expect, getJson, ReadError, type NetworkEntrants, type ReadContext } from './read';

/** `favourited_by` and `reblogged_by` give at most 80 accounts a page; a tag timeline 40 statuses. */
const ACCOUNTS_PAGE = 80;
const STATUSES_PAGE = 40;
/** `context` gives at most 60 descendants without a token, 4,096 with one (methods/statuses#context). */
const CONTEXT_MAX = { public: 60, token: 4096 };

export interface MastodonRead {
  /** `platforms.mastodon.instance`, e.g. `https://mastodon.social`. */
  readonly instance: string;
  /** `mastodon/access-token`, when there is one: private statuses, and the whole context. */
  readonly token?: string;
  /** The post's first status (entries are made on it), and all its statuses. */
  readonly id: string;
  readonly own: ReadonlySet<string>;
  readonly entry: ContestEntry;
  readonly hashtag?: string;
  readonly window: EntryWindow;
}

/**
 * Mastodon's entrants of one post: `favourited_by` or `reblogged_by` (pages followed through
 * their `Link` header), the direct replies among `context`'s descendants, or the hashtag's
 * timeline read back to the post's publication. The post's status is read first: its author is
 * the brand (never a winner), and a status gone is said as such. Local accounts' `acct` get the
 * instance's `domain` (`/api/v2/instance`).
 */
export async function mastodonEntrants(ctx: ReadContext, read: MastodonRead): Promise<NetworkEntrants> {
  const base = read.instance.replace(/\/+$/, '');
  const auth: Record<string, string> = read.token ? { authorization: `Bearer ${read.token}` } : {};
  const domain = await instanceDomain(ctx, base);
  const status = (await getJson(ctx, `${base}/api/v1/statuses/${encodeURIComponent(read.id)}`, auth)).body as { account?: { acct?: unknown } } | undefined;
  const acct = status?.account?.acct;
  if (typeof acct !== 'string') throw new ReadError('unexpected', 'GET /api/v1/statuses/:id: not a status');
  const author = mastodonHandle(acct, domain);
  const listed = async (list: 'favourited_by' | 'reblogged_by') =>
    allPages(ctx, async (url) => {
      const { body, response } = await getJson(ctx, url ?? `${base}/api/v1/statuses/${encodeURIComponent(read.id)}/${list}?limit=${ACCOUNTS_PAGE}`, auth);
      const next = nextLink(response.headers['link']);
      return { ...expect(mastodonAccounts(body, domain), list), ...(next !== undefined ? { next } : {}) };
    });

  if (read.entry === 'like' || read.entry === 'repost') {
    const { entrants, outside } = await listed(read.entry === 'like' ? 'favourited_by' : 'reblogged_by');
    return { network: 'mastodon', entrants, outside, timed: false, author };
  }
  if (read.entry === 'reply') {
    const { body } = await getJson(ctx, `${base}/api/v1/statuses/${encodeURIComponent(read.id)}/context`, auth);
    const page = mastodonReplies(body, read.id, domain, read.window, read.own);
    if (!page) throw new ReadError('unexpected', 'context: not the documented answer');
    const max = read.token ? CONTEXT_MAX.token : CONTEXT_MAX.public;
    // The context is not paginated: at its cap, replies beyond it are not in the answer.
    if (page.descendants >= max) throw new ReadError('capped', String(max));
    ctx.onPage(page.entrants.length);
    return { network: 'mastodon', entrants: page.entrants, outside: page.outside, timed: true, author };
  }
  const tag = read.hashtag!;
  const { entrants, outside } = await allPages(ctx, async (url) => {
    let answer;
    try {
      answer = await getJson(ctx, url ?? `${base}/api/v1/timelines/tag/${encodeURIComponent(tag)}?limit=${STATUSES_PAGE}`, auth);
    } catch (error) {
      // A hashtag nobody ever used does not exist: 404 (methods/timelines#tag), nobody entered.
      if (error instanceof ReadError && error.reason === 'not-found' && url === undefined) return { entrants: [], outside: 0 };
      throw error;
    }
    const page = expect(mastodonTagged(answer.body, domain, read.window, read.own), 'timelines/tag');
    const next = nextLink(answer.response.headers['link']);
    // Newest first: once a page reaches back before the post, the rest is older still.
    const stop = read.window.from !== undefined && page.oldest !== undefined && page.oldest < read.window.from;
    return { ...page, ...(next !== undefined ? { next } : {}), stop };
  });
  return { network: 'mastodon', entrants, outside, timed: true, author };
}

/** The instance's domain, as in its accounts' handles (LOCAL_DOMAIN, which may differ from where the API is). */
async function instanceDomain(ctx: ReadContext, base: string): Promise<string> {
  try {
    const domain = ((await getJson(ctx, `${base}/api/v2/instance`)).body as { domain?: unknown } | undefined)?.domain;
    if (typeof domain === 'string' && domain !== '') return domain;
  } catch (error) {
    // Servers before 4.0 have no v2 instance (404): their API's host is taken instead.
    if (!(error instanceof ReadError) || error.reason !== 'not-found') throw error;
  }
  return new URL(base).host;
}
