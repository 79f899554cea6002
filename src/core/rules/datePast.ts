import { formatInZone } from '../zone';
import type { Rule } from './rule';

const DAY = 24 * 60 * 60 * 1000;

/** `date.past`: a post not yet published whose date has gone by (a day-only date lasts the whole day). */
export const datePastRule: Rule = {
  codes: ['date.past'],
  run({ post, config, now, report }) {
    const { date, dateOnly, status } = post.meta;
    if (date === undefined || status === 'published') return;
    if ((dateOnly ? date + DAY : date) > now) return;
    const field = post.field('date');
    if (!field) return;
    report({
      code: 'date.past',
      severity: 'warning',
      id: 'date.past',
      params: { date: dateOnly ? post.meta.dateText ?? '' : formatInZone(date, config.timezone) },
      start: field.valueStart,
      end: field.valueEnd,
    });
  },
};
