import { COUNTS, type AccountSnapshot, type Counts, type MetricSnapshot, type PollResult } from '../metrics/snapshot';
import type { PlatformId } from '../model';

/** What people did with a post: every count but views (seeing is not interacting). */
export function interactions(counts: Counts): number {
  let n = 0;
  for (const name of COUNTS) if (name !== 'views') n += counts[name] ?? 0;
  return n;
}

/** The latest reading of one post on one network, its parts added up. */
export interface Measured {
  readonly interactions: number;
  /** Views, when the network counts them. */
  readonly views?: number;
  readonly poll?: PollResult;
  /** When the latest part reading was taken, ISO 8601. */
  readonly at: string;
}

/**
 * The latest snapshot of every part, added up per post and network (`file\u0000network`): counts
 * only grow, so the newest reading is what the post reached. Snapshots are appended in time
 * order, but a file merged from two branches may not be: the latest `at` wins.
 */
export function latestByPost(snapshots: readonly MetricSnapshot[]): Map<string, Measured> {
  const parts = new Map<string, MetricSnapshot>();
  for (const s of snapshots) {
    const key = `${s.file}\u0000${s.network}\u0000${s.part}`;
    const known = parts.get(key);
    if (!known || known.at <= s.at) parts.set(key, s);
  }
  const out = new Map<string, { interactions: number; views?: number; poll?: PollResult; at: string }>();
  for (const s of parts.values()) {
    const key = `${s.file}\u0000${s.network}`;
    const m = out.get(key) ?? { interactions: 0, at: s.at };
    m.interactions += interactions(s.counts);
    if (s.counts.views !== undefined) m.views = (m.views ?? 0) + s.counts.views;
    if (s.poll) m.poll = s.poll;
    if (s.at > m.at) m.at = s.at;
    out.set(key, m);
  }
  return out;
}

/**
 * Followers of each network's account at a time: the last reading at or before it, else the
 * first after (a calendar that started fetching metrics late still gets rates).
 */
export class FollowersAt {
  private readonly byNetwork = new Map<PlatformId, Array<{ time: number; followers: number }>>();

  constructor(accounts: readonly AccountSnapshot[]) {
    for (const a of accounts) {
      const list = this.byNetwork.get(a.network) ?? [];
      list.push({ time: Date.parse(a.at), followers: a.followers });
      this.byNetwork.set(a.network, list);
    }
    for (const list of this.byNetwork.values()) list.sort((a, b) => a.time - b.time);
  }

  at(network: PlatformId, time: number): number | undefined {
    const list = this.byNetwork.get(network);
    if (!list || list.length === 0) return undefined;
    // The last reading at or before `time` (binary search), else the first.
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.time <= time) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return list[found >= 0 ? found : 0]!.followers;
  }
}
