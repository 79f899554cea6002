import { message, type Locale } from '../i18n/messages';
import { formatInZone } from '../zone';
import type { PostGate } from './plan';

/**
 * Why a post is not sent, in people's words (times in the calendar's zone), for the CLI's summary
 * and VS Code's warning alike; empty for a post that is ready.
 *
 * @example gateMessage('en', { kind: 'errors', count: 2 }, 'Europe/Paris') // 'not sent: 2 error(s) to fix first (edcal check)'
 */
export function gateMessage(locale: Locale, gate: PostGate, zone: string): string {
  switch (gate.kind) {
    case 'not-approved':
      return message(locale, 'gate.not-approved', { status: gate.status ?? '—' });
    case 'errors':
      return message(locale, 'gate.errors', { count: gate.count });
    case 'no-time':
      return message(locale, 'gate.no-time');
    case 'early':
      return message(locale, 'gate.early', { time: formatInZone(gate.at, zone) });
    case 'missed':
      return message(locale, 'gate.missed', { time: formatInZone(gate.until, zone) });
    case 'done':
      return message(locale, 'gate.done');
    case 'stale-approval':
      return message(locale, 'gate.stale-approval');
    case 'ready':
      return '';
  }
}
