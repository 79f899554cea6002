/** `edcal calendar --format md`: each month as a Monday-first table, for PR comments and wikis. */
import { message } from './i18n/messages';
import { PLATFORMS } from './platforms/registry';
import { monthTitle, pageMonths, postTime, weekdayNames, type PageInput } from './calendarPage';

/**
 * Text from a post made inert in Markdown (GitHub's flavour included): every ASCII punctuation
 * character that could start inline markup is backslash-escaped (`|` can then never end a table cell,
 * `<` never opens HTML, `*`, `_`, `[`, `` ` ``, `~`, `$` never format, link or start maths), line breaks and other
 * controls become spaces (a line break would end the table row), and `@` gets a zero-width joiner
 * after it so that a title cannot mention (notify) someone.
 *
 * @example escapeMarkdown('a|b <i>') // 'a\\|b \\<i\\>'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]#!|<>&~$@]/g, (c) => (c === '@' ? '@\u2060' : `\\${c}`));
}

/** The Markdown of the months: a heading and a table each. */
export function calendarMarkdown(input: PageInput): string {
  const names = weekdayNames(input.locale);
  const out: string[] = [];
  for (const month of pageMonths(input)) {
    out.push(`## ${monthTitle(month.month, input.locale)}`, '');
    out.push(`| ${names.map(escapeMarkdown).join(' | ')} |`, `|${names.map(() => ' --- ').join('|')}|`);
    for (const week of month.weeks) {
      const cells = week.map((d) => {
        if (!d.inMonth) return ' ';
        const items = d.posts.map((p) => {
          const time = postTime(p, input.zone);
          const networks = p.platforms.map((n) => PLATFORMS[n].name).join(', ');
          return `${time ? `${time} ` : ''}${escapeMarkdown(p.title)}${networks ? ` (${escapeMarkdown(networks)})` : ''}`;
        });
        return [`**${Number(d.day.slice(8))}**`, ...items].join('<br>');
      });
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  out.push(message(input.locale, 'calendar.times-in', { zone: escapeMarkdown(input.zone) }));
  return out.join('\n');
}
