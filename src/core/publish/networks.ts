import type { PlatformId } from '../model';

/** The networks this tool publishes to today; the others are said to be not published yet. */
export const PUBLISHED_NETWORKS: readonly PlatformId[] = ['bluesky', 'mastodon', 'x', 'linkedin', 'webhook'];

/**
 * Networks where a call sent again after a crash cannot post twice (Bluesky's record keys,
 * Mastodon's Idempotency-Key): a run stopped mid-call there is simply run again. Each sender's
 * `idempotent` says the same (a test holds them together).
 */
export const REPEATABLE_NETWORKS: readonly PlatformId[] = ['bluesky', 'mastodon'];
