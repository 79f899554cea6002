import { PLATFORMS } from '../platforms/registry';
import { eachPart, sourceSpan, type Rule } from './rule';

/** `link.too-many`: more distinct links than the network accepts in one post (Threads: 5). */
export const linkCountRule: Rule = {
  codes: ['link.too-many'],
  run({ renders, report }) {
    for (const { platform, part } of eachPart(renders)) {
      const max = PLATFORMS[platform].maxLinks;
      if (max === undefined) continue;
      const distinct = new Map<string, { start: number; end: number }>();
      for (const l of part.linkEntities) if (!distinct.has(l.url)) distinct.set(l.url, l);
      if (distinct.size <= max) continue;
      const extra = [...distinct.values()].slice(max);
      const first = sourceSpan(part, extra[0]!.start, extra[0]!.end);
      const last = sourceSpan(part, extra[extra.length - 1]!.start, extra[extra.length - 1]!.end);
      report({
        code: 'link.too-many',
        severity: 'error',
        id: 'link.too-many',
        params: { platform: PLATFORMS[platform].name, count: distinct.size, max },
        start: first.start,
        end: last.end,
        platform,
      });
    }
  },
};
