/**
 * A stand-in Mastodon server for tests, written from the documented API (no Mastodon server
 * installs on these machines: see the project's notes on real peers). Plain node:http on
 * 127.0.0.1, an ephemeral port, one account, state in memory.
 *
 * What it does, and where that comes from (pages of docs.joinmastodon.org; "assumed" is what the
 * pages do not say, taken as Mastodon's known behaviour or chosen for the tests):
 *
 * Authentication
 * - DOCUMENTED (methods/statuses, methods/media, methods/accounts): every method below but the
 *   instance needs `Authorization: Bearer <token>`; a missing or wrong one → 401
 *   `{"error":"The access token is invalid"}`.
 * - DOCUMENTED (methods/instance): `GET /api/v2/instance` is public. ASSUMED: a token sent with it
 *   is ignored, even a wrong one.
 *
 * Account and instance
 * - DOCUMENTED (methods/accounts#verify_credentials, entities/Account): `GET
 *   /api/v1/accounts/verify_credentials` → the CredentialAccount; `acct` of a local account has
 *   no domain.
 * - DOCUMENTED (methods/instance#v2, entities/Instance): `GET /api/v2/instance` → `domain` and
 *   `configuration.statuses.{max_characters, max_media_attachments, characters_reserved_per_url}`,
 *   `configuration.media_attachments`, `configuration.polls`; the limits are options here.
 *   ASSUMED: `configuration.media_attachments.description_limit` (1500 by default): newer
 *   servers give it, the entity page does not list it yet. Option `noInstanceV2`: 404, as servers
 *   before 4.0 (DOCUMENTED: "4.0.0 - added").
 *
 * Media
 * - DOCUMENTED (methods/media#v2): `POST /api/v2/media`, multipart `file` (with a MIME type) and
 *   `description` → 200 with `url` when processed at once, 202 with `url: null` while processing;
 *   a file missing or without a type → 422 `Validation failed: File content type is invalid, File
 *   is invalid`. Option `mediaProcessingPolls` = N > 0 answers 202, then N polls still processing.
 * - DOCUMENTED (methods/media#get): `GET /api/v1/media/:id` → 206 while processing, 200 with `url`
 *   once done, 404 `{"error":"Record not found"}` for an unknown id. ASSUMED: the 206 body is the
 *   attachment with `url: null` (the page shows an empty example).
 * - ASSUMED: a description longer than the limit → 422 `Validation failed: Description is too
 *   long (maximum is 1500 characters)` (Rails' length message), counted in code points.
 *
 * Statuses (`POST /api/v1/statuses`)
 * - DOCUMENTED (methods/statuses#create, client/intro "Providing parameters"): parameters as JSON
 *   or form data: `status`, `media_ids[]`, `in_reply_to_id`, `spoiler_text`, `visibility`
 *   (`public`, `unlisted`, `private`, `direct`), `language`; → 200 and the Status (`id`, `url`…);
 *   422 `{"error":"Validation failed: Text can't be blank"}` without text or media.
 * - DOCUMENTED (methods/statuses#create): `Idempotency-Key` prevents duplicate submissions and is
 *   kept up to an hour. ASSUMED: a key seen within the hour (for the same account) answers 200
 *   with the status it created, whatever the body, checked before any validation.
 * - ASSUMED: a text over the limit → 422 `Validation failed: Text character limit of 500
 *   exceeded`. Counted as Mastodon's StatusLengthValidator does, simplified: one per grapheme, an
 *   `http(s)://` URL (up to a space) weighs `characters_reserved_per_url`, a mention
 *   `@user@domain` weighs as `@user`.
 * - ASSUMED: more media than `max_media_attachments` → 422 `Cannot attach more than 4 files`; an
 *   id not this account's unattached media → 422 `Media not found or already attached to
 *   another post`; media still processing → 422 `Cannot attach files that have not finished
 *   processing. Try again in a moment!`; an invalid `visibility` → 422 `Validation failed:
 *   Visibility is not included in the list`; an unknown `in_reply_to_id` → 404 `Record not found`.
 *
 * Reading a status (metrics)
 * - DOCUMENTED (methods/statuses#get): `GET /api/v1/statuses/:id` → the Status; public for a
 *   public status (no token needed), a user token with `read:statuses` for a private one; 404
 *   `{"error":"Record not found"}` for an unknown status, or one the caller may not see.
 * - DOCUMENTED (entities/Status): `replies_count`, `reblogs_count`, `favourites_count`, and
 *   `poll` (entities/Poll: `expired`, `votes_count`, `voters_count`, `options[].title`,
 *   `options[].votes_count`) or null. ASSUMED: a wrong token sent to read a public status is
 *   still refused (401), as Doorkeeper checks any token given. Test hook: `engage(id, counts)`
 *   sets what people did; a status not engaged with counts 0.
 *
 * Entrants of a contest (who favourited, boosted, replied, or posted with a hashtag)
 * - DOCUMENTED (methods/statuses#favourited_by, #reblogged_by): `GET /api/v1/statuses/:id/
 *   favourited_by` and `/reblogged_by` → an array of Account (`acct` is `user` for a local
 *   account, `user@domain` for a remote one: entities/Account); public for public statuses, a
 *   token for private ones; `limit` 40 by default, 80 at most; pages through the `Link` header
 *   (`rel="next"` with `max_id`, `rel="prev"` with `since_id`, on ids the API does not expose:
 *   api/guidelines#pagination); 404 `Record not found` for a status unknown or private.
 *   OBSERVED (Mastodon's source, the accounts controllers' `records_continue?`): the `next` link
 *   is sent only when the page is full, so the last page may be empty. ASSUMED: newest first; a
 *   `limit` above 80 is taken as 80.
 * - DOCUMENTED (methods/statuses#context): `GET /api/v1/statuses/:id/context` → `{ ancestors,
 *   descendants }`; without a token at most 40 ancestors and 60 descendants, to a depth of 20;
 *   with a user token 4,096 each, any depth; not paginated. ASSUMED: descendants in the order
 *   they were posted.
 * - DOCUMENTED (methods/timelines#tag): `GET /api/v1/timelines/tag/:hashtag` → public statuses
 *   with the hashtag (without `#`), newest first, `limit` 20 by default and 40 at most,
 *   `max_id`, `since_id`, `min_id`; 404 `Record not found` when the hashtag does not exist.
 *   DOCUMENTED (api/guidelines): ids are Snowflake-like integers as strings, so later is larger:
 *   here the creation's milliseconds shifted 16 bits, plus a counter. ASSUMED: the `Link` header
 *   of a timeline (`next` with `max_id` of the last status, `prev` with `min_id` of the first),
 *   sent when the page is not empty; hashtags matched without regard to case; reblogs left out.
 * - Test hooks: `favourite(id, account)`, `reblog(id, account)`, `reply(id, account, { at })`,
 *   `post(account, text, { at })` (someone else's status, its hashtags read from its text);
 *   an account is `{ username, domain? }`, `domain` absent for the instance's own.
 *
 * Errors and rate limits
 * - DOCUMENTED (entities/Error): errors are `{"error": "…"}` with a JSON content type.
 * - DOCUMENTED (api/rate-limits): `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
 *   `X-RateLimit-Reset` (a timestamp: an ISO 8601 time, api/datetime-format) on answers; 300
 *   requests per 5 minutes per account, and per IP without a token; over it → 429 (entities/Error:
 *   "{translated string}"). Real Mastodon exempts 127.0.0.1; this stand-in does not, so that
 *   429 handling is tested. ASSUMED: fixed windows aligned on the epoch (rack-attack's), the 429
 *   saying `Too many requests`; the uploads' own bucket (30 per 30 minutes) is not modelled.
 * - ASSUMED: an unknown route → 404 `{"error":"Record not found"}`.
 *
 * Test hooks (not Mastodon's), from the stand-ins' shared server (server.ts): `requests` (every
 * request, in order), `failNext` (answers matching requests with the answer given, before acting
 * on them: an exception or a proxy, so without rate-limit headers unless given, and not counted
 * against the limit), `hangNext` (acts on the request fully, then closes the connection without
 * answering: a cut between the call and its answer), `close`; and `statuses` (the account's
 * own), `others` (everyone else's), `media`. Option
 * `now` sets the server's clock (a test's fake clock).
 */
