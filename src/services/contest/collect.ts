import type { CalendarConfig } from '../../core/config';
import type { EntryWindow } from '../../core/contest/entrantsFrom';
import { publishedParts } from '../../core/metrics/publishedPart';
import type { ContestEntry, PlatformId } from '../../core/model';
import type { Http, Secrets } from '../../core/ports';
import type { ParsedPost } from '../../core/post';
import { BLUESKY_APPVIEW } from '../metrics/readers';
import { X_API } from '../publish/x';
import { blueskyEntrants } from './bluesky';
import { mastodonEntrants } from './mastodon';
import { passes, ReadError, type NetworkEntrants, type ReadContext, type ReadFailure } from './read';
import { xEntrants } from './x';

/** The networks whose APIs give a post's entrants. */
export const ENTRANT_NETWORKS: readonly PlatformId[] = ['mastodon', 'bluesky', 'x'];

export interface CollectPorts {
  /** With retries (`retrying`): 429s are waited for when the network says how long (up to its limit). */
  readonly http: Http;
  /** The tokens the readers use: `mastodon/access-token`, `x/access-token`. */
  readonly secrets: Secrets;
  readonly now: () => number;
  /** Told after each page read: the network, and its entrants read so far. */
  readonly onProgress?: (network: PlatformId, read: number) => void;
}

/** What reading the networks gave: every list whole, or the network that stopped the draw. */
export type Collection =
  | {
      readonly kind: 'read';
      readonly networks: readonly NetworkEntrants[];
      /** Networks not read for a reason that lasts, which the CSV given stands for. */
      readonly skipped: ReadonlyArray<{ readonly network: PlatformId; readonly failure: ReadFailure }>;
      /** Networks the post went out on whose API gives no entrants (LinkedIn, Threads…). */
      readonly unread: readonly PlatformId[];
    }
  | { readonly kind: 'refused'; readonly network: PlatformId; readonly failure: ReadFailure };

/**
 * Reads the entrants of `post`'s contest from each network it went out on, as its
 * `contest.entry` says: entries are made on each network's first part (`results.<network>`),
 * between its publication (`results.<network>.at`, else the post's date) and `contest.ends`. One
 * network after the other, each list whole: a network that fails stops the draw (never drawn
 * from part of the list), unless the failure lasts (no token, a plan refusal, a list the API
 * cuts short) and `covered` (the networks the CSV given has entrants for) names it.
 */
export async function collectEntrants(post: ParsedPost, file: string, config: CalendarConfig, ports: CollectPorts, covered: ReadonlySet<PlatformId>): Promise<Collection> {
  const contest = post.meta.contest!;
  const entry = contest.entry!;
  const parts = publishedParts(file, post);
  const networks: NetworkEntrants[] = [];
  const skipped: Array<{ network: PlatformId; failure: ReadFailure }> = [];
  for (const network of ENTRANT_NETWORKS) {
    const mine = parts.filter((p) => p.network === network);
    const first = mine.find((p) => p.part === 1);
    if (!first) continue;
    let read = 0;
    const ctx: ReadContext = {
      http: ports.http,
      now: ports.now,
      onPage: (count) => {
        read = count;
        ports.onProgress?.(network, count);
      },
    };
    const from = first.at ?? post.meta.date;
    const window: EntryWindow = { ends: contest.ends!, ...(from !== undefined ? { from } : {}) };
    const common = { own: new Set(mine.map((p) => p.id)), entry, window, ...(contest.hashtag !== undefined ? { hashtag: contest.hashtag } : {}) };
    try {
      networks.push(await readNetwork(network, first.id, common, config, ports.secrets, ctx));
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      const failure: ReadFailure = { reason: error.reason, detail: error.detail, read, ...(error.answer.retryAt !== undefined ? { retryAt: error.answer.retryAt } : {}) };
      if (passes(error.reason) || !covered.has(network)) return { kind: 'refused', network, failure };
      skipped.push({ network, failure });
    }
  }
  const unread = [...new Set(parts.map((p) => p.network))].filter((n) => !ENTRANT_NETWORKS.includes(n));
  return { kind: 'read', networks, skipped, unread };
}

interface Common {
  readonly own: ReadonlySet<string>;
  readonly entry: ContestEntry;
  readonly window: EntryWindow;
  readonly hashtag?: string;
}

async function readNetwork(network: PlatformId, id: string, common: Common, config: CalendarConfig, secrets: Secrets, ctx: ReadContext): Promise<NetworkEntrants> {
  const settings = config.platforms[network] ?? {};
  if (network === 'mastodon') {
    if (!settings.instance) throw new ReadError('no-instance', 'platforms.mastodon.instance');
    const token = await secrets.get('mastodon', 'access-token');
    return mastodonEntrants(ctx, { instance: settings.instance, id, ...common, ...(token ? { token } : {}) });
  }
  if (network === 'bluesky') return blueskyEntrants(ctx, { appview: settings.appview ?? BLUESKY_APPVIEW, uri: id, ...common });
  const token = await secrets.get('x', 'access-token');
  if (!token) throw new ReadError('no-token', 'x/access-token');
  return xEntrants(ctx, { api: settings.service ?? X_API, token, id, ...common });
}
