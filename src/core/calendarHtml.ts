/**
 * `edcal calendar --format html`: one self-contained page a person opens in a browser. The look of
 * the calendar webview (status colour on each chip, time, title, network tags) in light and dark
 * (`prefers-color-scheme`); inline CSS allowed by its hash, no script, no remote resource (the
 * Content-Security-Policy forbids everything else), and every text from posts HTML-escaped.
 */
import { sha256 } from './crypto/sha256';
import { message, type Locale } from './i18n/messages';
import { STATUSES, type PostStatus } from './model';
import { PLATFORMS } from './platforms/registry';
import { formatDay, monthTitle, pageMonths, postTime, weekdayNames, type PageInput, type PagePost } from './calendarPage';

/**
 * Text made safe anywhere in HTML: in an element or in a quoted attribute.
 *
 * @example escapeHtml('<img src=x onerror="a(1)">') // '&lt;img src=x onerror=&quot;a(1)&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The page's style sheet: the webview's look with its own colours (no VS Code theme here). */
export const PAGE_CSS = `
:root { color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --outside: #f6f8fa; --today-bg: #0969da; --today-fg: #ffffff;
  --idea: #bf8700; --draft: #6e7781; --review: #d1570d; --approved: #1a7f37; --scheduled: #0969da; --published: #8250df;
  --warning: #9a6700; }
@media (prefers-color-scheme: dark) { :root {
  --bg: #1e1e1e; --fg: #d4d4d4; --muted: #9d9d9d; --border: #3c3c3c; --outside: #252526; --today-bg: #0e639c; --today-fg: #ffffff;
  --idea: #e2c541; --draft: #9d9d9d; --review: #f0883e; --approved: #3fb950; --scheduled: #4daafc; --published: #b180d7;
  --warning: #cca700; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 12px 16px 24px; color: var(--fg); background: var(--bg); font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.4em; margin: 4px 0 8px; }
h2 { font-size: 1.2em; margin: 20px 0 8px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 0 0 8px; padding: 0; list-style: none; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 5px; }
.swatch { width: 10px; height: 10px; border-radius: 2px; background: var(--status); }
.zone { color: var(--muted); margin: 0 0 8px; }
.month { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); border-left: 1px solid var(--border); border-top: 1px solid var(--border); }
.row { display: contents; }
.weekday { padding: 4px 6px; color: var(--muted); font-size: 0.9em; text-transform: capitalize; border-right: 1px solid var(--border); border-bottom: 1px solid var(--border); }
.day { min-height: 96px; padding: 2px 4px 4px; border-right: 1px solid var(--border); border-bottom: 1px solid var(--border); display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.day.outside { background: var(--outside); }
.day.outside .day-number { color: var(--muted); }
.day-number { font-weight: 600; }
.day.today .day-number { color: var(--today-fg); background: var(--today-bg); border-radius: 10px; padding: 0 6px; align-self: flex-start; }
.chip { display: block; padding: 1px 4px 2px; border-radius: 3px; font-size: 0.9em; min-width: 0; overflow-wrap: break-word;
  background: color-mix(in srgb, var(--status) 16%, var(--bg)); border-left: 3px solid var(--status); }
.chip .time { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 4px; }
.nets { display: flex; flex-wrap: wrap; align-items: center; gap: 2px; margin-top: 1px; }
.net { font-size: 0.75em; padding: 0 3px; border-radius: 2px; border: 1px solid var(--border); color: var(--muted); }
.badge { font-size: 0.75em; min-width: 1.4em; padding: 0 4px; text-align: center; border-radius: 8px; background: var(--warning); color: var(--bg); margin-left: auto; }
.status-idea { --status: var(--idea); } .status-draft { --status: var(--draft); } .status-review { --status: var(--review); }
.status-approved { --status: var(--approved); } .status-scheduled { --status: var(--scheduled); } .status-published { --status: var(--published); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (forced-colors: active) { .chip { border: 1px solid CanvasText; } }
@media print { .day { min-height: 60px; } body { padding: 0; } }
`;

/** `sha256-…` of the style sheet, for the Content-Security-Policy. */
export function cssHash(css: string = PAGE_CSS): string {
  const bytes = sha256(css);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `sha256-${btoa(binary)}`;
}

