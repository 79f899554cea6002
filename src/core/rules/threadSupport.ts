import { PLATFORMS } from '../platforms/registry';
import type { Rule } from './rule';

/** `thread.unsupported`: a text split into parts for a network that publishes single posts only. */
export const threadSupportRule: Rule = {
  codes: ['thread.unsupported'],
  run({ renders, report }) {
    for (const render of renders) {
      if (render.parts.length < 2 || PLATFORMS[render.platform].threads) continue;
      const second = render.parts[1]!;
      report({
        code: 'thread.unsupported',
        severity: 'error',
        id: 'thread.unsupported',
        params: { platform: PLATFORMS[render.platform].name, count: render.parts.length },
        start: second.sourceStart,
        end: second.sourceEnd,
        platform: render.platform,
      });
    }
  },
};
