import { PLATFORM_IDS, type PlatformId } from '../model';
import { closest } from '../text/suggest';

// The networks' names without their rules (registry.ts): reading settings and frontmatter needs
// only these, and the rules bring twitter-text, whose start-up a run answered from the cache skips.

/** Other names people write for a network. */
const ALIASES: Readonly<Record<string, PlatformId>> = {
  twitter: 'x',
  tw: 'x',
  bsky: 'bluesky',
  masto: 'mastodon',
  fediverse: 'mastodon',
  ig: 'instagram',
  insta: 'instagram',
  fb: 'facebook',
  meta: 'facebook',
  li: 'linkedin',
  yt: 'youtube',
  tt: 'tiktok',
  // A webhook is how this tool posts to Slack and Discord.
  slack: 'webhook',
  discord: 'webhook',
  hook: 'webhook',
};

export function isPlatformId(id: string): id is PlatformId {
  return (PLATFORM_IDS as readonly string[]).includes(id);
}

/** The network id a misspelt or alias id most likely means, if any. */
export function suggestPlatform(id: string): PlatformId | undefined {
  const lower = id.toLowerCase();
  if (isPlatformId(lower)) return lower;
  if (ALIASES[lower]) return ALIASES[lower];
  // Typos of ids and of aliases alike (`twiter` → twitter → x).
  const near = closest(lower, [...PLATFORM_IDS, ...Object.keys(ALIASES)]);
  return near === undefined ? undefined : isPlatformId(near) ? near : ALIASES[near];
}
