/**
 * A calendar's report for a period, computed from its posts and metrics files only: the same
 * repository gives the same report on any machine. The JSON format is this object (documented
 * in docs/report.md); Markdown and HTML render it.
 */
import { expectedPosts } from '../cadence';
import { addDays, dayKey, weekStartDay } from '../calendar';
import type { PollResult } from '../metrics/snapshot';
import { STATUSES, type PlatformId, type PostStatus, type PublishResult } from '../model';
import { toZonedIso, wallTime } from '../zone';
import { FollowersAt, latestByPost } from './engagement';
import type { ReportInput, ReportPost } from './input';
import { suggestionsFor, type Suggestion } from './suggestions';

/** Bumped when a field changes meaning or goes; new fields do not bump it. */
export const REPORT_VERSION = 1;

/** Published within this of its date counts as on time: a scheduled run every 15 minutes, started late as CI schedules are. */
export const ON_TIME_MS = 30 * 60_000;

/** Comparisons (slots, hashtags, formats) need this many measured publications to say anything. */
export const MIN_SAMPLE = 2;

export type Format = 'thread' | 'media' | 'poll' | 'link' | 'text';
export const FORMATS: readonly Format[] = ['thread', 'media', 'poll', 'link', 'text'];

/** A share (0–1) or undefined when there is nothing to divide by. */
type Rate = number | undefined;

export interface Report {
  readonly version: typeof REPORT_VERSION;
  readonly period: { readonly from: string; readonly to: string; readonly zone: string; readonly days: number };
  readonly generatedAt: string;
  readonly locale: string;
  /** Per network: what was planned, what went out, against the cadence. */
  readonly networks: readonly NetworkRow[];
  /** Weeks (Monday first) overlapping the period, with their planned and published posts per network. */
  readonly weeks: readonly WeekRow[];
  readonly onTime: { readonly published: number; readonly onTime: number; readonly rate: Rate; readonly medianDelayMinutes?: number };
  /** Publications missed, failed, or not sent by their date, with why. */
  readonly problems: readonly ProblemRow[];
  readonly workflow: Workflow;
  /** Every post of the period, in date order, with its engagement where measured. */
  readonly posts: readonly PostRow[];
  /** Files of the best and worst posts by engagement rate (up to 3 each; bottom excludes top). */
  readonly top: readonly string[];
  readonly bottom: readonly string[];
  readonly slots: { readonly byWeekday: readonly SlotRow[]; readonly byHour: readonly SlotRow[]; readonly best: readonly SlotRow[] };
  readonly hashtags: readonly GroupRow[];
  readonly formats: readonly GroupRow[];
  readonly campaigns: readonly CampaignRow[];
  readonly polls: readonly PollRow[];
  readonly suggestions: readonly Suggestion[];
}

export interface NetworkRow {
  readonly network: PlatformId;
  readonly planned: number;
  readonly published: number;
  readonly failed: number;
  readonly missed: number;
  /** `3/week`, when `.editorial.yaml` sets one. */
  readonly cadence?: string;
  /** Posts the cadence asks for over the period, rounded. */
  readonly expected?: number;
  /** Weeks fully in the period whose published posts fell short of the cadence. */
  readonly weeksUnder?: number;
  readonly interactions: number;
  readonly views?: number;
  /** Followers at the last reading of the period (or the first after it). */
  readonly followers?: number;
  /** Mean engagement rate of its measured publications. */
  readonly engagementRate: Rate;
  readonly measured: number;
}

export interface WeekRow {
  /** Its Monday. */
  readonly week: string;
  /** Days of the week inside the period (1–7). */
  readonly days: number;
  readonly planned: Readonly<Partial<Record<PlatformId, number>>>;
  readonly published: Readonly<Partial<Record<PlatformId, number>>>;
}

