/**
 * What the Threads, Instagram and Facebook stand-ins share: Meta's Graph API conventions, written
 * from Meta's documentation (no Meta server can run here). Each stand-in's own header lists its
 * endpoints; the shared behaviours, and where each comes from:
 *
 * DOCUMENTED
 * - Parameters go in the query string or as a form body (every example of the Threads, Instagram
 *   and Pages docs is `curl -X POST -d "name=value"` or `?name=value`); `access_token` may be one of
 *   them (https://developers.facebook.com/docs/threads/posts,
 *   https://developers.facebook.com/docs/instagram-platform/content-publishing).
 * - Errors are `{ error: { message, type, code, error_subcode, error_user_title, error_user_msg,
 *   fbtrace_id } }`; code 190 (`OAuthException`) is an expired or invalid token, 102 a session
 *   problem; 1 and 2 temporary failures; 4 ("API Too Many Calls") and 17 ("API User Too Many
 *   Calls") throttling; 10 and 200–299 a permission; 100 an invalid parameter; 506 a duplicate post
 *   (https://developers.facebook.com/docs/graph-api/guides/error-handling).
 * - Rate limits: Platform limits (the app's or user's calls in a rolling hour) report their use in
 *   `x-app-usage: {"call_count":n,"total_cputime":n,"total_time":n}` (percentages); Business Use
 *   Case limits, which apply to the Instagram Platform and to Pages calls made with a Page token,
 *   in `x-business-use-case-usage: {"<object id>":[{"type":…,"call_count":…,"total_cputime":…,
 *   "total_time":…,"estimated_time_to_regain_access":<minutes>}]}`; once throttled every call fails
 *   until usage drops (https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
 *   Throttling error codes: 4 application, 17 account, 32 Page, 613 custom (the same page, and
 *   its error table); 80001 Pages and 80002 Instagram for Business Use Case limits (the same page's
 *   BUC table; recalled from it, the excerpts read here did not reach it).
 * - Media containers (Threads, Instagram) are `EXPIRED` when not published within 24 hours
 *   (https://developers.facebook.com/docs/threads/troubleshooting,
 *   https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container).
 *
 *
 * Reading counts (`edcal metrics fetch`)
 * - DOCUMENTED: a media's insights answer `{ data: [{ name, period: 'lifetime', values: [{ value }],
 *   title, description, id: '<media-id>/insights/<name>/lifetime' }] }`, one entry per metric
 *   asked in `metric` (the Threads Insights example response,
 *   https://developers.facebook.com/docs/threads/insights); a metric the node does not have is a
 *   `(#100)` error (Instagram's wording, https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights).
 * - OBSERVED: a node that does not exist (a post deleted) → 400 `{ message: "Unsupported get
 *   request. Object with ID '…' does not exist, cannot be loaded due to missing permissions, or
 *   does not support this operation", type: 'GraphMethodException' (Instagram: 'IGApiException'),
 *   code: 100, error_subcode: 33 }` (github.com/jstolpe/blog_code/issues/4,
 *   github.com/roughike/flutter_facebook_login/issues/44). Here every unknown node answers so.
 * - ASSUMED: reads count against the same window as every other call (`callsPerHour`).
 *
 * ASSUMED
 * - A token is also taken from `Authorization: Bearer …` (the senders send it there, so that it
 *   never sits in a URL): graph.facebook.com takes it for WhatsApp and Instagram Login calls; for
 *   graph.threads.net the docs show only `access_token`.
 * - Errors come with HTTP 400 (Meta's examples give no status): an invalid token too, and
 *   throttling; `fbtrace_id` is random letters. A call without the token is checked first and
 *   counts against no limit.
 * - Throttling is a fixed window of `callsPerHour` calls (default 200) from the first call, not a
 *   rolling one; usage headers are sent on every answer, throttled or not, not only "once enough
 *   calls have been made".
 * - Unknown parameters are ignored, as Meta's servers appear to.
 */
import { bearer, StandinServer, type Answer, type RecordedRequest } from './server';
import { RateWindow } from './rateWindow';

/** A Graph API error's fields. */
export interface GraphErrorFields {
  readonly message: string;
  readonly type?: string;
  readonly code: number;
  readonly error_subcode?: number;
  readonly error_user_title?: string;
  readonly error_user_msg?: string;
  readonly is_transient?: boolean;
}

/** An error answer in Meta's shape. */
export function graphError(status: number, fields: GraphErrorFields): Answer {
  return { status, body: { error: { type: 'OAuthException', ...fields, fbtrace_id: `A${Math.random().toString(36).slice(2, 12)}` } } };
}

/** A parameter error (code 100), as Meta words them: `(#100) …`. */
export function invalidParameter(message: string, subcode?: number): Answer {
  return graphError(400, { message: `(#100) ${message}`, code: 100, ...(subcode !== undefined ? { error_subcode: subcode } : {}) });
}

