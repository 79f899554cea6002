import { PLATFORMS } from '../platforms/registry';
import { graphemeLength } from '../text/unicode';
import type { Rule } from './rule';

/**
 * `poll.*`: a post's poll checked against each of its networks' poll limits (`polls` in
 * src/core/platforms/), or reported where a network publishes no polls (the post would go out
 * without it).
 */
export const pollsRule: Rule = {
  codes: ['poll.options', 'poll.option-too-long', 'poll.duration', 'poll.question', 'poll.unsupported'],
  run({ post, report }) {
    const { poll } = post.meta;
    const field = post.field('poll');
    if (!poll || !field) return;
    const at = { start: field.keyStart, end: field.keyEnd };
    for (const network of post.meta.platforms) {
      const rules = PLATFORMS[network].polls;
      const name = PLATFORMS[network].name;
      if (!rules) {
        report({ code: 'poll.unsupported', severity: 'warning', platform: network, id: 'poll.unsupported', params: { network: name }, ...at });
        continue;
      }
      if (poll.options.length < rules.minOptions || poll.options.length > rules.maxOptions) {
        report({ code: 'poll.options', severity: 'error', platform: network, id: 'poll.options', params: { network: name, count: poll.options.length, min: rules.minOptions, max: rules.maxOptions }, ...at });
      }
      for (const option of poll.options) {
        const length = graphemeLength(option);
        if (length > rules.maxOptionLength || length === 0) {
          report({ code: 'poll.option-too-long', severity: 'error', platform: network, id: 'poll.option-too-long', params: { network: name, option, length, max: rules.maxOptionLength }, ...at });
        }
      }
      const allowed = rules.durations ? rules.durations.includes(poll.duration) : poll.duration >= rules.minDuration && poll.duration <= rules.maxDuration;
      if (!allowed) {
        const choices = rules.durations ? rules.durations.map(days).join(', ') : `${minutesOrDays(rules.minDuration)} – ${minutesOrDays(rules.maxDuration)}`;
        report({ code: 'poll.duration', severity: 'error', platform: network, id: 'poll.duration', params: { network: name, duration: poll.durationText, allowed: choices }, ...at });
      }
      if (rules.maxQuestionLength !== undefined && (!poll.question || graphemeLength(poll.question) > rules.maxQuestionLength)) {
        report({ code: 'poll.question', severity: 'error', platform: network, id: 'poll.question', params: { network: name, max: rules.maxQuestionLength }, ...at });
      }
    }
  },
};

const days = (ms: number) => `${ms / 86_400_000}d`;
const minutesOrDays = (ms: number) => (ms < 86_400_000 ? `${Math.round(ms / 60_000)}m` : `${Math.floor(ms / 86_400_000)}d`);
