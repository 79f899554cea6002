import { count, counts } from './readings';
import type { Reading } from './snapshot';

/**
 * A post's social actions (`GET /rest/socialActions/{urn}`) as a reading:
 * `likesSummary.totalLikes` (every reaction) as likes, `commentsSummary.aggregatedTotalComments`
 * (comments and their replies) as replies. Undefined when the answer has neither summary.
 *
 * @example linkedinSocialReading({ likesSummary: { totalLikes: 12 }, commentsSummary: { aggregatedTotalComments: 3 } }) // { counts: { likes: 12, replies: 3 } }
 */
export function linkedinSocialReading(answer: unknown): Reading | undefined {
  const a = answer as { likesSummary?: Record<string, unknown>; commentsSummary?: Record<string, unknown> } | null;
  if (!a || typeof a !== 'object' || (a.likesSummary === undefined && a.commentsSummary === undefined)) return undefined;
  return { counts: counts({ likes: count(a.likesSummary?.['totalLikes']), replies: count(a.commentsSummary?.['aggregatedTotalComments']) }) };
}

/**
 * An organisation's share statistics
 * (`GET /rest/organizationalEntityShareStatistics?q=organizationalEntity&shares=List(…)`,
 * `{ elements: [{ share | ugcPost, totalShareStatistics }] }`) as readings by post URN:
 * `impressionCount` as views, `likeCount` as likes, `commentCount` as replies, `shareCount` as
 * reposts (a LinkedIn share is a repost to one's feed). Posts the answer leaves out are not in it.
 */
export function linkedinShareReadings(answer: unknown): Map<string, Reading> {
  const out = new Map<string, Reading>();
  const elements = (answer as { elements?: unknown } | null)?.elements;
  if (!Array.isArray(elements)) return out;
  for (const e of elements as Array<Record<string, unknown>>) {
    const urn = typeof e?.['share'] === 'string' ? e['share'] : typeof e?.['ugcPost'] === 'string' ? e['ugcPost'] : undefined;
    const s = e?.['totalShareStatistics'] as Record<string, unknown> | undefined;
    if (urn === undefined || !s || typeof s !== 'object') continue;
    out.set(urn, { counts: counts({ views: count(s['impressionCount']), likes: count(s['likeCount']), replies: count(s['commentCount']), reposts: count(s['shareCount']) }) });
  }
  return out;
}

/** An organisation's followers, `firstDegreeSize` of `GET /rest/networkSizes/{urn}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`. */
export function linkedinFollowers(answer: unknown): number | undefined {
  return count((answer as Record<string, unknown> | null)?.['firstDegreeSize']);
}
