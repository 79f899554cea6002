import type { Reading } from '../../core/metrics/snapshot';
import type { PlatformId } from '../../core/model';
import { HttpFailure, type Http, type HttpResponse } from '../../core/ports';
import { jsonOf } from '../publish/failures';
import type { MetricsReader, ReadFailure } from './readers';

/** One GET for a reader: the answer whatever its status, or `no-answer` when none came. */
export async function get(http: Http, url: string, headers: Record<string, string>): Promise<HttpResponse | ReadFailure> {
  try {
    return await http.request({ method: 'GET', url, headers: { accept: 'application/json', ...headers } });
  } catch (error) {
    if (error instanceof HttpFailure) return { failure: 'no-answer', detail: error.detail };
    throw error;
  }
}

/** A non-2xx answer as a failure, in the network's words when it gave some. */
export function failureOf(response: HttpResponse): ReadFailure | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  // Mastodon's `error`, XRPC's `error` and `message`, X's problem `detail` or `errors[].message`, LinkedIn's `message`.
  const body = jsonOf(response) as { error?: unknown; message?: unknown; detail?: unknown; errors?: Array<{ message?: unknown }> } | undefined;
  const words = [body?.error, body?.message, body?.detail, body?.errors?.[0]?.message].filter((w): w is string => typeof w === 'string').join(': ') || `HTTP ${response.status}`;
  const failure = response.status === 404 ? 'not-found' : response.status === 429 ? 'rate-limited' : 'refused';
  return { failure, detail: words };
}

/** An answer's JSON body, or why there is none: no answer, or an error answer (`failure` maps it). */
export function bodyOf(response: HttpResponse | ReadFailure, failure: (response: HttpResponse) => ReadFailure | undefined = failureOf): { readonly body: unknown } | ReadFailure {
  if ('failure' in response) return response;
  return failure(response) ?? { body: jsonOf(response) };
}

/** Whether a network said to stop for now: the rest of its parts wait for the next run. */
export const mustStop = (r: ReadFailure): boolean => r.failure === 'rate-limited' || r.failure === 'no-answer';

/**
 * Reads parts one request each, in order, until the network says to stop (`mustStop`): the
 * parts not asked are left out of the map, for the next run. `failure` maps an error answer.
 */
export async function readEach(
  ids: readonly string[],
  ask: (id: string) => Promise<HttpResponse | ReadFailure>,
  reading: (answer: unknown) => Reading | ReadFailure,
  failure: (response: HttpResponse) => ReadFailure | undefined = failureOf,
): Promise<Map<string, Reading | ReadFailure>> {
  const out = new Map<string, Reading | ReadFailure>();
  for (const id of ids) {
    const answer = bodyOf(await ask(id), failure);
    out.set(id, 'failure' in answer ? answer : reading(answer.body));
    if ('failure' in answer && mustStop(answer)) break;
  }
  return out;
}

/** A reader that can ask nothing, saying why for every part (a setting or a credential missing). */
export function refusing(network: PlatformId, detail: string): MetricsReader {
  return {
    network,
    async read(ids) {
      return new Map(ids.map((id) => [id, { failure: 'refused', detail }]));
    },
    async followers() {
      return undefined;
    },
  };
}
