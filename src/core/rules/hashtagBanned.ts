import { message } from '../i18n/messages';
import { lazyFix } from '../textEdits';
import { eachPart, keepsText, removalEdit, sourceSpan, type Rule } from './rule';

/** `hashtag.banned`: a hashtag on the calendar's `bannedHashtags` list (any case). */
export const hashtagBannedRule: Rule = {
  codes: ['hashtag.banned'],
  run({ renders, post, config, report, wants }) {
    if (config.bannedHashtags.length === 0) return;
    const banned = new Set(config.bannedHashtags.map((t) => t.toLocaleLowerCase()));
    for (const { platform, part } of eachPart(renders)) {
      // Removing them all ("fix all") must leave something to publish.
      let fixable: boolean | undefined;
      for (const h of part.hashtagEntities) {
        if (!banned.has(h.tag.toLocaleLowerCase())) continue;
        fixable ??= keepsText(part, part.hashtagEntities.filter((e) => banned.has(e.tag.toLocaleLowerCase())));
        const span = sourceSpan(part, h.start, h.end);
        if (!wants('hashtag.banned', 'error', span.start, span.end)) continue;
        report({
          code: 'hashtag.banned',
          severity: 'error',
          id: 'hashtag.banned',
          params: { tag: h.tag },
          start: span.start,
          end: span.end,
          platform,
          // Worked out only when asked for: a post may repeat a hashtag thousands of times.
          fixes: span.verbatim && fixable ? [lazyFix(() => ({ title: message(config.locale, 'fix.remove-banned-hashtag', { tag: h.tag }), edits: [removalEdit(post.text, span.start, span.end)] }), true)] : [],
        });
      }
    }
  },
};
