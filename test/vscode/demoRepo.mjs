// Turns a copy of examples/calendar into the git repository `npm start` opens: a short history on
// main (the calendar moved into git, a post rescheduled, a text edited, an approval by a second
// person) and a branch `pending` not merged yet (a post moved to another day, a text changed, a post
// added, one removed), so that Approve Post and `edcal diff main pending` can be tried at once.
// People and dates are fixed: the same commits, hashes included, on every machine.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { shiftCalendar, shiftDay } from './shiftDates.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The core's one frontmatter editor, from source: posts change here as the extension changes them.
const { editFrontmatter } = await tsImport('../../src/core/frontmatter/editor.ts', import.meta.url);
const { applyEdits } = await tsImport('../../src/core/textEdits.ts', import.meta.url);

/** The dates of the story, moved with the calendar (see shiftDates.mjs). */
let when = (text) => text;

export const LEA = { name: 'Léa Martin', email: 'lea@nova.example' };
export const KARIM = { name: 'Karim Benali', email: 'karim@nova.example' };

const SAVE_THE_DATE = 'posts/2026/12/14-save-the-date-nova-live.md';
const GUIDE = 'posts/2026/12/09-migration-guide-nova-2.md';
const SAVE_THE_DATE_EN = 'posts/2026/12/14-save-the-date-nova-live-en.md';
const THANK_YOU = 'posts/2026/12/31-thank-you-2026.md';
const MAYA = 'posts/2027/01/08-speaker-maya-okafor.md';
const REMINDER = 'posts/2027/01/13-nova-live-demain.md';

/**
 * Makes `dir` (a copy of examples/calendar) a git repository with main checked out, clean, and
 * ending on the example as shipped but for Karim's approval of the migration guide. Léa is the
 * repository's own user (local config): Approve Post in the demo approves as her. Needs the built
 * CLI (`npm run build`): Karim's approval is written by `edcal approve` itself.
 */
export function demoRepo(dir, cli = join(root, 'dist/cli.js'), { days = 0 } = {}) {
  // Moved to the week of today first (npm start), with every date below: the story keeps its days.
  shiftCalendar(dir, days);
  when = (text) => shiftDay(text, days);
  const shipped = [SAVE_THE_DATE, GUIDE].map((f) => read(dir, f));
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', LEA.name]);
  git(dir, ['config', 'user.email', LEA.email]);

  // Friday evening, the calendar as it then was: the French save-the-date at 11:30 like the English
  // one, the migration guide saying ten minutes.
  setField(dir, SAVE_THE_DATE, ['date'], when('2026-12-14T11:30'));
  replaceInBody(dir, GUIDE, 'about five minutes', 'about ten minutes', 2);
  commit(dir, when('2026-11-20T18:10:00+01:00'), 'Nova’s editorial calendar in git: settings, media and 39 posts, mid-November to mid-January');
  setField(dir, SAVE_THE_DATE, ['date'], when('2026-12-14T11:00'));
  commit(dir, when('2026-11-23T09:12:00+01:00'), 'Save the date (FR) at 11:00, half an hour before the English one');
  replaceInBody(dir, GUIDE, 'about ten minutes', 'about five minutes', 2);
  commit(dir, when('2026-11-23T09:40:00+01:00'), 'Migration guide: five minutes, not ten (timed on the beta teams’ workspaces)');
  if ([SAVE_THE_DATE, GUIDE].some((f, i) => read(dir, f) !== shipped[i])) throw new Error('demoRepo: main does not end on the example as shipped');
  approveAs(dir, cli, KARIM, GUIDE, when('2026-11-23T11:30:00+01:00'), 'approve: Nova 1 → Nova 2: migration guide');

  git(dir, ['checkout', '-q', '-b', 'pending']);
  setField(dir, THANK_YOU, ['date'], when('2026-12-30T15:00'));
  commit(dir, when('2026-11-23T14:20:00+01:00'), 'Thank-you post on the 30th: few read us on New Year’s Eve afternoon');
  replaceInBody(dir, SAVE_THE_DATE_EN, 'Live on the web and in person in Lyon.', 'Live on the web, and in person in Lyon (limited seats).', 1);
  commit(dir, when('2026-11-23T15:05:00+01:00'), 'Save the date (EN): say the seats in Lyon are limited');
  git(dir, ['rm', '-q', MAYA]);
  writeFileSync(join(dir, REMINDER), REMINDER_TEXT.replace('date: 2027-01-13T18:30', `date: ${when('2027-01-13T18:30')}`));
  commit(dir, when('2026-11-23T16:40:00+01:00'), 'Nova Live: Maya Okafor cannot come; a reminder the day before instead');
  git(dir, ['checkout', '-q', 'main']);
}

