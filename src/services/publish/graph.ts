import type { PlatformSettings } from '../../core/platforms/types';
import type { Clock, HttpResponse } from '../../core/ports';
import { publicMediaUrl, type PublicImage } from '../../core/publish/mediaUrl';
import { call, failure, field, jsonOf, redact, textOf } from './failures';
import { retryAt } from './retry';
import { SendError, type OutgoingMedia, type SenderPorts } from './sender';

/**
 * What Meta's Graph API senders (Threads, Instagram, Facebook Pages) share: form-encoded calls
 * with the token in the `Authorization` header (never in a URL, so never in an error), Meta's error
 * shape `{ error: { message, type, code, error_subcode, error_user_msg, fbtrace_id } }` mapped to
 * the publisher's failures, and the wait for a media container to be processed.
 */

/** Facebook's Graph API, for Instagram and Pages: v26.0, the latest (July 2026); Meta keeps a version about two years. */
export const GRAPH_API = 'https://graph.facebook.com/v26.0';

/** `platforms.<network>` from `.editorial.yaml` (`service`: the API's base, for a stand-in), and the calendar's `mediaBaseUrl`. */
export interface GraphSettings extends PlatformSettings {
  readonly mediaBaseUrl?: string;
}

/**
 * The post's images at their public address under `mediaBaseUrl`, for a network that fetches them
 * (see `publicMediaUrl`). Refused before any request: images without the setting (the check says so
 * first, `media.no-public-url`), and anything but an image (this tool sends no video to these networks).
 */
export function publicImages(media: readonly OutgoingMedia[], base: string | undefined, network: string): PublicImage[] {
  if (media.length === 0) return [];
  if (base === undefined) throw new SendError('rejected', 'mediaBaseUrl is not set: the images have no public address.', undefined, undefined, { id: 'media.no-public-url', params: { platform: network } });
  const other = media.find((m) => !m.mime.startsWith('image/'));
  if (other) throw new SendError('rejected', `${other.file} is not an image.`, undefined, undefined, { id: 'publish.media-not-image', params: { file: other.file } });
  return media.map((m) => ({ url: publicMediaUrl(base, m.file), alt: m.alt }));
}

/** The `error` of a Graph API error answer. */
export interface GraphError {
  readonly message?: string;
  readonly type?: string;
  readonly code?: number;
  readonly error_subcode?: number;
  readonly error_user_title?: string;
  readonly error_user_msg?: string;
  readonly is_transient?: boolean;
  readonly fbtrace_id?: string;
}

/** The answer's `error`, when it has Meta's shape. */
export function graphError(response: HttpResponse): GraphError | undefined {
  const error = field(jsonOf(response), 'error');
  return typeof error === 'object' && error !== null ? (error as GraphError) : undefined;
}

/**
 * Throttling codes (Graph API "Handling Errors" and "Rate Limits"): 4 the app's calls, 17 the
 * user's, 32 a Page's, 613 a custom limit, 80001–80014 the Business Use Case limits (Pages,
 * Instagram…); 9 with subcode 2207042 is Instagram's 100 posts a day. They come as 400 or 403, which
 * the HTTP port does not retry: the publisher learns them as `rate-limited`.
 */
export function isThrottling(error: GraphError | undefined): boolean {
  const code = error?.code;
  if (code === undefined) return false;
  return code === 4 || code === 17 || code === 32 || code === 613 || (code >= 80001 && code <= 80014) || (code === 9 && error?.error_subcode === 2207042);
}

/** Meta's own words for an error answer: `message`, and `error_user_msg` (the words for people) when it says more. */
export function graphMessage(response: HttpResponse): string {
  const error = graphError(response);
  const words: string[] = [];
  for (const value of [error?.message, error?.error_user_msg]) if (typeof value === 'string' && value !== '' && !words.includes(value)) words.push(value);
  return words.length > 0 ? words.join(' ') : textOf(response) || `HTTP ${response.status}`;
}

/**
 * When the Business Use Case limits say access comes back: the largest
 * `estimated_time_to_regain_access` (minutes) of `x-business-use-case-usage`, as epoch ms.
 * The platform limits (`x-app-usage`) give percentages only, no time.
 */
export function regainAt(response: HttpResponse, now: number): number | undefined {
  const header = response.headers['x-business-use-case-usage'];
  if (header === undefined) return undefined;
  let minutes = 0;
  try {
    const usage = JSON.parse(header) as unknown;
    if (typeof usage !== 'object' || usage === null) return undefined;
    for (const entries of Object.values(usage as Record<string, unknown>)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        const m = field(entry, 'estimated_time_to_regain_access');
        if (typeof m === 'number' && m > minutes) minutes = m;
      }
    }
  } catch {
    return undefined;
  }
  return minutes > 0 ? now + minutes * 60_000 : undefined;
}

/**
 * The `SendError` for a Graph API error answer: an invalid or expired token (code 190, 102, or a
 * 401), or a permission the token lacks (10, 200–299) → `auth`; throttling (a 429, or the codes of `isThrottling`) → `rate-limited`, with when
 * to try again if the answer says; codes 1 and 2 (Meta's "temporary issue") → `server`; the rest
 * as every sender maps statuses (`failure`). The token is blanked out of the words.
 */
