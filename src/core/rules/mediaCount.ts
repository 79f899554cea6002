import { PLATFORMS } from '../platforms/registry';
import type { Rule } from './rule';

/**
 * `media.too-many`: more media than the network takes in one post (or `platforms.<id>.maxMedia`).
 * `media.required`: a network that only publishes images or videos (Instagram, TikTok…) and none.
 */
export const mediaCountRule: Rule = {
  codes: ['media.too-many', 'media.required'],
  run({ post, renders, config, report }) {
    const count = post.media.length;
    const field = post.field('media') ?? post.field('platforms');
    for (const { platform } of renders) {
      const rules = PLATFORMS[platform];
      // `maxMedia` can only be stricter than the network.
      const override = config.platforms[platform]?.maxMedia;
      const max = override !== undefined && (rules.media.max === undefined || override < rules.media.max) ? override : rules.media.max;
      if (max !== undefined && count > max) {
        const extra = post.media[max]!;
        report({
          code: 'media.too-many',
          severity: 'error',
          id: 'media.too-many',
          params: { platform: rules.name, count, max },
          start: extra.start,
          end: post.media[count - 1]!.end,
          platform,
        });
      }
      if (rules.media.required && count === 0 && field) {
        report({
          code: 'media.required',
          severity: 'error',
          id: 'media.required',
          params: { platform: rules.name },
          start: field.keyStart,
          end: field.keyEnd,
          platform,
        });
      }
    }
  },
};
