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

export class AppViewStandin extends StandinServer {
  private readonly posts = new Map<string, PostCounts>();
  private readonly profiles = new Map<string, number>();
  private readonly window: RateWindow;

  private constructor(options: { readonly rateLimit?: { limit: number; periodMs: number }; readonly now?: () => number }) {
    super();
    const { limit, periodMs } = options.rateLimit ?? { limit: 3000, periodMs: 300_000 };
    this.window = new RateWindow(limit, periodMs, options.now ?? Date.now);
  }

  static start(options: { readonly rateLimit?: { limit: number; periodMs: number }; readonly now?: () => number } = {}): Promise<AppViewStandin> {
    return new AppViewStandin(options).listen();
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
}

function xrpcError(status: number, error: string, message: string): Answer {
  return { status, body: { error, message } };
}
