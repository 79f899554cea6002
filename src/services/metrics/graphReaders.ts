import { facebookReading, graphFollowers, INSIGHT_METRICS, insightsReading } from '../../core/metrics/graphReadings';
import type { Reading } from '../../core/metrics/snapshot';
import type { PlatformSettings } from '../../core/platforms/types';
import type { HttpResponse } from '../../core/ports';
import { GRAPH_API, graphError, graphMessage, isThrottling } from '../publish/graph';
import { THREADS_API } from '../publish/threads';
import { bodyOf, failureOf, get, readEach, refusing } from './answers';
import type { MetricsReader, ReaderPorts, ReadFailure } from './readers';

type GraphNetwork = 'threads' | 'instagram' | 'facebook';

/** What each Meta network is asked, with the token and account id its sender uses. */
const SPECS: Readonly<Record<GraphNetwork, {
  readonly name: string;
  readonly api: string;
  /** The secret naming the account: `<network>/user-id` or `facebook/page-id`. */
  readonly idName: string;
  /** One part's counts: `/{id}<edge>?<query>`. */
  readonly edge: string;
  readonly query: Readonly<Record<string, string>>;
  readonly reading: (answer: unknown) => Reading | undefined;
  /** The account's followers: `/{account id}<edge>?<query>`. */
  readonly followersEdge: string;
  readonly followersQuery: Readonly<Record<string, string>>;
}>> = {
  threads: {
    name: 'Threads',
    api: THREADS_API,
    idName: 'user-id',
    edge: '/insights',
    query: { metric: Object.keys(INSIGHT_METRICS.threads).join(',') },
    reading: (a) => insightsReading(a, INSIGHT_METRICS.threads),
    followersEdge: '/threads_insights',
    followersQuery: { metric: 'followers_count' },
  },
  instagram: {
    name: 'Instagram',
    api: GRAPH_API,
    idName: 'user-id',
    edge: '/insights',
    query: { metric: Object.keys(INSIGHT_METRICS.instagram).join(',') },
    reading: (a) => insightsReading(a, INSIGHT_METRICS.instagram),
    followersEdge: '',
    followersQuery: { fields: 'username,followers_count' },
  },
  facebook: {
    name: 'Facebook',
    api: GRAPH_API,
    idName: 'page-id',
    edge: '',
    // Page post insights are no help here: `post_impressions` is gone since November 2025, and they need 100 likes on the Page.
    query: { fields: 'reactions.limit(0).summary(total_count),comments.limit(0).summary(total_count),shares' },
    reading: facebookReading,
    followersEdge: '',
    followersQuery: { fields: 'name,followers_count' },
  },
};

/**
 * Threads (`GET /{media-id}/insights`: views, likes, replies, reposts, quotes, shares),
 * Instagram (`GET /{ig-media-id}/insights`: views, likes, comments, shares, saved) and Facebook
 * Pages (`GET /{post-id}` with its reactions', comments' and shares' totals), one request a part,
 * with the token the sender uses (`<network>/access-token`) on `platforms.<network>.service` or
 * Meta's API. Followers: Threads' `threads_insights` and `GET /me`, the IG User's and the Page's
 * `followers_count`, for the account of `threads/user-id`, `instagram/user-id`,
 * `facebook/page-id`. Throttling (a Graph code, as a 400) stops the network for this run.
 */
export function graphReader(network: GraphNetwork, settings: PlatformSettings, ports: ReaderPorts): MetricsReader {
  const spec = SPECS[network];
  const base = (settings.service ?? spec.api).replace(/\/+$/, '');
  const ask = (token: string, path: string, query: Readonly<Record<string, string>>) => get(ports.http, `${base}${path}?${new URLSearchParams(query).toString()}`, { authorization: `Bearer ${token}` });
  return {
    network,
    async read(ids) {
      const token = await ports.secrets.get(network, 'access-token');
      if (!token) return refusing(network, `no ${spec.name} access token (EDCAL_${network.toUpperCase()}_ACCESS_TOKEN)`).read(ids);
      const empty = network === 'facebook' ? 'not a post' : 'no insights for it yet (Meta counts them up to 48 hours late)';
      return readEach(ids, (id) => ask(token, `/${encodeURIComponent(id)}${spec.edge}`, spec.query), (a) => spec.reading(a) ?? { failure: 'refused', detail: empty }, graphFailure);
    },
    async followers() {
      const token = await ports.secrets.get(network, 'access-token');
      const id = await ports.secrets.get(network, spec.idName);
      if (!token || !id) return undefined;
      const answer = bodyOf(await ask(token, `/${encodeURIComponent(id)}${spec.followersEdge}`, spec.followersQuery), graphFailure);
      if ('failure' in answer) return answer;
      // Threads' insights name no account: its username is the profile's.
      const me = network === 'threads' ? bodyOf(await ask(token, '/me', { fields: 'id,username' }), graphFailure) : undefined;
      if (me && 'failure' in me) return me;
      return graphFollowers(network, answer.body, me?.body) ?? { failure: 'refused', detail: 'no followers in the answer' };
    },
  };
}

/**
 * A Graph API error answer as a failure: throttling (codes 4, 17, 32, 613, 80001…, answered
 * 400, or a 429) is `rate-limited`; code 100 with subcode 33, "Object with ID … does not exist",
 * is `not-found` (Meta says the same of a post deleted and of one the token may not see: either
 * way, gone from here); the rest `refused`, in Meta's words.
 */
function graphFailure(response: HttpResponse): ReadFailure | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const error = graphError(response);
  if (!error) return failureOf(response);
  const detail = graphMessage(response);
  if (response.status === 429 || isThrottling(error)) return { failure: 'rate-limited', detail };
  if (response.status === 404 || (error.code === 100 && (error.error_subcode === 33 || /does not exist/i.test(error.message ?? '')))) return { failure: 'not-found', detail };
  return { failure: 'refused', detail };
}