// French typography: a no-break space before « ! » and « : » and inside « 18 h 30 », as in the example.
const nb = '\u00a0';
const REMINDER_TEXT = `---
title: Nova Live – c’est demain
date: 2027-01-13T18:30
platforms: [x, bluesky, mastodon]
status: draft
campaign: live-meetup
tags: [event, reminder]
lang: fr
---
Demain soir, c’est Nova Live${nb}! 🎤

Rendez-vous à 18${nb}h${nb}30, à Lyon ou en direct${nb}: deux conférences, une table ronde et vos questions sur les rituels d’équipe.

Inscription gratuite${nb}: https://nova.app/live

#NovaLive
`;

function read(dir, file) {
  return readFileSync(join(dir, file), 'utf8');
}

/** Sets one frontmatter value through the core's editor (comments, quoting and layout kept). */
function setField(dir, file, path, value) {
  const text = read(dir, file);
  const result = editFrontmatter(text, { kind: 'set', path, value });
  if (!result.ok) throw new Error(`demoRepo: ${file}: ${path.join('.')} not set (${result.reason})`);
  writeFileSync(join(dir, file), applyEdits(text, result.edits));
}

/** Replaces text in a post's body, never its frontmatter, exactly `count` times. */
function replaceInBody(dir, file, from, to, count) {
  const text = read(dir, file);
  const bodyStart = text.indexOf('\n---', 3) + 4;
  const body = text.slice(bodyStart);
  if (bodyStart < 4 || body.split(from).length - 1 !== count) throw new Error(`demoRepo: ${file}: expected “${from}” ${count} times in the body`);
  writeFileSync(join(dir, file), text.slice(0, bodyStart) + body.replaceAll(from, to));
}

function commit(dir, at, subject) {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', subject], at);
}

/**
 * `edcal approve` as `who` (for these commands only: the repository's user stays Léa), at `at`.
 * Its clock runs on from `--now` (a few milliseconds, different each run), so the approval's instant
 * is pinned to the commit's (the hash does not cover it): the commit is the same on every run.
 */
function approveAs(dir, cli, who, file, at, subject) {
  const as = { GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_VALUE_0: who.name, GIT_CONFIG_KEY_1: 'user.email', GIT_CONFIG_VALUE_1: who.email };
  run(process.execPath, [cli, 'approve', file, '--now', at, '--no-commit'], dir, as);
  setField(dir, file, ['approvals', 0, 'at'], new Date(at).toISOString());
  run('git', ['commit', '-q', '-m', subject, '--', file], dir, { ...dated(at), ...as });
}

function git(dir, args, at = when('2026-11-20T18:10:00+01:00')) {
  return run('git', args, dir, dated(at));
}

function dated(at) {
  return { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at };
}

/** Runs with none of the caller's git settings (global config, GIT_DIR from a hook, GIT_AUTHOR_*). */
function run(command, args, cwd, extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...extra } });
  if (r.status !== 0) throw new Error(`demoRepo: ${command} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}${r.error?.message ?? ''}`);
  return r.stdout;
}
