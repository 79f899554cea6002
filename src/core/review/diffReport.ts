/** `edcal diff` for people: plain text for a terminal, Markdown for a pull-request comment. */
import { escapeMarkdown } from '../calendarMarkdown';
import { formatDay } from '../calendarPage';
import { message, type Locale } from '../i18n/messages';
import { PLATFORMS } from '../platforms/registry';
import type { CalendarDiff } from './calendarDiff';
import type { WordPiece } from './wordDiff';

export interface DiffLabels {
  readonly locale: Locale;
  /** The revisions compared, as the user named them ("main", "the working tree"). */
  readonly base: string;
  readonly head: string;
}

/** A date of the diff for people: "Tue 22 Dec 10:00", "mar. 22 déc. 10:00"; a day alone has no time. */
export function peopleDate(date: string | null, locale: Locale): string {
  if (date === null) return message(locale, 'diff.undated');
  const day = formatDay(date.slice(0, 10), locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return date.length > 10 ? `${day} ${date.slice(11, 16)}` : day;
}

/** The one-line summary: "2 added, 1 rescheduled, 3 with new text". */
export function diffSummary(diff: CalendarDiff, locale: Locale): string {
  const counts: Array<[string, number]> = [
    ['diff.count-added', diff.added.length],
    ['diff.count-removed', diff.removed.length],
    ['diff.count-renamed', diff.renamed.length],
    ['diff.count-rescheduled', diff.rescheduled.length],
    ['diff.count-platforms', diff.platforms.length],
    ['diff.count-text', diff.text.length],
    ['diff.count-status', diff.status.length],
    ['diff.count-approvals', diff.approvals.length],
  ];
  const parts = counts.filter(([, n]) => n > 0).map(([id, count]) => message(locale, id as 'diff.count-added', { count }));
  return parts.length === 0 ? message(locale, 'diff.none') : parts.join(', ');
}

/** The diff as plain text, with `[-removed-]{+added+}` word diffs as `git diff --word-diff` prints them. */
export function diffText(diff: CalendarDiff, labels: DiffLabels): string {
  const { locale } = labels;
  const c = colon(locale);
  const out = [message(locale, 'diff.title', { base: labels.base, head: labels.head }), diffSummary(diff, locale)];
  const section = (id: Parameters<typeof heading>[0], lines: string[]) => {
    if (lines.length > 0) out.push('', heading(id, locale), ...lines.map((l) => `  ${l}`));
  };
  const title = (t: string | undefined) => (t !== undefined ? ` "${oneLine(t)}"` : '');
  section('diff.added', diff.added.map((p) => `+ ${p.file}${title(p.title)} (${peopleDate(p.date, locale)})`));
  section('diff.removed', diff.removed.map((p) => `- ${p.file}${title(p.title)} (${peopleDate(p.date, locale)})`));
  section('diff.renamed', diff.renamed.map((r) => `${r.from} → ${r.file}`));
  section('diff.rescheduled', diff.rescheduled.map((r) => `${r.file}${title(r.title)}${c}${peopleDate(r.from, locale)} → ${peopleDate(r.to, locale)}`));
  section('diff.platforms', diff.platforms.map((p) => `${p.file}${c}${[...p.added.map((n) => `+${PLATFORMS[n].name}`), ...p.removed.map((n) => `-${PLATFORMS[n].name}`)].join(' ')}`));
  section('diff.text', diff.text.flatMap((t) => grouped(t.words).map((w) => `${t.file} (${w.names}): ${oneLine(w.pieces.map(plainPiece).join(''))}`)));
  section('diff.status', diff.status.map((s) => `${s.file}${c}${s.from ?? '-'} → ${s.to ?? '-'}`));
  section('diff.approvals', diff.approvals.map((a) => `${a.file}${c}${approvalCounts(a, locale)}`));
  return out.join('\n');
}

/**
 * The diff as Markdown for a pull-request comment: a summary, a section per kind of change, and
 * `months` (the calendar of the months it touches) folded at the end. Post text is escaped: a
 * title cannot format, link, mention or close the comment's HTML.
 */
export function diffMarkdown(diff: CalendarDiff, labels: DiffLabels, months = ''): string {
  const { locale } = labels;
  const c = colon(locale);
  const md = escapeMarkdown;
  const out = [`### ${md(message(locale, 'diff.title', { base: labels.base, head: labels.head }))}`, '', md(diffSummary(diff, locale))];
  const section = (id: Parameters<typeof heading>[0], lines: string[]) => {
    if (lines.length > 0) out.push('', `#### ${heading(id, locale)}`, '', ...lines.map((l) => `- ${l}`));
  };
  const file = (f: string) => `\`${f.replace(/`/g, "'")}\``;
  const title = (t: string | undefined) => (t !== undefined ? ` ${md(t)}` : '');
  section('diff.added', diff.added.map((p) => `${file(p.file)}${title(p.title)} (${md(peopleDate(p.date, locale))})`));
  section('diff.removed', diff.removed.map((p) => `${file(p.file)}${title(p.title)} (${md(peopleDate(p.date, locale))})`));
  section('diff.renamed', diff.renamed.map((r) => `${file(r.from)} → ${file(r.file)}`));
  section('diff.rescheduled', diff.rescheduled.map((r) => `${file(r.file)}${title(r.title)}${c}${md(peopleDate(r.from, locale))} → **${md(peopleDate(r.to, locale))}**`));
  section('diff.platforms', diff.platforms.map((p) => `${file(p.file)}${c}${[...p.added.map((n) => `+${PLATFORMS[n].name}`), ...p.removed.map((n) => `−${PLATFORMS[n].name}`)].join(' ')}`));
  section('diff.text', diff.text.flatMap((t) => grouped(t.words).map((w) => `${file(t.file)} (${w.names}): ${w.pieces.map(markdownPiece).join('')}`)));
  section('diff.status', diff.status.map((s) => `${file(s.file)}${c}${s.from ?? '–'} → **${s.to ?? '–'}**`));
  section('diff.approvals', diff.approvals.map((a) => `${file(a.file)}${c}${md(approvalCounts(a, locale))}`));
  if (months !== '') out.push('', `<details><summary>${md(message(locale, 'diff.months'))}</summary>`, '', months, '', '</details>');
  return out.join('\n');
}

