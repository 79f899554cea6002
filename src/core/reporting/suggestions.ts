import type { CadenceTargets } from '../cadence';
import { weekdayNames } from '../calendarPage';
import { message, type Locale, type MessageId, type MessageParams } from '../i18n/messages';
import { PLATFORMS } from '../platforms/registry';
import type { Report } from './report';

/** A "what to do next" line: its kind (stable, for JSON readers) and its words in the report's language. */
export interface Suggestion {
  readonly kind: 'under-cadence' | 'best-slot' | 'format' | 'missed' | 'not-sent' | 'late-approvals' | 'coverage' | 'no-metrics';
  readonly text: string;
}

/** A format doing this much better than the others is worth saying. */
const FORMAT_LIFT = 1.2;
/** Approved less than this before their date on median: the workflow runs late. */
const LATE_APPROVAL_HOURS = 24;

/** Suggestions computed from the report's own figures, most pressing first, worded as suggestions. */
export function suggestionsFor(report: Omit<Report, 'suggestions'>, cadence: CadenceTargets): Suggestion[] {
  const locale = report.locale as Locale;
  const out: Suggestion[] = [];
  const say = (kind: Suggestion['kind'], id: MessageId, params: MessageParams = {}) => out.push({ kind, text: message(locale, id, params) });
  const name = (n: keyof typeof PLATFORMS) => PLATFORMS[n].name;

  for (const n of report.networks) {
    const target = cadence[n.network];
    if (!target || n.expected === undefined || n.published >= n.expected) continue;
    const weeks = Math.max(1, report.period.days / 7);
    say('under-cadence', 'report.suggest-cadence', { network: name(n.network), published: n.published, expected: n.expected, cadence: target.text, more: Math.max(1, Math.ceil((n.expected - n.published) / weeks)) });
  }
  const missed = report.problems.filter((p) => p.kind === 'missed' || p.kind === 'failed');
  if (missed.length > 0) say('missed', 'report.suggest-missed', { count: missed.length });
  const notSent = new Set(report.problems.filter((p) => p.kind === 'not-sent').map((p) => p.file));
  if (notSent.size > 0) say('not-sent', 'report.suggest-not-sent', { count: notSent.size });
  const ahead = report.workflow.approvedAhead.medianHours;
  if (ahead !== undefined && ahead < LATE_APPROVAL_HOURS) say('late-approvals', 'report.suggest-late-approvals', { hours: Math.round(ahead) });

  const best = report.slots.best[0];
  if (best) say('best-slot', 'report.suggest-slot', { weekday: weekdayNames(locale, 'long')[best.weekday! - 1]!, hour: best.hour!, rate: percent(best.engagementRate!, locale), count: best.publications });
  const rated = report.formats.filter((f) => f.engagementRate !== undefined && f.publications >= 2);
  const [first, ...rest] = rated;
  const others = rest.length > 0 ? rest.reduce((a, f) => a + f.engagementRate! * f.publications, 0) / rest.reduce((a, f) => a + f.publications, 0) : undefined;
  if (first && others && first.engagementRate! >= others * FORMAT_LIFT) {
    say('format', 'report.suggest-format', { format: message(locale, `report.format-${first.key}` as MessageId), lift: (first.engagementRate! / others).toLocaleString(locale, { maximumFractionDigits: 1 }) });
  }
  for (const c of report.campaigns) {
    const missing = c.planned.filter((n) => !c.reached.includes(n));
    if (missing.length > 0 && c.reached.length > 0) say('coverage', 'report.suggest-coverage', { campaign: c.campaign, networks: missing.map(name).join(', ') });
  }
  if (report.posts.some((p) => p.networks.some((n) => n.state === 'published')) && !report.posts.some((p) => p.networks.some((n) => n.interactions !== undefined))) {
    say('no-metrics', 'report.suggest-no-metrics');
  }
  return out;
}

/** 0.0423 → "4.2 %" (French) or "4.2%". */
export function percent(rate: number, locale: Locale): string {
  return rate.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 });
}