import { jsonBody, StandinServer, type Answer, type RecordedRequest } from './server';
import { RateWindow } from './rateWindow';

/** The limits the instance announces and enforces. */
export interface InstanceLimits {
  readonly maxCharacters: number;
  readonly charactersReservedPerUrl: number;
  readonly maxMediaAttachments: number;
  readonly descriptionLimit: number;
}

export interface MastodonStandinOptions {
  /** The access token the account answers to. */
  readonly token?: string;
  readonly username?: string;
  /** The instance's domain (LOCAL_DOMAIN), as in handles; the API is on 127.0.0.1 whatever it is. */
  readonly domain?: string;
  readonly limits?: Partial<InstanceLimits>;
  /** Polls of `GET /api/v1/media/:id` answered 206 before an upload is processed; 0 = at once (200). */
  readonly mediaProcessingPolls?: number;
  /** Requests per window, per token (per IP without one). Mastodon's: 300 per 5 minutes. */
  readonly rateLimit?: { readonly limit: number; readonly periodMs: number };
  /** Answer 404 to `/api/v2/instance`, as servers before 4.0. */
  readonly noInstanceV2?: boolean;
  /** The server's clock, epoch milliseconds: rate-limit windows and idempotency keys. */
  readonly now?: () => number;
}

/** A status the stand-in created. */
export interface CreatedStatus {
  readonly id: string;
  readonly url: string;
  readonly text: string;
  readonly visibility: string;
  readonly language: string | null;
  readonly spoilerText: string;
  readonly inReplyToId: string | null;
  readonly mediaIds: readonly string[];
  readonly createdAt: string;
  readonly idempotencyKey?: string;
}

