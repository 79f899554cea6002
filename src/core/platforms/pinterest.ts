import { measureGraphemes } from './counting';
import { commonHashtags, commonMentions, shortLink, twitterTextLinks } from './entities';
import type { PlatformRules } from './types';

/** Pinterest: a Pin's description holds 500 characters and its title 100; a Pin needs an image. */
export const pinterest: PlatformRules = {
  id: 'pinterest',
  name: 'Pinterest',
  measure: (text) => measureGraphemes(text, 500),
  hashtags: commonHashtags,
  links: (text) => twitterTextLinks(text),
  threads: false,
  media: { max: 5, required: true },
  titleLimit: 100,
  display: {
    mentions: commonMentions,
    linkText: (url) => shortLink(url, 60),
    linksClickable: true,
    // Assumed: descriptions fold after about 100 characters or 2 lines.
    fold: { chars: 100, lines: 2 },
  },
};
