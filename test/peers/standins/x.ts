/**
 * A stand-in for X's API v2, written from X's documentation (no X server can run here), for the
 * X sender's tests. What it does, and where each behaviour comes from:
 *
 * DOCUMENTED
 * - `POST /2/tweets` takes `{ text, media: { media_ids }, reply: { in_reply_to_tweet_id } }` and
 *   answers `201 { data: { id, text } }`; ids are strings of digits
 *   (https://docs.x.com/x-api/posts/creation-of-a-post).
 * - `GET /2/users/me` answers the authenticated user, `{ data: { id, name, username } }`
 *   (https://docs.x.com/x-api/users/lookup/introduction).
 * - `POST /2/media/upload`, the one-shot upload: JSON `{ media (base64), media_category,
 *   media_type }` with `media_category` one of `tweet_image`, `dm_image`, `subtitles` and
 *   `media_type` an image or subtitle type, answering `{ data: { id, media_key, size,
 *   expires_after_secs } }` (https://docs.x.com/x-api/media/upload-media).
 * - `POST /2/media/metadata` takes `{ id, metadata: { alt_text: { text } } }`, alt text up to
 *   1,000 characters (https://docs.x.com/x-api/media/create-media-metadata).
 * - A post holds up to 4 images (https://docs.x.com/x-api/media/quickstart/best-practices).
 * - Text is measured as twitter-text measures it, 280 weighted characters (25,000 with Premium)
 *   (https://docs.x.com/fundamentals/counting-characters).
 * - `x-rate-limit-limit`, `x-rate-limit-remaining`, `x-rate-limit-reset` (epoch seconds) on every
 *   answer, and `429` with `{ errors: [{ code: 88, message: 'Rate limit exceeded' }] }` past the
 *   limit (https://docs.x.com/fundamentals/rate-limits); `POST /2/tweets` allows 200 requests per
 *   15 minutes per user (https://docs.x.com/x-api/posts/manage-tweets/migrate/overview).
 * - `GET /2/tweets?ids=…&tweet.fields=public_metrics` looks up to 100 posts by id (1 to 100, else
 *   400), answering `{ data: [{ id, text, public_metrics: { retweet_count, reply_count,
 *   like_count, quote_count, bookmark_count, impression_count } }] }` and, for ids it does not
 *   have, `errors: [{ value, detail, title: 'Not Found Error', resource_type: 'tweet', parameter:
 *   'ids', resource_id, type }]` beside them (https://docs.x.com/x-api/posts/lookup/introduction,
 *   the Post and Problem schemas); `public_metrics` only when asked for in `tweet.fields`.
 * - Errors are problems `{ title, detail, type, status }`, invalid requests with
 *   `errors: [{ message }]` (the `Problem` schema of the pages above).
 * - `GET /2/tweets/:id/liking_users` and `GET /2/tweets/:id/retweeted_by`: `{ data: [{ id, name,
 *   username }], meta: { result_count, next_token? } }`, `max_results` 1 to 100 (100 by
 *   default), the next page with `pagination_token` = `next_token`; 75 requests per 15 minutes
 *   per user each (docs.x.com x-api/posts/likes, x-api/posts/retweets, api-reference
 *   get-tweets-id-retweeted_by). `liking_users` gives 100 liking accounts per post for all time,
 *   whatever their number (x-api/x-api-v2/tweets/likes: "limits you to a total of 100 liking
 *   accounts per post for all time").
 * - `GET /2/tweets/search/recent`: posts of the last 7 days matching `query`
 *   (`conversation_id:ID`, `#tag`, `-is:retweet`), newest first, `max_results` 10 to 100 (10 by
 *   default), `start_time` (inclusive) and `end_time` (exclusive), `next_token` for the next
 *   page (it does not expire); `tweet.fields` `created_at`, `author_id`, `conversation_id`,
 *   `referenced_tweets`, `expansions=author_id` → `includes.users`; `meta: { newest_id,
 *   oldest_id, result_count, next_token? }` (x-api/posts/search/quickstart/recent-search,
 *   x-api/posts/search/integrate/paginate).
 *
 * OBSERVED in reports of the real API (not in the docs)
 * - 401 `{ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }` as
 *   `application/problem+json` (github.com/plhery/node-twitter-api-v2/issues/425).
 * - A text the account already posted → 403 `{ detail: 'You are not allowed to create a Tweet
 *   with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 }`, without the
 *   existing post's id (github.com/akrherz/iembot/issues/163, plhery/node-twitter-api-v2#469).
 * - An endpoint the app's plan lacks → 403 `{ client_id, detail: 'When authenticating requests to
 *   the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that
 *   is attached to a Project. …', registration_url, title: 'Client Forbidden',
 *   required_enrollment: 'Appropriate Level of API Access', reason: 'client-not-enrolled', type:
 *   'https://api.twitter.com/2/problems/client-forbidden' }` (xdevplatform/samples#58, #160,
 *   plhery/node-twitter-api-v2#487): option `unenrolled` (the endpoints refused so).
 * - Unknown media ids → 400 `Your media IDs are invalid.` (plhery/node-twitter-api-v2#375); a
 *   body without `application/json` → 400 `Requests with bodies must have content-type of
 *   application/json.` (plhery/node-twitter-api-v2#591); no media → `media parameter is missing.`
 *   (plhery/node-twitter-api-v2#569).
 *
 * ASSUMED
 * - Too long a text → 403 problem `Tweet needs to be a bit shorter.`: v1.1's 403 wording
 *   (github.com/karadaisy/brevity/issues/8), kept for v2 by analogy with the duplicate's 403;
 *   the v2 answer is not documented.
 * - An image up to 5 MB (v1.1's upload docs; the v2 page gives no size).
 * - Duplicates are looked for among all the account's posts (X's window is unpublished).
 * - A reply to an unknown post → 400; an empty post (no text, no media) → 400; wording ours.
 * - The metadata answer's shape `{ data: { id, associated_metadata } }`; too long an alt text → 400.
 * - `GET /2/users/me` allows 75 and each media endpoint 500 requests per 15 minutes; `GET
 *   /2/tweets` 15 per 15 minutes (the Basic plan's: limits differ by plan, the page lists them).
 * - Test hook `engage(id, metrics)` sets a post's public metrics (0 otherwise); `followers` the
 *   account's, in `GET /2/users/me?user.fields=public_metrics` (DOCUMENTED: the User's
 *   `public_metrics.followers_count`, users/lookup).
 * - Authentication is checked before rate limits; a 401 counts against no limit.
 * - Recent search allows 60 requests per 15 minutes (limits differ by plan); a `start_time`
 *   older than 7 days, or an `end_time` less than 10 seconds ago, → 400 with the parameter
 *   named (wording ours); a post's `conversation_id` is its thread's first post.
 * - Test hooks: `like(id, user)`, `retweet(id, user)`, `tweetBy(user, text, { at, replyTo })`
 *   (someone else's post); `likes` and `retweets` in the order made.
 */