/** Someone on the fediverse (test hooks): `domain` absent for an account of this instance. */
export interface FediAccount {
  readonly username: string;
  readonly domain?: string;
}

/** A status someone else posted (a reply, a post with a hashtag). */
export interface OtherStatus {
  readonly id: string;
  readonly account: FediAccount;
  readonly text: string;
  readonly inReplyToId: string | null;
  readonly createdAt: string;
}

/** What people did with a status (test hook `engage`). */
export interface Engagement {
  readonly replies?: number;
  readonly reblogs?: number;
  readonly favourites?: number;
  readonly poll?: { readonly options: readonly string[]; readonly votes: readonly number[]; readonly expired: boolean };
}

/** An uploaded media attachment. */
export interface StoredMedia {
  readonly id: string;
  readonly filename: string;
  readonly type: string;
  readonly bytes: Buffer;
  readonly description: string | null;
  /** Polls still to answer 206. */
  pollsLeft: number;
  url: string | null;
  statusId: string | null;
}

const HOUR = 3_600_000;
const DEFAULT_LIMITS: InstanceLimits = { maxCharacters: 500, charactersReservedPerUrl: 23, maxMediaAttachments: 4, descriptionLimit: 1500 };
const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'];
const INVALID_TOKEN = 'The access token is invalid';

/** The Mastodon stand-in: `await MastodonStandin.start({ limits: { maxCharacters: 500 }, mediaProcessingPolls: 2 })`, then `statuses`. */
export class MastodonStandin extends StandinServer {
  readonly token: string;
  /** Every status created, in order. */
  readonly statuses: CreatedStatus[] = [];
  /** Every media uploaded, in order. */
  readonly media: StoredMedia[] = [];
  private readonly username: string;
  private readonly domain: string;
  private readonly limits: InstanceLimits;
  private readonly rate: { readonly limit: number; readonly periodMs: number };
  private readonly now: () => number;
  /** Rate-limit windows by bucket (the Authorization header, or the IP without one). */
  private readonly windows = new Map<string, RateWindow>();
  private readonly idempotency = new Map<string, { statusId: string; at: number }>();
  /** The account's followers (test hook; `verify_credentials` says it, entities/Account `followers_count`). */
  followers = 0;
  /** What people did with each status (test hook `engage`). */
  private readonly engagement = new Map<string, Engagement>();
  /** Statuses by others, in the order added (test hooks `reply`, `post`). */
  readonly others: OtherStatus[] = [];
  /** Favourites and boosts, each with an id of its own (what `favourited_by` pages on). */
  private readonly acts: Array<{ readonly id: number; readonly kind: 'favourite' | 'reblog'; readonly statusId: string; readonly account: FediAccount }> = [];
  private sequence = 0;

