import { message } from '../i18n/messages';
import { isPlatformId, suggestPlatform } from '../platforms/ids';
import { PLATFORMS } from '../platforms/registry';
import type { Rule } from './rule';

/**
 * `variant.unknown-platform`: a `:::id` block for a network the post does not go to, or for no
 * known network at all (with a "did you mean"). `variant.duplicate` and `variant.unclosed` too.
 */
export const variantsRule: Rule = {
  codes: ['variant.unknown-platform', 'variant.duplicate', 'variant.unclosed'],
  run({ post, config, report }) {
    for (const at of post.body.strayFences) {
      report({ code: 'variant.unclosed', severity: 'warning', id: 'variant.stray-fence', start: at, end: at + 3 });
    }
    const seen = new Set<string>();
    for (const v of post.body.variants) {
      const idStart = v.fenceStart + post.text.slice(v.fenceStart, v.fenceEnd).toLowerCase().indexOf(v.id);
      const idEnd = idStart + v.id.length;
      if (!v.closed) {
        report({ code: 'variant.unclosed', severity: 'error', id: 'variant.unclosed', params: { value: v.id }, start: v.fenceStart, end: v.fenceEnd });
      }
      if (!isPlatformId(v.id)) {
        const suggestion = suggestPlatform(v.id);
        report({
          code: 'variant.unknown-platform',
          severity: 'error',
          id: suggestion ? 'variant.not-a-network-suggest' : 'variant.not-a-network',
          params: { value: v.id, suggestion: suggestion ?? '' },
          start: idStart,
          end: idEnd,
          // Not to a network that has its block already: that would make a duplicate.
          fixes: suggestion && !post.body.variants.some((other) => other.id === suggestion)
            ? [{ title: message(config.locale, 'fix.replace-with', { suggestion }), edits: [{ start: idStart, end: idEnd, newText: suggestion }], preferred: true }]
            : [],
        });
        continue;
      }
      if (seen.has(v.id)) {
        report({ code: 'variant.duplicate', severity: 'error', id: 'variant.duplicate', params: { platform: PLATFORMS[v.id].name }, start: v.fenceStart, end: v.fenceEnd, platform: v.id });
      }
      seen.add(v.id);
      if (!post.meta.platforms.includes(v.id)) {
        report({
          code: 'variant.unknown-platform',
          severity: 'warning',
          id: 'variant.unknown-platform',
          params: { platform: PLATFORMS[v.id].name },
          start: idStart,
          end: idEnd,
          platform: v.id,
        });
      }
    }
  },
};