export interface ProblemRow {
  readonly file: string;
  readonly title: string;
  readonly date: string;
  readonly network: PlatformId;
  /** `missed` and `failed` as publishing recorded them; `not-sent`: the date passed with the post still at `status`. */
  readonly kind: 'missed' | 'failed' | 'not-sent';
  /** The network's words (failed), or the post's status (not sent). */
  readonly reason?: string;
  readonly status?: PostStatus;
}

export interface Workflow {
  readonly statuses: Readonly<Record<PostStatus, number>>;
  /** First commit → first network published, hours, over posts git dates. */
  readonly leadTime: Durations;
  /** First commit → last approval, hours. */
  readonly timeToApproval: Durations;
  /** Last approval → the post's date, hours (negative: approved after its date). */
  readonly approvedAhead: Durations;
  /** Posts first committed after they were published (imported): left out of lead times. */
  readonly addedAfterPublishing: number;
}

export interface Durations {
  readonly posts: number;
  readonly medianHours?: number;
  readonly maxHours?: number;
}

export interface Publication {
  readonly network: PlatformId;
  readonly state: 'published' | 'failed' | 'missed' | 'sending' | 'planned';
  readonly publishedAt?: string;
  readonly interactions?: number;
  readonly views?: number;
  readonly followers?: number;
  readonly engagementRate: Rate;
}

export interface PostRow {
  readonly file: string;
  readonly title: string;
  readonly date: string;
  readonly status: PostStatus;
  readonly campaign?: string;
  readonly formats: readonly Format[];
  readonly hashtags: readonly string[];
  readonly networks: readonly Publication[];
  readonly interactions: number;
  /** Interactions over followers, all its networks together. */
  readonly engagementRate: Rate;
}

export interface SlotRow {
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday?: number;
  readonly hour?: number;
  readonly publications: number;
  readonly engagementRate: Rate;
}

export interface GroupRow {
  readonly key: string;
  readonly publications: number;
  readonly interactions: number;
  readonly engagementRate: Rate;
}

export interface CampaignRow {
  readonly campaign: string;
  readonly posts: number;
  /** Networks its posts planned, and those at least one of them reached. */
  readonly planned: readonly PlatformId[];
  readonly reached: readonly PlatformId[];
  readonly coverage: Rate;
  readonly interactions: number;
  readonly engagementRate: Rate;
}

export interface PollRow {
  readonly file: string;
  readonly title: string;
  readonly network: PlatformId;
  readonly options: PollResult['options'];
  readonly voters?: number;
  readonly closed: boolean;
}

/** One measured publication, for the comparisons. */
interface Sample {
  readonly post: ReportPost;
  readonly network: PlatformId;
  readonly time: number;
  readonly interactions: number;
  readonly rate: Rate;
  readonly formats: readonly Format[];
}

/**
 * Published on that network: `state: published`, or a result with no state naming what was sent
 * (written by hand, or by a version that wrote no state), or no result at all on a post whose
 * status says it went out (published by hand, in the network's own app).
 */
export function isPublished(r: PublishResult | undefined, status: PostStatus): boolean {
  if (r === undefined) return status === 'published';
  return r.state === 'published' || (r.state === undefined && (r.parts.length > 0 || r.id !== undefined));
}

