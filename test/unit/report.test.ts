import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCadence } from '../../src/core/cadence';
import { parseConfig } from '../../src/core/config';
import type { AccountSnapshot, MetricSnapshot } from '../../src/core/metrics/snapshot';
import type { PlatformId, PostMeta, PostStatus, PublishResult } from '../../src/core/model';
import { reportHtml } from '../../src/core/reporting/html';
import type { ReportInput, ReportPost } from '../../src/core/reporting/input';
import { markdownText, reportMarkdown } from '../../src/core/reporting/markdown';
import { buildReport, ON_TIME_MS } from '../../src/core/reporting/report';
import { firstCommitsOf } from '../../src/node/gitHistory';

const NETWORKS: PlatformId[] = ['x', 'bluesky', 'mastodon', 'linkedin', 'instagram'];
const STATUSES: PostStatus[] = ['idea', 'draft', 'review', 'approved', 'scheduled', 'published'];
const HOUR = 3_600_000;
/** 2026-11-01T00:00 in Paris (UTC+1 in November). */
const NOV_1 = Date.parse('2026-10-31T23:00:00Z');
const NOW = Date.parse('2026-12-05T12:00:00Z');

/** A post of a generated calendar: what the test decides, before it becomes a ReportPost. */
interface Plan {
  readonly day: number; // 0..40: some fall in December, outside the period
  readonly hour: number;
  readonly status: PostStatus;
  readonly networks: readonly PlatformId[];
  readonly outcome: ReadonlyArray<'published' | 'late' | 'failed' | 'missed' | 'none'>;
  readonly likes: ReadonlyArray<number | undefined>;
  readonly campaign?: 'launch' | 'tips';
  readonly media: boolean;
}

const plan: fc.Arbitrary<Plan> = fc
  .record({
    day: fc.integer({ min: 0, max: 40 }),
    hour: fc.integer({ min: 7, max: 20 }),
    status: fc.constantFrom(...STATUSES),
    networks: fc.subarray(NETWORKS, { minLength: 1 }),
    outcome: fc.array(fc.constantFrom('published', 'late', 'failed', 'missed', 'none'), { minLength: 5, maxLength: 5 }),
    likes: fc.array(fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }), { minLength: 5, maxLength: 5 }),
    campaign: fc.option(fc.constantFrom('launch' as const, 'tips' as const), { nil: undefined }),
    media: fc.boolean(),
  })
  .map((p) => p as Plan);

/** The calendar the plans describe: posts, one snapshot per measured publication (an older, lower one too), followers. */
function calendarOf(plans: readonly Plan[], followers: Readonly<Record<string, number>>): ReportInput {
  const posts: ReportPost[] = [];
  const snapshots: MetricSnapshot[] = [];
  plans.forEach((p, i) => {
    const file = `posts/p${i}.md`;
    const date = NOV_1 + p.day * 24 * HOUR + p.hour * HOUR;
    const results: Partial<Record<PlatformId, PublishResult>> = {};
    p.networks.forEach((n, k) => {
      const outcome = p.outcome[k]!;
      if (outcome === 'published' || outcome === 'late') {
        const at = new Date(date + (outcome === 'late' ? 2 * HOUR : 20_000)).toISOString();
        results[n] = { state: 'published', id: `${n}-${i}`, at, parts: [{ id: `${n}-${i}` }] };
        const likes = p.likes[k];
        if (likes !== undefined) {
          snapshots.push({ at: '2026-12-01T08:00:00.000Z', file, network: n, part: 1, id: `${n}-${i}`, counts: { likes: Math.floor(likes / 2) } });
          snapshots.push({ at: '2026-12-04T08:00:00.000Z', file, network: n, part: 1, id: `${n}-${i}`, counts: { likes, replies: 3, views: 1000 } });
        }
      } else if (outcome === 'failed' || outcome === 'missed') results[n] = { state: outcome, ...(outcome === 'failed' ? { error: 'Service Unavailable' } : {}), parts: [] };
    });
    const meta: PostMeta = {
      title: `Post ${i}`,
      date,
      platforms: p.networks,
      status: p.status,
      ...(p.campaign ? { campaign: p.campaign } : {}),
      tags: [],
      media: p.media ? [{ file: 'a.png', alt: 'A' }] : [],
      approvals: [],
      results,
    };
    posts.push({ file, title: `Post ${i}`, meta, hashtags: i % 2 ? ['nova'] : [], hasLink: false });
  });
  const accounts: AccountSnapshot[] = Object.entries(followers).map(([network, n]) => ({ at: '2026-10-01T00:00:00.000Z', network: network as PlatformId, account: 'nova', followers: n }));
  return { from: '2026-11-01', to: '2026-11-30', zone: 'Europe/Paris', locale: 'en', cadence: { instagram: parseCadence('3/week')! }, now: NOW, posts, snapshots, accounts };
}

