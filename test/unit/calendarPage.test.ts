import assert from 'node:assert/strict';
import fc from 'fast-check';
import { calendarHtml, cssHash, escapeHtml, PAGE_CSS } from '../../src/core/calendarHtml';
import { calendarMarkdown, escapeMarkdown } from '../../src/core/calendarMarkdown';
import { calendarJson, monthOf, monthsBetween, monthTitle, pageMonths, weekdayNames, type PageInput, type PagePost } from '../../src/core/calendarPage';
import { wallTimeToUtc } from '../../src/core/zone';

const ZONE = 'Europe/Paris';
const at = (y: number, mo: number, d: number, h = 9, mi = 30) => wallTimeToUtc(ZONE, y, mo, d, h, mi);
const post = (title: string, date: number, extra: Partial<PagePost> = {}): PagePost => ({ file: `posts/${title.length}.md`, title, date, status: 'draft', platforms: ['x', 'bluesky'], problems: 0, ...extra });
const input = (posts: PagePost[], from: string, to = from, locale: 'en' | 'fr' = 'en'): PageInput => ({ posts, zone: ZONE, locale, from, to });

/** The Markdown table rows of a month (header and separator left out), as arrays of cells. */
function rows(md: string): string[][] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Mon') && !l.startsWith('| lun') && !l.startsWith('| ---'))
    .map((l) => l.slice(2, -2).split(/(?<!\\) \| /));
}

