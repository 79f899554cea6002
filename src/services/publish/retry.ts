import type { Clock, Http, HttpRequest, HttpResponse } from '../../core/ports';

/** Statuses worth another try: rate limited, or the server failed before acting on the request. */
const RETRIED = new Set([429, 500, 502, 503]);

/** How long to wait, at most, inside one run; beyond it the failure is recorded with its time. */
export const MAX_WAIT_MS = 30_000;

export interface RetryOptions {
  /** Attempts in all, the first included. */
  readonly attempts?: number;
  readonly maxWaitMs?: number;
  /** Told before each wait, for progress ("rate limited by Mastodon, waiting 12 s"). */
  readonly onWait?: (waitMs: number, response: HttpResponse, request: HttpRequest) => void;
}

/**
 * The HTTP port with retries: 429, 500, 502 and 503 are tried again after the wait the network
 * asked for (`retry-after`, `ratelimit-reset`, `x-ratelimit-reset`, `x-rate-limit-reset`), else
 * after 1 s, 2 s, 4 s… A 504 is not retried: the gateway gave up, the server may have acted.
 * A wait longer than `maxWaitMs` is not waited for: the response goes back to the sender, which
 * records when to try again. No answer at all (`HttpFailure`) is never retried here: whether it
 * is safe depends on the network (see each sender).
 */
export function retrying(http: Http, clock: Clock, options: RetryOptions = {}): Http {
  const attempts = options.attempts ?? 4;
  const maxWait = options.maxWaitMs ?? MAX_WAIT_MS;
  return {
    async request(request) {
      for (let attempt = 1; ; attempt++) {
        const response = await http.request(request);
        if (!RETRIED.has(response.status) || attempt >= attempts) return response;
        // A 5xx says when only through `retry-after`: the rate-limit headers on it tell when the
        // quota window ends (Mastodon sends them on every answer), not when the server is back.
        const at = response.status === 429 ? retryAt(response, clock.now()) : retryAfterHeader(response, clock.now());
        const wait = at !== undefined ? Math.max(0, at - clock.now()) : 1000 * 2 ** (attempt - 1);
        if (wait > maxWait) return response;
        options.onWait?.(wait, response, request);
        await clock.sleep(wait);
      }
    },
  };
}

/**
 * When the response says to try again, as epoch milliseconds, from the headers networks use:
 * `retry-after` (seconds or an HTTP date: RFC 9110), `ratelimit-reset` (Bluesky: epoch seconds),
 * `x-ratelimit-reset` (Mastodon: an ISO time), `x-rate-limit-reset` (X: epoch seconds).
 */
export function retryAt(response: HttpResponse, now: number): number | undefined {
  const h = response.headers;
  const after = retryAfterHeader(response, now);
  if (after !== undefined) return after;
  for (const name of ['ratelimit-reset', 'x-rate-limit-reset']) {
    const value = h[name];
    if (value !== undefined && /^\d+$/.test(value.trim())) {
      const n = Number(value);
      // Epoch seconds, or (the IETF draft's form) seconds from now.
      return n > 1e9 ? n * 1000 : now + n * 1000;
    }
  }
  const iso = h['x-ratelimit-reset'];
  if (iso !== undefined) {
    const date = Date.parse(iso);
    if (!Number.isNaN(date)) return date;
  }
  return undefined;
}

/** `retry-after`, in seconds or as an HTTP date (RFC 9110), as epoch milliseconds. */
function retryAfterHeader(response: HttpResponse, now: number): number | undefined {
  const after = response.headers['retry-after'];
  if (after === undefined) return undefined;
  if (/^\d+$/.test(after.trim())) return now + Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : date;
}
