/**
 * A stand-in for the receivers of the webhook sender, for its tests: an in-house endpoint that
 * takes our own JSON event, Slack's incoming webhooks and Discord's execute-webhook, each on the
 * path its real URL has. When given a secret, it verifies `X-Edcal-Signature` as a receiver
 * following our README would: with Node's own `crypto.createHmac` (not the code under test) over
 * `<X-Edcal-Timestamp>.<raw body>`, compared in constant time, the timestamp within 5 minutes.
 * What it does, and where each behaviour comes from:
 *
 * DOCUMENTED
 * - Slack: an incoming webhook is `POST /services/T…/B…/<token>` with a JSON body `{ text }`,
 *   answered `200` with the body `ok` (docs.slack.dev/tools/python-slack-sdk/webhook: "assert
 *   response.status_code == 200, assert response.body == 'ok'").
 * - Slack: errors are plain strings in the body with a 4xx status: 400 `invalid_payload` ("the
 *   data sent in your request cannot be understood as presented"), 403 `action_prohibited`,
 *   404 `channel_not_found`, 410 `channel_is_archived`, 500 `rollup_error`
 *   (api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks).
 * - Slack: about one message per second, short bursts allowed; past it `429` with a
 *   `Retry-After` header in seconds and a JSON object (api.slack.com/docs/rate-limits).
 * - Slack: `&`, `<` and `>` are sent as `&amp;`, `&lt;`, `&gt;`, and only those
 *   (api.slack.com/docs/formatting).
 * - Discord: `POST /api/webhooks/{id}/{token}`; `content` up to 2000 characters; at least one of
 *   content, embeds, components, file or poll; answers `204 No Content`, or the created message
 *   with `?wait=true` ("waits for server confirmation of message send before response, and
 *   returns the created message body"); `allowed_mentions` (discord-api-docs,
 *   docs/resources/webhook.mdx, Execute Webhook).
 * - Discord: error bodies `{ code, message }` with the JSON codes 10015 Unknown webhook, 50006
 *   Cannot send an empty message, 50027 Invalid webhook token provided, 50035 Invalid form body,
 *   50109 The request body contains invalid JSON (docs/topics/opcodes-and-status-codes).
 * - Discord: `X-RateLimit-Limit`, `-Remaining`, `-Reset` (epoch seconds, with decimals),
 *   `-Reset-After` (seconds), `-Bucket` on answers; past the limit `429` with `Retry-After`
 *   (whole seconds), `X-RateLimit-Scope`, and `{ message: 'You are being rate limited.',
 *   retry_after (float seconds), global }` (docs/topics/rate-limits.md).
 *
 * OBSERVED in reports of the real services (not in their docs)
 * - Slack answers a body without `text` with 400 `no_text` (github.com/fluxcd/flagger/pull/1031;
 *   newer workspaces also say `missing_text_or_fallback_or_attachments`).
 * - Discord counts `content` in code points: its API is Python 3 and measures with `len()`
 *   (a Discord engineer in github.com/discord/discord-api-docs/issues/1315).
 * - Discord's too-long content: 400 `{ code: 50035, message: 'Invalid Form Body', errors:
 *   { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in
 *   length.' }] } } }` (the shape discord.js reports, e.g. github.com/remorses/kimaki/issues/38).
 *
 * ASSUMED
 * - Slack's answers are `text/plain`; a wrong token is 403 `invalid_token`; Slack's JSON 429
 *   body is `{ ok: false, error: 'rate_limited' }`; its burst is 5 messages per 5 seconds.
 * - Discord allows 5 executions per 2 seconds per webhook; its 401/404 bodies are
 *   `{ message: 'Invalid Webhook Token', code: 50027 }` / `{ message: 'Unknown Webhook', code:
 *   10015 }`; message ids are snowflakes as strings.
 * - The in-house receiver (ours, as the README describes one): `POST /hooks/edcal`, answers
 *   `200 { id, url }`, or `202` with no body when `answerIds` is false; an `Idempotency-Key`
 *   seen before is answered with the first answer and stores nothing; a missing or wrong
 *   signature, or a timestamp more than 5 minutes away, is `401 { error }`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { jsonBody, StandinServer, type Answer, type RecordedRequest } from './server';
import { RateWindow } from './rateWindow';

/** Which receiver the stand-in is. */
export type WebhookFlavour = 'json' | 'slack' | 'discord';