/** The report of `input.from`–`input.to`. */
export function buildReport(input: ReportInput): Report {
  const { zone, from, to } = input;
  const inPeriod = input.posts
    .filter((p) => p.meta.date !== undefined)
    .map((p) => ({ post: p, day: dayKey(p.meta.date!, zone) }))
    .filter((p) => p.day >= from && p.day <= to)
    .sort((a, b) => a.post.meta.date! - b.post.meta.date! || (a.post.file < b.post.file ? -1 : 1));
  const measured = latestByPost(input.snapshots);
  const followers = new FollowersAt(input.accounts);
  const days = dayCount(from, to);

  const statuses = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<PostStatus, number>;
  const networks = new Map<PlatformId, { planned: number; published: number; failed: number; missed: number; interactions: number; views?: number; rates: number[]; measured: number }>();
  const net = (n: PlatformId) => networks.get(n) ?? networks.set(n, { planned: 0, published: 0, failed: 0, missed: 0, interactions: 0, rates: [], measured: 0 }).get(n)!;
  const weeks = new Map<string, { planned: Partial<Record<PlatformId, number>>; published: Partial<Record<PlatformId, number>> }>();
  for (let d = weekStartDay(from); d <= to; d = addDays(d, 7)) weeks.set(d, { planned: {}, published: {} });
  const problems: ProblemRow[] = [];
  const samples: Sample[] = [];
  const rows: PostRow[] = [];
  const delays: number[] = [];
  let onTime = 0;
  let sent = 0;
  const lead: number[] = [];
  const toApproval: number[] = [];
  const ahead: number[] = [];
  let addedAfter = 0;
  const campaigns = new Map<string, { posts: number; planned: Set<PlatformId>; reached: Set<PlatformId>; interactions: number; rates: number[] }>();
  const polls: PollRow[] = [];

  for (const { post, day } of inPeriod) {
    const { meta } = post;
    const status = meta.status ?? 'draft';
    statuses[status]++;
    const date = meta.date!;
    const week = weeks.get(weekStartDay(day))!;
    const formats = formatsOf(post);
    const publications: Publication[] = [];
    let firstOut: number | undefined;
    let postInteractions = 0;
    let postFollowers = 0;
    let postMeasured = false;
    const campaign = meta.campaign !== undefined ? (campaigns.get(meta.campaign) ?? campaigns.set(meta.campaign, { posts: 0, planned: new Set(), reached: new Set(), interactions: 0, rates: [] }).get(meta.campaign)!) : undefined;
    if (campaign) campaign.posts++;
    for (const network of meta.platforms) {
      if (status === 'idea') break;
      const row = net(network);
      row.planned++;
      week.planned[network] = (week.planned[network] ?? 0) + 1;
      campaign?.planned.add(network);
      const result = meta.results[network];
      if (isPublished(result, status)) {
        row.published++;
        sent++;
        week.published[network] = (week.published[network] ?? 0) + 1;
        campaign?.reached.add(network);
        const at = result?.at !== undefined ? Date.parse(result.at) : NaN;
        const time = Number.isNaN(at) ? date : at;
        if (!Number.isNaN(at)) {
          delays.push(Math.max(0, at - date) / 60_000);
          if (at - date <= ON_TIME_MS) onTime++;
        } else onTime++; // no time recorded: sent by the run of its slot
        firstOut = firstOut === undefined ? time : Math.min(firstOut, time);
        const m = measured.get(`${post.file}\u0000${network}`);
        const f = followers.at(network, time);
        const rate = m && f ? m.interactions / f : undefined;
        publications.push({ network, state: 'published', publishedAt: new Date(time).toISOString(), ...(m ? { interactions: m.interactions } : {}), ...(m?.views !== undefined ? { views: m.views } : {}), ...(f !== undefined ? { followers: f } : {}), engagementRate: rate });
        if (m) {
          row.measured++;
          row.interactions += m.interactions;
          if (m.views !== undefined) row.views = (row.views ?? 0) + m.views;
          postInteractions += m.interactions;
          postMeasured = true;
          if (campaign) campaign.interactions += m.interactions;
          if (m.poll) polls.push({ file: post.file, title: post.title, network, options: m.poll.options, ...(m.poll.voters !== undefined ? { voters: m.poll.voters } : {}), closed: m.poll.closed });
          if (rate !== undefined) {
            postFollowers += f!;
            row.rates.push(rate);
            campaign?.rates.push(rate);
          }
          samples.push({ post, network, time, interactions: m.interactions, rate, formats });
        }
        continue;
      }
      const state = result?.state;
      if (state === 'failed' || state === 'missed') {
        row[state]++;
        problems.push({ file: post.file, title: post.title, date: isoDay(date, zone, meta.dateOnly), network, kind: state, ...(result!.error ? { reason: result!.error } : {}) });
        publications.push({ network, state, engagementRate: undefined });
      } else {
        if (date < input.now && state !== 'sending') problems.push({ file: post.file, title: post.title, date: isoDay(date, zone, meta.dateOnly), network, kind: 'not-sent', status });
        publications.push({ network, state: state === 'sending' ? 'sending' : 'planned', engagementRate: undefined });
      }
    }
    const lastApproval = meta.approvals.map((a) => Date.parse(a.at)).filter((t) => !Number.isNaN(t)).sort((a, b) => a - b).pop();
    if (lastApproval !== undefined) ahead.push((date - lastApproval) / 3_600_000);
    if (post.created !== undefined) {
      if (firstOut !== undefined && firstOut < post.created) addedAfter++;
      else {
        if (firstOut !== undefined) lead.push((firstOut - post.created) / 3_600_000);
        if (lastApproval !== undefined && lastApproval >= post.created) toApproval.push((lastApproval - post.created) / 3_600_000);
      }
    }
    rows.push({
      file: post.file,
      title: post.title,
      date: isoDay(date, zone, meta.dateOnly),
      status,
      ...(meta.campaign !== undefined ? { campaign: meta.campaign } : {}),
      formats,
      hashtags: post.hashtags,
      networks: publications,
      interactions: postInteractions,
      engagementRate: postMeasured && postFollowers > 0 ? ratedInteractions(publications) / postFollowers : undefined,
    });
  }

  const rated = rows.filter((r) => r.engagementRate !== undefined).sort((a, b) => b.engagementRate! - a.engagementRate! || (a.file < b.file ? -1 : 1));
  const top = rated.slice(0, 3).map((r) => r.file);
  const bottom = rated.slice(Math.max(3, rated.length - 3)).reverse().map((r) => r.file);
  const lastDay = Date.parse(`${addDays(to, 1)}T00:00:00Z`);

  const networkRows: NetworkRow[] = [...new Set([...networks.keys(), ...(Object.keys(input.cadence) as PlatformId[])])].map((network) => {
    const row = net(network);
    const cadence = input.cadence[network];
    const full = [...weeks.entries()].filter(([w]) => w >= from && addDays(w, 6) <= to);
    const weekTarget = cadence ? expectedPosts(cadence, 7) : undefined;
    const f = followers.at(network, lastDay);
    return {
      network,
      planned: row.planned,
      published: row.published,
      failed: row.failed,
      missed: row.missed,
      ...(cadence ? { cadence: cadence.text, expected: Math.round(expectedPosts(cadence, days)), weeksUnder: full.filter(([, w]) => (w.published[network] ?? 0) < weekTarget! - 1e-9).length } : {}),
      interactions: row.interactions,
      ...(row.views !== undefined ? { views: row.views } : {}),
      ...(f !== undefined ? { followers: f } : {}),
      engagementRate: mean(row.rates),
      measured: row.measured,
    };
  });

  const report: Omit<Report, 'suggestions'> = {
    version: REPORT_VERSION,
    period: { from, to, zone, days },
    generatedAt: new Date(input.now).toISOString(),
    locale: input.locale,
    networks: networkRows,
    weeks: [...weeks.entries()].map(([week, w]) => ({ week, days: dayCount(week < from ? from : week, addDays(week, 6) > to ? to : addDays(week, 6)), planned: w.planned, published: w.published })),
    onTime: { published: sent, onTime, rate: ratio(onTime, sent), ...(delays.length > 0 ? { medianDelayMinutes: round1(median(delays)!) } : {}) },
    problems,
    workflow: { statuses, leadTime: durations(lead), timeToApproval: durations(toApproval), approvedAhead: durations(ahead), addedAfterPublishing: addedAfter },
    posts: rows,
    top,
    bottom,
    slots: slots(samples, zone),
    hashtags: groups(samples, (s) => s.post.hashtags),
    formats: groups(samples, (s) => s.formats),
    campaigns: [...campaigns.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, c]) => ({ campaign: name, posts: c.posts, planned: [...c.planned], reached: [...c.reached], coverage: ratio(c.reached.size, c.planned.size), interactions: c.interactions, engagementRate: mean(c.rates) })),
    polls,
  };
  return { ...report, suggestions: suggestionsFor(report, input.cadence) };
}

