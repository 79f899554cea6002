/**
 * The report's charts: horizontal bar charts as inline SVG, coloured by class only (the page's
 * style sheet gives light, dark and forced colours; a style attribute would break its CSP), every
 * bar labelled with its value, each chart a titled image whose data table follows it.
 */
import { escapeHtml } from '../calendarHtml';

export interface Series {
  readonly name: string;
  /** A class of the page's style sheet: `s1`, `s2`, `s3`. */
  readonly cls: 's1' | 's2' | 's3';
  readonly values: ReadonlyArray<number | undefined>;
}

export interface Chart {
  /** Unique in the page. */
  readonly id: string;
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly Series[];
  readonly format: (n: number) => string;
}

const LABEL_WIDTH = 130;
const BAR_WIDTH = 300;
const VALUE_WIDTH = 70;
const BAR = 14;
const GAP = 8;

/** The chart as `<figure>`: the SVG (role img, its title), a legend, and the caption. */
export function chartSvg(chart: Chart): string {
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const perCategory = chart.series.length * BAR + GAP;
  const height = chart.categories.length * perCategory + GAP;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const out: string[] = [];
  chart.categories.forEach((category, c) => {
    const top = GAP + c * perCategory;
    out.push(`<text class="label" x="${LABEL_WIDTH - 6}" y="${top + (chart.series.length * BAR) / 2 + 4}" text-anchor="end">${escapeHtml(category)}</text>`);
    chart.series.forEach((s, i) => {
      const v = s.values[c];
      const y = top + i * BAR;
      const w = v === undefined || max === 0 ? 0 : Math.max(v > 0 ? 1 : 0, (v / max) * BAR_WIDTH);
      out.push(`<rect class="bar ${s.cls}" x="${LABEL_WIDTH}" y="${y + 1}" width="${round(w)}" height="${BAR - 2}"><title>${escapeHtml(`${category} · ${s.name}: ${v === undefined ? '–' : chart.format(v)}`)}</title></rect>`);
      out.push(`<text class="value" x="${round(LABEL_WIDTH + w + 4)}" y="${y + BAR - 3}">${escapeHtml(v === undefined ? '–' : chart.format(v))}</text>`);
    });
  });
  const legend = chart.series.length > 1 ? `<ul class="chart-legend" aria-hidden="true">${chart.series.map((s) => `<li><span class="key ${s.cls}"></span>${escapeHtml(s.name)}</li>`).join('')}</ul>` : '';
  return [
    `<figure class="chart" aria-labelledby="${chart.id}-caption">`,
    legend,
    `<svg role="img" aria-labelledby="${chart.id}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="${chart.id}-title">${escapeHtml(chart.title)}</title>${out.join('')}</svg>`,
    `<figcaption id="${chart.id}-caption">${escapeHtml(chart.title)}</figcaption>`,
    '</figure>',
  ].join('');
}

const round = (n: number) => Math.round(n * 10) / 10;
