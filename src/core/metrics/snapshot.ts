import { PLATFORM_IDS, type PlatformId } from '../model';

/** What a network may count on a published part; a count is absent when its API does not give it. */
export const COUNTS = ['views', 'likes', 'reposts', 'replies', 'quotes', 'saves', 'shares'] as const;
export type CountName = (typeof COUNTS)[number];
export type Counts = Readonly<Partial<Record<CountName, number>>>;

/** A poll's results when read: votes per option, in order. */
export interface PollResult {
  readonly options: ReadonlyArray<{ readonly title: string; readonly votes: number }>;
  /** People who voted (several votes each on a multiple-choice poll), when the network says. */
  readonly voters?: number;
  readonly closed: boolean;
}

/** What a network said of one part: its counts, and its poll's results if it has one. */
export interface Reading {
  readonly counts: Counts;
  readonly poll?: PollResult;
}

/**
 * One reading of a published part, one line of `metrics/YYYY-MM.jsonl`: the files are only ever
 * appended to, so the history of a post's reach stays in git, and the posts' own diffs stay clean.
 */
export interface MetricSnapshot extends Reading {
  /** When it was read, ISO 8601 in UTC. */
  readonly at: string;
  /** The post, calendar-relative, with `/`. */
  readonly file: string;
  readonly network: PlatformId;
  /** The part's place in its thread, from 1. */
  readonly part: number;
  /** The network's id of the part (as in the post's `results`). */
  readonly id: string;
}

/**
 * An account's followers when read, one line of the same files (it has `account`, not `file`):
 * what an engagement rate is measured against.
 */
export interface AccountSnapshot {
  readonly at: string;
  readonly network: PlatformId;
  /** The account as the network names it (`@nova@mastodon.social`, `nova.bsky.social`, `nova_app`). */
  readonly account: string;
  readonly followers: number;
}

/** An account snapshot as one JSON line. */
export function accountLine(a: AccountSnapshot): string {
  return JSON.stringify({ at: a.at, network: a.network, account: a.account, followers: a.followers });
}

/**
 * The snapshot as one JSON line (no line break), its keys in one order, counts in `COUNTS` order.
 *
 * @example snapshotLine({ at: '2026-12-02T10:00:00.000Z', file: 'posts/a.md', network: 'mastodon', part: 1, id: '1', counts: { likes: 3 } })
 */
export function snapshotLine(s: MetricSnapshot): string {
  const counts: Record<string, number> = {};
  for (const name of COUNTS) if (s.counts[name] !== undefined) counts[name] = s.counts[name]!;
  const poll = s.poll && { options: s.poll.options.map((o) => ({ title: o.title, votes: o.votes })), ...(s.poll.voters !== undefined ? { voters: s.poll.voters } : {}), closed: s.poll.closed };
  return JSON.stringify({ at: s.at, file: s.file, network: s.network, part: s.part, id: s.id, counts, ...(poll ? { poll } : {}) });
}

/** The UTC month's file a snapshot taken at `time` (epoch ms) goes to: `metrics/2026-12.jsonl`. */
export function metricsFile(time: number): string {
  return `metrics/${new Date(time).toISOString().slice(0, 7)}.jsonl`;
}

/** A line that is not a snapshot: where, and why (for a message). */
export interface SnapshotProblem {
  /** From 1. */
  readonly line: number;
  readonly reason: string;
}

/**
 * The snapshots of a metrics file, in order. A line that is not one (edited by hand, cut by a
 * crash mid-write) is reported and skipped: the others still count. Blank lines are nothing.
 */
export function readSnapshots(text: string): { snapshots: MetricSnapshot[]; accounts: AccountSnapshot[]; problems: SnapshotProblem[] } {
  const snapshots: MetricSnapshot[] = [];
  const accounts: AccountSnapshot[] = [];
  const problems: SnapshotProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line: i + 1, reason: 'not JSON' });
      return;
    }
    if (value && typeof value === 'object' && 'account' in value && !('file' in value)) {
      const reason = whyNotAccount(value as Record<string, unknown>);
      if (reason) problems.push({ line: i + 1, reason });
      else {
        const a = value as AccountSnapshot;
        accounts.push({ at: a.at, network: a.network, account: a.account, followers: a.followers });
      }
      return;
    }
    const reason = whyNotSnapshot(value);
    if (reason) problems.push({ line: i + 1, reason });
    else snapshots.push(normalised(value as MetricSnapshot));
  });
  return { snapshots, accounts, problems };
}

const isCount = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;

function whyNotSnapshot(v: unknown): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not an object';
  const s = v as Record<string, unknown>;
  if (typeof s['at'] !== 'string' || Number.isNaN(Date.parse(s['at']))) return '"at" is not a time';
  if (typeof s['file'] !== 'string' || s['file'] === '') return '"file" is missing';
  if (typeof s['network'] !== 'string' || !(PLATFORM_IDS as readonly string[]).includes(s['network'])) return '"network" is not a network';
  if (!Number.isInteger(s['part']) || (s['part'] as number) < 1) return '"part" is not a part number';
  if (typeof s['id'] !== 'string' || s['id'] === '') return '"id" is missing';
  const counts = s['counts'];
  if (!counts || typeof counts !== 'object' || Array.isArray(counts)) return '"counts" is not an object';
  for (const [name, n] of Object.entries(counts)) {
    if (!(COUNTS as readonly string[]).includes(name)) return `"counts.${name}" is not a count`;
    if (!isCount(n)) return `"counts.${name}" is not a count`;
  }
  const poll = s['poll'];
  if (poll !== undefined) {
    const p = poll as Record<string, unknown>;
    if (!p || typeof p !== 'object' || !Array.isArray(p['options']) || typeof p['closed'] !== 'boolean') return '"poll" is not a poll';
    if (!(p['options'] as unknown[]).every((o) => o && typeof (o as Record<string, unknown>)['title'] === 'string' && isCount((o as Record<string, unknown>)['votes']))) return '"poll.options" are not options';
    if (p['voters'] !== undefined && !isCount(p['voters'])) return '"poll.voters" is not a count';
  }
  return undefined;
}

function whyNotAccount(a: Record<string, unknown>): string | undefined {
  if (typeof a['at'] !== 'string' || Number.isNaN(Date.parse(a['at']))) return '"at" is not a time';
  if (typeof a['network'] !== 'string' || !(PLATFORM_IDS as readonly string[]).includes(a['network'])) return '"network" is not a network';
  if (typeof a['account'] !== 'string' || a['account'] === '') return '"account" is missing';
  if (!isCount(a['followers'])) return '"followers" is not a count';
  return undefined;
}

/** Only the fields a snapshot has (a line may carry more: they are not kept). */
function normalised(s: MetricSnapshot): MetricSnapshot {
  const counts: Partial<Record<CountName, number>> = {};
  for (const name of COUNTS) if (s.counts[name] !== undefined) counts[name] = s.counts[name]!;
  const poll = s.poll && { options: s.poll.options.map((o) => ({ title: o.title, votes: o.votes })), ...(s.poll.voters !== undefined ? { voters: s.poll.voters } : {}), closed: s.poll.closed };
  return { at: s.at, file: s.file, network: s.network, part: s.part, id: s.id, counts, ...(poll ? { poll } : {}) };
}