/** The expected figures, computed here from the plans, without the report's code. */
function expected(plans: readonly Plan[], followers: Readonly<Record<string, number>>) {
  const perNetwork = new Map<PlatformId, { planned: number; published: number; failed: number; missed: number; interactions: number; rates: number[] }>();
  let onTime = 0;
  let published = 0;
  let notSent = 0;
  const postRates: Array<{ file: string; rate: number }> = [];
  plans.forEach((p, i) => {
    if (p.day >= 30 || p.status === 'idea') return; // December, or not planned yet
    const date = NOV_1 + p.day * 24 * HOUR + p.hour * HOUR;
    let inter = 0;
    let foll = 0;
    p.networks.forEach((n, k) => {
      const row = perNetwork.get(n) ?? { planned: 0, published: 0, failed: 0, missed: 0, interactions: 0, rates: [] };
      perNetwork.set(n, row);
      row.planned++;
      const outcome = p.outcome[k]!;
      if (outcome === 'published' || outcome === 'late') {
        row.published++;
        published++;
        if (outcome === 'published') onTime++;
        const likes = p.likes[k];
        if (likes !== undefined) {
          row.interactions += likes + 3;
          row.rates.push((likes + 3) / followers[n]!);
          inter += likes + 3;
          foll += followers[n]!;
        }
      } else if (outcome === 'failed') row.failed++;
      else if (outcome === 'missed') row.missed++;
      else if (p.status === 'published') {
        // A post marked published with no result for a network went out by hand.
        row.published++;
        published++;
        onTime++;
      } else if (date < NOW) notSent++;
    });
    if (foll > 0) postRates.push({ file: `posts/p${i}.md`, rate: inter / foll });
  });
  return { perNetwork, onTime, published, notSent, postRates };
}

const mean = (xs: number[]) => (xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length);

