import { measureGraphemes } from './counting';
import { commonHashtags, commonMentions, shortLink } from './entities';
import type { PlatformRules } from './types';

/**
 * Instagram: a caption holds 2,200 characters and, since December 2025, at most 5 hashtags.
 * Every post needs an image or video; a carousel holds up to 20. Links in captions are not clickable.
 */
export const instagram: PlatformRules = {
  id: 'instagram',
  name: 'Instagram',
  measure: (text) => measureGraphemes(text, 2200),
  hashtags: commonHashtags,
  links: () => [],
  threads: false,
  media: { max: 20, required: true },
  hashtagCap: { max: 5, severity: 'error', message: 'hashtag.too-many' },
  display: {
    mentions: commonMentions,
    linkText: (url) => shortLink(url, 60),
    linksClickable: false,
    // Instagram folds captions after about 125 characters or 3 lines ("… more"); links are plain text.
    fold: { chars: 125, lines: 3 },
  },
};