export interface WebhookStandinOptions {
  readonly flavour?: WebhookFlavour;
  /** When set, every request must be signed with it. */
  readonly secret?: string;
  /** The in-house receiver answers `{ id, url }` (default), or nothing at all. */
  readonly answerIds?: boolean;
  /** Epoch milliseconds: a test's fake clock, so that waits for a reset take no time. */
  readonly now?: () => number;
  /** Requests per window (defaults above). */
  readonly limit?: { readonly limit: number; readonly windowMs: number };
}

/** One message the receiver stored. */
export interface WebhookMessage {
  readonly id: string;
  /** What it showed: our event's `text`, Slack's `text` as Slack shows it, Discord's `content`. */
  readonly text: string;
  /** The request body, parsed. */
  readonly body: Record<string, unknown>;
  readonly headers: Readonly<Record<string, string>>;
}

/** How long a signed request stays valid, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const SLACK_PATH = '/services/T0NOVA000/B0NOVA000/';
const DISCORD_PATH = '/api/webhooks/1311111111111111111/';
const JSON_PATH = '/hooks/edcal';

/** The webhook stand-in: `await WebhookStandin.start({ flavour: 'discord' })`, then `url` and `messages`. */
export class WebhookStandin extends StandinServer {
  readonly flavour: WebhookFlavour;
  /** The token in Slack's and Discord's URL paths. */
  readonly token = 'tok3n-0f-the-hook-9f8e7d6c5b4a3210';
  /** Every message stored, in order. */
  readonly messages: WebhookMessage[] = [];
  private readonly window: RateWindow;
  private readonly byKey = new Map<string, Answer>();
  private readonly now: () => number;
  private nextId = 1_311_500_000_000_000_000n;

  private constructor(private readonly options: WebhookStandinOptions) {
    super();
    this.flavour = options.flavour ?? 'json';
    this.now = options.now ?? Date.now;
    const { limit, windowMs } = options.limit ?? (this.flavour === 'slack' ? { limit: 5, windowMs: 5000 } : { limit: 5, windowMs: 2000 });
    this.window = new RateWindow(limit, windowMs, this.now);
  }

  static start(options: WebhookStandinOptions = {}): Promise<WebhookStandin> {
    return new WebhookStandin(options).listen();
  }

  /** The webhook's address, as its service gives it out. */
  get hookUrl(): string {
    return this.url + this.path();
  }

  private path(): string {
    return this.flavour === 'slack' ? SLACK_PATH + this.token : this.flavour === 'discord' ? DISCORD_PATH + this.token : JSON_PATH;
  }

  protected override handle(request: RecordedRequest): Answer {
    if (this.options.secret !== undefined) {
      const refused = this.verify(request, this.options.secret);
      if (refused) return { status: 401, body: { error: refused } };
    }
    switch (this.flavour) {
      case 'slack':
        return this.slack(request);
      case 'discord':
        return this.discord(request);
      default:
        return this.inHouse(request);
    }
  }

