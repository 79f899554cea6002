import type { CalendarConfig } from '../../core/config';
import type { AccountSnapshot, MetricSnapshot } from '../../core/metrics/snapshot';
import type { PlatformId } from '../../core/model';
import type { PublishedPart } from '../../core/metrics/publishedPart';
import { metricsReader, type ReaderPorts, type ReadFailure } from './readers';

/** A part whose counts could not be read this time. */
export interface MetricsFailure extends ReadFailure {
  readonly file: string;
  readonly network: PlatformId;
  readonly part: number;
}

/** An account whose followers could not be read. */
export interface AccountFailure extends ReadFailure {
  readonly network: PlatformId;
}

/**
 * Reads the counts of every part given, network by network: a snapshot per part read, a failure
 * per part not read (one network failing never loses what the others returned), then each
 * network's account followers where it can be asked. Parts on
 * networks whose counts are not read yet are left out, said in `unsupported`.
 */
export async function fetchMetrics(
  parts: readonly PublishedPart[],
  config: CalendarConfig,
  ports: ReaderPorts & { readonly now: () => number },
): Promise<{ snapshots: MetricSnapshot[]; accounts: AccountSnapshot[]; failures: MetricsFailure[]; accountFailures: AccountFailure[]; unsupported: PlatformId[] }> {
  const snapshots: MetricSnapshot[] = [];
  const accounts: AccountSnapshot[] = [];
  const accountFailures: AccountFailure[] = [];
  const failures: MetricsFailure[] = [];
  const unsupported = new Set<PlatformId>();
  const byNetwork = new Map<PlatformId, PublishedPart[]>();
  for (const p of parts) byNetwork.set(p.network, [...(byNetwork.get(p.network) ?? []), p]);
  for (const [network, list] of byNetwork) {
    const reader = metricsReader(network, config, ports);
    if (!reader) {
      unsupported.add(network);
      continue;
    }
    let readings: Awaited<ReturnType<typeof reader.read>>;
    try {
      readings = await reader.read([...new Set(list.map((p) => p.id))]);
    } catch (error) {
      readings = new Map(list.map((p) => [p.id, { failure: 'refused', detail: (error as Error).message }]));
    }
    const at = new Date(ports.now()).toISOString();
    let limited = false;
    for (const p of list) {
      const r = readings.get(p.id) ?? { failure: 'rate-limited', detail: 'left for the next run' };
      if ('failure' in r) failures.push({ file: p.file, network, part: p.part, failure: r.failure, detail: r.detail });
      else snapshots.push({ at, file: p.file, network, part: p.part, id: p.id, counts: r.counts, ...(r.poll ? { poll: r.poll } : {}) });
      limited ||= 'failure' in r && (r.failure === 'rate-limited' || r.failure === 'no-answer');
    }
    // The account's followers, for engagement rates; not asked of a network that just said to wait.
    if (limited) continue;
    const followers = await reader.followers().catch((error: Error) => ({ failure: 'refused' as const, detail: error.message }));
    if (followers && 'failure' in followers) accountFailures.push({ network, failure: followers.failure, detail: followers.detail });
    else if (followers) accounts.push({ at, network, account: followers.account, followers: followers.followers });
  }
  return { snapshots, accounts, failures, accountFailures, unsupported: [...unsupported] };
}
