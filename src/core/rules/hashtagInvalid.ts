import { hashtagCandidates } from '../platforms/entities';
import { PLATFORMS } from '../platforms/registry';
import { eachPart, sourceSpan, type Rule } from './rule';

/**
 * `hashtag.invalid`: a word written as a hashtag that the network will not link, or will link
 * only in part (`#2026` is not a hashtag on X; `#Nova-2` links only `#Nova` there).
 */
export const hashtagInvalidRule: Rule = {
  codes: ['hashtag.invalid'],
  run({ renders, report, wants }) {
    for (const { platform, part } of eachPart(renders)) {
      // Both lists are in text order: walk them together (a map of every hashtag costs more on long posts).
      const linked = part.hashtagEntities;
      let next = 0;
      for (const candidate of hashtagCandidates(part.text)) {
        while (next < linked.length && linked[next]!.start < candidate.start) next++;
        const hashtag = linked[next]?.start === candidate.start ? linked[next] : undefined;
        if (hashtag && hashtag.end >= candidate.end) continue;
        const span = sourceSpan(part, candidate.start, candidate.end);
        if (!wants('hashtag.invalid', 'warning', span.start, span.end)) continue;
        report({
          code: 'hashtag.invalid',
          severity: 'warning',
          id: hashtag ? 'hashtag.invalid-partial' : 'hashtag.invalid',
          params: { platform: PLATFORMS[platform].name, text: candidate.text, tag: hashtag?.tag ?? '' },
          start: span.start,
          end: span.end,
          platform,
        });
      }
    }
  },
};