/** The answer for a node that does not exist, or no longer (see the header: OBSERVED). */
export function objectNotFound(node: string, type = 'GraphMethodException'): Answer {
  return graphError(400, { message: `Unsupported get request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, type, code: 100, error_subcode: 33 });
}

/**
 * A media's insights answer for the metrics asked (`metric`), from its counts; a metric it does
 * not have refused as Instagram words it. The metric names are the network's.
 */
export function insightsAnswer(node: string, params: GraphParams, counts: Readonly<Record<string, number>>): Answer {
  const asked = (params.get('metric') ?? '').split(',').map((m) => m.trim()).filter(Boolean);
  if (asked.length === 0) return invalidParameter('The parameter metric is required.');
  const unknown = asked.filter((m) => !(m in counts));
  if (unknown.length > 0) return invalidParameter(`The Media Insights API does not support the ${unknown.join(', ')} metric for this media product type.`);
  const data = asked.map((name) => ({ name, period: 'lifetime', values: [{ value: counts[name] }], title: name, description: `The ${name} of the post.`, id: `${node}/insights/${name}/lifetime` }));
  return { status: 200, body: { data } };
}

/** A request's parameters: query string and form body together, `access_token` left out; `name[i]` entries kept apart. */
export class GraphParams {
  private readonly values = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();

  constructor(request: RecordedRequest) {
    const all = [...request.query.entries()];
    if ((request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) all.push(...new URLSearchParams(request.text).entries());
    for (const [name, value] of all) {
      if (name === 'access_token') continue;
      const indexed = /^(.+)\[(\d+)\]$/.exec(name);
      if (indexed) {
        const list = this.lists.get(indexed[1]!) ?? [];
        list[Number(indexed[2])] = value;
        this.lists.set(indexed[1]!, list);
      } else this.values.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** `name[0]`, `name[1]`…, in order. */
  list(name: string): string[] {
    return (this.lists.get(name) ?? []).filter((v) => v !== undefined);
  }

  /** Every parameter, `name[i]` ones as lists: what a test compares with what it meant to send. */
  toObject(): Record<string, string | string[]> {
    return { ...Object.fromEntries(this.values), ...Object.fromEntries([...this.lists].map(([k, v]) => [k, v.filter((x) => x !== undefined)])) };
  }

  /** The `fields` asked for. */
  fields(): string[] {
    return (this.get('fields') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  }
}

/** The token a request carries: `Authorization: Bearer …`, else the `access_token` parameter. */
export function tokenOf(request: RecordedRequest): string | undefined {
  return bearer(request) ?? request.query.get('access_token') ?? (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.text).get('access_token') ?? undefined : undefined);
}

/** How a stand-in's network counts calls: Platform limits, or Business Use Case limits of one object. */
export type Usage = { readonly kind: 'platform' } | { readonly kind: 'business'; readonly id: string; readonly type: 'pages' | 'instagram'; readonly code: 80001 | 80002 };

export interface GraphStandinOptions {
  /** The one access token accepted. */
  readonly token?: string;
  /** Calls per hour before throttling (default 200). */
  readonly callsPerHour?: number;
  /** Epoch milliseconds: a test's fake clock. */
  readonly now?: () => number;
}

/** A Graph API stand-in: the token, the call window and its usage headers; a network implements `route`. */
export abstract class GraphStandin extends StandinServer {
  readonly token: string;
  protected readonly now: () => number;
  private readonly calls: RateWindow;
  private next = 17_900_000_000_000_000n;

  protected constructor(options: GraphStandinOptions, private readonly usage: Usage) {
    super();
    this.token = options.token ?? 'graph-test-token';
    this.now = options.now ?? Date.now;
    this.calls = new RateWindow(options.callsPerHour ?? 200, 3_600_000, this.now);
  }

  /** The network's behaviour for an authenticated call within the limits. */
  protected abstract route(request: RecordedRequest, params: GraphParams): Answer | Promise<Answer>;

  /** The answer once throttled, as the stand-in gives it: for a test's `failNext` too. */
  throttled(): Answer {
    const answer =
      this.usage.kind === 'platform'
        ? graphError(400, { message: '(#4) Application request limit reached', code: 4, is_transient: true })
        : graphError(400, { message: `(#${this.usage.code}) There have been too many calls${this.usage.type === 'pages' ? ' to this Page account' : ' from this Instagram account'}. Wait a bit and try again.`, code: this.usage.code });
    return { ...answer, headers: this.usageHeaders(true) };
  }

  protected override handle(request: RecordedRequest): Answer | Promise<Answer> {
    if (tokenOf(request) !== this.token) return graphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });
    if (!this.calls.take()) return this.throttled();
    return this.route(request, new GraphParams(request));
  }

  protected override headersFor(request: RecordedRequest): Record<string, string> {
    return tokenOf(request) === this.token ? this.usageHeaders(false) : {};
  }

  /** A new id, digits as Meta's are. */
  protected id(): string {
    return String(this.next++);
  }

  private usageHeaders(throttled: boolean): Record<string, string> {
    const percent = throttled ? 100 : Math.floor(((this.calls.limit - this.calls.remaining) * 100) / this.calls.limit);
    const counts = { call_count: percent, total_cputime: Math.floor(percent / 4), total_time: Math.floor(percent / 4) };
    if (this.usage.kind === 'platform') return { 'x-app-usage': JSON.stringify(counts) };
    const minutes = throttled ? Math.max(1, Math.ceil((this.calls.resetAt - this.now()) / 60_000)) : 0;
    return { 'x-business-use-case-usage': JSON.stringify({ [this.usage.id]: [{ type: this.usage.type, ...counts, estimated_time_to_regain_access: minutes }] }) };
  }
}

/** UTF-8 bytes of a text. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The distinct links of a text, as the stand-ins count them (`http(s)://…` and `www.…` runs). */
export function distinctLinks(text: string): string[] {
  return [...new Set(text.match(/\b(?:https?:\/\/|www\.)[^\s]+/gi) ?? [])];
}
