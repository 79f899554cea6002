import { PLATFORMS } from '../platforms/registry';
import { URL_MEDIA_NETWORKS } from '../publish/mediaUrl';
import { isMediaLink } from './mediaFiles';
import type { Rule } from './rule';

/**
 * `media.no-public-url`: a post with images for a network that fetches them from a public address
 * (Threads, Instagram, Facebook: see `URL_MEDIA_NETWORKS`) in a calendar without `mediaBaseUrl`,
 * the address where its files are published. Found while writing, not when the post is due: the
 * sender would have nothing to give the network. Media given as `http(s)://` links do not count
 * (the publisher sends calendar files only); the finding is on the first calendar file.
 */
export const mediaPublicUrlRule: Rule = {
  codes: ['media.no-public-url'],
  run({ post, renders, config, report }) {
    if (config.mediaBaseUrl !== undefined) return;
    const first = post.media.find((entry) => !isMediaLink(entry.item.file));
    if (!first) return;
    for (const { platform } of renders) {
      if (!URL_MEDIA_NETWORKS.includes(platform)) continue;
      report({
        code: 'media.no-public-url',
        severity: 'error',
        id: 'media.no-public-url',
        params: { platform: PLATFORMS[platform].name },
        start: first.start,
        end: first.fileEnd,
        platform,
      });
    }
  },
};
