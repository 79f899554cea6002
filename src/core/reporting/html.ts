/**
 * `edcal report --format html`: one self-contained page (no script, no remote resource: its CSP
 * allows only its own style sheet, by hash), readable in light and dark, every text from posts
 * escaped. The "Open Report" webview shows the same body with VS Code's colours.
 */
import { escapeHtml, standalonePage } from '../calendarHtml';
import { formatDay, weekdayNames } from '../calendarPage';
import { message, type Locale, type MessageId } from '../i18n/messages';
import { PLATFORMS } from '../platforms/registry';
import { chartSvg, type Chart } from './charts';
import type { Report } from './report';
import { reportSections, reportTitle, type Section, type Table } from './sections';
import { percent } from './suggestions';

/** Colours as variables, so that the webview can map them to the theme's (see src/extension/reportPanel.ts). */
export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --row: #f6f8fa; --s1: #0969da; --s2: #8250df; --s3: #bf8700; }
@media (prefers-color-scheme: dark) { :root { --bg: #1e1e1e; --fg: #d4d4d4; --muted: #9d9d9d; --border: #3c3c3c; --row: #252526; --s1: #4daafc; --s2: #b180d7; --s3: #e2c541; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 12px 16px 32px; color: var(--fg); background: var(--bg); font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 980px; }
h1 { font-size: 1.45em; margin: 4px 0 4px; }
h2 { font-size: 1.15em; margin: 24px 0 8px; padding-bottom: 3px; border-bottom: 1px solid var(--border); }
.meta { color: var(--muted); margin: 0 0 8px; }
p { margin: 4px 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 6px 0; min-width: 50%; }
th, td { border: 1px solid var(--border); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--row); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); font-style: italic; }
.next li { margin: 3px 0; }
.chart { margin: 8px 0 4px; max-width: 100%; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
.chart figcaption { color: var(--muted); font-size: 0.9em; }
.chart .label, .chart .value { fill: var(--fg); font-size: 11px; font-family: inherit; }
.chart .value { fill: var(--muted); }
.bar.s1, .key.s1 { fill: var(--s1); background: var(--s1); } .bar.s2, .key.s2 { fill: var(--s2); background: var(--s2); } .bar.s3, .key.s3 { fill: var(--s3); background: var(--s3); }
.chart-legend { display: flex; gap: 12px; list-style: none; margin: 0 0 4px; padding: 0; color: var(--muted); }
.chart-legend .key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (forced-colors: active) { .bar { fill: CanvasText; } .bar.s2 { fill: Highlight; } .bar.s3 { fill: LinkText; } .chart .label, .chart .value { fill: CanvasText; } .key { forced-color-adjust: none; } }
@media print { body { padding: 0; } h2 { break-after: avoid; } }
`;

/** The whole page. */
export function reportHtml(report: Report): string {
  return standalonePage({ lang: report.locale, title: reportTitle(report), css: REPORT_CSS, body: [reportBody(report)] });
}

/** The report's `<main>`: its title, then each section with its chart and table. */
export function reportBody(report: Report): string {
  const locale = report.locale as Locale;
  const charts = chartsOf(report);
  const out = [`<main>`, `<h1>${escapeHtml(reportTitle(report))}</h1>`, `<p class="meta">${escapeHtml(message(locale, 'report.meta', { zone: report.period.zone, from: report.period.from, to: report.period.to }))}</p>`];
  for (const section of reportSections(report)) out.push(sectionHtml(section, charts.get(section.id)));
  out.push('</main>');
  return out.join('\n');
}

function sectionHtml(section: Section, chart: Chart | undefined): string {
  const parts = [`<section id="${section.id}" aria-labelledby="${section.id}-h">`, `<h2 id="${section.id}-h">${escapeHtml(section.title)}</h2>`];
  if (section.id === 'next') parts.push(`<ul class="next">${section.paragraphs.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`);
  else parts.push(...section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`));
  const hasRows = section.table !== undefined && section.table.rows.length > 0;
  if (chart && hasRows) parts.push(chartSvg(chart));
  if (section.table) parts.push(hasRows ? tableHtml(section.table, section.title) : `<p class="empty">${escapeHtml(section.empty ?? '')}</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

function tableHtml(table: Table, caption: string): string {
  const cls = (i: number) => (table.numeric[i] ? ' class="n"' : '');
  const head = `<tr>${table.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = table.rows.map((r) => `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${escapeHtml(v)}</th>` : `<td${cls(i)}>${escapeHtml(v)}</td>`)).join('')}</tr>`);
  return `<div class="table-wrap"><table><caption class="visually-hidden">${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** The charts, by the section they illustrate; each section's table holds its data. */
function chartsOf(report: Report): Map<Section['id'], Chart> {
  const locale = report.locale as Locale;
  const t = (id: MessageId) => message(locale, id);
  const count = (n: number) => n.toLocaleString(locale);
  const rate = (n: number) => percent(n, locale);
  const charts = new Map<Section['id'], Chart>();
  const nets = report.networks;
  charts.set('networks', {
    id: 'chart-networks',
    title: t('report.chart-networks'),
    categories: nets.map((n) => PLATFORMS[n.network].name),
    series: [
      { name: t('report.col-planned'), cls: 's1', values: nets.map((n) => n.planned) },
      { name: t('report.col-published'), cls: 's2', values: nets.map((n) => n.published) },
      ...(nets.some((n) => n.expected !== undefined) ? [{ name: t('report.col-expected'), cls: 's3' as const, values: nets.map((n) => n.expected) }] : []),
    ],
    format: count,
  });
  const sum = (r: Readonly<Record<string, number | undefined>>) => Object.values(r).reduce<number>((a, b) => a + (b ?? 0), 0);
  charts.set('weeks', {
    id: 'chart-weeks',
    title: t('report.chart-weeks'),
    categories: report.weeks.map((w) => formatDay(w.week, locale, { day: 'numeric', month: 'short' })),
    series: [
      { name: t('report.col-planned'), cls: 's1', values: report.weeks.map((w) => sum(w.planned)) },
      { name: t('report.col-published'), cls: 's2', values: report.weeks.map((w) => sum(w.published)) },
    ],
    format: count,
  });
  const days = weekdayNames(locale, 'long');
  const slots = report.slots.byWeekday.filter((s) => s.publications > 0);
  charts.set('slots', { id: 'chart-weekdays', title: t('report.chart-weekdays'), categories: slots.map((s) => days[s.weekday! - 1]!), series: [{ name: t('report.col-rate'), cls: 's2', values: slots.map((s) => s.engagementRate) }], format: rate });
  charts.set('formats', { id: 'chart-formats', title: t('report.chart-formats'), categories: report.formats.map((f) => t(`report.format-${f.key}` as MessageId)), series: [{ name: t('report.col-rate'), cls: 's2', values: report.formats.map((f) => f.engagementRate) }], format: rate });
  return charts;
}
