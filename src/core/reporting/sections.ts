/**
 * The report as titled sections of text and tables, in the report's language: what the Markdown
 * and HTML formats both render (one wording, one order), the HTML adding its charts.
 */
import { addDays } from '../calendar';
import { weekdayNames, formatDay } from '../calendarPage';
import { message, type Locale, type MessageId, type MessageParams } from '../i18n/messages';
import { STATUSES, type PlatformId } from '../model';
import { PLATFORMS } from '../platforms/registry';
import type { Durations, Report } from './report';
import { percent } from './suggestions';

export interface Table {
  readonly columns: readonly string[];
  /** Right-aligned columns (figures). */
  readonly numeric: readonly boolean[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

export interface Section {
  /** Stable, for anchors and charts. */
  readonly id: 'summary' | 'networks' | 'weeks' | 'problems' | 'workflow' | 'engagement' | 'top' | 'bottom' | 'slots' | 'hashtags' | 'formats' | 'campaigns' | 'polls' | 'next';
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly table?: Table;
  /** Shown instead of an empty table. */
  readonly empty?: string;
}

const NONE = '–';
/** The best hashtags shown (the JSON has them all). */
const MAX_HASHTAGS = 10;

export function reportTitle(report: Report): string {
  return message(report.locale as Locale, 'report.title', { period: periodText(report) });
}

/** "November 2026" for a whole month, else "1 Nov 2026 – 15 Dec 2026". */
export function periodText(report: Report): string {
  const locale = report.locale as Locale;
  const { from, to } = report.period;
  if (from.endsWith('-01') && from.slice(0, 7) === to.slice(0, 7) && addDays(to, 1).endsWith('-01')) {
    const t = formatDay(from, locale, { month: 'long', year: 'numeric' });
    return t.charAt(0).toLocaleUpperCase(locale) + t.slice(1);
  }
  const f = (d: string) => formatDay(d, locale, { day: 'numeric', month: 'short', year: 'numeric' });
  return `${f(from)} – ${f(to)}`;
}

export function reportSections(report: Report): Section[] {
  const locale = report.locale as Locale;
  const t = (id: MessageId, params: MessageParams = {}) => message(locale, id, params);
  const num = (n: number | undefined) => (n === undefined ? NONE : n.toLocaleString(locale));
  const pct = (r: number | undefined) => (r === undefined ? NONE : percent(r, locale));
  const name = (n: PlatformId) => PLATFORMS[n].name;
  const byFile = new Map(report.posts.map((p) => [p.file, p]));
  const sections: Section[] = [];
  const planned = report.networks.reduce((a, n) => a + n.planned, 0);
  const published = report.networks.reduce((a, n) => a + n.published, 0);

  sections.push({
    id: 'summary',
    title: t('report.h-summary'),
    paragraphs: [
      t('report.summary', { posts: report.posts.length, planned, published, zone: report.period.zone }),
      report.onTime.rate === undefined ? t('report.on-time-none') : t('report.on-time', { onTime: report.onTime.onTime, published: report.onTime.published, rate: pct(report.onTime.rate), minutes: num(report.onTime.medianDelayMinutes ?? 0) }),
    ],
  });
  sections.push({
    id: 'networks',
    title: t('report.h-networks'),
    paragraphs: [],
    table: {
      columns: [t('report.col-network'), t('report.col-planned'), t('report.col-published'), t('report.col-cadence'), t('report.col-expected'), t('report.col-weeks-under'), t('report.col-failed'), t('report.col-missed'), t('report.col-interactions'), t('report.col-followers'), t('report.col-rate')],
      numeric: [false, true, true, false, true, true, true, true, true, true, true],
      rows: report.networks.map((n) => [name(n.network), num(n.planned), num(n.published), n.cadence ?? NONE, num(n.expected), num(n.weeksUnder), num(n.failed), num(n.missed), num(n.interactions), num(n.followers), pct(n.engagementRate)]),
    },
    empty: t('report.empty'),
  });
  const weekNetworks = report.networks.map((n) => n.network);
  sections.push({
    id: 'weeks',
    title: t('report.h-weeks'),
    paragraphs: [],
    table: {
      columns: [t('report.col-week'), ...weekNetworks.map(name)],
      numeric: [false, ...weekNetworks.map(() => true)],
      rows: report.weeks.map((w) => [formatDay(w.week, locale, { day: 'numeric', month: 'short' }), ...weekNetworks.map((n) => `${w.published[n] ?? 0}/${w.planned[n] ?? 0}`)]),
    },
    empty: t('report.empty'),
  });
  sections.push({
    id: 'problems',
    title: t('report.h-problems'),
    paragraphs: [],
    table: {
      columns: [t('report.col-date'), t('report.col-post'), t('report.col-network'), t('report.col-why')],
      numeric: [false, false, false, false],
      rows: report.problems.map((p) => [p.date.slice(0, 16).replace('T', ' '), p.title, name(p.network), p.kind === 'not-sent' ? t('report.not-sent', { status: t(`calendar.status-${p.status ?? 'draft'}` as MessageId) }) : p.kind === 'missed' ? t('report.missed') : t('report.failed', { reason: p.reason ?? NONE })]),
    },
    empty: t('report.no-problems'),
  });
  const w = report.workflow;
  sections.push({
    id: 'workflow',
    title: t('report.h-workflow'),
    paragraphs: [
      STATUSES.map((s) => `${t(`calendar.status-${s}` as MessageId)} ${w.statuses[s]}`).join(' · '),
      durationLine(locale, 'report.lead-time', w.leadTime),
      durationLine(locale, 'report.time-to-approval', w.timeToApproval),
      durationLine(locale, 'report.approved-ahead', w.approvedAhead),
      ...(w.addedAfterPublishing > 0 ? [t('report.added-after', { count: w.addedAfterPublishing })] : []),
    ],
  });
  const measured = report.posts.filter((p) => p.networks.some((n) => n.interactions !== undefined));
  sections.push({
    id: 'engagement',
    title: t('report.h-engagement'),
    paragraphs: [],
    table: {
      columns: [t('report.col-date'), t('report.col-post'), t('report.col-campaign'), t('report.col-format'), t('report.col-interactions'), t('report.col-rate')],
      numeric: [false, false, false, false, true, true],
      rows: measured.map((p) => [p.date.slice(0, 10), p.title, p.campaign ?? NONE, p.formats.map((f) => t(`report.format-${f}` as MessageId)).join(', '), num(p.interactions), pct(p.engagementRate)]),
    },
    empty: t('report.no-metrics'),
  });
  const postTable = (files: readonly string[]): Table => ({
    columns: [t('report.col-post'), t('report.col-networks'), t('report.col-interactions'), t('report.col-rate')],
    numeric: [false, false, true, true],
    rows: files.map((f) => byFile.get(f)!).map((p) => [p.title, p.networks.filter((n) => n.interactions !== undefined).map((n) => `${name(n.network)} ${pct(n.engagementRate)}`).join(', '), num(p.interactions), pct(p.engagementRate)]),
  });
  sections.push({ id: 'top', title: t('report.h-top'), paragraphs: [], table: postTable(report.top), empty: t('report.no-metrics') });
  sections.push({ id: 'bottom', title: t('report.h-bottom'), paragraphs: [], table: postTable(report.bottom), empty: t('report.no-metrics') });
  const days = weekdayNames(locale, 'long');
  sections.push({
    id: 'slots',
    title: t('report.h-slots'),
    paragraphs: report.slots.best.map((s, i) => t('report.best-slot', { rank: i + 1, weekday: days[s.weekday! - 1]!, hour: s.hour!, rate: pct(s.engagementRate), count: s.publications })),
    table: {
      columns: [t('report.col-weekday'), t('report.col-publications'), t('report.col-rate')],
      numeric: [false, true, true],
      rows: report.slots.byWeekday.filter((s) => s.publications > 0).map((s) => [days[s.weekday! - 1]!, num(s.publications), pct(s.engagementRate)]),
    },
    empty: t('report.no-metrics'),
  });
  const groupTable = (rows: Report['hashtags'], label: (k: string) => string, column: MessageId): Table => ({
    columns: [t(column), t('report.col-publications'), t('report.col-interactions'), t('report.col-rate')],
    numeric: [false, true, true, true],
    rows: rows.map((g) => [label(g.key), num(g.publications), num(g.interactions), pct(g.engagementRate)]),
  });
  sections.push({ id: 'hashtags', title: t('report.h-hashtags'), paragraphs: report.hashtags.length > MAX_HASHTAGS ? [t('report.hashtags-shown', { shown: MAX_HASHTAGS, count: report.hashtags.length })] : [], table: groupTable(report.hashtags.slice(0, MAX_HASHTAGS), (k) => `#${k}`, 'report.col-hashtag'), empty: t('report.no-metrics') });
  sections.push({ id: 'formats', title: t('report.h-formats'), paragraphs: [], table: groupTable(report.formats, (k) => t(`report.format-${k}` as MessageId), 'report.col-format'), empty: t('report.no-metrics') });
  sections.push({
    id: 'campaigns',
    title: t('report.h-campaigns'),
    paragraphs: [],
    table: {
      columns: [t('report.col-campaign'), t('report.col-posts'), t('report.col-coverage'), t('report.col-interactions'), t('report.col-rate')],
      numeric: [false, true, false, true, true],
      rows: report.campaigns.map((c) => [c.campaign, num(c.posts), `${pct(c.coverage)} (${c.reached.map(name).join(', ') || NONE})`, num(c.interactions), pct(c.engagementRate)]),
    },
    empty: t('report.no-campaigns'),
  });
  sections.push({
    id: 'polls',
    title: t('report.h-polls'),
    paragraphs: [],
    table: {
      columns: [t('report.col-post'), t('report.col-network'), t('report.col-results'), t('report.col-voters')],
      numeric: [false, false, false, true],
      rows: report.polls.map((p) => {
        const total = p.options.reduce((a, o) => a + o.votes, 0);
        return [p.title, name(p.network), p.options.map((o) => `${o.title} ${total > 0 ? percent(o.votes / total, locale) : NONE}`).join(' · ') + (p.closed ? '' : ` (${t('report.poll-open')})`), num(p.voters ?? total)];
      }),
    },
    empty: t('report.no-polls'),
  });
  sections.push({ id: 'next', title: t('report.h-next'), paragraphs: report.suggestions.length > 0 ? report.suggestions.map((s) => s.text) : [t('report.no-suggestions')] });
  return sections;
}

/** "Lead time (first commit → published): median 2.5 days, at most 6 days, 12 posts." */
function durationLine(locale: Locale, id: MessageId, d: Durations): string {
  if (d.posts === 0 || d.medianHours === undefined) return message(locale, id, { median: NONE, max: NONE, count: 0 });
  return message(locale, id, { median: hoursText(d.medianHours, locale), max: hoursText(d.maxHours!, locale), count: d.posts });
}

/** Hours as people say them: "5 h" under two days, else "2.5 days" ("2,5 jours"). */
export function hoursText(hours: number, locale: Locale): string {
  if (Math.abs(hours) < 48) return message(locale, 'report.hours', { n: Math.round(hours).toLocaleString(locale) });
  return message(locale, 'report.days', { n: (Math.round((hours / 24) * 10) / 10).toLocaleString(locale) });
}
