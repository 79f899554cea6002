import type { PlatformId } from '../model';
import { bluesky } from './bluesky';
import { facebook } from './facebook';
import { instagram } from './instagram';
import { linkedin } from './linkedin';
import { mastodon } from './mastodon';
import { pinterest } from './pinterest';
import { threads } from './threads';
import { tiktok } from './tiktok';
import type { PlatformRules } from './types';
import { webhook } from './webhook';
import { x } from './x';
import { youtube } from './youtube';

/** The one table of network rules. */
export const PLATFORMS: Readonly<Record<PlatformId, PlatformRules>> = {
  x,
  bluesky,
  mastodon,
  threads,
  linkedin,
  instagram,
  facebook,
  youtube,
  tiktok,
  pinterest,
  webhook,
};
