/**
 * A stand-in Bluesky AppView for the metrics tests: the local PDS (test/peers/bsky) holds the
 * records but no AppView, which is where counts come from. Plain node:http on 127.0.0.1.
 *
 * What it does, and where that comes from ("assumed" is what the docs do not say):
 * - DOCUMENTED (lexicon app.bsky.feed.getPosts): `GET /xrpc/app.bsky.feed.getPosts?uris=…&uris=…`,
 *   `uris` an array of at-uris, at most 25 → `{ posts: PostView[] }` (app.bsky.feed.defs#postView:
 *   `uri`, `cid`, `author`, `record`, `indexedAt`, `replyCount`, `repostCount`, `likeCount`,
 *   `quoteCount`); a URI the AppView does not know is left out of `posts`, not an error.
 * - DOCUMENTED (XRPC, atproto specs/xrpc): errors are `{ "error": "<Name>", "message": "…" }`;
 *   more than 25 URIs, or none → 400 `InvalidRequest`. ASSUMED: the message's wording.
 * - DOCUMENTED (docs.bsky.app, rate limits): limits per IP, answered with `ratelimit-limit`,
 *   `ratelimit-remaining`, `ratelimit-reset` (epoch seconds) and `ratelimit-policy`; past them
 *   429 `RateLimitExceeded`. ASSUMED: the window here is an option (the real one is 3,000
 *   requests per 5 minutes), fixed from the first request.
 * - DOCUMENTED (lexicon app.bsky.actor.getProfile): `GET /xrpc/app.bsky.actor.getProfile?actor=`
 *   (a handle or DID) → profileViewDetailed (`did`, `handle`, `followersCount`, `followsCount`,
 *   `postsCount`); an unknown actor → 400 `InvalidRequest` "Profile not found".
 * - ASSUMED: an unknown method → 404 `MethodNotImplemented`.
 *
 * A contest's entrants
 * - DOCUMENTED (lexicon app.bsky.feed.getLikes): `?uri=&cid=&limit=&cursor=` (`uri` required,
 *   `limit` 1 to 100, 50 by default) → `{ uri, cursor?, likes: [{ actor (profileView),
 *   createdAt, indexedAt }] }`. DOCUMENTED (lexicon app.bsky.feed.getRepostedBy): the same
 *   parameters → `{ uri, cursor?, repostedBy: profileView[] }`. DOCUMENTED (XRPC, specs/xrpc):
 *   parameters outside the lexicon → 400 `InvalidRequest`. ASSUMED: newest first; the cursor is
 *   opaque (an offset here), absent on the last page; a URI it does not know has no likes (200,
 *   an empty list), not an error.
 * - DOCUMENTED (lexicon app.bsky.feed.getPostThread): `?uri=&depth=&parentHeight=` (6 and 80 by
 *   default, 0 to 1000) → `{ thread: #threadViewPost { post, parent?, replies? } }`, the replies
 *   to `depth` levels; an unknown post → the lexicon's error `NotFound` (400). ASSUMED: the
 *   message `Post not found: <uri>`; replies in the order posted.
 * - DOCUMENTED (lexicon app.bsky.feed.searchPosts): `?q=` (required) `&tag=` (repeated, AND,
 *   without `#`) `&since=&until=` (inclusive, exclusive; on `sortAt`, which may differ from
 *   `createdAt`) `&sort=latest|top&limit=` (1 to 100, 25 by default) `&cursor=` → `{ posts:
 *   postView[], cursor?, hitsTotal? }`. ASSUMED: `sortAt` is the earlier of `createdAt` and
 *   `indexedAt`; each word of `q` must be in the text (a `#word` among its hashtags).
 *   OBSERVED (github.com/bluesky-social/atproto/issues/3423, #2838, bsky-docs#296): the public
 *   AppView answers searches without an account 403 (plain text `Request forbidden by
 *   administrative rules.`), and a `cursor` too: options `searchForbidden`, `cursorForbidden`.
 * - Test hooks: `post(author, text, { at, indexedAt, uri })` (a post, its hashtags read from its
 *   text), `reply(parentUri, author, { text, at })`, `like(uri, actor, { at, indexedAt })`,
 *   `repost(uri, actor, { at })`; an actor is `{ did, handle }`.
 *
 * Test hooks: `setPost(uri, counts)` (a post it knows, with its counts), `forget(uri)`,
 * `setProfile(handle, followers)`, and the
 * shared server's `requests`, `failNext`, `hangNext` (server.ts).
 */
