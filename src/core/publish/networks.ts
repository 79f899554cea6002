import type { PlatformId } from '../model';

/** The networks this tool publishes to today; the others are said to be not published yet. */
export const PUBLISHED_NETWORKS: readonly PlatformId[] = ['bluesky', 'mastodon', 'x', 'linkedin'];