  private constructor(private readonly options: MastodonStandinOptions) {
    super();
    this.token = options.token ?? 'stand-in-token-3f9c';
    this.username = options.username ?? 'nova';
    this.domain = options.domain ?? 'mastodon.example';
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.rate = options.rateLimit ?? { limit: 300, periodMs: 300_000 };
    this.now = options.now ?? Date.now;
  }

  /** Starts a stand-in on 127.0.0.1 and an ephemeral port. */
  static start(options: MastodonStandinOptions = {}): Promise<MastodonStandin> {
    return new MastodonStandin(options).listen();
  }

  /** Sets what people did with a status: its replies, boosts, favourites, and its poll's votes. */
  engage(id: string, engagement: Engagement): void {
    this.engagement.set(id, engagement);
  }

  /** `account` favourites status `id`. */
  favourite(id: string, account: FediAccount): void {
    this.acts.push({ id: this.acts.length + 1, kind: 'favourite', statusId: id, account });
  }

  /** `account` boosts status `id`. */
  reblog(id: string, account: FediAccount): void {
    this.acts.push({ id: this.acts.length + 1, kind: 'reblog', statusId: id, account });
  }

  /** `account` replies to status `id` at `at` (default: now); the reply's id. */
  reply(id: string, account: FediAccount, options: { readonly text?: string; readonly at?: number } = {}): string {
    return this.addOther(account, options.text ?? 'Je participe !', id, options.at);
  }

  /** `account` posts `text` (its hashtags read from it) at `at` (default: now); the status's id. */
  post(account: FediAccount, text: string, options: { readonly at?: number } = {}): string {
    return this.addOther(account, text, null, options.at);
  }

  private addOther(account: FediAccount, text: string, inReplyToId: string | null, at = this.now()): string {
    const id = this.newId(at);
    this.others.push({ id, account, text, inReplyToId, createdAt: new Date(at).toISOString() });
    return id;
  }

  /** Counts the request in its rate-limit window, then answers it (429 past the limit). */
  protected override handle(request: RecordedRequest): Answer {
    const bucket = request.headers['authorization'] ?? 'ip:127.0.0.1';
    let window = this.windows.get(bucket);
    if (!window) {
      const { limit, periodMs } = this.rate;
      // Fixed windows aligned on the epoch, as rack-attack's.
      window = new RateWindow(limit, periodMs, this.now, (now) => Math.floor(now / periodMs) * periodMs);
      this.windows.set(bucket, window);
    }
    const allowed = window.take();
    const headers = {
      'X-RateLimit-Limit': String(window.limit),
      'X-RateLimit-Remaining': String(window.remaining),
      'X-RateLimit-Reset': new Date(window.resetAt).toISOString(),
    };
    const answer = allowed ? this.route(request) : error(429, 'Too many requests');
    return { ...answer, headers: { ...headers, ...answer.headers } };
  }

  private route(request: RecordedRequest): Answer {
    const line = `${request.method} ${request.pathname}`;
    if (line === 'GET /api/v2/instance') return this.options.noInstanceV2 ? error(404, 'Record not found') : { status: 200, body: this.instance() };
    const statusId = /^GET \/api\/v1\/statuses\/([^/]+)$/.exec(line)?.[1];
    if (statusId !== undefined) return this.getStatus(request, decodeURIComponent(statusId));
    const listed = /^GET \/api\/v1\/statuses\/([^/]+)\/(favourited_by|reblogged_by|context)$/.exec(line);
    if (listed) return this.statusList(request, decodeURIComponent(listed[1]!), listed[2] as 'favourited_by' | 'reblogged_by' | 'context');
    const tag = /^GET \/api\/v1\/timelines\/tag\/([^/]+)$/.exec(line)?.[1];
    if (tag !== undefined) return this.tagTimeline(request, decodeURIComponent(tag));
    if (request.headers['authorization'] !== `Bearer ${this.token}`) return error(401, INVALID_TOKEN);
    if (line === 'GET /api/v1/accounts/verify_credentials') return { status: 200, body: this.account() };
    if (line === 'POST /api/v2/media') return this.uploadMedia(request);
    const mediaId = /^GET \/api\/v1\/media\/([^/]+)$/.exec(line)?.[1];
    if (mediaId !== undefined) return this.getMedia(decodeURIComponent(mediaId));
    if (line === 'POST /api/v1/statuses') return this.createStatus(request);
    return error(404, 'Record not found');
  }