import { StandinServer, type Answer, type RecordedRequest } from './server';
import { RateWindow } from './rateWindow';

export interface PostCounts {
  readonly likes?: number;
  readonly reposts?: number;
  readonly replies?: number;
  readonly quotes?: number;
}

/** A Bluesky account, as the AppView shows it. */
export interface BlueskyActor {
  readonly did: string;
  readonly handle: string;
}

/** A post the AppView indexed (test hooks `post`, `reply`). */
interface IndexedPost {
  readonly uri: string;
  readonly author: BlueskyActor;
  readonly text: string;
  readonly createdAt: string;
  readonly indexedAt: string;
  readonly parent?: string;
}

/** A like or a repost. */
interface Act {
  readonly actor: BlueskyActor;
  readonly createdAt: string;
  readonly indexedAt: string;
}

export interface AppViewStandinOptions {
  readonly rateLimit?: { limit: number; periodMs: number };
  readonly now?: () => number;
  /** Searches answered 403, as the public AppView does without an account (OBSERVED). */
  readonly searchForbidden?: boolean;
  /** Searches with a `cursor` answered 403 (OBSERVED on the public AppView). */
  readonly cursorForbidden?: boolean;
}

export class AppViewStandin extends StandinServer {
  private readonly posts = new Map<string, PostCounts>();
  private readonly profiles = new Map<string, number>();
  private readonly window: RateWindow;
  private readonly now: () => number;
  private readonly indexed: IndexedPost[] = [];
  private readonly likes = new Map<string, Act[]>();
  private readonly reposts = new Map<string, Act[]>();
  private sequence = 0;

  private constructor(private readonly options: AppViewStandinOptions) {
    super();
    const { limit, periodMs } = options.rateLimit ?? { limit: 3000, periodMs: 300_000 };
    this.now = options.now ?? Date.now;
    this.window = new RateWindow(limit, periodMs, this.now);
  }

  static start(options: AppViewStandinOptions = {}): Promise<AppViewStandin> {
    return new AppViewStandin(options).listen();
  }

  /** `author` posts `text` at `at` (default now), indexed at `indexedAt` (default the same); its URI. */
  post(author: BlueskyActor, text: string, options: { readonly at?: number; readonly indexedAt?: number; readonly uri?: string; readonly parent?: string } = {}): string {
    const at = options.at ?? this.now();
    const uri = options.uri ?? `at://${author.did}/app.bsky.feed.post/3m${(++this.sequence).toString(36).padStart(11, '2')}`;
    this.indexed.push({ uri, author, text, createdAt: new Date(at).toISOString(), indexedAt: new Date(options.indexedAt ?? at).toISOString(), ...(options.parent ? { parent: options.parent } : {}) });
    return uri;
  }

  /** `author` replies to `parent`; the reply's URI. */
  reply(parent: string, author: BlueskyActor, options: { readonly text?: string; readonly at?: number; readonly indexedAt?: number } = {}): string {
    return this.post(author, options.text ?? 'Je participe !', { ...options, parent });
  }

  /** `actor` likes `uri`. */
  like(uri: string, actor: BlueskyActor, options: { readonly at?: number; readonly indexedAt?: number } = {}): void {
    this.act(this.likes, uri, actor, options);
  }

  /** `actor` reposts `uri`. */
  repost(uri: string, actor: BlueskyActor, options: { readonly at?: number; readonly indexedAt?: number } = {}): void {
    this.act(this.reposts, uri, actor, options);
  }

  private act(table: Map<string, Act[]>, uri: string, actor: BlueskyActor, options: { readonly at?: number; readonly indexedAt?: number }): void {
    const at = options.at ?? this.now();
    const list = table.get(uri) ?? [];
    list.push({ actor, createdAt: new Date(at).toISOString(), indexedAt: new Date(options.indexedAt ?? at).toISOString() });
    table.set(uri, list);
  }

