/**
 * The HTTP and error plumbing every sender shares: one call, the `SendError` of a failed answer,
 * reading answers, and keeping credentials out of every error's words.
 */
import { HttpFailure, type Http, type HttpRequest, type HttpResponse } from '../../core/ports';
import { retryAt } from './retry';
import { SendError } from './sender';

/** The credentials a request carried (a token; Bluesky's app password and session tokens). */
export type Credentials = string | readonly string[];

/**
 * One call through the (already retrying) HTTP port, for senders: an answer of any status comes
 * back as is; no answer at all becomes `SendError('no-answer')`, since the request may or may not
 * have been acted on. `secret` (the credentials sent) is blanked out of the error's words.
 *
 * @example const response = await call(ports.http, { method: 'GET', url }, token)
 */
export async function call(http: Http, request: HttpRequest, secret: Credentials): Promise<HttpResponse> {
  try {
    return await http.request(request);
  } catch (error) {
    if (error instanceof HttpFailure) throw new SendError('no-answer', redact(error.detail, secret));
    throw error;
  }
}

/**
 * The `SendError` for a final error answer, as every sender maps them: 401 → `auth`,
 * 429 → `rate-limited` (with when to try again, from the headers or `fallbackRetryAt`),
 * 504 → `no-answer` (the gateway gave up, the server may have acted), other 5xx → `server`,
 * other statuses → `rejected`. `words` are the network's own, read from its error body by the
 * sender; without them, the body's text (cut short), else `HTTP <status>`; `secret` blanked out.
 *
 * @example throw failure(response, 'You are not allowed to create a Tweet with duplicate content.', clock.now(), token)
 */
export function failure(response: HttpResponse, words: string | undefined, now: number, secret: Credentials, fallbackRetryAt?: number): SendError {
  const status = response.status;
  const message = redact(words || textOf(response) || `HTTP ${status}`, secret);
  if (status === 401) return new SendError('auth', message, status);
  if (status === 429) return new SendError('rate-limited', message, status, retryAt(response, now) ?? fallbackRetryAt);
  if (status === 504) return new SendError('no-answer', message, status);
  if (status >= 500) return new SendError('server', message, status);
  return new SendError('rejected', message, status);
}

/** The answer's body as JSON, or undefined when it is empty or not JSON. */
export function jsonOf(response: HttpResponse): unknown {
  if (response.body.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(response.body)) as unknown;
  } catch {
    return undefined;
  }
}

/** The answer's body as text, cut to a length fit for an error message. */
export function textOf(response: HttpResponse, max = 300): string {
  const text = new TextDecoder().decode(response.body).trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A JSON request body with its content type, to spread into a request. */
export function jsonBody(value: unknown): { body: string; headers: Record<string, string> } {
  return { body: JSON.stringify(value), headers: { 'content-type': 'application/json' } };
}

/** `text` with every occurrence of each secret replaced, so that no error ever carries a credential. */
export function redact(text: string, secret: Credentials): string {
  let out = text;
  for (const s of typeof secret === 'string' ? [secret] : secret) if (s !== '') out = out.split(s).join('[redacted]');
  return out;
}

/** A plain object's property, or undefined: for reading answers whose shape is not guaranteed. */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