  private getStatus(request: RecordedRequest, id: string): Answer {
    const auth = request.headers['authorization'];
    if (auth !== undefined && auth !== `Bearer ${this.token}`) return error(401, INVALID_TOKEN);
    const status = this.statuses.find((s) => s.id === id);
    // Private and direct statuses are the account's own: seen with its token only.
    if (!status || (auth === undefined && (status.visibility === 'private' || status.visibility === 'direct'))) return error(404, 'Record not found');
    return { status: 200, body: this.statusEntity(status) };
  }

  /** `favourited_by`, `reblogged_by` or `context` of a status the caller may see. */
  private statusList(request: RecordedRequest, id: string, list: 'favourited_by' | 'reblogged_by' | 'context'): Answer {
    if (!this.others.some((o) => o.id === id)) {
      const seen = this.getStatus(request, id);
      if (seen.status !== 200) return seen;
    }
    if (list === 'context') return { status: 200, body: this.context(id, request.headers['authorization'] !== undefined) };
    const kind = list === 'favourited_by' ? 'favourite' : 'reblog';
    const limit = Math.min(80, Math.max(1, Number(request.query.get('limit') ?? 40) || 40));
    const maxId = Number(request.query.get('max_id') ?? Infinity);
    const sinceId = Number(request.query.get('since_id') ?? -Infinity);
    const page = this.acts
      .filter((a) => a.kind === kind && a.statusId === id && a.id < maxId && a.id > sinceId)
      .sort((a, b) => b.id - a.id)
      .slice(0, limit);
    const path = `${this.url}/api/v1/statuses/${id}/${list}`;
    const links = page.length === 0 ? [] : [...(page.length === limit ? [`<${path}?limit=${limit}&max_id=${page.at(-1)!.id}>; rel="next"`] : []), `<${path}?limit=${limit}&since_id=${page[0]!.id}>; rel="prev"`];
    return { status: 200, headers: links.length > 0 ? { Link: links.join(', ') } : {}, body: page.map((a) => this.otherAccount(a.account)) };
  }