import twitter, { type ParseTweetOptions } from 'twitter-text';
import { bearer, jsonBody, StandinServer, type Answer, type RecordedRequest } from './server';
import { RateWindow } from './rateWindow';

/** An endpoint the stand-in serves, as `'METHOD /path'`. */
export type XEndpoint = 'GET /2/users/me' | 'GET /2/tweets' | 'POST /2/tweets' | 'POST /2/media/upload' | 'POST /2/media/metadata' | 'GET /2/tweets/:id/liking_users' | 'GET /2/tweets/:id/retweeted_by' | 'GET /2/tweets/search/recent';

/** An X account, as the tests make them. */
export interface XUser {
  readonly id: string;
  readonly name?: string;
  readonly username: string;
}

/** A post's `public_metrics`, as the test sets them. */
export type XMetrics = Partial<Record<'retweet_count' | 'reply_count' | 'like_count' | 'quote_count' | 'bookmark_count' | 'impression_count', number>>;

export interface XStandinOptions {
  /** The one access token accepted. */
  readonly token?: string;
  readonly user?: { readonly id: string; readonly name: string; readonly username: string };
  /** Premium accounts may post 25,000 weighted characters. */
  readonly premium?: boolean;
  /** Requests per window, by endpoint (defaults above). */
  readonly limits?: Partial<Record<XEndpoint, { readonly limit: number; readonly windowMs: number }>>;
  /** Epoch milliseconds: a test's fake clock, so that waits for a reset take no time. */
  readonly now?: () => number;
  /** Endpoints the app's plan lacks: answered 403 `client-not-enrolled`. */
  readonly unenrolled?: readonly XEndpoint[];
}

/** An uploaded image. */
export interface XMedia {
  readonly id: string;
  readonly type: string;
  readonly bytes: Uint8Array;
  alt?: string;
}