  setPost(uri: string, counts: PostCounts): void {
    this.posts.set(uri, counts);
  }

  setProfile(handle: string, followers: number): void {
    this.profiles.set(handle, followers);
  }

  forget(uri: string): void {
    this.posts.delete(uri);
  }

  protected override handle(request: RecordedRequest): Answer {
    const allowed = this.window.take();
    const headers = {
      'ratelimit-limit': String(this.window.limit),
      'ratelimit-remaining': String(this.window.remaining),
      'ratelimit-reset': String(Math.ceil(this.window.resetAt / 1000)),
      'ratelimit-policy': `${this.window.limit};w=${Math.round(this.window.windowMs / 1000)}`,
    };
    const answer = allowed ? this.route(request) : xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded');
    return { ...answer, headers: { ...headers, ...answer.headers } };
  }

  private route(request: RecordedRequest): Answer {
    if (request.method === 'GET' && request.pathname === '/xrpc/app.bsky.actor.getProfile') {
      const actor = request.query.get('actor') ?? '';
      const followers = this.profiles.get(actor);
      if (followers === undefined) return xrpcError(400, 'InvalidRequest', 'Profile not found');
      return { status: 200, body: { did: `did:plc:${actor.replace(/\W/g, '')}`, handle: actor, followersCount: followers, followsCount: 12, postsCount: 40 } };
    }
    if (request.method === 'GET' && request.pathname === '/xrpc/app.bsky.feed.getLikes') return this.acts(request, this.likes, 'likes');
    if (request.method === 'GET' && request.pathname === '/xrpc/app.bsky.feed.getRepostedBy') return this.acts(request, this.reposts, 'repostedBy');
    if (request.method === 'GET' && request.pathname === '/xrpc/app.bsky.feed.getPostThread') return this.thread(request);
    if (request.method === 'GET' && request.pathname === '/xrpc/app.bsky.feed.searchPosts') return this.search(request);
    if (request.method !== 'GET' || request.pathname !== '/xrpc/app.bsky.feed.getPosts') return xrpcError(404, 'MethodNotImplemented', 'Method Not Implemented');
    const uris = request.query.getAll('uris');
    if (uris.length === 0 || uris.length > 25) return xrpcError(400, 'InvalidRequest', `uris must have between 1 and 25 items`);
    const posts = uris.flatMap((uri) => {
      const c = this.posts.get(uri);
      if (!c) return [];
      const did = /^at:\/\/([^/]+)/.exec(uri)?.[1] ?? 'did:plc:unknown';
      return [{ uri, cid: 'bafyreistandin', author: { did, handle: 'nova.test' }, record: { $type: 'app.bsky.feed.post', text: '', createdAt: '2026-12-01T09:30:00.000Z' }, indexedAt: '2026-12-01T09:30:01.000Z', replyCount: c.replies ?? 0, repostCount: c.reposts ?? 0, likeCount: c.likes ?? 0, quoteCount: c.quotes ?? 0 }];
    });
    return { status: 200, body: { posts } };
  }

  /** `getLikes` or `getRepostedBy`: newest first, in pages. */
  private acts(request: RecordedRequest, table: Map<string, Act[]>, field: 'likes' | 'repostedBy'): Answer {
    const uri = request.query.get('uri');
    if (!uri) return xrpcError(400, 'InvalidRequest', 'Params must have the property "uri"');
    const paged = page(request, 50, 100);
    if (typeof paged === 'string') return xrpcError(400, 'InvalidRequest', paged);
    const all = [...(table.get(uri) ?? [])].sort((a, b) => b.indexedAt.localeCompare(a.indexedAt));
    const slice = all.slice(paged.offset, paged.offset + paged.limit);
    const items = field === 'likes' ? slice.map((a) => ({ actor: profile(a.actor), createdAt: a.createdAt, indexedAt: a.indexedAt })) : slice.map((a) => profile(a.actor));
    return { status: 200, body: { uri, [field]: items, ...(paged.offset + paged.limit < all.length ? { cursor: String(paged.offset + paged.limit) } : {}) } };
  }

