import type { Entrant } from '../../core/contest/draw';
import type { EntrantPage } from '../../core/contest/entrantsFrom';
import type { PlatformId } from '../../core/model';
import { HttpFailure, type Http, type HttpResponse } from '../../core/ports';
import { jsonOf, textOf } from '../publish/failures';
import { retryAt } from '../publish/retry';

/**
 * Why a network's entrants could not all be read. `rate-limited`, `no-answer` and `server` pass:
 * the draw waits for them. The others stay until something changes (a token, a plan, a list
 * the API cuts short): a CSV of that network's entrants can stand for it.
 */
export type ReadReason = 'rate-limited' | 'no-answer' | 'server' | 'refused' | 'not-found' | 'unexpected' | 'plan' | 'capped' | 'window' | 'no-token' | 'no-instance';

export interface ReadFailure {
  readonly reason: ReadReason;
  /** The network's own words, or what the draw found. */
  readonly detail: string;
  /** When to try again (`rate-limited`), epoch ms. */
  readonly retryAt?: number;
  /** Entrants read before it failed. */
  readonly read: number;
}

/** Thrown by a network's reading; `collectEntrants` turns it into its answer. */
export class ReadError extends Error {
  constructor(
    readonly reason: ReadReason,
    readonly detail: string,
    /** When to try again, the failed answer's status and its JSON body. */
    readonly answer: { readonly retryAt?: number; readonly status?: number; readonly body?: unknown } = {},
  ) {
    super(detail);
    this.name = 'ReadError';
  }
}

/** True when the failure passes with time: then nothing can stand for the network's list. */
export const passes = (reason: ReadReason): boolean => reason === 'rate-limited' || reason === 'no-answer' || reason === 'server';

/** What one network gave. */
export interface NetworkEntrants {
  readonly network: PlatformId;
  readonly entrants: readonly Entrant[];
  /** Entries read but left out: made after the contest's end (or, for hashtag posts, before the post). */
  readonly outside: number;
  /** False when the list carries no time (likes and reposts on Mastodon and X, reposts on Bluesky): every entry read counts. */
  readonly timed: boolean;
  /** The post's author on the network, when the reading learnt it: never a winner. */
  readonly author?: string;
}

/** What a network's reading needs. */
export interface ReadContext {
  /** With retries (`retrying`): a 429 is waited for when the network says how long. */
  readonly http: Http;
  readonly now: () => number;
  /** Told after each page: entrants read so far on the network. */
  readonly onPage: (read: number) => void;
}

/**
 * A GET answered 2xx, as JSON with its response; anything else is a `ReadError`: 429 with when
 * to retry, 404, 5xx, no answer, or the refusal in the network's words.
 */
export async function getJson(ctx: ReadContext, url: string, headers: Record<string, string> = {}): Promise<{ readonly body: unknown; readonly response: HttpResponse }> {
  let response: HttpResponse;
  try {
    response = await ctx.http.request({ method: 'GET', url, headers: { accept: 'application/json', ...headers } });
  } catch (error) {
    if (error instanceof HttpFailure) throw new ReadError('no-answer', error.detail);
    throw error;
  }
  const body = jsonOf(response);
  if (response.status >= 200 && response.status < 300) return { body, response };
  const words = wordsOf(body) || textOf(response, 200) || `HTTP ${response.status}`;
  const { status } = response;
  const at = retryAt(response, ctx.now());
  const answer = { status, body, ...(at !== undefined ? { retryAt: at } : {}) };
  if (status === 429) throw new ReadError('rate-limited', words, answer);
  if (status === 404) throw new ReadError('not-found', words, answer);
  if (status >= 500) throw new ReadError('server', words, answer);
  throw new ReadError('refused', `HTTP ${status}: ${words}`, answer);
}

/** Mastodon's `error`, XRPC's `error` and `message`, X's problem `title`, `detail` or `errors[].message`. */
export function wordsOf(body: unknown): string {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; message?: unknown; detail?: unknown; errors?: Array<{ message?: unknown }> };
  return [b.error, b.message, b.detail, Array.isArray(b.errors) ? b.errors[0]?.message : undefined].filter((w): w is string => typeof w === 'string').join(': ');
}

/** A page in the answer's expected shape, else a `ReadError`: a list misread must not be drawn from. */
export function expect(page: EntrantPage | undefined, what: string): EntrantPage {
  if (!page) throw new ReadError('unexpected', `${what}: not the documented answer`);
  return page;
}

/** Pages read at most from one list: a cursor that never ends is a server's fault, not a list. */
export const MAX_PAGES = 5_000;

/** Collects the pages of one list: `next(cursor)` reads one, until it gives no cursor (or one already seen). */
export async function allPages(ctx: ReadContext, read: (cursor: string | undefined) => Promise<EntrantPage & { readonly stop?: boolean }>): Promise<{ entrants: Entrant[]; outside: number }> {
  const entrants: Entrant[] = [];
  let outside = 0;
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await read(cursor);
    entrants.push(...page.entrants);
    outside += page.outside;
    ctx.onPage(entrants.length);
    if (page.next === undefined || page.stop || seen.has(page.next)) return { entrants, outside };
    seen.add(page.next);
    cursor = page.next;
  }
  throw new ReadError('unexpected', `more than ${MAX_PAGES} pages`);
}

/** A query string of the parameters given (an undefined one left out). */
export function query(params: Record<string, string | undefined>): string {
  return new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
}