/** A created post, as stored. */
export interface XTweet {
  readonly id: string;
  readonly text: string;
  readonly media: readonly XMedia[];
  readonly replyTo?: string;
  /** The request body, parsed. */
  readonly body: unknown;
  readonly createdAt?: string;
  /** Whose post it is, when not the account's own (test hook `tweetBy`). */
  readonly author?: XUser;
}

const FIFTEEN_MINUTES = 15 * 60_000;
const DEFAULT_LIMITS: Record<XEndpoint, { limit: number; windowMs: number }> = {
  'GET /2/users/me': { limit: 75, windowMs: FIFTEEN_MINUTES },
  'GET /2/tweets': { limit: 15, windowMs: FIFTEEN_MINUTES },
  'POST /2/tweets': { limit: 200, windowMs: FIFTEEN_MINUTES },
  'POST /2/media/upload': { limit: 500, windowMs: FIFTEEN_MINUTES },
  'POST /2/media/metadata': { limit: 500, windowMs: FIFTEEN_MINUTES },
  'GET /2/tweets/:id/liking_users': { limit: 75, windowMs: FIFTEEN_MINUTES },
  'GET /2/tweets/:id/retweeted_by': { limit: 75, windowMs: FIFTEEN_MINUTES },
  'GET /2/tweets/search/recent': { limit: 60, windowMs: FIFTEEN_MINUTES },
};
const SEARCH_REACH_MS = 7 * 86_400_000;
const LIKERS_SHOWN = 100;
const UPLOAD_CATEGORIES = ['tweet_image', 'dm_image', 'subtitles'];
const UPLOAD_TYPES = ['text/srt', 'text/vtt', 'image/jpeg', 'image/bmp', 'image/png', 'image/webp', 'image/pjpeg', 'image/tiff'];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const INVALID = { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' };

// The package exports its configurations, but its type declarations omit them.
const { configs } = twitter as unknown as { configs: { version3: Required<ParseTweetOptions> } };

/** The X stand-in: `await XStandin.start({ now: () => clock.now() })`, then `tweets`. */
export class XStandin extends StandinServer {
  readonly token: string;
  readonly user: { readonly id: string; readonly name: string; readonly username: string };
  /** Every post created, in order. */
  readonly tweets: XTweet[] = [];
  /** Every image uploaded, by id. */
  readonly media = new Map<string, XMedia>();
  private readonly windows = new Map<string, RateWindow>();
  private readonly metrics = new Map<string, XMetrics>();
  /** The account's followers, in `GET /2/users/me?user.fields=public_metrics` (test hook). */
  followers = 0;
  private readonly maxLength: number;
  private nextId = 1_870_000_000_000_000_000n;
  /** Who liked and reposted each post, in the order they did (test hooks `like`, `retweet`). */
  readonly likes = new Map<string, XUser[]>();
  readonly retweets = new Map<string, XUser[]>();
  private readonly now: () => number;

  private constructor(private readonly options: XStandinOptions) {
    super();
    this.token = options.token ?? 'x-test-token';
    this.user = options.user ?? { id: '1500000000000000001', name: 'Nova', username: 'nova_app' };
    this.maxLength = options.premium ? 25_000 : configs.version3.maxWeightedTweetLength;
    const now = options.now ?? Date.now;
    this.now = now;
    for (const [endpoint, { limit, windowMs }] of Object.entries({ ...DEFAULT_LIMITS, ...options.limits })) this.windows.set(endpoint, new RateWindow(limit, windowMs, now));
  }

  /** Starts a stand-in on 127.0.0.1 and an ephemeral port. */
  static start(options: XStandinOptions = {}): Promise<XStandin> {
    return new XStandin(options).listen();
  }

  /** Sets what people did with a post (its `public_metrics`). */
  engage(id: string, metrics: XMetrics): void {
    this.metrics.set(id, metrics);
  }

  /** `user` likes post `id`. */
  like(id: string, user: XUser): void {
    this.likes.set(id, [...(this.likes.get(id) ?? []), user]);
  }

  /** `user` reposts post `id`. */
  retweet(id: string, user: XUser): void {
    this.retweets.set(id, [...(this.retweets.get(id) ?? []), user]);
  }

  /** `user` posts `text` at `at` (default now), replying to `replyTo`; the post's id. */
  tweetBy(user: XUser, text: string, options: { readonly at?: number; readonly replyTo?: string } = {}): string {
    const tweet: XTweet = { id: this.id(), text, media: [], body: null, author: user, createdAt: new Date(options.at ?? this.now()).toISOString(), ...(options.replyTo ? { replyTo: options.replyTo } : {}) };
    this.tweets.push(tweet);
    return tweet.id;
  }

  protected override handle(request: RecordedRequest): Answer {
    if (bearer(request) !== this.token) return problem(401, { title: 'Unauthorized', type: 'about:blank', detail: 'Unauthorized' });
    const endpoint = endpointOf(request);
    const window = this.windows.get(endpoint);
    if (!window) return problem(404, { title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found', detail: `No route ${endpoint}.` });
    if (this.options.unenrolled?.includes(endpoint as XEndpoint)) return notEnrolled();
    if (!window.take()) return { status: 429, body: { errors: [{ code: 88, message: 'Rate limit exceeded' }] } };
    if (endpoint === 'GET /2/tweets') return this.lookup(request);
    if (endpoint === 'GET /2/tweets/:id/liking_users' || endpoint === 'GET /2/tweets/:id/retweeted_by') return this.users(request, endpoint);
    if (endpoint === 'GET /2/tweets/search/recent') return this.search(request);
    if (request.method === 'GET') {
      const withMetrics = (request.query.get('user.fields') ?? '').split(',').includes('public_metrics');
      return { status: 200, body: { data: { ...this.user, ...(withMetrics ? { public_metrics: { followers_count: this.followers, following_count: 10, tweet_count: this.tweets.filter((t) => !t.author).length, listed_count: 0 } } : {}) } } };
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return invalid('Requests with bodies must have content-type of application/json.');
    const body = jsonBody(request);
    if (typeof body !== 'object' || body === null) return invalid('The request body is not a JSON object.');
    switch (endpoint) {
      case 'POST /2/tweets':
        return this.createTweet(body as Record<string, unknown>);
      case 'POST /2/media/upload':
        return this.upload(body as Record<string, unknown>);
      default:
        return this.describe(body as Record<string, unknown>);
    }
  }

  protected override headersFor(request: RecordedRequest): Record<string, string> {
    const window = this.windows.get(endpointOf(request));
    if (!window || bearer(request) !== this.token) return {};
    return {
      'x-rate-limit-limit': String(window.limit),
      'x-rate-limit-remaining': String(window.remaining),
      'x-rate-limit-reset': String(Math.ceil(window.resetAt / 1000)),
    };
  }

  private lookup(request: RecordedRequest): Answer {
    const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length < 1 || ids.length > 100) return invalid('The `ids` query parameter value must have between 1 and 100 items.');
    const withMetrics = (request.query.get('tweet.fields') ?? '').split(',').includes('public_metrics');
    const data = ids.flatMap((id) => {
      const t = this.tweets.find((x) => x.id === id);
      if (!t) return [];
      const m = this.metrics.get(id) ?? {};
      const public_metrics = { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0, ...m };
      return [{ id, text: t.text, ...(withMetrics ? { public_metrics } : {}) }];
    });
    const errors = ids
      .filter((id) => !this.tweets.some((t) => t.id === id))
      .map((id) => ({ value: id, detail: `Could not find tweet with ids: [${id}].`, title: 'Not Found Error', resource_type: 'tweet', parameter: 'ids', resource_id: id, type: 'https://api.twitter.com/2/problems/resource-not-found' }));
    return { status: 200, body: { ...(data.length > 0 ? { data } : {}), ...(errors.length > 0 ? { errors } : {}) } };
  }

  /** Who liked or reposted a post, in pages; likers beyond the first 100 are never shown. */
  private users(request: RecordedRequest, endpoint: 'GET /2/tweets/:id/liking_users' | 'GET /2/tweets/:id/retweeted_by'): Answer {
    const id = request.pathname.split('/')[3]!;
    const max = Number(request.query.get('max_results') ?? 100);
    if (!Number.isInteger(max) || max < 1 || max > 100) return invalid(`The \`max_results\` query parameter value [${request.query.get('max_results')}] is not between 1 and 100`);
    const likes = endpoint === 'GET /2/tweets/:id/liking_users';
    const all = (likes ? this.likes : this.retweets).get(id) ?? [];
    const shown = likes ? all.slice(0, LIKERS_SHOWN) : all;
    const offset = Number(request.query.get('pagination_token') ?? 0);
    const data = shown.slice(offset, offset + max).map((u) => ({ id: u.id, name: u.name ?? u.username, username: u.username }));
    const next = offset + max < shown.length ? { next_token: String(offset + max) } : {};
    return { status: 200, body: { ...(data.length > 0 ? { data } : {}), meta: { result_count: data.length, ...next } } };
  }

  /** Recent search: the last 7 days' posts matching the query, newest first. */
  private search(request: RecordedRequest): Answer {
    const query = request.query.get('query') ?? '';
    if (query.trim() === '') return invalid('The `query` query parameter can not be empty');
    const max = Number(request.query.get('max_results') ?? 10);
    if (!Number.isInteger(max) || max < 10 || max > 100) return invalid(`The \`max_results\` query parameter value [${request.query.get('max_results')}] is not between 10 and 100`);
    const now = this.now();
    const start = request.query.get('start_time');
    const end = request.query.get('end_time');
    if (start !== null && Date.parse(start) < now - SEARCH_REACH_MS) return invalid(`Invalid 'start_time':'${start}'. 'start_time' must be on or after ${new Date(now - SEARCH_REACH_MS).toISOString()}`);
    if (end !== null && Date.parse(end) > now - 10_000) return invalid(`Invalid 'end_time':'${end}'. 'end_time' must be a minimum of 10 seconds prior to the request time.`);
    const from = start !== null ? Date.parse(start) : now - SEARCH_REACH_MS;
    const until = end !== null ? Date.parse(end) : now;
    const terms = query.split(/\s+/).filter(Boolean);
    const matches = (t: XTweet) =>
      terms.every((term) => {
        if (term === '-is:retweet' || term === 'is:reply') return term === '-is:retweet' || t.replyTo !== undefined;
        const conversation = /^conversation_id:(\d+)$/.exec(term)?.[1];
        if (conversation !== undefined) return this.conversationOf(t) === conversation;
        if (term.startsWith('#')) return hashtagsOf(t.text).includes(term.slice(1).toLowerCase());
        return t.text.toLowerCase().includes(term.toLowerCase());
      });
    const hits = this.tweets
      .filter((t) => {
        const at = Date.parse(t.createdAt ?? '');
        return !Number.isNaN(at) && at >= Math.max(from, now - SEARCH_REACH_MS) && at < until && matches(t);
      })
      .sort((a, b) => Date.parse(b.createdAt!) - Date.parse(a.createdAt!));
    const offset = Number(request.query.get('next_token') ?? 0);
    const page = hits.slice(offset, offset + max);
    const fields = (request.query.get('tweet.fields') ?? '').split(',');
    const data = page.map((t) => ({
      id: t.id,
      text: t.text,
      ...(fields.includes('created_at') ? { created_at: t.createdAt } : {}),
      ...(fields.includes('author_id') ? { author_id: (t.author ?? this.user).id } : {}),
      ...(fields.includes('conversation_id') ? { conversation_id: this.conversationOf(t) } : {}),
      ...(fields.includes('referenced_tweets') && t.replyTo ? { referenced_tweets: [{ type: 'replied_to', id: t.replyTo }] } : {}),
    }));
    const authors = (request.query.get('expansions') ?? '').split(',').includes('author_id') ? [...new Map(page.map((t) => t.author ?? this.user).map((u) => [u.id, { id: u.id, name: u.name ?? u.username, username: u.username }])).values()] : [];
    const meta = { ...(page.length > 0 ? { newest_id: page[0]!.id, oldest_id: page.at(-1)!.id } : {}), result_count: page.length, ...(offset + max < hits.length ? { next_token: String(offset + max) } : {}) };
    return { status: 200, body: { ...(data.length > 0 ? { data } : {}), ...(authors.length > 0 ? { includes: { users: authors } } : {}), meta } };
  }

  /** A post's thread: the id of the first post it replies up to. */
  private conversationOf(t: XTweet): string {
    let root = t;
    for (let parent = root.replyTo; parent !== undefined; parent = root.replyTo) {
      const up = this.tweets.find((x) => x.id === parent);
      if (!up) return parent;
      root = up;
    }
    return root.id;
  }

  private createTweet(body: Record<string, unknown>): Answer {
    const text = body['text'];
    if (text !== undefined && typeof text !== 'string') return invalid('`text` must be a string.');
    const mediaIds = (body['media'] as { media_ids?: unknown } | undefined)?.media_ids ?? [];
    if (!Array.isArray(mediaIds) || mediaIds.length > 4 || mediaIds.some((id) => typeof id !== 'string' || !this.media.has(id))) return invalid('Your media IDs are invalid.');
    if (!text && mediaIds.length === 0) return invalid('A post needs a text or media.');
    const replyTo = (body['reply'] as { in_reply_to_tweet_id?: unknown } | undefined)?.in_reply_to_tweet_id;
    if (replyTo !== undefined && (typeof replyTo !== 'string' || !this.tweets.some((t) => t.id === replyTo))) return invalid('The post replied to does not exist.');
    if (text && twitter.parseTweet(text, { ...configs.version3, maxWeightedTweetLength: this.maxLength }).weightedLength > this.maxLength) {
      return problem(403, { title: 'Forbidden', type: 'about:blank', detail: 'Tweet needs to be a bit shorter.' });
    }
    if (text && this.tweets.some((t) => !t.author && t.text === text)) {
      return problem(403, { title: 'Forbidden', type: 'about:blank', detail: 'You are not allowed to create a Tweet with duplicate content.' });
    }
    const tweet: XTweet = {
      id: this.id(),
      text: text ?? '',
      media: (mediaIds as string[]).map((id) => this.media.get(id)!),
      ...(typeof replyTo === 'string' ? { replyTo } : {}),
      body,
      createdAt: new Date(this.now()).toISOString(),
    };
    this.tweets.push(tweet);
    return { status: 201, body: { data: { id: tweet.id, text: tweet.text } } };
  }

  private upload(body: Record<string, unknown>): Answer {
    const { media, media_category: category, media_type: type } = body;
    if (typeof media !== 'string' || media === '') return invalid('media parameter is missing.');
    if (typeof category !== 'string' || !UPLOAD_CATEGORIES.includes(category)) return invalid(`media_category must be one of ${UPLOAD_CATEGORIES.join(', ')}.`);
    if (typeof type !== 'string' || !UPLOAD_TYPES.includes(type)) return invalid(`media_type must be one of ${UPLOAD_TYPES.join(', ')}.`);
    if (media.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(media)) return invalid('media is not valid base64.');
    const bytes = new Uint8Array(Buffer.from(media, 'base64'));
    if (bytes.length > MAX_IMAGE_BYTES) return invalid(`File size exceeds ${MAX_IMAGE_BYTES} bytes.`);
    const id = this.id();
    this.media.set(id, { id, type, bytes });
    return { status: 200, body: { data: { id, media_key: `3_${id}`, size: bytes.length, expires_after_secs: 86_400 } } };
  }

  private describe(body: Record<string, unknown>): Answer {
    const id = body['id'];
    const text = (body['metadata'] as { alt_text?: { text?: unknown } } | undefined)?.alt_text?.text;
    const media = typeof id === 'string' ? this.media.get(id) : undefined;
    if (!media) return invalid('The media id is not valid.');
    if (typeof text !== 'string' || text.length > 1000) return invalid('alt_text.text must be a string of at most 1000 characters.');
    media.alt = text;
    return { status: 200, body: { data: { id, associated_metadata: { alt_text: { text } } } } };
  }

  private id(): string {
    return String(this.nextId++);
  }
}

/** A post's hashtags, lower-cased, without `#`. */
function hashtagsOf(text: string): string[] {
  return [...text.matchAll(/(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase());
}

/** `'METHOD /path'` of the endpoint a request is for, a post's id as `:id`. */
function endpointOf(request: RecordedRequest): string {
  return `${request.method} ${request.pathname.replace(/^\/2\/tweets\/\d+\/(liking_users|retweeted_by)$/, '/2/tweets/:id/$1')}`;
}

/** X's refusal of an endpoint the app's plan lacks (OBSERVED: see the header). */
function notEnrolled(): Answer {
  return {
    status: 403,
    body: {
      client_id: '27512824',
      detail: 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
      registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
      title: 'Client Forbidden',
      required_enrollment: 'Appropriate Level of API Access',
      reason: 'client-not-enrolled',
      type: 'https://api.twitter.com/2/problems/client-forbidden',
    },
  };
}

function problem(status: number, fields: { title: string; type: string; detail: string }): Answer {
  return { status, headers: { 'content-type': 'application/problem+json' }, body: { ...fields, status } };
}

function invalid(message: string): Answer {
  return { status: 400, body: { errors: [{ message }], ...INVALID } };
}
