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
 * Test hooks (not Mastodon's): `statuses`, `media`, `requests` (every request, in order),
 * `failNext` (answers matching requests with the response given, before acting on them: an
 * exception or a proxy, so without rate-limit headers unless given), `hangNext` (acts on the
 * request fully, then closes the connection without answering: a cut between the call and its
 * answer), `close`. Option `now` sets the server's clock (a test's fake clock).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The limits the instance announces and enforces. */
export interface InstanceLimits {
  readonly maxCharacters: number;
  readonly charactersReservedPerUrl: number;
  readonly maxMediaAttachments: number;
  readonly descriptionLimit: number;
}

export interface MastodonStandInOptions {
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

/** A request as the stand-in received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  /** Names in lower case. */
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
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

/** A response to inject: JSON `body` (`{ error }` for Mastodon's errors). */
export interface InjectedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** Which requests a hook applies to: `'POST /api/v1/statuses'` exactly, a RegExp on that line, or a test. */
export type Match = string | RegExp | ((request: RecordedRequest) => boolean);

export interface MastodonStandIn {
  /** `http://127.0.0.1:<port>`, the instance URL. */
  readonly url: string;
  readonly token: string;
  readonly statuses: readonly CreatedStatus[];
  readonly media: readonly StoredMedia[];
  readonly requests: readonly RecordedRequest[];
  /** Answers the next `times` requests matching with `response`, without acting on them. */
  failNext(match: Match, response: InjectedResponse, times?: number): void;
  /** Acts on the next request matching, then closes its connection without answering. */
  hangNext(match: Match): void;
  close(): Promise<void>;
}

const HOUR = 3_600_000;
const DEFAULT_LIMITS: InstanceLimits = { maxCharacters: 500, charactersReservedPerUrl: 23, maxMediaAttachments: 4, descriptionLimit: 1500 };
const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'];
const INVALID_TOKEN = 'The access token is invalid';

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Starts a stand-in Mastodon on 127.0.0.1 (an ephemeral port).
 *
 * @example const masto = await startMastodon({ limits: { maxCharacters: 500 }, mediaProcessingPolls: 2 })
 */
export async function startMastodon(options: MastodonStandInOptions = {}): Promise<MastodonStandIn> {
  const token = options.token ?? 'stand-in-token-3f9c';
  const username = options.username ?? 'nova';
  const domain = options.domain ?? 'mastodon.example';
  const limits: InstanceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const rate = options.rateLimit ?? { limit: 300, periodMs: 300_000 };
  const now = options.now ?? (() => Date.now());
  const statuses: CreatedStatus[] = [];
  const media: StoredMedia[] = [];
  const requests: RecordedRequest[] = [];
  const failures: Array<{ match: Match; response: InjectedResponse; times: number }> = [];
  const hangs: Match[] = [];
  const buckets = new Map<string, { start: number; count: number }>();
  const idempotency = new Map<string, { statusId: string; at: number }>();
  let nextId = 110_000_000;
  const newId = () => String(++nextId);
  let base = '';

  const account = () => ({
    id: '1',
    username,
    acct: username,
    display_name: 'Nova',
    locked: false,
    bot: false,
    created_at: '2026-01-05T00:00:00.000Z',
    note: '',
    url: `${base}/@${username}`,
    avatar: `${base}/avatars/original/missing.png`,
    header: `${base}/headers/original/missing.png`,
    followers_count: 0,
    following_count: 0,
    statuses_count: statuses.length,
    emojis: [],
    fields: [],
    source: { privacy: 'public', sensitive: false, language: '', note: '', fields: [] },
  });

  const attachment = (m: StoredMedia) => ({
    id: m.id,
    type: ['image', 'video', 'audio'].find((kind) => m.type.startsWith(`${kind}/`)) ?? 'unknown',
    url: m.url,
    preview_url: `${base}/system/media_attachments/files/${m.id}/small/${encodeURIComponent(m.filename)}`,
    remote_url: null,
    meta: {},
    description: m.description,
    blurhash: null,
  });

  const statusEntity = (s: CreatedStatus) => ({
    id: s.id,
    created_at: s.createdAt,
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToId ? '1' : null,
    sensitive: false,
    spoiler_text: s.spoilerText,
    visibility: s.visibility,
    language: s.language,
    uri: `${base}/users/${username}/statuses/${s.id}`,
    url: s.url,
    content: `<p>${s.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br />')}</p>`,
    account: account(),
    media_attachments: media.filter((m) => s.mediaIds.includes(m.id)).map(attachment),
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
  });

  const instance = () => ({
    domain,
    title: 'Stand-in Mastodon',
    version: '4.3.0',
    source_url: 'https://github.com/mastodon/mastodon',
    description: 'A stand-in server for tests',
    languages: ['en', 'fr'],
    configuration: {
      urls: { streaming: base.replace(/^http/, 'ws') },
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
  });

  const createStatus = (request: RecordedRequest): Answer => {
    const key = header(request, 'idempotency-key');
    const remembered = key !== undefined ? idempotency.get(`${token}:${key}`) : undefined;
    if (remembered && now() - remembered.at < HOUR) {
      const existing = statuses.find((s) => s.id === remembered.statusId)!;
      return { status: 200, body: statusEntity(existing) };
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
    const id = newId();
    const status: CreatedStatus = {
      id,
      url: `${base}/@${username}/${id}`,
      text,
      visibility,
      language: typeof params['language'] === 'string' && params['language'] !== '' ? params['language'] : null,
      spoilerText: typeof params['spoiler_text'] === 'string' ? params['spoiler_text'] : '',
      inReplyToId: inReplyTo,
      mediaIds,
      createdAt: new Date(now()).toISOString(),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
    };
    statuses.push(status);
    for (const m of attached) m!.statusId = id;
    if (key !== undefined) idempotency.set(`${token}:${key}`, { statusId: id, at: now() });
    return { status: 200, body: statusEntity(status) };
  };

  const uploadMedia = (request: RecordedRequest): Answer => {
    const fields = parseMultipart(request.body, header(request, 'content-type') ?? '');
    const file = fields.get('file');
    if (!file || file.filename === undefined || !file.type) return error(422, 'Validation failed: File content type is invalid, File is invalid');
    const description = fields.get('description')?.data.toString('utf8') ?? null;
    if (description !== null && [...description].length > limits.descriptionLimit) {
      return error(422, `Validation failed: Description is too long (maximum is ${limits.descriptionLimit} characters)`);
    }
    const polls = options.mediaProcessingPolls ?? 0;
    const id = newId();
    const m: StoredMedia = { id, filename: file.filename, type: file.type, bytes: file.data, description, pollsLeft: polls, url: null, statusId: null };
    media.push(m);
    if (polls > 0) return { status: 202, body: attachment(m) };
    m.url = originalUrl(m);
    return { status: 200, body: attachment(m) };
  };

  const getMedia = (id: string): Answer => {
    const m = media.find((x) => x.id === id);
    if (!m) return error(404, 'Record not found');
    if (m.pollsLeft > 0) {
      m.pollsLeft--;
      return { status: 206, body: attachment(m) };
    }
    m.url ??= originalUrl(m);
    return { status: 200, body: attachment(m) };
  };

  const originalUrl = (m: StoredMedia) => `${base}/system/media_attachments/files/${m.id}/original/${encodeURIComponent(m.filename)}`;

  const route = (request: RecordedRequest): Answer => {
    const line = `${request.method} ${request.path}`;
    if (line === 'GET /api/v2/instance') return options.noInstanceV2 ? error(404, 'Record not found') : { status: 200, body: instance() };
    if (header(request, 'authorization') !== `Bearer ${token}`) return error(401, INVALID_TOKEN);
    if (line === 'GET /api/v1/accounts/verify_credentials') return { status: 200, body: account() };
    if (line === 'POST /api/v2/media') return uploadMedia(request);
    const mediaId = /^GET \/api\/v1\/media\/([^/]+)$/.exec(line)?.[1];
    if (mediaId !== undefined) return getMedia(decodeURIComponent(mediaId));
    if (line === 'POST /api/v1/statuses') return createStatus(request);
    return error(404, 'Record not found');
  };

  /** Counts the request in its bucket: the headers to send, and whether it is over the limit. */
  const rateLimit = (request: RecordedRequest): { headers: Record<string, string>; over: boolean } => {
    const bucketKey = header(request, 'authorization') ?? 'ip:127.0.0.1';
    const start = Math.floor(now() / rate.periodMs) * rate.periodMs;
    let bucket = buckets.get(bucketKey);
    if (!bucket || bucket.start !== start) buckets.set(bucketKey, (bucket = { start, count: 0 }));
    bucket.count++;
    return {
      headers: {
        'X-RateLimit-Limit': String(rate.limit),
        'X-RateLimit-Remaining': String(Math.max(0, rate.limit - bucket.count)),
        'X-RateLimit-Reset': new Date(start + rate.periodMs).toISOString(),
      },
      over: bucket.count > rate.limit,
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: RecordedRequest = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, headers: req.headers, body: Buffer.concat(chunks) };
    requests.push(request);
    const hangAt = hangs.findIndex((m) => matches(m, request));
    const hang = hangAt !== -1;
    if (hang) hangs.splice(hangAt, 1);
    const limit = rateLimit(request);
    let answer: Answer;
    const failure = failures.find((f) => matches(f.match, request));
    if (limit.over) answer = { ...error(429, 'Too many requests'), headers: limit.headers };
    else if (failure) {
      if (--failure.times === 0) failures.splice(failures.indexOf(failure), 1);
      answer = { status: failure.response.status, body: failure.response.body ?? {}, headers: failure.response.headers ?? {} };
    } else answer = { ...route(request), headers: limit.headers };
    if (hang) {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: `stand-in failure: ${String(e)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    token,
    statuses,
    media,
    requests,
    failNext(match, response, times = 1) {
      failures.push({ match, response, times });
    },
    hangNext(match) {
      hangs.push(match);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function error(status: number, message: string): Answer {
  return { status, body: { error: message } };
}

function header(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function matches(match: Match, request: RecordedRequest): boolean {
  const line = `${request.method} ${request.path}`;
  if (typeof match === 'string') return line === match;
  if (match instanceof RegExp) return match.test(line);
  return match(request);
}

/** The parameters of a JSON or form-encoded body (`media_ids[]` as an array). */
function parseParams(request: RecordedRequest): Record<string, unknown> | undefined {
  const type = header(request, 'content-type') ?? '';
  const text = request.body.toString('utf8');
  if (type.startsWith('application/json')) {
    try {
      const value: unknown = JSON.parse(text);
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(text);
    const params: Record<string, unknown> = {};
    for (const [name, value] of form) {
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
