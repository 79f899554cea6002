import type { Locale } from '../i18n/messages';
import { message } from '../i18n/messages';
import type { Contest } from '../model';
import { formatPostTime } from '../zone';

/**
 * One line saying where a contest stands, for the preview and the calendar's hovers: when entries
 * close and the prize, then, once drawn, its winners.
 *
 * @example contestLabel({ ends: Date.UTC(2026, 11, 16, 22, 59), endsText: '2026-12-16T23:59', winners: 1, prize: 'un an de Nova' }, 'Europe/Paris', 'fr') // 'Concours · fin le 16 déc. 2026, 23:59 · à gagner : un an de Nova'
 */
export function contestLabel(contest: Contest, zone: string, locale: Locale): string {
  const ends = contest.ends !== undefined ? formatPostTime(contest.ends, zone, locale, /^\d{4}-\d{2}-\d{2}$/.test(contest.endsText ?? '')) : undefined;
  const pieces = [message(locale, 'contest.label'), ends ? message(locale, 'contest.label-ends', { ends }) : message(locale, 'contest.label-no-end')];
  if (contest.prize) pieces.push(message(locale, 'contest.label-prize', { prize: contest.prize }));
  if (contest.draw) pieces.push(message(locale, 'contest.label-winners', { winners: contest.draw.winners.join(', ') || '–' }));
  return pieces.join(' · ');
}
