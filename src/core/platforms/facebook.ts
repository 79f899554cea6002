import { measureGraphemes } from './counting';
import { commonHashtags, shortLink, twitterTextLinks } from './entities';
import type { PlatformRules } from './types';

/** Facebook: a Page post holds 63,206 characters. */
export const facebook: PlatformRules = {
  id: 'facebook',
  name: 'Facebook',
  measure: (text) => measureGraphemes(text, 63_206),
  hashtags: commonHashtags,
  links: (text) => twitterTextLinks(text),
  threads: false,
  media: { required: false },
  display: {
    // Page posts link a mention only when tagged by id (`@[page-id]`); a plain `@name` stays text.
    mentions: () => [],
    linkText: (url) => shortLink(url, 60),
    linksClickable: true,
    // Assumed: Facebook folds after about 480 characters or 5 lines ("See more").
    fold: { chars: 480, lines: 5 },
  },
};
