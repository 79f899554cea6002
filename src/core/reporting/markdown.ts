/** `edcal report --format md`: the report as GitHub-flavoured Markdown, for a pull request or a wiki. */
import type { Report } from './report';
import { reportSections, reportTitle, type Table } from './sections';

/** Text made inert in a Markdown table cell or paragraph: no markup, no HTML, no line break. */
export function markdownText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]|<>~])/g, '\\$1').replace(/^([#+\-=])(?=\s|$)/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

export function reportMarkdown(report: Report): string {
  const out = [`# ${markdownText(reportTitle(report))}`, ''];
  for (const section of reportSections(report)) {
    out.push(`## ${markdownText(section.title)}`, '');
    if (section.id === 'next') out.push(...section.paragraphs.map((p) => `- ${markdownText(p)}`), '');
    else for (const p of section.paragraphs) out.push(markdownText(p), '');
    if (section.table) out.push(...(section.table.rows.length > 0 ? table(section.table) : [`_${markdownText(section.empty ?? '')}_`]), '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function table(t: Table): string[] {
  return [
    `| ${t.columns.map(markdownText).join(' | ')} |`,
    `| ${t.numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(markdownText).join(' | ')} |`),
  ];
}
