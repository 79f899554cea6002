import { PLATFORMS } from '../platforms/registry';
import { REPEATABLE_NETWORKS } from '../publish/networks';
import type { Rule } from './rule';

/**
 * `publish.failed` and `publish.unknown`: what the last publishing run recorded under `results`,
 * on the post itself, so that a failure is seen where the post is edited. Warnings, not errors:
 * an error would keep the post from being sent again once fixed.
 */
export const publishResultsRule: Rule = {
  codes: ['publish.failed', 'publish.unknown'],
  run({ post, report }) {
    const field = post.field('results');
    if (!field) return;
    for (const network of post.meta.platforms) {
      const result = post.meta.results[network];
      if (result?.state === 'failed') {
        report({ code: 'publish.failed', severity: 'warning', platform: network, id: 'rule.publish-failed', params: { network: PLATFORMS[network].name, error: result.error ?? '' }, start: field.keyStart, end: field.keyEnd });
      } else if (result?.state === 'sending' && !REPEATABLE_NETWORKS.includes(network)) {
        report({ code: 'publish.unknown', severity: 'warning', platform: network, id: 'rule.publish-unknown', params: { network: PLATFORMS[network].name, count: result.parts.length }, start: field.keyStart, end: field.keyEnd });
      }
    }
  },
};