/** Options of the page beyond its data. */
export interface HtmlOptions {
  /** The day marked as today (`YYYY-MM-DD`), if any. */
  readonly today?: string;
}

/** The whole page. */
export function calendarHtml(input: PageInput, options: HtmlOptions = {}): string {
  const { locale, zone } = input;
  const t = (id: Parameters<typeof message>[1], params: Parameters<typeof message>[2] = {}) => escapeHtml(message(locale, id, params));
  const names = weekdayNames(locale);
  const longNames = weekdayNames(locale, 'long');
  const months = pageMonths(input);
  const title = months.length === 1 ? `${message(locale, 'calendar.page-title')} — ${monthTitle(months[0]!.month, locale)}` : message(locale, 'calendar.page-title');
  const body: string[] = [];
  body.push(`<h1>${t('calendar.page-title')}</h1>`);
  body.push(`<ul class="legend" aria-label="${t('calendar.statuses')}">${STATUSES.map((s) => `<li class="status-${s}"><span class="swatch" aria-hidden="true"></span>${t(statusId(s))}</li>`).join('')}</ul>`);
  body.push(`<p class="zone">${t('calendar.times-in', { zone })}</p>`);
  for (const month of months) {
    const heading = monthTitle(month.month, locale);
    body.push(`<section aria-label="${escapeHtml(heading)}">`, `<h2>${escapeHtml(heading)}</h2>`, `<div class="month" role="grid" aria-label="${escapeHtml(heading)}">`);
    body.push(`<div class="row" role="row">${names.map((n, i) => `<div class="weekday" role="columnheader" title="${escapeHtml(longNames[i]!)}">${escapeHtml(n)}</div>`).join('')}</div>`);
    for (const week of month.weeks) {
      const cells = week.map((d) => {
        const cls = ['day', d.inMonth ? '' : 'outside', d.day === options.today ? 'today' : ''].filter(Boolean).join(' ');
        const label = formatDay(d.day, locale, { weekday: 'long', day: 'numeric', month: 'long' });
        const chips = d.posts.map((p) => chip(p, zone, locale));
        return `<div class="${cls}" role="gridcell" data-day="${d.day}" aria-label="${escapeHtml(label)}"><div class="day-number">${Number(d.day.slice(8))}</div>${chips.join('')}</div>`;
      });
      body.push(`<div class="row" role="row">${cells.join('')}</div>`);
    }
    body.push('</div>', '</section>');
  }
  return standalonePage({ lang: locale, title, css: PAGE_CSS, body });
}

/**
 * A page a person opens from disk: its one style sheet allowed by hash, nothing else (no script,
 * no image, no remote resource), light and dark. `body` is HTML with every text already escaped.
 */
export function standalonePage(page: { lang: string; title: string; css: string; body: readonly string[] }): string {
  const csp = `default-src 'none'; style-src '${cssHash(page.css)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(page.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${page.css}</style>`,
    '</head>',
    '<body>',
    ...page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function chip(p: PagePost, zone: string, locale: Locale): string {
  const time = postTime(p, zone);
  const status = message(locale, statusId(p.status));
  const networks = p.platforms.map((n) => PLATFORMS[n].name);
  const tooltip = [p.title, status, networks.join(', '), p.campaign ?? '', p.file].filter(Boolean).join('\n');
  const badge = p.problems > 0 ? `<span class="badge" title="${escapeHtml(message(locale, 'calendar.problems', { count: p.problems }))}">${p.problems}</span>` : '';
  const parts = [
    time ? `<span class="time">${time}</span>` : '',
    `<span class="title">${escapeHtml(p.title)}</span>`,
    `<span class="visually-hidden">, ${escapeHtml(status)}</span>`,
    `<span class="nets">${networks.map((n) => `<span class="net">${escapeHtml(n)}</span>`).join('')}${badge}</span>`,
  ];
  return `<div class="chip status-${p.status}" title="${escapeHtml(tooltip)}">${parts.join('')}</div>`;
}

function statusId(s: PostStatus) {
  return `calendar.status-${s}` as const;
}
