import twitter, { type ParseTweetOptions } from 'twitter-text';
import { shortLink, twitterTextLinks } from './entities';
import { xHashtags } from './xHashtags';
import { xLength } from './xLength';
import type { PlatformRules } from './types';

/**
 * X (Twitter). Lengths come from twitter-text itself with its config v3: text is NFC-normalised,
 * code points in the Latin, general punctuation and similar ranges weigh 1, everything else 2,
 * each emoji sequence 2 and each URL (with or without `https://`) 23.
 * Premium accounts may post 25,000 weighted characters.
 */
// The package exports its configurations, but its type declarations omit them.
const { configs } = twitter as unknown as { configs: { version3: Required<ParseTweetOptions> } };
const standard = configs.version3;
const premium = { ...standard, maxWeightedTweetLength: 25_000 };
/** The counter's settings for standard and premium accounts. */
export const xConfigs = { standard, premium };

export const x: PlatformRules = {
  id: 'x',
  name: 'X',
  measure(text, settings) {
    const config = settings.premium ? premium : standard;
    const r = xLength(text, config);
    return {
      length: r.weightedLength,
      limit: config.maxWeightedTweetLength,
      fitsUntil: r.valid || r.weightedLength <= config.maxWeightedTweetLength ? text.length : r.validRangeEnd + 1,
      unit: 'weighted',
    };
  },
  hashtags: (text) => xHashtags(text),
  links: (text) => twitterTextLinks(text),
  threads: true,
  // POST /2/tweets poll: 2–4 options of 1–25 characters, duration_minutes 5–10,080.
  polls: { minOptions: 2, maxOptions: 4, maxOptionLength: 25, minDuration: 5 * 60_000, maxDuration: 7 * 86_400_000 },
  media: { max: 4, required: false },
  display: {
    mentions: (text) => twitter.extractMentionsWithIndices(text).map((m) => ({ start: m.indices[0], end: m.indices[1], handle: m.screenName })),
    // X shows a link's host and path, cut after 23 characters.
    linkText: (url) => shortLink(url, 24),
    linksClickable: true,
  },
};
