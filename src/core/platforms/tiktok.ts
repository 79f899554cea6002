import { measureGraphemes } from './counting';
import { commonHashtags, commonMentions, shortLink } from './entities';
import type { PlatformRules } from './types';

/** TikTok: a caption holds 4,000 characters; every post is a video (or a photo carousel of up to 35). */
export const tiktok: PlatformRules = {
  id: 'tiktok',
  name: 'TikTok',
  measure: (text) => measureGraphemes(text, 4000),
  hashtags: commonHashtags,
  links: () => [],
  threads: false,
  media: { max: 35, required: true },
  display: {
    mentions: commonMentions,
    linkText: (url) => shortLink(url, 60),
    linksClickable: false,
    // Assumed: captions fold after about 100 characters or 2 lines; links are plain text.
    fold: { chars: 100, lines: 2 },
  },
};
