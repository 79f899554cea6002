import { measureGraphemes } from './counting';
import { commonHashtags, shortLink, twitterTextLinks } from './entities';
import type { PlatformRules } from './types';

/** LinkedIn: a post's commentary holds 3,000 characters (counted as grapheme clusters). */
export const linkedin: PlatformRules = {
  id: 'linkedin',
  name: 'LinkedIn',
  measure: (text) => measureGraphemes(text, 3000),
  hashtags: commonHashtags,
  links: (text) => twitterTextLinks(text),
  threads: false,
  // Posts API poll: a question of 140 characters, 2–4 options of 30, open one, three, seven or fourteen days.
  polls: { minOptions: 2, maxOptions: 4, maxOptionLength: 30, minDuration: 86_400_000, maxDuration: 14 * 86_400_000, durations: [1, 3, 7, 14].map((d) => d * 86_400_000), maxQuestionLength: 140 },
  media: { max: 20, required: false },
  display: {
    // A mention is linked only when written in LinkedIn's own `@[Name](urn:li:…)` form; a plain
    // `@name` sent through the API stays text.
    mentions: () => [],
    linkText: (url) => shortLink(url, 60),
    linksClickable: true,
    // LinkedIn folds after about 3 lines or 210 characters ("…see more").
    fold: { chars: 210, lines: 3 },
  },
};
