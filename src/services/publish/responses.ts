import { HttpFailure, type HttpResponse } from '../../core/ports';
import { retryAt } from './retry';
import { SendError } from './sender';

const decoder = new TextDecoder();

/** The body of a response as JSON, or undefined when it is not JSON. */
export function jsonOf(response: HttpResponse): unknown {
  try {
    return JSON.parse(decoder.decode(response.body));
  } catch {
    return undefined;
  }
}

/** A JSON request body with its content type. */
export function jsonBody(value: unknown): { body: string; headers: Record<string, string> } {
  return { body: JSON.stringify(value), headers: { 'content-type': 'application/json' } };
}

/**
 * The `SendError` for a response that is not a success: 401 → `auth`, 429 → `rate-limited` (with
 * when to try again), 504 → `no-answer` (the gateway gave up; the server may have acted), other
 * 5xx → `server`, other 4xx → `rejected`. `words` is the network's own message, read from its
 * error body by the sender; the body is never shown whole (it could echo a credential).
 */
export function sendErrorOf(response: HttpResponse, words: string | undefined, now: number): SendError {
  const { status } = response;
  const said = words ?? `HTTP ${status}`;
  if (status === 401) return new SendError('auth', said, status);
  if (status === 429) return new SendError('rate-limited', said, status, retryAt(response, now));
  if (status === 504) return new SendError('no-answer', said, status);
  if (status >= 500) return new SendError('server', said, status);
  return new SendError('rejected', said, status);
}

/** An `HttpFailure` (no answer at all) as a `SendError`; anything else is rethrown. */
export function noAnswer(error: unknown): never {
  if (error instanceof HttpFailure) throw new SendError('no-answer', error.detail);
  throw error;
}
