import { message } from '../i18n/messages';
import { combineEdits, lazyFix } from '../textEdits';
import { PLATFORMS } from '../platforms/registry';
import { eachPart, keepsText, removalEdit, sourceSpan, type Rule } from './rule';

/**
 * `hashtag.too-many`: more hashtags than the network allows (Instagram: 5, enforced) or rewards
 * (Threads: one topic; YouTube: over 15 all are ignored), or than `platforms.<id>.maxHashtags`,
 * which can only make the cap stricter.
 * The fix drops the hashtags past the cap.
 */
export const hashtagCountRule: Rule = {
  codes: ['hashtag.too-many'],
  run({ renders, post, config, report }) {
    for (const { platform, part } of eachPart(renders)) {
      const rules = PLATFORMS[platform];
      const tags = part.hashtagEntities;
      // The network's own cap always holds; `maxHashtags` can only be stricter (a warning).
      const own = rules.hashtagCap;
      const override = config.platforms[platform]?.maxHashtags;
      const cap =
        own && tags.length > own.max
          ? own
          : override !== undefined && (!own || override < own.max)
            ? { max: override, severity: 'warning' as const, message: 'hashtag.too-many' as const }
            : own;
      if (!cap || tags.length <= cap.max) continue;
      const extra = tags.slice(cap.max).map((h) => sourceSpan(part, h.start, h.end));
      const fixable = extra.every((s) => s.verbatim) && keepsText(part, tags.slice(cap.max));
      const first = extra[0]!;
      report({
        code: 'hashtag.too-many',
        severity: cap.severity,
        id: cap.message,
        params: { platform: rules.name, count: tags.length, max: cap.max },
        start: first.start,
        end: extra[extra.length - 1]!.end,
        platform,
        // Worked out only when asked for: one edit per hashtag, sorted.
        fixes: fixable
          ? [lazyFix(() => ({ title: message(config.locale, 'fix.drop-extra-hashtags', { count: extra.length }), edits: combineEdits(extra.map((s) => removalEdit(post.text, s.start, s.end))) }))]
          : [],
      });
    }
  },
};
