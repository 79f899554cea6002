// Moves the example calendar in time, so that the demo (`npm start`) is always current: the
// example is written for Monday 2026-11-23 (as `npm run example` checks it, with --now), and the
// demo shifts every date of every post by the days from then to today, so that today is that
// Monday in the story and the checks find what the README says (times of day stay; weekdays move).
// Dates change through the core's frontmatter editor; file names and the posts' texts keep the
// dates they were written with.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { tsImport } from 'tsx/esm/api';

const { editFrontmatter } = await tsImport('../../src/core/frontmatter/editor.ts', import.meta.url);
const { applyEdits } = await tsImport('../../src/core/textEdits.ts', import.meta.url);

/** The moment the example calendar is written for. */
export const EXAMPLE_NOW = '2026-11-23T09:00+01:00';

const DAY = 86_400_000;

/** Days from the example's day to the day of `now` (in Paris, the example's zone): 0 on 2026-11-23. */
export function daysToNow(now = Date.now()) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
  return Math.round((Date.parse(today) - Date.parse(EXAMPLE_NOW.slice(0, 10))) / DAY);
}

/** A date as written (`2026-11-23`, `2026-11-23T09:30`, with an offset…), `days` later, written alike. */
export function shiftDay(text, days) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(text));
  if (!m || days === 0) return String(text);
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * DAY).toISOString().slice(0, 10);
  return day + String(text).slice(10);
}

/** Shifts `date`, `notAfter`, approvals' `at` and results' `at` of every post under `dir`/posts by `days`. */
export function shiftCalendar(dir, days) {
  if (days === 0) return;
  for (const file of posts(join(dir, 'posts'))) {
    const text = readFileSync(file, 'utf8');
    const end = text.indexOf('\n---', 3);
    if (!text.startsWith('---') || end < 0) continue;
    const data = parse(text.slice(4, end)) ?? {};
    const changes = [];
    const set = (path, value) => value !== undefined && value !== null && changes.push({ kind: 'set', path, value: shiftDay(value, days) });
    set(['date'], data.date);
    set(['notAfter'], data.notAfter);
    (Array.isArray(data.approvals) ? data.approvals : []).forEach((a, i) => set(['approvals', i, 'at'], a?.at));
    for (const [network, r] of Object.entries(data.results ?? {})) set(['results', network, 'at'], r?.at);
    if (changes.length === 0) continue;
    const result = editFrontmatter(text, changes);
    if (!result.ok) throw new Error(`shiftCalendar: ${file}: ${result.reason}`);
    writeFileSync(file, applyEdits(text, result.edits));
  }
}

function posts(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? posts(path) : name.endsWith('.md') ? [path] : [];
  });
}