describe('edcal report: the figures', () => {
  it('equal a computation made independently, on generated calendars with known metrics', () => {
    fc.assert(
      fc.property(fc.array(plan, { maxLength: 40 }), fc.record({ x: fc.integer({ min: 1, max: 9000 }), bluesky: fc.integer({ min: 1, max: 9000 }), mastodon: fc.integer({ min: 1, max: 9000 }), linkedin: fc.integer({ min: 1, max: 9000 }), instagram: fc.integer({ min: 1, max: 9000 }) }), (plans, followers) => {
        const report = buildReport(calendarOf(plans, followers));
        const want = expected(plans, followers);
        for (const [network, w] of want.perNetwork) {
          const row = report.networks.find((n) => n.network === network)!;
          assert.deepEqual({ planned: row.planned, published: row.published, failed: row.failed, missed: row.missed, interactions: row.interactions }, { planned: w.planned, published: w.published, failed: w.failed, missed: w.missed, interactions: w.interactions }, network);
          const rate = mean(w.rates);
          if (rate === undefined) assert.equal(row.engagementRate, undefined);
          else assert.ok(Math.abs(row.engagementRate! - rate) < 1e-12, `${network} rate`);
        }
        assert.equal(report.onTime.published, want.published);
        assert.equal(report.onTime.onTime, want.onTime);
        assert.equal(report.problems.filter((p) => p.kind === 'not-sent').length, want.notSent);
        const best = [...want.postRates].sort((a, b) => b.rate - a.rate || (a.file < b.file ? -1 : 1));
        assert.deepEqual(report.top, best.slice(0, 3).map((r) => r.file));
        // Weeks add up to the networks' totals.
        for (const row of report.networks) assert.equal(report.weeks.reduce((a, w) => a + (w.published[row.network] ?? 0), 0), row.published);
      }),
      { numRuns: 150 },
    );
  });

  it('counts an on-time publication within 30 minutes of its date, a late one after', () => {
    const input = calendarOf([{ day: 2, hour: 9, status: 'published', networks: ['x', 'bluesky'], outcome: ['published', 'late'], likes: [10, 20], media: false }], { x: 100, bluesky: 100 });
    const report = buildReport(input);
    assert.equal(ON_TIME_MS, 30 * 60_000);
    assert.deepEqual({ published: report.onTime.published, onTime: report.onTime.onTime }, { published: 2, onTime: 1 });
    // Delays 20 s and 2 h: the median is their mean.
    assert.equal(report.onTime.medianDelayMinutes, Math.round(((20 / 60 + 120) / 2) * 10) / 10);
  });

  it('measures a rate against the followers at publishing time: the last reading before it, else the first after', () => {
    const input = calendarOf([{ day: 9, hour: 9, status: 'published', networks: ['x'], outcome: ['published'], likes: [97], media: false }], {});
    const accounts: AccountSnapshot[] = [
      { at: '2026-11-01T00:00:00.000Z', network: 'x', account: 'nova', followers: 1000 },
      { at: '2026-11-09T00:00:00.000Z', network: 'x', account: 'nova', followers: 2000 },
      { at: '2026-11-20T00:00:00.000Z', network: 'x', account: 'nova', followers: 4000 },
    ];
    assert.equal(buildReport({ ...input, accounts }).posts[0]!.engagementRate, 100 / 2000);
    assert.equal(buildReport({ ...input, accounts: accounts.slice(2) }).posts[0]!.engagementRate, 100 / 4000);
    assert.equal(buildReport({ ...input, accounts: [] }).posts[0]!.engagementRate, undefined);
  });

  it('suggests what the figures say: a network under its cadence, the best slot, a format that did better', () => {
    const plans: Plan[] = [0, 1, 7, 8, 14].map((day, i) => ({ day, hour: 9, status: 'published', networks: ['instagram'], outcome: ['published'], likes: [i < 2 ? 400 : 10], media: i < 2 }));
    const report = buildReport(calendarOf(plans, { instagram: 1000 }));
    const kinds = report.suggestions.map((s) => s.kind);
    assert.ok(kinds.includes('under-cadence'), kinds.join());
    assert.match(report.suggestions.find((s) => s.kind === 'under-cadence')!.text, /Instagram got 5 posts where its cadence \(3\/week\) asks for 13/);
    assert.ok(kinds.includes('format'));
    assert.match(report.suggestions.find((s) => s.kind === 'format')!.text, /image or video/);
    const fr = buildReport({ ...calendarOf(plans, { instagram: 1000 }), locale: 'fr' });
    assert.match(fr.suggestions.find((s) => s.kind === 'under-cadence')!.text, /Instagram a reçu 5\u00a0posts/);
  });

  it('reads lead times from git: renames followed, a post committed after it went out left out', () => {
    const log = ['\x01100\0\nA\0posts/a.md\0A\0posts/b c.md\0', '\x01200\0\nR100\0posts/a.md\0posts/2026/a.md\0'].join('');
    const first = firstCommitsOf(log, '/repo');
    assert.deepEqual([...first], [['/repo/posts/a.md', 100_000], ['/repo/posts/b c.md', 100_000], ['/repo/posts/2026/a.md', 100_000]]);
    const input = calendarOf([{ day: 3, hour: 9, status: 'published', networks: ['x'], outcome: ['published'], likes: [1], media: false }, { day: 4, hour: 9, status: 'published', networks: ['x'], outcome: ['published'], likes: [1], media: false }], { x: 10 });
    const date = input.posts[0]!.meta.date!;
    const posts = [{ ...input.posts[0]!, created: date - 50 * HOUR }, { ...input.posts[1]!, created: NOW }];
    const report = buildReport({ ...input, posts });
    assert.equal(report.workflow.leadTime.posts, 1);
    assert.ok(Math.abs(report.workflow.leadTime.medianHours! - 50) < 0.1);
    assert.equal(report.workflow.addedAfterPublishing, 1);
  });

  it('renders post text as text: escaped in HTML, inert in Markdown', () => {
    const input = calendarOf([{ day: 3, hour: 9, status: 'published', networks: ['x'], outcome: ['published'], likes: [5], media: false }], { x: 10 });
    const hostile = '<img src=x onerror=alert(1)> | **bold** [link](javascript:alert(1))';
    const posts = [{ ...input.posts[0]!, title: hostile }];
    const html = reportHtml(buildReport({ ...input, posts }));
    assert.ok(!html.includes('<img src=x'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/);
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(html), 'no script, no remote resource');
    const md = reportMarkdown(buildReport({ ...input, posts }));
    assert.ok(md.includes(markdownText(hostile)));
    assert.ok(!md.includes('[link](javascript'));
    assert.equal(markdownText('| a'), '\\| a');
  });

  it('draws each chart as a titled image followed by its data table', () => {
    const plans: Plan[] = [0, 1, 2].map((day) => ({ day, hour: 9, status: 'published', networks: ['x', 'linkedin'], outcome: ['published', 'published'], likes: [10, 20], media: false }));
    const html = reportHtml(buildReport(calendarOf(plans, { x: 100, linkedin: 100 })));
    const charts = [...html.matchAll(/<svg role="img" aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(charts, ['chart-networks-title', 'chart-weeks-title', 'chart-weekdays-title', 'chart-formats-title']);
    for (const id of charts) assert.ok(html.includes(`<title id="${id}">`));
    // The networks chart's section holds the table of the same figures.
    const section = html.slice(html.indexOf('<section id="networks"'), html.indexOf('</section>', html.indexOf('<section id="networks"')));
    assert.match(section, /<svg[\s\S]*<\/svg>[\s\S]*<table>/);
    assert.match(section, /<th scope="row">X<\/th><td class="n">3<\/td><td class="n">3<\/td>/);
  });

  it('reads the cadence of .editorial.yaml, and says what is wrong with one', () => {
    const { config, diagnostics } = parseConfig('cadence: { instagram: 3/week, linkedin: 2/semaine, x: lots }\n');
    assert.deepEqual(config.cadence, { instagram: { count: 3, per: 'week', text: '3/week' }, linkedin: { count: 2, per: 'week', text: '2/semaine' } });
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0]!.message, /cadence\.x/);
  });
});