export function graphFailure(response: HttpResponse, now: number, token: string): SendError {
  const error = graphError(response);
  const message = redact(graphMessage(response), token);
  const status = response.status;
  const code = error?.code;
  // 190 and 102: the token is expired, revoked or invalid; 10 and 200–299: a permission it lacks. Either way, reconnect.
  if (status === 401 || code === 190 || code === 102 || code === 10 || (code !== undefined && code >= 200 && code <= 299)) return new SendError('auth', message, status);
  if (status === 429 || isThrottling(error)) return new SendError('rate-limited', message, status, retryAt(response, now) ?? regainAt(response, now));
  if (status < 500 && (code === 1 || code === 2)) return new SendError('server', message, status);
  return failure(response, message, now, token);
}

/**
 * A Graph API request body, `application/x-www-form-urlencoded` as Meta's examples send them:
 * strings, numbers and booleans as text; a list of plain values comma-separated (`children`);
 * a list of objects as `name[i]` JSON entries (`attached_media[0]={"media_fbid":"…"}`); an object as JSON.
 *
 * @example graphForm({ media_type: 'CAROUSEL', children: ['1', '2'] }).toString() // 'media_type=CAROUSEL&children=1%2C2'
 */
export function graphForm(params: object): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object' || v === null)) form.append(name, value.map(String).join(','));
      else value.forEach((v, i) => form.append(`${name}[${i}]`, JSON.stringify(v)));
    } else form.append(name, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  }
  return form;
}

/** Graph API calls for one token: answers of 2xx as JSON, errors as `SendError` (`graphFailure`). */
/**
 * The stored token and account id of one of Meta's networks, and a client on `base` with the
 * token; missing either, the "connect the account" failure every sender gives.
 *
 * @example const { client, id } = await graphLogin(ports, base, 'threads', 'user-id', 'Threads')
 */
export async function graphLogin(ports: SenderPorts, base: string, network: string, idName: string, name: string): Promise<{ client: GraphClient; id: string }> {
  const token = await ports.secrets.get(network, 'access-token');
  const id = await ports.secrets.get(network, idName);
  if (!token || !id) {
    throw new SendError('auth', `No ${name} access token or ${idName} is stored (${network}/access-token, ${network}/${idName}).`, undefined, undefined, { id: 'publish.no-credentials', params: { network: name } });
  }
  return { client: graphClient(ports, base, token), id };
}

export interface GraphClient {
  get(path: string, query?: Readonly<Record<string, string>>): Promise<unknown>;
  post(path: string, params: object): Promise<unknown>;
}

export function graphClient(ports: SenderPorts, base: string, token: string): GraphClient {
  const root = base.replace(/\/+$/, '');
  async function ask(method: 'GET' | 'POST', path: string, query: Readonly<Record<string, string>> | undefined, body: URLSearchParams | undefined): Promise<unknown> {
    const search = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
    const response = await call(
      ports.http,
      {
        method,
        url: `${root}${path}${search}`,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body: body.toString() } : {}),
      },
      token,
    );
    if (response.status < 200 || response.status >= 300) throw graphFailure(response, ports.clock.now(), token);
    return jsonOf(response);
  }
  return {
    get: (path, query) => ask('GET', path, query, undefined),
    post: (path, params) => ask('POST', path, undefined, graphForm(params)),
  };
}

/**
 * For a call that makes nothing public (a container, an unpublished photo, a status read): no
 * answer to it leaves no doubt about the post, which is not out yet, so it is a failure the next
 * run simply retries (`server`), not an unknown. What it may leave behind is harmless: a container
 * never published expires after 24 hours, an unpublished photo is seen by no one.
 */
export async function nothingPublic<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof SendError && error.failure === 'no-answer') throw new SendError('server', error.networkMessage, error.status, error.retryAfter, error.local);
    throw error;
  }
}

/** A media container's processing state, as a sender reads it. */
export type ContainerState =
  | { readonly kind: 'ready' }
  | { readonly kind: 'pending' }
  /** Processing failed (`ERROR`): the network's words. */
  | { readonly kind: 'failed'; readonly words: string }
  /** Not published within 24 hours (`EXPIRED`), or any other state a fresh container should not have. */
  | { readonly kind: 'unusable'; readonly words: string };

/** How long a container may stay in processing before the run gives up on it (Meta advises 5 minutes at most). */
export const CONTAINER_WAIT_MS = 5 * 60_000;
const POLL_WAITS = [1000, 2000, 4000, 8000, 15_000, 30_000];

/**
 * Waits, on the clock, until a container is processed: checked at once, then after 1, 2, 4, 8,
 * 15 and every 30 seconds, for `CONTAINER_WAIT_MS` in all. A failed container is `rejected` with
 * the network's words (a run again would fail alike); one still processing, or unusable, is
 * `server`: nothing is public yet, the next run makes a new one.
 */
export async function whenProcessed(clock: Clock, label: string, check: () => Promise<ContainerState>): Promise<void> {
  let waited = 0;
  for (let poll = 0; ; poll++) {
    const state = await nothingPublic(check());
    if (state.kind === 'ready') return;
    if (state.kind === 'failed') throw new SendError('rejected', state.words);
    if (state.kind === 'unusable') throw new SendError('server', state.words);
    if (waited >= CONTAINER_WAIT_MS) throw new SendError('server', `${label} was still being processed after ${CONTAINER_WAIT_MS / 60_000} minutes.`);
    const wait = POLL_WAITS[Math.min(poll, POLL_WAITS.length - 1)]!;
    await clock.sleep(wait);
    waited += wait;
  }
}

/** A string field of an answer, or undefined. */
export function text(value: unknown, name: string): string | undefined {
  const v = field(value, name);
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}