  /** The thread around a status: its ancestors, and every reply below it (capped without a token). */
  private context(id: string, authorised: boolean): { ancestors: unknown[]; descendants: unknown[] } {
    const all = [...this.statuses.map((s) => ({ id: s.id, parent: s.inReplyToId })), ...this.others.map((o) => ({ id: o.id, parent: o.inReplyToId }))];
    const max = authorised ? { up: 4096, down: 4096, depth: Infinity } : { up: 40, down: 60, depth: 20 };
    const ancestors: string[] = [];
    for (let parent = all.find((s) => s.id === id)?.parent ?? null; parent !== null && ancestors.length < max.up; parent = all.find((s) => s.id === parent)?.parent ?? null) ancestors.unshift(parent);
    const descendants: string[] = [];
    let level = [id];
    for (let depth = 1; level.length > 0 && depth <= max.depth; depth++) {
      level = all.filter((s) => s.parent !== null && level.includes(s.parent)).map((s) => s.id);
      descendants.push(...level);
    }
    const byTime = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : 1);
    return { ancestors: ancestors.map((a) => this.anyStatus(a)), descendants: descendants.sort(byTime).slice(0, max.down).map((d) => this.anyStatus(d)) };
  }

  /** The public statuses with `tag`, newest first, paged on their ids. */
  private tagTimeline(request: RecordedRequest, tag: string): Answer {
    const wanted = tag.toLowerCase();
    const tagged = [...this.statuses.filter((s) => s.visibility === 'public').map((s) => ({ id: s.id, text: s.text })), ...this.others.map((o) => ({ id: o.id, text: o.text }))].filter((s) => hashtags(s.text).includes(wanted));
    if (tagged.length === 0) return error(404, 'Record not found');
    const limit = Math.min(40, Math.max(1, Number(request.query.get('limit') ?? 20) || 20));
    const bound = (name: string) => (request.query.get(name) !== null ? BigInt(request.query.get(name)!) : undefined);
    const [maxId, sinceId, minId] = [bound('max_id'), bound('since_id'), bound('min_id')];
    let page = tagged
      .filter((s) => (maxId === undefined || BigInt(s.id) < maxId) && (sinceId === undefined || BigInt(s.id) > sinceId) && (minId === undefined || BigInt(s.id) > minId))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    // min_id pages forward: the statuses immediately newer than it.
    page = minId !== undefined ? page.slice(-limit) : page.slice(0, limit);
    const path = `${this.url}/api/v1/timelines/tag/${encodeURIComponent(tag)}`;
    const links = page.length === 0 ? [] : [`<${path}?max_id=${page.at(-1)!.id}>; rel="next"`, `<${path}?min_id=${page[0]!.id}>; rel="prev"`];
    return { status: 200, headers: links.length > 0 ? { Link: links.join(', ') } : {}, body: page.map((s) => this.anyStatus(s.id)) };
  }

  private anyStatus(id: string): unknown {
    const own = this.statuses.find((s) => s.id === id);
    if (own) return this.statusEntity(own);
    const o = this.others.find((s) => s.id === id)!;
    return {
      id: o.id,
      created_at: o.createdAt,
      in_reply_to_id: o.inReplyToId,
      in_reply_to_account_id: o.inReplyToId ? '1' : null,
      visibility: 'public',
      uri: `https://${o.account.domain ?? this.domain}/users/${o.account.username}/statuses/${o.id}`,
      content: `<p>${o.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`,
      account: this.otherAccount(o.account),
      tags: hashtags(o.text).map((name) => ({ name, url: `${this.url}/tags/${name}` })),
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
    };
  }

  /** An Account for someone else: `acct` without a domain when local (entities/Account). */
  private otherAccount(a: FediAccount) {
    const domain = a.domain ?? this.domain;
    return { id: `${domain}/${a.username}`, username: a.username, acct: a.domain ? `${a.username}@${a.domain}` : a.username, display_name: a.username, url: `https://${domain}/@${a.username}` };
  }

  private createStatus(request: RecordedRequest): Answer {
    const { token, limits, statuses, media } = this;
    const key = request.headers['idempotency-key'];
    const remembered = key !== undefined ? this.idempotency.get(`${token}:${key}`) : undefined;
    if (remembered && this.now() - remembered.at < HOUR) {
      const existing = statuses.find((s) => s.id === remembered.statusId)!;
      return { status: 200, body: this.statusEntity(existing) };
    }
    const params = parseParams(request);
    if (params === undefined) return error(400, 'Unexpected body');
    const text = typeof params['status'] === 'string' ? params['status'] : '';
    const mediaIds = Array.isArray(params['media_ids']) ? params['media_ids'].map(String) : [];
    const visibility = typeof params['visibility'] === 'string' && params['visibility'] !== '' ? params['visibility'] : 'public';
    const inReplyTo = typeof params['in_reply_to_id'] === 'string' && params['in_reply_to_id'] !== '' ? params['in_reply_to_id'] : null;
    if (text.trim() === '' && mediaIds.length === 0) return error(422, "Validation failed: Text can't be blank");
    if (mediaIds.length > limits.maxMediaAttachments) return error(422, `Cannot attach more than ${limits.maxMediaAttachments} files`);
    const attached = mediaIds.map((id) => media.find((m) => m.id === id && m.statusId === null));
    if (attached.some((m) => m === undefined)) return error(422, 'Media not found or already attached to another post');
    if (attached.some((m) => m!.url === null)) return error(422, 'Cannot attach files that have not finished processing. Try again in a moment!');
    if (!VISIBILITIES.includes(visibility)) return error(422, 'Validation failed: Visibility is not included in the list');
    if (inReplyTo !== null && !statuses.some((s) => s.id === inReplyTo)) return error(404, 'Record not found');
    if (statusLength(text, limits.charactersReservedPerUrl) > limits.maxCharacters) {
      return error(422, `Validation failed: Text character limit of ${limits.maxCharacters} exceeded`);
    }
    const id = this.newId();
    const status: CreatedStatus = {
      id,
      url: `${this.url}/@${this.username}/${id}`,
      text,
      visibility,
      language: typeof params['language'] === 'string' && params['language'] !== '' ? params['language'] : null,
      spoilerText: typeof params['spoiler_text'] === 'string' ? params['spoiler_text'] : '',
      inReplyToId: inReplyTo,
      mediaIds,
      createdAt: new Date(this.now()).toISOString(),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
    };
    statuses.push(status);
    for (const m of attached) m!.statusId = id;
    if (key !== undefined) this.idempotency.set(`${token}:${key}`, { statusId: id, at: this.now() });
    return { status: 200, body: this.statusEntity(status) };
  }

  private uploadMedia(request: RecordedRequest): Answer {
    const fields = parseMultipart(Buffer.from(request.body), request.headers['content-type'] ?? '');
    const file = fields.get('file');
    if (!file || file.filename === undefined || !file.type) return error(422, 'Validation failed: File content type is invalid, File is invalid');
    const description = fields.get('description')?.data.toString('utf8') ?? null;
    if (description !== null && [...description].length > this.limits.descriptionLimit) {
      return error(422, `Validation failed: Description is too long (maximum is ${this.limits.descriptionLimit} characters)`);
    }
    const polls = this.options.mediaProcessingPolls ?? 0;
    const m: StoredMedia = { id: this.newId(), filename: file.filename, type: file.type, bytes: file.data, description, pollsLeft: polls, url: null, statusId: null };
    this.media.push(m);
    if (polls > 0) return { status: 202, body: this.attachment(m) };
    m.url = this.originalUrl(m);
    return { status: 200, body: this.attachment(m) };
  }

  private getMedia(id: string): Answer {
    const m = this.media.find((x) => x.id === id);
    if (!m) return error(404, 'Record not found');
    if (m.pollsLeft > 0) {
      m.pollsLeft--;
      return { status: 206, body: this.attachment(m) };
    }
    m.url ??= this.originalUrl(m);
    return { status: 200, body: this.attachment(m) };
  }

  private account() {
    const { url, username } = this;
    return {
      id: '1',
      username,
      acct: username,
      display_name: 'Nova',
      locked: false,
      bot: false,
      created_at: '2026-01-05T00:00:00.000Z',
      note: '',
      url: `${url}/@${username}`,
      avatar: `${url}/avatars/original/missing.png`,
      header: `${url}/headers/original/missing.png`,
      followers_count: this.followers,
      following_count: 0,
      statuses_count: this.statuses.length,
      emojis: [],
      fields: [],
      source: { privacy: 'public', sensitive: false, language: '', note: '', fields: [] },
    };
  }

  private attachment(m: StoredMedia) {
    return {
      id: m.id,
      type: ['image', 'video', 'audio'].find((kind) => m.type.startsWith(`${kind}/`)) ?? 'unknown',
      url: m.url,
      preview_url: `${this.url}/system/media_attachments/files/${m.id}/small/${encodeURIComponent(m.filename)}`,
      remote_url: null,
      meta: {},
      description: m.description,
      blurhash: null,
    };
  }

  private statusEntity(s: CreatedStatus) {
    return {
      id: s.id,
      created_at: s.createdAt,
      in_reply_to_id: s.inReplyToId,
      in_reply_to_account_id: s.inReplyToId ? '1' : null,
      sensitive: false,
      spoiler_text: s.spoilerText,
      visibility: s.visibility,
      language: s.language,
      uri: `${this.url}/users/${this.username}/statuses/${s.id}`,
      url: s.url,
      content: `<p>${s.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br />')}</p>`,
      account: this.account(),
      media_attachments: this.media.filter((m) => s.mediaIds.includes(m.id)).map((m) => this.attachment(m)),
      mentions: [],
      tags: [],
      emojis: [],
      card: null,
      replies_count: this.engagement.get(s.id)?.replies ?? 0,
      reblogs_count: this.engagement.get(s.id)?.reblogs ?? 0,
      favourites_count: this.engagement.get(s.id)?.favourites ?? 0,
      poll: this.pollEntity(s.id),
    };
  }

  private pollEntity(id: string) {
    const poll = this.engagement.get(id)?.poll;
    if (!poll) return null;
    const votes = poll.votes.reduce((a, b) => a + b, 0);
    return { id: `poll-${id}`, expired: poll.expired, multiple: false, votes_count: votes, voters_count: votes, options: poll.options.map((title, i) => ({ title, votes_count: poll.votes[i] ?? 0 })), emojis: [] };
  }

  private instance() {
    const { limits } = this;
    return {
      domain: this.domain,
      title: 'Stand-in Mastodon',
      version: '4.3.0',
      source_url: 'https://github.com/mastodon/mastodon',
      description: 'A stand-in server for tests',
      languages: ['en', 'fr'],
      configuration: {
        urls: { streaming: this.url.replace(/^http/, 'ws') },
        accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
        statuses: { max_characters: limits.maxCharacters, max_media_attachments: limits.maxMediaAttachments, characters_reserved_per_url: limits.charactersReservedPerUrl },
        media_attachments: {
          supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/webm', 'audio/mpeg'],
          description_limit: limits.descriptionLimit,
          image_size_limit: 16_777_216,
          image_matrix_limit: 33_177_600,
          video_size_limit: 103_809_024,
          video_frame_rate_limit: 120,
          video_matrix_limit: 8_294_400,
        },
        polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
        translation: { enabled: false },
      },
      registrations: { enabled: false, approval_required: false, message: null },
      rules: [],
    };
  }

  private originalUrl(m: StoredMedia): string {
    return `${this.url}/system/media_attachments/files/${m.id}/original/${encodeURIComponent(m.filename)}`;
  }

  /** A Snowflake-like id: the time's milliseconds shifted 16 bits, plus a counter (api/guidelines). */
  private newId(at = this.now()): string {
    return String((BigInt(at) << 16n) + BigInt(++this.sequence % 65_536));
  }
}

