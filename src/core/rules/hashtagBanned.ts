import { message } from '../i18n/messages';
import { hashtagKey } from '../platforms/entities';
import { lazyFix } from '../textEdits';
import { eachPart, keepsText, removalEdit, sourceSpan, type Rule } from './rule';

/** `hashtag.banned`: a hashtag on the calendar's `bannedHashtags` list (any case). */
export const hashtagBannedRule: Rule = {
  codes: ['hashtag.banned'],
  run({ renders, post, config, report, wants }) {
    if (config.bannedHashtags.length === 0) return;
    const banned = bannedKeys(config.bannedHashtags);
    for (const { platform, part } of eachPart(renders)) {
      // Removing them all ("fix all") must leave something to publish.
      let fixable: boolean | undefined;
      for (const h of part.hashtagEntities) {
        if (!banned.has(hashtagKey(h.tag))) continue;
        fixable ??= keepsText(part, part.hashtagEntities.filter((e) => banned.has(hashtagKey(e.tag))));
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

const keysOf = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The banned list as hashtag keys: made once per settings, not once per post. */
function bannedKeys(list: readonly string[]): ReadonlySet<string> {
  let keys = keysOf.get(list);
  if (!keys) keysOf.set(list, (keys = new Set(list.map(hashtagKey))));
  return keys;
}
