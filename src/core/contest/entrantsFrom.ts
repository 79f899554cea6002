/**
 * The entrants in one page of a network's answer: who liked, reposted, replied to or posted with
 * the contest's hashtag, as `Entrant`s. Pure: the HTTP is in src/services/contest/.
 */
import type { Entrant } from './draw';

/** When an entry counts: made between `from` (the post's publication, when known) and `ends`, both included. */
export interface EntryWindow {
  readonly from?: number;
  readonly ends: number;
}

/** What one page of an answer gives. */
export interface EntrantPage {
  /** The entrants on the page that count, in the answer's order (duplicates kept: the draw counts each key once). */
  readonly entrants: readonly Entrant[];
  /** Entries on the page made outside the window (after the contest's end, or before the post): left out. */
  readonly outside: number;
  /** The oldest entry's time on a page ordered newest first: reading further back finds only older ones. */
  readonly oldest?: number;
  /** The next page's cursor or token, when the answer gives one. */
  readonly next?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const within = (time: number, w: EntryWindow) => !Number.isNaN(time) && time <= w.ends && (w.from === undefined || time >= w.from);

/**
 * A Mastodon account's full handle: `acct` is `user@domain` for remote accounts and `user`
 * alone for the instance's own (entities/Account), so these get the instance's `domain`.
 *
 * @example mastodonHandle('lea', 'mastodon.example') // '@lea@mastodon.example'
 */
export function mastodonHandle(acct: string, domain: string): string {
  const bare = acct.replace(/^@/, '');
  return bare.includes('@') ? `@${bare}` : `@${bare}@${domain}`;
}

/**
 * The accounts of `favourited_by` or `reblogged_by` (an array of Account). These carry no time:
 * whoever is on the list when it is read counts, whenever they favourited or boosted.
 * Undefined when the answer is not an array of accounts.
 */
export function mastodonAccounts(body: unknown, domain: string): EntrantPage | undefined {
  if (!Array.isArray(body)) return undefined;
  const entrants: Entrant[] = [];
  for (const account of body) {
    const acct = isObject(account) ? str(account['acct']) : undefined;
    if (acct === undefined) return undefined;
    entrants.push({ network: 'mastodon', handle: mastodonHandle(acct, domain) });
  }
  return { entrants, outside: 0 };
}

/**
 * The direct replies to status `id` in its context (`descendants` whose `in_reply_to_id` is it),
 * counted when made (`created_at`) up to the end; replies to replies are conversations, not
 * entries. `own`: the post's own statuses (a thread's parts reply to its first).
 */
export function mastodonReplies(body: unknown, id: string, domain: string, window: EntryWindow, own: ReadonlySet<string>): (EntrantPage & { readonly descendants: number }) | undefined {
  const descendants = isObject(body) ? body['descendants'] : undefined;
  if (!Array.isArray(descendants)) return undefined;
  const page = mastodonStatuses(descendants.filter((s) => isObject(s) && s['in_reply_to_id'] === id), domain, window, own);
  return page && { ...page, descendants: descendants.length };
}

/** The statuses of a hashtag timeline (newest first), counted when made within the window. */
export function mastodonTagged(body: unknown, domain: string, window: EntryWindow, own: ReadonlySet<string>): EntrantPage | undefined {
  return Array.isArray(body) ? mastodonStatuses(body, domain, window, own) : undefined;
}

function mastodonStatuses(statuses: readonly unknown[], domain: string, window: EntryWindow, own: ReadonlySet<string>): EntrantPage | undefined {
  const entrants: Entrant[] = [];
  let outside = 0;
  let oldest: number | undefined;
  for (const status of statuses) {
    if (!isObject(status) || !isObject(status['account'])) return undefined;
    const acct = str(status['account']['acct']);
    if (acct === undefined) return undefined;
    const time = Date.parse(String(status['created_at']));
    if (!Number.isNaN(time)) oldest = oldest === undefined ? time : Math.min(oldest, time);
    if (own.has(String(status['id']))) continue;
    if (!within(time, window)) outside++;
    else entrants.push({ network: 'mastodon', handle: mastodonHandle(acct, domain) });
  }
  return { entrants, outside, ...(oldest !== undefined ? { oldest } : {}) };
}

/**
 * The `rel="next"` URL of an HTTP `Link` header (RFC 8288), as Mastodon paginates lists whose
 * ids it does not expose (api/guidelines#pagination).
 *
 * @example nextLink('<https://m.example/api/v1/statuses/1/favourited_by?max_id=7>; rel="next", <…?since_id=9>; rel="prev"') // 'https://m.example/api/v1/statuses/1/favourited_by?max_id=7'
 */
export function nextLink(header: string | undefined): string | undefined {
  // Each link is `<url>` and its parameters, up to the next `<` (a URL's own commas are inside the brackets).
  for (const m of (header ?? '').matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2]!);
    if ((rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).includes('next')) return m[1];
  }
  return undefined;
}