/** ": ", or " : " with a no-break space in French. */
function colon(locale: Locale): string {
  return locale === 'fr' ? '\u00a0: ' : ': ';
}

function heading(id: 'diff.added' | 'diff.removed' | 'diff.renamed' | 'diff.rescheduled' | 'diff.platforms' | 'diff.text' | 'diff.status' | 'diff.approvals', locale: Locale): string {
  return message(locale, id);
}

/** Networks whose text changed the same way, together: "X, Bluesky, Threads: …" once. */
function grouped(words: CalendarDiff['text'][number]['words']): Array<{ names: string; pieces: readonly WordPiece[] }> {
  const groups = new Map<string, { names: string[]; pieces: readonly WordPiece[] }>();
  for (const w of words) {
    const key = JSON.stringify(w.pieces);
    const group = groups.get(key) ?? { names: [], pieces: w.pieces };
    group.names.push(PLATFORMS[w.platform].name);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ names: g.names.join(', '), pieces: g.pieces }));
}

function approvalCounts(a: { added: number; stale: number }, locale: Locale): string {
  return [a.added > 0 ? message(locale, 'diff.approvals-added', { count: a.added }) : '', a.stale > 0 ? message(locale, 'diff.approvals-stale', { count: a.stale }) : ''].filter(Boolean).join(', ');
}

/** Line breaks shown as ⏎, so that each change stays on its line. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ');
}

function plainPiece(p: WordPiece): string {
  if (p.kind === 'gap') return '…';
  if (p.kind === 'same') return p.text;
  return p.kind === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`;
}

/** Removed words struck, added ones bold; spaces stay outside the marks (GitHub ignores `** x**`). */
function markdownPiece(p: WordPiece): string {
  if (p.kind === 'gap') return '…';
  const text = escapeMarkdown(oneLine(p.text));
  if (p.kind === 'same') return text;
  const [, lead, core, trail] = /^(\s*)(.*?)(\s*)$/s.exec(text)!;
  if (core === '') return text;
  return `${lead}${p.kind === 'removed' ? `~~${core}~~` : `**${core}**`}${trail}`;
}
