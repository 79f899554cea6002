import { linkedinFollowers, linkedinShareReadings, linkedinSocialReading } from '../../core/metrics/linkedinReadings';
import type { Reading } from '../../core/metrics/snapshot';
import type { PlatformSettings } from '../../core/platforms/types';
import { LINKEDIN_API, LINKEDIN_VERSION } from '../publish/linkedin';
import { bodyOf, get, mustStop, readEach, refusing } from './answers';
import type { MetricsReader, ReaderPorts, ReadFailure } from './readers';

const ORGANIZATION = /^urn:li:organization:[^\s:]+$/;
/** Posts asked per share statistics call: the docs give no maximum, 20 keeps the URL short. */
const STATISTICS_MAX = 20;
/** The statistics' parameter for each kind of post URN the Posts API gives. */
const KINDS = [
  ['shares', 'urn:li:share:'],
  ['ugcPosts', 'urn:li:ugcPost:'],
] as const;

/**
 * LinkedIn, with the sender's token (`linkedin/access-token`) and versioned headers. A post of an
 * organisation (`platforms.linkedin.account.handle` a `urn:li:organization:…`) is read from its
 * share statistics, 20 a call (impressions, reactions, comments, reposts); a member's post, and
 * an organisation's the statistics leave out (they keep 12 months), from its social actions
 * (`GET /rest/socialActions/{urn}`: reactions and comments; 404, the post deleted). An
 * organisation's followers are its `networkSizes`; a member's have no endpoint open to this tool.
 */
export function linkedinReader(settings: PlatformSettings, ports: ReaderPorts): MetricsReader {
  const base = (settings.service ?? LINKEDIN_API).replace(/\/+$/, '');
  const handle = settings.account?.handle;
  const organization = handle !== undefined && ORGANIZATION.test(handle) ? handle : undefined;
  const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0' });
  const social = (token: string, ids: readonly string[]) =>
    readEach(ids, (id) => get(ports.http, `${base}/rest/socialActions/${encodeURIComponent(id)}`, headers(token)), (a) => linkedinSocialReading(a) ?? { failure: 'refused', detail: 'no social actions in the answer' });

  return {
    network: 'linkedin',
    async read(ids) {
      const token = await ports.secrets.get('linkedin', 'access-token');
      if (!token) return refusing('linkedin', 'no LinkedIn access token (EDCAL_LINKEDIN_ACCESS_TOKEN)').read(ids);
      if (!organization) return social(token, ids);
      const out = new Map<string, Reading | ReadFailure>();
      const left: string[] = ids.filter((id) => !KINDS.some(([, prefix]) => id.startsWith(prefix)));
      for (const [param, prefix] of KINDS) {
        const mine = ids.filter((id) => id.startsWith(prefix));
        for (let i = 0; i < mine.length; i += STATISTICS_MAX) {
          const batch = mine.slice(i, i + STATISTICS_MAX);
          const url = `${base}/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encodeURIComponent(organization)}&${param}=List(${batch.map(encodeURIComponent).join(',')})`;
          const answer = bodyOf(await get(ports.http, url, headers(token)));
          if ('failure' in answer) {
            for (const id of batch) out.set(id, answer);
            // The rest, not asked, waits for the next run.
            if (mustStop(answer)) return out;
            continue;
          }
          const readings = linkedinShareReadings(answer.body);
          for (const id of batch) {
            const reading = readings.get(id);
            if (reading) out.set(id, reading);
            else left.push(id);
          }
        }
      }
      // Left out of the statistics (older than their 12 months, or deleted): the social actions say which.
      for (const [id, r] of await social(token, left)) out.set(id, r);
      return out;
    },
    async followers() {
      const token = await ports.secrets.get('linkedin', 'access-token');
      if (!token || !organization) return undefined;
      const answer = bodyOf(await get(ports.http, `${base}/rest/networkSizes/${encodeURIComponent(organization)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`, headers(token)));
      if ('failure' in answer) return answer;
      const followers = linkedinFollowers(answer.body);
      return followers === undefined ? { failure: 'refused', detail: 'no followers in the answer' } : { account: organization, followers };
    },
  };
}
