import type { CalendarConfig } from '../../core/config';
import { blueskyReadings, followersOf, mastodonReading, xReadings } from '../../core/metrics/readings';
import type { Reading } from '../../core/metrics/snapshot';
import type { PlatformId } from '../../core/model';
import type { Http, HttpResponse, Secrets } from '../../core/ports';
import { jsonOf } from '../publish/failures';
import { failureOf, get, refusing } from './answers';
import { graphReader } from './graphReaders';
import { linkedinReader } from './linkedinReader';

/** Why one part could not be read: gone from the network, or the network failing. */
export interface ReadFailure {
  readonly failure: 'not-found' | 'rate-limited' | 'refused' | 'no-answer';
  /** The network's own words, or the HTTP status. */
  readonly detail: string;
}

/** Reads the counts of a network's parts, by their ids; a part missing from the answer was not read. */
export interface MetricsReader {
  readonly network: PlatformId;
  read(ids: readonly string[]): Promise<Map<string, Reading | ReadFailure>>;
  /** The account's followers now; undefined when it cannot be asked (no credentials, no handle). */
  followers(): Promise<Followers | ReadFailure | undefined>;
}

/** An account and its followers. */
export interface Followers {
  readonly account: string;
  readonly followers: number;
}

export interface ReaderPorts {
  /** With retries (`retrying`): 429s are waited for when the network says how long. */
  readonly http: Http;
  readonly secrets: Secrets;
}

/** The networks counts are read from: those this tool publishes to, but the webhook (it has no counts). */
export const METRICS_NETWORKS: readonly PlatformId[] = ['mastodon', 'bluesky', 'x', 'linkedin', 'threads', 'instagram', 'facebook'];

/** The public AppView that serves Bluesky's counts without an account. */
export const BLUESKY_APPVIEW = 'https://public.api.bsky.app';
/** `app.bsky.feed.getPosts` takes at most 25 URIs (its lexicon's `maxLength`). */
const GET_POSTS_MAX = 25;

/** The reader of `network` with the calendar's settings, or undefined when counts are not read from it yet. */
export function metricsReader(network: PlatformId, config: CalendarConfig, ports: ReaderPorts): MetricsReader | undefined {
  const settings = config.platforms[network] ?? {};
  if (network === 'mastodon') return settings.instance ? mastodonReader(settings.instance, ports) : refusing('mastodon', 'no platforms.mastodon.instance in .editorial.yaml');
  if (network === 'bluesky') return blueskyReader(settings.appview ?? BLUESKY_APPVIEW, settings.account?.handle, ports);
  if (network === 'x') return xReader(settings.service ?? X_API, ports);
  if (network === 'linkedin') return linkedinReader(settings, ports);
  if (network === 'threads' || network === 'instagram' || network === 'facebook') return graphReader(network, settings, ports);
  return undefined;
}

/**
 * Mastodon: `GET /api/v1/statuses/:id` per part (public for public statuses; the
 * `mastodon/access-token` secret is sent when there is one, for private ones and the account's
 * own rate limit). A 404 is a status deleted (or no longer visible); after a 429 the rest is left
 * for the next run, as the network asked.
 */
function mastodonReader(instance: string, ports: ReaderPorts): MetricsReader {
  return {
    network: 'mastodon',
    async read(ids) {
      const token = await ports.secrets.get('mastodon', 'access-token');
      const out = new Map<string, Reading | ReadFailure>();
      for (const id of ids) {
        const response = await get(ports.http, `${instance}/api/v1/statuses/${encodeURIComponent(id)}`, token ? { authorization: `Bearer ${token}` } : {});
        if ('failure' in response) {
          out.set(id, response);
          if (response.failure === 'no-answer') break;
          continue;
        }
        const failed = failureOf(response);
        if (failed) {
          out.set(id, failed);
          if (failed.failure === 'rate-limited') break;
          continue;
        }
        const reading = mastodonReading(jsonOf(response));
        out.set(id, reading ?? { failure: 'refused', detail: 'not a status' });
      }
      return out;
    },
    async followers() {
      const token = await ports.secrets.get('mastodon', 'access-token');
      if (!token) return undefined;
      return followersFrom('mastodon', await get(ports.http, `${instance}/api/v1/accounts/verify_credentials`, { authorization: `Bearer ${token}` }));
    },
  };
}

