import type { PlatformId } from './model';

/** How often a network should get a post: `3/week` is `{ count: 3, per: 'week' }`. */
export interface Cadence {
  readonly count: number;
  readonly per: 'day' | 'week' | 'month';
  /** As written, for messages. */
  readonly text: string;
}

/** The calendar's targets per network (`cadence: { instagram: 3/week }` in `.editorial.yaml`). */
export type CadenceTargets = Readonly<Partial<Record<PlatformId, Cadence>>>;

const CADENCE = /^\s*([1-9]\d{0,2})\s*\/\s*(day|week|month|jour|semaine|mois)\s*$/i;
const UNITS: Record<string, Cadence['per']> = { day: 'day', jour: 'day', week: 'week', semaine: 'week', month: 'month', mois: 'month' };

/**
 * A cadence as written (`3/week`, `1/day`, `8/month`; French units too: `3/semaine`), else undefined.
 *
 * @example parseCadence('3/week') // { count: 3, per: 'week', text: '3/week' }
 */
export function parseCadence(text: string): Cadence | undefined {
  const m = CADENCE.exec(text);
  if (!m) return undefined;
  const count = Number(m[1]);
  return count > 0 ? { count, per: UNITS[m[2]!.toLowerCase()]!, text: text.trim() } : undefined;
}

/** Posts the cadence asks for over `days` days (a month counts as 30.44 days, the mean). */
export function expectedPosts(cadence: Cadence, days: number): number {
  const perDay = cadence.per === 'day' ? cadence.count : cadence.per === 'week' ? cadence.count / 7 : cadence.count / 30.44;
  return perDay * days;
}