  protected override headersFor(request: RecordedRequest): Record<string, string> {
    if (this.flavour !== 'discord' || request.pathname !== this.path()) return {};
    const resetAt = this.window.resetAt;
    return {
      'x-ratelimit-limit': String(this.window.limit),
      'x-ratelimit-remaining': String(this.window.remaining),
      'x-ratelimit-reset': (resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': ((resetAt - this.now()) / 1000).toFixed(3),
      'x-ratelimit-bucket': 'b7a1c0ffee',
    };
  }

  /** Why a request's signature is refused, or undefined when it is good. */
  private verify(request: RecordedRequest, secret: string): string | undefined {
    const timestamp = request.headers['x-edcal-timestamp'] ?? '';
    const signature = request.headers['x-edcal-signature'] ?? '';
    if (!/^\d+$/.test(timestamp) || !signature.startsWith('sha256=')) return 'missing signature';
    if (Math.abs(this.now() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return 'stale timestamp';
    const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(request.body).digest();
    const given = Buffer.from(signature.slice('sha256='.length), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'invalid signature';
  }

  private inHouse(request: RecordedRequest): Answer {
    if (request.method !== 'POST' || request.pathname !== JSON_PATH) return { status: 404, body: { error: 'not found' } };
    const key = request.headers['idempotency-key'];
    const seen = key !== undefined ? this.byKey.get(key) : undefined;
    if (seen) return seen;
    const body = jsonBody(request);
    if (typeof body !== 'object' || body === null || typeof (body as { text?: unknown }).text !== 'string') return { status: 400, body: { error: 'expected an edcal event with a text' } };
    const id = `evt_${this.messages.length + 1}`;
    this.store(id, (body as { text: string }).text, body as Record<string, unknown>, request);
    const answer: Answer = this.options.answerIds === false ? { status: 202 } : { status: 200, body: { id, url: `https://intranet.nova.example/news/${id}` } };
    if (key !== undefined) this.byKey.set(key, answer);
    return answer;
  }

  private slack(request: RecordedRequest): Answer {
    if (!request.pathname.startsWith(SLACK_PATH)) return { status: 404, body: 'no_service' };
    if (request.pathname !== SLACK_PATH + this.token) return { status: 403, body: 'invalid_token' };
    if (!this.window.take()) return { status: 429, headers: { 'retry-after': String(Math.ceil((this.window.resetAt - this.now()) / 1000)) }, body: { ok: false, error: 'rate_limited' } };
    const body = jsonBody(request);
    if (typeof body !== 'object' || body === null) return { status: 400, body: 'invalid_payload' };
    const text = (body as { text?: unknown }).text;
    if (typeof text !== 'string' || text.trim() === '') return { status: 400, body: 'no_text' };
    this.store(this.id(), unescapeSlack(text), body as Record<string, unknown>, request);
    return { status: 200, body: 'ok' };
  }

  private discord(request: RecordedRequest): Answer {
    if (!request.pathname.startsWith(DISCORD_PATH)) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    if (request.pathname !== DISCORD_PATH + this.token) return { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
    if (!this.window.take()) {
      const after = (this.window.resetAt - this.now()) / 1000;
      return {
        status: 429,
        headers: { 'retry-after': String(Math.ceil(after)), 'x-ratelimit-scope': 'shared', ...this.headersFor(request) },
        body: { message: 'You are being rate limited.', retry_after: after, global: false },
      };
    }
    const body = jsonBody(request);
    if (typeof body !== 'object' || body === null) return { status: 400, body: { message: 'The request body contains invalid JSON.', code: 50109 } };
    const content = (body as { content?: unknown }).content;
    if (typeof content !== 'string' || content === '') return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
    if ([...content].length > 2000) {
      return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } } };
    }
    const id = this.id();
    this.store(id, content, body as Record<string, unknown>, request);
    if (request.query.get('wait') !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        id,
        type: 0,
        content,
        channel_id: '1311000000000000001',
        webhook_id: DISCORD_PATH.split('/')[3],
        author: { id: DISCORD_PATH.split('/')[3], username: 'Nova', bot: true },
        timestamp: new Date(this.now()).toISOString(),
        attachments: [],
        embeds: [],
        mentions: [],
      },
    };
  }

  private store(id: string, text: string, body: Record<string, unknown>, request: RecordedRequest): void {
    this.messages.push({ id, text, body, headers: request.headers });
  }

  private id(): string {
    return String(this.nextId++);
  }
}

/** What Slack shows for a text sent escaped. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
