import { graphemeLength } from '../text/unicode';
import { PLATFORMS } from '../platforms/registry';
import { eachPart, type Rule } from './rule';
import { message, type MessageId } from '../i18n/messages';
import { threadSplit } from '../threadSplit';
import { lazyFix } from '../textEdits';
import type { CalendarConfig } from '../config';
import type { Fix, PlatformId, TextEdit } from '../model';
import type { ParsedPost } from '../post';
import { variantFor, type PartDetail, type PlatformRender } from '../render';

const UNITS: Record<string, MessageId> = { weighted: 'unit.weighted', graphemes: 'unit.graphemes', bytes: 'unit.bytes' };

/**
 * `length.over-limit`: a part is longer than its network allows; the range starts at the exact
 * character where the network would cut it. `length.empty`: a network would receive no text.
 * Titles are checked where the network shows one (YouTube, Pinterest).
 */
export const lengthRule: Rule = {
  codes: ['length.over-limit', 'length.empty'],
  run({ renders, post, report, config }) {
    const splits = new Map<string, Fix>();
    for (const { platform, part, index, count } of eachPart(renders)) {
      const name = PLATFORMS[platform].name;
      if (part.text.trim() === '') {
        // An empty network text matters unless the network publishes media alone.
        if (count === 1 && PLATFORMS[platform].media.required && post.meta.media.length > 0) continue;
        report({
          code: 'length.empty',
          severity: 'error',
          id: count > 1 ? 'length.empty-part' : 'length.empty',
          params: { platform: name, part: index + 1 },
          start: part.sourceStart,
          end: part.sourceEnd,
          platform,
        });
        continue;
      }
      if (part.length <= part.limit) continue;
      const unit = UNITS[part.measure.unit]!;
      // Working out the cuts measures many candidate parts: do it only if someone asks for the fix,
      // and once per text shared by several networks.
      // Networks without threads get no split; a text also read by one is split in variants, all
      // its parts at once.
      const variant = variantFor(post, platform);
      const shared = renders.some((r) => !PLATFORMS[r.platform].threads && variantFor(post, r.platform) === variant);
      const key = shared ? 'variants' : `${part.sourceStart}`;
      let split = splits.get(key);
      if (!split && PLATFORMS[platform].threads) {
        split = lazyFix(() => splitFix(post, renders, config, platform, part));
        splits.set(key, split);
      }
      report({
        code: 'length.over-limit',
        severity: 'error',
        id: count > 1 ? 'length.over-limit-part' : 'length.over-limit',
        params: {
          platform: name,
          part: index + 1,
          length: part.length,
          limit: part.limit,
          over: part.length - part.limit,
          unit: { id: unit },
        },
        start: part.toSource(part.fitsUntil),
        end: part.sourceEnd,
        platform,
        fixes: split ? [split] : [],
      });
    }
    const title = post.meta.title;
    if (title === undefined) return;
    for (const render of renders) {
      const limit = PLATFORMS[render.platform].titleLimit;
      const length = graphemeLength(title);
      const field = post.field('title');
      if (limit === undefined || length <= limit || !field) continue;
      report({
        code: 'length.over-limit',
        severity: 'error',
        id: 'length.title-over-limit',
        params: { platform: PLATFORMS[render.platform].name, length, limit },
        start: field.valueStart,
        end: field.valueEnd,
        platform: render.platform,
      });
    }
  },
};

/** The "split into a thread" fix: in the text, or in variants when the text also goes to networks without threads. */
function splitFix(post: ParsedPost, renders: readonly PlatformRender[], config: CalendarConfig, platform: PlatformId, part: PartDetail): { title: string; edits: readonly TextEdit[] } {
  const split = threadSplit(post, renders, config, platform, part);
  if (!split) return { title: '', edits: [] };
  if (split.kind === 'in-place') return { title: message(config.locale, 'fix.split-thread', { count: split.count }), edits: split.edits };
  const names = (ids: readonly PlatformId[]) => new Intl.ListFormat(config.locale, { type: 'conjunction' }).format(ids.map((id) => PLATFORMS[id].name));
  return { title: message(config.locale, 'fix.split-thread-variants', { platforms: names(split.platforms), others: names(split.others) }), edits: split.edits };
}