/**
 * Bluesky: `app.bsky.feed.getPosts` on the AppView (`platforms.bluesky.appview`, default the
 * public one), 25 URIs a call, no account needed. A URI the answer leaves out is a post deleted or
 * taken down.
 */
function blueskyReader(appview: string, handle: string | undefined, ports: ReaderPorts): MetricsReader {
  return {
    network: 'bluesky',
    async read(uris) {
      const out = new Map<string, Reading | ReadFailure>();
      for (let i = 0; i < uris.length; i += GET_POSTS_MAX) {
        const batch = uris.slice(i, i + GET_POSTS_MAX);
        const query = batch.map((u) => `uris=${encodeURIComponent(u)}`).join('&');
        const response = await get(ports.http, `${appview}/xrpc/app.bsky.feed.getPosts?${query}`, {});
        if ('failure' in response || failureOf(response)) {
          const why = 'failure' in response ? response : failureOf(response)!;
          for (const uri of batch) out.set(uri, why);
          if (why.failure === 'rate-limited' || why.failure === 'no-answer') break;
          continue;
        }
        const readings = blueskyReadings(jsonOf(response));
        for (const uri of batch) out.set(uri, readings.get(uri) ?? { failure: 'not-found', detail: 'not in the answer' });
      }
      return out;
    },
    async followers() {
      // The account the calendar names (platforms.bluesky.account.handle), else the one publishing.
      const actor = (handle ?? (await ports.secrets.get('bluesky', 'identifier')))?.replace(/^@/, '');
      if (!actor || actor.includes('@')) return undefined;
      return followersFrom('bluesky', await get(ports.http, `${appview}/xrpc/app.bsky.actor.getProfile?actor=${encodeURIComponent(actor)}`, {}));
    },
  };
}

/** X's API, as the sender uses it. */
const X_API = 'https://api.x.com';
/** `GET /2/tweets` looks up at most 100 ids a call. */
const X_LOOKUP_MAX = 100;

/**
 * X: `GET /2/tweets?ids=…&tweet.fields=public_metrics`, 100 posts a call, with the
 * `x/access-token` secret (a user token: metrics of the account's own posts). An id the answer
 * lists among its errors is a post gone; without a token nothing is asked.
 */
function xReader(api: string, ports: ReaderPorts): MetricsReader {
  return {
    network: 'x',
    async read(ids) {
      const out = new Map<string, Reading | ReadFailure>();
      const token = await ports.secrets.get('x', 'access-token');
      if (!token) {
        for (const id of ids) out.set(id, { failure: 'refused', detail: 'no X access token (EDCAL_X_ACCESS_TOKEN)' });
        return out;
      }
      for (let i = 0; i < ids.length; i += X_LOOKUP_MAX) {
        const batch = ids.slice(i, i + X_LOOKUP_MAX);
        const response = await get(ports.http, `${api}/2/tweets?ids=${batch.map(encodeURIComponent).join(',')}&tweet.fields=public_metrics`, { authorization: `Bearer ${token}` });
        if ('failure' in response || failureOf(response)) {
          const why = 'failure' in response ? response : failureOf(response)!;
          for (const id of batch) out.set(id, why);
          if (why.failure === 'rate-limited' || why.failure === 'no-answer') break;
          continue;
        }
        const { readings, missing } = xReadings(jsonOf(response));
        for (const id of batch) out.set(id, readings.get(id) ?? { failure: 'not-found', detail: missing.get(id) ?? 'not in the answer' });
      }
      return out;
    },
    async followers() {
      const token = await ports.secrets.get('x', 'access-token');
      if (!token) return undefined;
      return followersFrom('x', await get(ports.http, `${api}/2/users/me?user.fields=public_metrics`, { authorization: `Bearer ${token}` }));
    },
  };
}

/** An account answer as its followers, or why not. */
function followersFrom(network: 'mastodon' | 'bluesky' | 'x', response: HttpResponse | ReadFailure): Followers | ReadFailure {
  if ('failure' in response) return response;
  const failed = failureOf(response);
  if (failed) return failed;
  return followersOf(network, jsonOf(response)) ?? { failure: 'refused', detail: 'no followers in the answer' };
}