describe('calendar page: months', () => {
  it('reads --from/--to as a month or a day, and lists the months between', () => {
    assert.equal(monthOf('2026-12'), '2026-12');
    assert.equal(monthOf('2026-12-31'), '2026-12');
    assert.equal(monthOf('2026-13'), undefined);
    assert.equal(monthOf('2026-02-30'), undefined);
    assert.equal(monthOf('december'), undefined);
    assert.deepEqual(monthsBetween('2026-11', '2027-02'), ['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('puts days in their weekday columns across the October DST change and month boundaries (Europe/Paris)', () => {
    // 2026-10-25: clocks go back at 03:00 in Paris; a Sunday. 2026-10-01 is a Thursday, 2026-11-01 a Sunday.
    const posts = [
      post('Before', at(2026, 10, 25, 1, 30)),
      post('After', at(2026, 10, 25, 23, 30)), // 22:30 UTC, still the 25th in Paris
      post('Late', Date.UTC(2026, 9, 31, 23, 30)), // 00:30 on 1 November in Paris (UTC+1)
      post('First', at(2026, 10, 1)),
    ];
    const [october, november] = pageMonths(input(posts, '2026-10', '2026-11'));
    const dst = october!.weeks.find((w) => w.some((d) => d.day === '2026-10-25'))!;
    assert.equal(dst[6]!.day, '2026-10-25');
    assert.deepEqual(dst[6]!.posts.map((p) => p.title), ['Before', 'After']);
    assert.equal(october!.weeks[0]![3]!.day, '2026-10-01');
    assert.equal(november!.weeks[0]![6]!.day, '2026-11-01');
    assert.deepEqual(november!.weeks[0]![6]!.posts.map((p) => p.title), ['Late']);

    const md = calendarMarkdown(input(posts, '2026-10'));
    const table = rows(md);
    assert.equal(table[0]!.length, 7);
    assert.match(table[0]![3]!, /^\*\*1\*\*<br>09:30 First \(X, Bluesky\)$/);
    assert.equal(table[0]![2]!.trim(), '', 'days of September stay empty');
    const sunday = table.find((r) => r[6]!.startsWith('**25**'))!;
    assert.equal(sunday[6], '**25**<br>01:30 Before (X, Bluesky)<br>23:30 After (X, Bluesky)');
  });

  it('names weekdays and months in the calendar\'s locale', () => {
    assert.deepEqual(weekdayNames('en'), ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    assert.deepEqual(weekdayNames('fr'), ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.']);
    assert.equal(monthTitle('2026-12', 'en'), 'December 2026');
    assert.equal(monthTitle('2026-12', 'fr'), 'Décembre 2026');
    const fr = calendarMarkdown(input([], '2026-12', '2026-12', 'fr'));
    assert.match(fr, /^## Décembre 2026\n\n\| lun\. \| mar\. /);
    assert.match(calendarHtml(input([], '2026-12', '2026-12', 'fr')), /<html lang="fr">[\s\S]*Calendrier éditorial — Décembre 2026[\s\S]*>lun\.</);
  });

  it('gives JSON every day of each month, dates in ISO 8601 with the zone\'s offset', () => {
    const json = JSON.parse(calendarJson(input([post('Summer', at(2026, 7, 14)), post('Winter', at(2026, 12, 1), { dateOnly: true, status: 'idea' })], '2026-07', '2026-12'))) as {
      months: Array<{ month: string; days: Array<{ day: string; posts: Array<Record<string, unknown>> }> }>;
    };
    assert.deepEqual(json.months.map((m) => m.month), ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    assert.equal(json.months[0]!.days.length, 31);
    assert.deepEqual(json.months[0]!.days[13]!.posts, [{ file: 'posts/6.md', title: 'Summer', date: '2026-07-14T09:30:00+02:00', status: 'draft', platforms: ['x', 'bluesky'], problems: 0 }]);
    assert.equal(json.months[5]!.days[0]!.posts[0]!['date'], '2026-12-01T09:30:00+01:00');
    assert.equal(json.months[5]!.days[0]!.posts[0]!['dateOnly'], true);
  });
});

describe('calendar page: hostile titles', () => {
  const hostile = 'a | b **bold** _it_ [link](https://evil.example) <script>alert(1)</script>\nnew | row `code` ~~del~~ $x$ @someone &amp; \\';

  it('cannot break the Markdown table or add markup', () => {
    const md = calendarMarkdown(input([post(hostile, at(2026, 12, 3))], '2026-12'));
    const table = rows(md);
    assert.equal(table.length, 5);
    for (const row of table) assert.equal(row.length, 7, row.join(' ‖ '));
    const cell = table[0]![3]!;
    assert.ok(!/(?<!\\)[|*_[\]<>`~$&]/.test(cell.replace(/^\*\*3\*\*<br>/, '').replace(/<br>/g, '')), cell);
    assert.ok(!cell.includes('\n'));
    assert.ok(cell.includes('@\u2060someone'), 'no mention');
    assert.equal(escapeMarkdown('a|b <i>'), 'a\\|b \\<i\\>');
  });

  it('is text in the HTML page, with no script anywhere and a CSP matching the style sheet', () => {
    const html = calendarHtml(input([post(hostile, at(2026, 12, 3)), post('"><img src=x onerror=alert(1)>', at(2026, 12, 4))], '2026-12'));
    assert.ok(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'));
    assert.ok(!/<script|<img|onerror=alert\(1\)>/i.test(html.replace(/onerror=alert\(1\)&gt;/g, '')));
    assert.equal((html.match(/<style>/g) ?? []).length, 1);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '${cssHash()}';`));
    assert.ok(html.includes(`<style>${PAGE_CSS}</style>`));
    assert.match(PAGE_CSS, /@media \(prefers-color-scheme: dark\)/);
    assert.ok(!/https?:|url\(|@import/.test(PAGE_CSS), 'nothing remote');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('escapeHtml leaves none of < > & " \' from its input unescaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeHtml(s);
        assert.ok(!/[<>"']/.test(out));
        assert.ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(out));
        const back = out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
        assert.equal(back, s);
      }),
      { numRuns: 2000 },
    );
  });

  it('escapeMarkdown never lets a table cell end, a line break through, or an unescaped markup character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeMarkdown(s);
        assert.ok(!/[\n\r\u2028\u2029]/.test(out));
        // Every markup character is preceded by a backslash that is itself not escaped.
        assert.ok(!/(^|[^\\])(\\\\)*[|*_[\]<>`~$&!#]/.test(out.replace(/\\[\\`*_[\]#!|<>&~$]/g, '')), out);
      }),
      { numRuns: 2000 },
    );
  });
});