/**
 * A Bluesky account as the draw names it: its handle, or its DID when the AppView could not
 * verify the handle (it then says `handle.invalid`, atproto specs/handle).
 */
function blueskyHandle(actor: unknown): { did: string; handle: string } | undefined {
  if (!isObject(actor)) return undefined;
  const did = str(actor['did']);
  const handle = str(actor['handle']);
  if (did === undefined || handle === undefined) return undefined;
  return { did, handle: handle === 'handle.invalid' ? did : handle };
}

/**
 * When a Bluesky entry was made, as far as the draw trusts it: the later of its `createdAt`
 * (written by the entrant's app, so it could be backdated) and `indexedAt` (when the AppView
 * saw it). An entry counts when both are within the window.
 */
function blueskyTime(createdAt: unknown, indexedAt: unknown): number {
  const times = [createdAt, indexedAt].filter((t): t is string => typeof t === 'string').map(Date.parse);
  return times.length === 0 || times.some(Number.isNaN) ? NaN : Math.max(...times);
}

/**
 * `app.bsky.feed.getLikes`: `likes[]` of `{ actor, createdAt, indexedAt }`, counted when made
 * within the window (unlike Mastodon and X, Bluesky's likes carry a time). `author`: the post's
 * DID, whose own like never counts.
 */
export function blueskyLikes(body: unknown, window: EntryWindow, author: string): EntrantPage | undefined {
  const likes = isObject(body) ? body['likes'] : undefined;
  if (!Array.isArray(likes)) return undefined;
  const entrants: Entrant[] = [];
  let outside = 0;
  for (const like of likes) {
    const who = isObject(like) ? blueskyHandle(like['actor']) : undefined;
    if (!who) return undefined;
    if (who.did === author) continue;
    if (!within(blueskyTime((like as Json)['createdAt'], (like as Json)['indexedAt']), window)) outside++;
    else entrants.push({ network: 'bluesky', handle: who.handle });
  }
  return { entrants, outside, ...cursorOf(body) };
}

/** `app.bsky.feed.getRepostedBy`: `repostedBy[]`, profiles without a time: whoever is listed counts. */
export function blueskyReposts(body: unknown, author: string): EntrantPage | undefined {
  const profiles = isObject(body) ? body['repostedBy'] : undefined;
  if (!Array.isArray(profiles)) return undefined;
  const entrants: Entrant[] = [];
  for (const profile of profiles) {
    const who = blueskyHandle(profile);
    if (!who) return undefined;
    if (who.did !== author) entrants.push({ network: 'bluesky', handle: who.handle });
  }
  return { entrants, outside: 0, ...cursorOf(body) };
}

/**
 * `app.bsky.feed.getPostThread` (asked with `depth=1`): the thread's `replies` whose record
 * replies to `uri` itself, counted when made within the window. Replies the AppView shows as
 * `#notFoundPost` or `#blockedPost` name nobody and are left out.
 */
export function blueskyReplies(body: unknown, uri: string, window: EntryWindow, author: string): EntrantPage | undefined {
  const thread = isObject(body) ? body['thread'] : undefined;
  if (!isObject(thread)) return undefined;
  const replies = thread['replies'] ?? [];
  if (!Array.isArray(replies)) return undefined;
  const posts = replies.flatMap((r) => (isObject(r) && isObject(r['post']) ? [r['post']] : []));
  const direct = posts.filter((p) => {
    const reply = isObject(p['record']) ? p['record']['reply'] : undefined;
    return isObject(reply) && isObject(reply['parent']) && reply['parent']['uri'] === uri;
  });
  return blueskyPosts(direct, window, author, new Set());
}

