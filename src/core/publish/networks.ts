import type { PlatformId } from '../model';

/** The networks this tool publishes to today; the others are said to be not published yet. */
export const PUBLISHED_NETWORKS: readonly PlatformId[] = ['bluesky', 'mastodon', 'x', 'linkedin', 'threads', 'instagram', 'facebook', 'webhook'];

/**
 * Networks where a call sent again after a crash cannot post twice (Bluesky's record keys,
 * Mastodon's Idempotency-Key): a run stopped mid-call there is simply run again. Each sender's
 * `idempotent` says the same (a test holds them together). Meta's Graph API (Threads, Instagram,
 * Facebook) has no idempotency key: not here.
 */
export const REPEATABLE_NETWORKS: readonly PlatformId[] = ['bluesky', 'mastodon'];