  private thread(request: RecordedRequest): Answer {
    const uri = request.query.get('uri');
    if (!uri) return xrpcError(400, 'InvalidRequest', 'Params must have the property "uri"');
    const depth = Number(request.query.get('depth') ?? 6);
    if (!Number.isInteger(depth) || depth < 0 || depth > 1000) return xrpcError(400, 'InvalidRequest', 'depth must be an integer from 0 to 1000');
    const anchor = this.indexed.find((p) => p.uri === uri);
    if (!anchor) return xrpcError(400, 'NotFound', `Post not found: ${uri}`);
    const view = (p: IndexedPost, levels: number): unknown => ({
      $type: 'app.bsky.feed.defs#threadViewPost',
      post: this.postView(p),
      ...(levels > 0 ? { replies: this.indexed.filter((r) => r.parent === p.uri).map((r) => view(r, levels - 1)) } : {}),
    });
    return { status: 200, body: { thread: view(anchor, depth) } };
  }

  private search(request: RecordedRequest): Answer {
    if (this.options.searchForbidden || (this.options.cursorForbidden && request.query.has('cursor'))) return { status: 403, body: 'Request forbidden by administrative rules.' };
    const q = request.query.get('q');
    if (!q) return xrpcError(400, 'InvalidRequest', 'Params must have the property "q"');
    const paged = page(request, 25, 100);
    if (typeof paged === 'string') return xrpcError(400, 'InvalidRequest', paged);
    const tags = request.query.getAll('tag').map((t) => t.toLowerCase());
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const since = request.query.get('since');
    const until = request.query.get('until');
    const sortAt = (p: IndexedPost) => Math.min(Date.parse(p.createdAt), Date.parse(p.indexedAt));
    const hits = this.indexed
      .filter((p) => {
        const own = hashtags(p.text);
        const text = p.text.toLowerCase();
        return tags.every((t) => own.includes(t)) && words.every((w) => (w.startsWith('#') ? own.includes(w.slice(1)) : text.includes(w)));
      })
      .filter((p) => (since === null || sortAt(p) >= Date.parse(since)) && (until === null || sortAt(p) < Date.parse(until)))
      .sort((a, b) => sortAt(b) - sortAt(a));
    const slice = hits.slice(paged.offset, paged.offset + paged.limit);
    return { status: 200, body: { posts: slice.map((p) => this.postView(p)), hitsTotal: hits.length, ...(paged.offset + paged.limit < hits.length ? { cursor: String(paged.offset + paged.limit) } : {}) } };
  }

  private postView(p: IndexedPost) {
    const parent = p.parent !== undefined ? { uri: p.parent, cid: 'bafyreistandin' } : undefined;
    const record = { $type: 'app.bsky.feed.post', text: p.text, createdAt: p.createdAt, ...(parent ? { reply: { root: parent, parent } } : {}) };
    const replyCount = this.indexed.filter((r) => r.parent === p.uri).length;
    return { uri: p.uri, cid: 'bafyreistandin', author: profile(p.author), record, indexedAt: p.indexedAt, replyCount, repostCount: this.reposts.get(p.uri)?.length ?? 0, likeCount: this.likes.get(p.uri)?.length ?? 0, quoteCount: 0 };
  }
}

/** A profileView: the actor, and when the AppView indexed the profile. */
function profile(actor: BlueskyActor) {
  return { did: actor.did, handle: actor.handle, displayName: actor.handle.split('.')[0], indexedAt: '2026-01-05T00:00:00.000Z' };
}

/** `limit` (1 to `max`, `fallback` unless given) and the `cursor`'s offset, or why they are not valid. */
function page(request: RecordedRequest, fallback: number, max: number): { limit: number; offset: number } | string {
  const limit = Number(request.query.get('limit') ?? fallback);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) return `limit must be an integer from 1 to ${max}`;
  const cursor = request.query.get('cursor');
  const offset = cursor === null ? 0 : Number(cursor);
  if (!Number.isInteger(offset) || offset < 0) return 'Malformed cursor';
  return { limit, offset };
}

/** The hashtags of a post's text, lower-cased, without `#` (the facets an app would write). */
function hashtags(text: string): string[] {
  return [...text.matchAll(/(?:^|\s)#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase());
}

function xrpcError(status: number, error: string, message: string): Answer {
  return { status, body: { error, message } };
}
