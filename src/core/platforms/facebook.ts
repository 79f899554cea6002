import { measureGraphemes } from './counting';
import { commonHashtags, twitterTextLinks } from './entities';
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
};