/** The hashtags of a status's text, lower-cased, without `#`. */
function hashtags(text: string): string[] {
  return [...text.matchAll(/(?:^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase());
}

function error(status: number, message: string): Answer {
  return { status, body: { error: message } };
}

/** The parameters of a JSON or form-encoded body (`media_ids[]` as an array). */
function parseParams(request: RecordedRequest): Record<string, unknown> | undefined {
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    const value = jsonBody(request);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const params: Record<string, unknown> = {};
    for (const [name, value] of new URLSearchParams(request.text)) {
      if (name.endsWith('[]')) ((params[name.slice(0, -2)] ??= []) as string[]).push(value);
      else params[name] = value;
    }
    return params;
  }
  return undefined;
}

/** A status's length as Mastodon counts it, simplified (see the header). */
function statusLength(text: string, urlWeight: number): number {
  const rewritten = text.replace(/https?:\/\/\S+/g, 'x'.repeat(urlWeight)).replace(/(^|[^\w@])(@\w+)@[\w.-]+\w/g, '$1$2');
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(rewritten)].length;
}

interface FormPart {
  readonly filename?: string;
  readonly type?: string;
  readonly data: Buffer;
}

/** The fields of a multipart/form-data body (RFC 7578), by name. */
function parseMultipart(body: Buffer, contentType: string): Map<string, FormPart> {
  const fields = new Map<string, FormPart>();
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return fields;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /(?:^|;)\s*name="([^"]*)"/im.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const type = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim();
      if (name !== undefined) fields.set(name, { ...(filename !== undefined ? { filename } : {}), ...(type !== undefined ? { type } : {}), data: part.subarray(headerEnd + 4) });
    }
    at = next + 2;
  }
  return fields;
}