/** Interactions of the publications that have a rate (the same ones whose followers are added up). */
function ratedInteractions(publications: readonly Publication[]): number {
  return publications.reduce((n, p) => n + (p.engagementRate !== undefined ? p.interactions! : 0), 0);
}

/** A thread when some network got several parts; else its media, poll and link; `text` when none. */
export function formatsOf(post: ReportPost): Format[] {
  const out: Format[] = [];
  if (Object.values(post.meta.results).some((r) => r && r.parts.length > 1)) out.push('thread');
  if (post.meta.media.length > 0) out.push('media');
  if (post.meta.poll) out.push('poll');
  if (post.hasLink) out.push('link');
  return out.length > 0 ? out : ['text'];
}

function slots(samples: readonly Sample[], zone: string): Report['slots'] {
  const byWeekday = new Map<number, Sample[]>();
  const byHour = new Map<number, Sample[]>();
  const bySlot = new Map<string, Sample[]>();
  for (const s of samples) {
    const w = wallTime(zone, s.time);
    const weekday = ((new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7) + 1;
    push(byWeekday, weekday, s);
    push(byHour, w.hour, s);
    push(bySlot, `${weekday} ${w.hour}`, s);
  }
  const row = (list: readonly Sample[], at: { weekday?: number; hour?: number }): SlotRow => ({ ...at, publications: list.length, engagementRate: mean(list.flatMap((s) => (s.rate !== undefined ? [s.rate] : []))) });
  const best = [...bySlot.entries()]
    .map(([key, list]) => row(list, { weekday: Number(key.split(' ')[0]), hour: Number(key.split(' ')[1]) }))
    .filter((r) => r.engagementRate !== undefined && r.publications >= MIN_SAMPLE)
    .sort((a, b) => b.engagementRate! - a.engagementRate! || a.weekday! - b.weekday! || a.hour! - b.hour!)
    .slice(0, 3);
  return {
    byWeekday: [1, 2, 3, 4, 5, 6, 7].map((weekday) => row(byWeekday.get(weekday) ?? [], { weekday })),
    byHour: [...byHour.keys()].sort((a, b) => a - b).map((hour) => row(byHour.get(hour)!, { hour })),
    best,
  };
}

function groups(samples: readonly Sample[], keys: (s: Sample) => readonly string[]): GroupRow[] {
  const by = new Map<string, Sample[]>();
  for (const s of samples) for (const k of keys(s)) push(by, k, s);
  return [...by.entries()]
    .map(([key, list]) => ({ key, publications: list.length, interactions: list.reduce((n, s) => n + s.interactions, 0), engagementRate: mean(list.flatMap((s) => (s.rate !== undefined ? [s.rate] : []))) }))
    .sort((a, b) => (b.engagementRate ?? -1) - (a.engagementRate ?? -1) || b.publications - a.publications || (a.key < b.key ? -1 : 1));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function durations(hours: readonly number[]): Durations {
  if (hours.length === 0) return { posts: 0 };
  return { posts: hours.length, medianHours: round1(median(hours)!), maxHours: round1(Math.max(...hours)) };
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: readonly number[]): Rate {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

function ratio(a: number, b: number): Rate {
  return b === 0 ? undefined : a / b;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Days from `from` to `to` (`YYYY-MM-DD`), both included. */
export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The post's date as written back: the day alone for a day-only post, else ISO 8601 with the zone's offset. */
function isoDay(time: number, zone: string, dateOnly: boolean | undefined): string {
  return dateOnly ? dayKey(time, zone) : toZonedIso(time, zone);
}