/** `app.bsky.feed.searchPosts`: `posts[]` (postView), counted when made within the window. */
export function blueskySearch(body: unknown, window: EntryWindow, author: string, own: ReadonlySet<string>): EntrantPage | undefined {
  const posts = isObject(body) ? body['posts'] : undefined;
  if (!Array.isArray(posts)) return undefined;
  const page = blueskyPosts(posts, window, author, own);
  return page && { ...page, ...cursorOf(body) };
}

function blueskyPosts(posts: readonly unknown[], window: EntryWindow, author: string, own: ReadonlySet<string>): EntrantPage | undefined {
  const entrants: Entrant[] = [];
  let outside = 0;
  for (const post of posts) {
    const who = isObject(post) ? blueskyHandle(post['author']) : undefined;
    if (!who) return undefined;
    const p = post as Json;
    if (who.did === author || own.has(String(p['uri']))) continue;
    const record = isObject(p['record']) ? p['record'] : {};
    if (!within(blueskyTime(record['createdAt'], p['indexedAt']), window)) outside++;
    else entrants.push({ network: 'bluesky', handle: who.handle });
  }
  return { entrants, outside };
}

const cursorOf = (body: unknown): { next?: string } => {
  const cursor = isObject(body) ? str(body['cursor']) : undefined;
  return cursor !== undefined ? { next: cursor } : {};
};

/**
 * X's `liking_users` or `retweeted_by`: `data[]` of users (absent when there are none), the next
 * page's `meta.next_token`. Users carry no time: whoever is listed counts.
 */
export function xUsers(body: unknown): EntrantPage | undefined {
  if (!isObject(body)) return undefined;
  const data = body['data'] ?? [];
  if (!Array.isArray(data)) return undefined;
  const entrants: Entrant[] = [];
  for (const user of data) {
    const username = isObject(user) ? str(user['username']) : undefined;
    if (username === undefined) return undefined;
    entrants.push({ network: 'x', handle: username });
  }
  return { entrants, outside: 0, ...nextToken(body) };
}

/**
 * A page of X's recent search (`data[]` of posts with `author_id`, `created_at` and
 * `referenced_tweets`, their authors in `includes.users`), counted when made within the window.
 * `repliesTo`: only the posts replying to that one count (a conversation holds replies to
 * replies too); `own`: the post's own parts.
 */
export function xPosts(body: unknown, window: EntryWindow, own: ReadonlySet<string>, repliesTo?: string): EntrantPage | undefined {
  if (!isObject(body)) return undefined;
  const data = body['data'] ?? [];
  if (!Array.isArray(data)) return undefined;
  const users = new Map<string, string>();
  const included = isObject(body['includes']) && Array.isArray(body['includes']['users']) ? body['includes']['users'] : [];
  for (const u of included) if (isObject(u) && str(u['id']) && str(u['username'])) users.set(u['id'] as string, u['username'] as string);
  const entrants: Entrant[] = [];
  let outside = 0;
  let oldest: number | undefined;
  for (const post of data) {
    if (!isObject(post)) return undefined;
    const author = str(post['author_id']);
    const username = author !== undefined ? users.get(author) : undefined;
    if (username === undefined) return undefined;
    const time = Date.parse(String(post['created_at']));
    if (!Number.isNaN(time)) oldest = oldest === undefined ? time : Math.min(oldest, time);
    if (own.has(String(post['id']))) continue;
    const refs = Array.isArray(post['referenced_tweets']) ? post['referenced_tweets'] : [];
    if (repliesTo !== undefined && !refs.some((r) => isObject(r) && r['type'] === 'replied_to' && r['id'] === repliesTo)) continue;
    if (!within(time, window)) outside++;
    else entrants.push({ network: 'x', handle: username });
  }
  return { entrants, outside, ...(oldest !== undefined ? { oldest } : {}), ...nextToken(body) };
}

const nextToken = (body: Json): { next?: string } => {
  const token = isObject(body['meta']) ? str(body['meta']['next_token']) : undefined;
  return token !== undefined ? { next: token } : {};
};
