import { hashtagCandidates } from '../platforms/entities';
import { PLATFORMS } from '../platforms/registry';
import { eachPart, sourceSpan, type Rule } from './rule';

/**
 * `hashtag.invalid`: a word written as a hashtag that the network will not link, or will link
 * only in part (`#2026` is not a hashtag on X; `#Nova-2` links only `#Nova` there).
 */
export const hashtagInvalidRule: Rule = {
  codes: ['hashtag.invalid'],
  run({ renders, report }) {
    for (const { platform, part } of eachPart(renders)) {
      const linked = new Map(part.hashtagEntities.map((h) => [h.start, h]));
      for (const candidate of hashtagCandidates(part.text)) {
        const hashtag = linked.get(candidate.start);
        if (hashtag && hashtag.end >= candidate.end) continue;
        const span = sourceSpan(part, candidate.start, candidate.end);
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
