import { message } from '../i18n/messages';
import { hashtagKey } from '../platforms/entities';
import { lazyFix } from '../textEdits';
import { eachPart, removalEdit, sourceSpan, type Rule } from './rule';

/** `hashtag.duplicate`: the same hashtag twice in one text, ignoring case (#Nova … #nova). */
export const hashtagDuplicateRule: Rule = {
  codes: ['hashtag.duplicate'],
  run({ renders, post, config, report, wants }) {
    for (const { platform, part } of eachPart(renders)) {
      const seen = new Set<string>();
      for (const h of part.hashtagEntities) {
        const key = hashtagKey(h.tag);
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const span = sourceSpan(part, h.start, h.end);
        if (!wants('hashtag.duplicate', 'warning', span.start, span.end)) continue;
        report({
          code: 'hashtag.duplicate',
          severity: 'warning',
          id: 'hashtag.duplicate',
          params: { tag: h.tag },
          start: span.start,
          end: span.end,
          platform,
          // Worked out only when asked for: a post may repeat a hashtag thousands of times.
          fixes: span.verbatim ? [lazyFix(() => ({ title: message(config.locale, 'fix.remove-hashtag', { tag: h.tag }), edits: [removalEdit(post.text, span.start, span.end)] }), true)] : [],
        });
      }
    }
  },
};
