import type { CalendarConfig } from '../config';
import type { LintResult } from '../lint';
import type { PlatformId, PublishResult } from '../model';
import { PUBLISHED_NETWORKS } from './networks';

/** Why a post is not sent at all, or `ready`. */
export type PostGate =
  | { readonly kind: 'ready' }
  /** Only `approved` and `scheduled` posts go out; `now` when its time has come (and not passed). */
  | { readonly kind: 'not-approved'; readonly status?: string; readonly now: boolean }
  /** Its approvals no longer cover what would be sent (`approval.stale`). */
  | { readonly kind: 'stale-approval' }
  /** Error-level findings block it (`count` of them). */
  | { readonly kind: 'errors'; readonly count: number }
  /** No date, or a day without a time: when to send it is not decided. */
  | { readonly kind: 'no-time' }
  /** Its time has not come (`--due` only: a post named on the command line goes out now). */
  | { readonly kind: 'early'; readonly at: number }
  /** More than its window late: never sent. `until` is when the window closed. */
  | { readonly kind: 'missed'; readonly until: number }
  /** Every network already has its outcome. */
  | { readonly kind: 'done' };

/** What to do for one network of a post that is ready. */
export type NetworkStep =
  | { readonly kind: 'send'; readonly result?: PublishResult }
  /** Published, or missed: nothing more to do. */
  | { readonly kind: 'done'; readonly result: PublishResult }
  /** A run stopped mid-call on a network that cannot take a repeat: a person must look. */
  | { readonly kind: 'unknown'; readonly result: PublishResult }
  /** The network said to wait (a rate limit) until `until`: not tried before then. */
  | { readonly kind: 'wait'; readonly result: PublishResult; readonly until: number }
  /** YouTube, TikTok, Pinterest…: not published by this tool yet. */
  | { readonly kind: 'not-supported' };

/**
 * Whether a checked post may be published at `now`. With `due`, only once its time has come;
 * always, only within its window (`notAfter:`, else the date plus `publishWindow`), only when
 * approved or scheduled with no error-level finding, and only while a network is left to do.
 *
 * @example postGate(result, Date.parse('2026-12-01T09:31+01:00'), config, { due: true }) // { kind: 'ready' }
 */
export function postGate(result: LintResult, now: number, config: CalendarConfig, options: { readonly due: boolean }): PostGate {
  const { meta } = result.post;
  const networks = meta.platforms.filter((p) => PUBLISHED_NETWORKS.includes(p));
  // A post marked published by hand (before this tool, or elsewhere) is done too.
  if (meta.status === 'published' || (networks.length > 0 && networks.every((p) => networkStep(meta.results[p], p, true).kind === 'done'))) return { kind: 'done' };
  const timed = meta.date !== undefined && !meta.dateOnly;
  const until = timed ? meta.notAfter ?? meta.date! + config.publishWindow : undefined;
  if (meta.status !== 'approved' && meta.status !== 'scheduled') {
    return { kind: 'not-approved', ...(meta.status ? { status: meta.status } : {}), now: timed && now >= meta.date! && now <= until! };
  }
  if (!timed) return { kind: 'no-time' };
  if (options.due && now < meta.date!) return { kind: 'early', at: meta.date! };
  // Missed before errors: a post past its window is recorded once, not reported on every run.
  if (now > until!) return { kind: 'missed', until: until! };
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) return { kind: 'errors', count: errors };
  // An approval of another text is no approval: the post waits for one of this text.
  if (result.diagnostics.some((d) => d.code === 'approval.stale')) return { kind: 'stale-approval' };
  return { kind: 'ready' };
}

/** The step for one network, from what its `results` entry says (at `now`, for a wait asked for). */
export function networkStep(result: PublishResult | undefined, network: PlatformId, idempotent: boolean, now = Number.NEGATIVE_INFINITY): NetworkStep {
  if (!PUBLISHED_NETWORKS.includes(network)) return { kind: 'not-supported' };
  if (!result) return { kind: 'send' };
  if (result.state === 'published' || result.state === 'missed') return { kind: 'done', result };
  // An entry written by hand (an id and no state) is a post made elsewhere: leave it.
  if (result.state === undefined && result.id !== undefined) return { kind: 'done', result };
  if (result.state === 'sending' && !idempotent) return { kind: 'unknown', result };
  const until = result.state === 'failed' && result.retryAfter !== undefined ? Date.parse(result.retryAfter) : Number.NaN;
  if (until > now) return { kind: 'wait', result, until };
  return { kind: 'send', result };
}
