import { measureBytes } from './counting';
import { commonHashtags, commonMentions, shortLink, twitterTextLinks } from './entities';
import type { PlatformRules } from './types';

/**
 * YouTube: the text is a video's description, at most 5,000 UTF-8 bytes (the Data API's limit);
 * the post's title is the video title, at most 100 characters. A video with more than 15 hashtags
 * has all of them ignored.
 */
export const youtube: PlatformRules = {
  id: 'youtube',
  name: 'YouTube',
  measure: (text) => measureBytes(text, 5000),
  hashtags: commonHashtags,
  links: (text) => twitterTextLinks(text),
  threads: false,
  media: { max: 1, required: true },
  hashtagCap: { max: 15, severity: 'warning', message: 'hashtag.too-many-youtube' },
  titleLimit: 100,
  display: {
    mentions: commonMentions,
    linkText: (url) => shortLink(url, 60),
    linksClickable: true,
    // Assumed: descriptions fold after about 150 characters or 3 lines ("...more").
    fold: { chars: 150, lines: 3 },
  },
};
