import { measureGraphemes } from './counting';
import { commonHashtags, twitterTextLinks } from './entities';
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
};
