// The calendar webview: draws month, week and agenda views from the snapshot the extension sends,
// and sends back intents (open, reschedule, create, view state). All post text goes through
// textContent or attributes set with setAttribute: nothing is ever parsed as HTML.
import { addDays, addMonths, AGENDA_DAYS, clashes, dayKey, FIRST_DAY, inNetworkOrder, isDay, LAST_DAY, filterPosts, gapDays, monthGrid, postsByDay, timeOfDay, weekStartDay, weeklyCounts, campaignBands, type CalendarPost } from '../../core/calendar';
import type { PlatformId } from '../../core/model';
import { el } from '../dom';
import type { CalendarInit, CalendarSnapshot, CalendarViewState, FromWebview, ToWebview } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): CalendarViewState | undefined; setState(s: CalendarViewState): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const init = JSON.parse(root.dataset['init']!) as CalendarInit;
let snapshot: CalendarSnapshot = init.snapshot;
let state: CalendarViewState = vscode.getState() ?? init.state;

const SHORT: Record<PlatformId, string> = { x: 'X', bluesky: 'Bsky', mastodon: 'Masto', threads: 'Thr', linkedin: 'in', instagram: 'IG', facebook: 'FB', youtube: 'YT', tiktok: 'TT', pinterest: 'Pin', webhook: 'Hook' };
const STATUSES = ['idea', 'draft', 'review', 'approved', 'scheduled', 'published'] as const;

const t = (key: string, ...args: Array<string | number>) => (snapshot.strings[key] ?? key).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const post = (m: FromWebview) => vscode.postMessage(m);

function setState(next: Partial<CalendarViewState>): void {
  if (next.anchor !== undefined && !isDay(next.anchor)) return; // a typed year like 20266
  state = { ...state, ...next };
  vscode.setState(state);
  post({ type: 'state', state });
  render();
}

/** The post to focus at the next render (the one just moved), else the one focused now. */
let focusPost: string | undefined;

function render(): void {
  const started = performance.now();
  // The page is drawn anew on each snapshot: the focused post keeps the focus, by its id.
  const focused = focusPost ?? (document.activeElement instanceof HTMLElement && document.activeElement.classList.contains('chip') ? document.activeElement.dataset['id'] : undefined);
  focusPost = undefined;
  const posts = filterPosts(snapshot.posts, state.filters);
  const byDay = postsByDay(posts, snapshot.timezone);
  const clashing = new Set(clashes(posts, snapshot.clashMinutes).flatMap((c) => [c.first, c.second]));
  root.replaceChildren(toolbar(), ...comparisonBar(), filtersBar(), notice, state.view === 'agenda' ? agenda(posts) : state.view === 'week' ? week(byDay, clashing) : month(byDay, clashing, posts));
  const chip = focused === undefined ? null : root.querySelector<HTMLElement>(`.chip[data-id="${CSS.escape(focused)}"]`);
  (chip ?? root.querySelector<HTMLElement>('[data-focus="true"]'))?.focus();
  fitNetworks(root);
  post({ type: 'rendered', ms: performance.now() - started, chips: root.querySelectorAll('.chip').length });
}

/** A short message in the page (why a post cannot move), read out by screen readers; it fades after a while. */
const notice = el('div', 'notice', undefined, { role: 'status', 'aria-live': 'polite' });
let noticeTimer: ReturnType<typeof setTimeout> | undefined;
let shownAt = 0;
function tell(message: string): void {
  notice.textContent = message;
  notice.classList.add('shown');
  shownAt = Date.now();
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(hideNotice, 5000);
}
function hideNotice(): void {
  clearTimeout(noticeTimer);
  notice.classList.remove('shown');
  notice.textContent = '';
}
// Read or not, it goes at the next click or key (not the one that raised it).
for (const type of ['pointerdown', 'keydown'] as const) {
  document.addEventListener(type, () => notice.classList.contains('shown') && Date.now() - shownAt > 500 && hideNotice());
}

/**
 * Network tags that do not fit their chip's line are folded into "+N" (the chip's label and
 * tooltip list them all): measured after layout, again when the page is resized.
 */
function fitNetworks(scope: HTMLElement): void {
  for (const nets of scope.querySelectorAll<HTMLElement>('.nets')) {
    nets.querySelector('.more')?.remove();
    const tags = [...nets.querySelectorAll<HTMLElement>('.net')];
    for (const tag of tags) tag.hidden = false;
    if (nets.clientWidth === 0 || nets.scrollWidth <= nets.clientWidth) continue;
    const more = el('span', 'net more');
    nets.append(more);
    for (let shown = tags.length - 1; shown >= 1; shown--) {
      tags[shown]!.hidden = true;
      more.textContent = `+${tags.length - shown}`;
      if (nets.scrollWidth <= nets.clientWidth) break;
    }
  }
}
let fitting = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(fitting);
  fitting = requestAnimationFrame(() => fitNetworks(root));
}).observe(root);

function toolbar(): HTMLElement {
  const bar = el('div', 'toolbar', undefined, { role: 'toolbar', 'aria-label': t('Calendar navigation') });
  const step = (n: number) => () => setState({ anchor: state.view === 'month' ? addMonths(state.anchor, n) : addDays(state.anchor, 7 * n) });
  const button = (label: string, icon: string, onClick: () => void, extra: Record<string, string> = {}) => {
    const b = el('button', 'icon-button', undefined, { title: label, 'aria-label': label, ...extra });
    b.append(el('span', `codicon codicon-${icon}`));
    b.addEventListener('click', onClick);
    return b;
  };
  bar.append(button(t('Previous'), 'chevron-left', step(-1)), button(t('Next'), 'chevron-right', step(1)));
  const today = el('button', 'text-button', t('Today'));
  today.addEventListener('click', () => setState({ anchor: snapshot.today }));
  // The native date field writes dates in the browser's language, not the calendar's: only its
  // picker button is shown, beside the day in the calendar's locale ("9 déc. 2026").
  const date = el('label', 'date-field', undefined, { title: t('Go to date') });
  const picker = el('input', 'date-picker', undefined, { type: 'date', value: state.anchor, min: FIRST_DAY, max: LAST_DAY, 'aria-label': `${t('Go to date')}, ${formatDay(state.anchor, { day: 'numeric', month: 'long', year: 'numeric' })}` });
  picker.addEventListener('change', () => picker.value && setState({ anchor: picker.value }));
  date.append(picker, el('span', 'date-text', formatDay(state.anchor, { day: 'numeric', month: 'short', year: 'numeric' }), { 'aria-hidden': 'true' }));
  const title = el('h1', 'period', periodTitle());
  const views = el('div', 'views', undefined, { role: 'tablist' });
  for (const [view, label] of [['month', t('Month')], ['week', t('Week')], ['agenda', t('Agenda')]] as const) {
    const b = el('button', `text-button${state.view === view ? ' active' : ''}`, label, { role: 'tab', 'aria-selected': String(state.view === view), 'data-view': view });
    b.addEventListener('click', () => setState({ view }));
    views.append(b);
  }
  bar.append(today, date, title, views);
  return bar;
}

/** While compared with a branch: what changed, and a way to stop. */
function comparisonBar(): HTMLElement[] {
  const c = snapshot.comparison;
  if (!c) return [];
  const bar = el('div', 'comparison', undefined, { role: 'status' });
  bar.append(el('span', 'codicon codicon-git-compare', undefined, { 'aria-hidden': 'true' }), el('span', 'comparison-text', t('From {0} to the working tree: {1}', c.branch, c.summary)));
  const stop = el('button', 'text-button', t('Stop comparing'));
  stop.addEventListener('click', () => post({ type: 'endComparison' }));
  bar.append(stop);
  return [bar];
}

/** Where a post stood on the compared branch (moved since, or removed): drawn, never dragged. */
function ghost(g: NonNullable<CalendarSnapshot['comparison']>['ghosts'][number]): HTMLElement {
  const time = g.dateOnly ? '' : timeOfDay(g.date, snapshot.timezone);
  const branch = snapshot.comparison!.branch;
  const what = g.kind === 'moved' ? t('Here on {0}', branch) : t('Only on {0}', branch);
  const box = el('div', `ghost ghost-${g.kind}`, undefined, { role: g.id ? 'button' : 'note', tabindex: '-1', 'aria-label': [time, g.title, what].filter(Boolean).join(', '), title: `${g.title}\n${what}` });
  box.append(el('span', `codicon codicon-${g.kind === 'moved' ? 'arrow-right' : 'diff-removed'}`, undefined, { 'aria-hidden': 'true' }), el('span', 'time', time), el('span', 'title', g.title));
  if (g.id) box.addEventListener('click', () => post({ type: 'open', id: g.id! }));
  return box;
}

/** The ghosts of a day (all of them, or those of one hour in the week view). */
function ghostsOf(day: string, hour?: number | 'day'): HTMLElement[] {
  return (snapshot.comparison?.ghosts ?? [])
    .filter((g) => dayKey(g.date, snapshot.timezone) === day)
    .filter((g) => hour === undefined || (hour === 'day' ? g.dateOnly : !g.dateOnly && Number(timeOfDay(g.date, snapshot.timezone).slice(0, 2)) === hour))
    .map(ghost);
}

function periodTitle(): string {
  const [y, m] = state.anchor.split('-').map(Number) as [number, number];
  if (state.view === 'agenda') {
    const long = { day: 'numeric', month: 'long', year: 'numeric' } as const;
    return t('From {0} to {1}', formatDay(state.anchor, long), formatDay(addDays(state.anchor, AGENDA_DAYS), long));
  }
  if (state.view === 'month') {
    const title = new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(snapshot.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    return title.charAt(0).toLocaleUpperCase(snapshot.locale) + title.slice(1); // "décembre 2026" → "Décembre 2026"
  }
  const monday = weekStartDay(state.anchor);
  return t('Week of {0}', formatDay(monday, { day: 'numeric', month: 'long', year: 'numeric' }));
}

function filtersBar(): HTMLElement {
  const bar = el('div', 'filters', undefined, { role: 'group', 'aria-label': t('Filters') });
  const f = state.filters;
  for (const n of snapshot.networks) {
    const on = f.platforms?.includes(n) ?? false;
    const chip = el('button', `filter-chip${on ? ' on' : ''}`, SHORT[n], { 'aria-pressed': String(on), title: n, 'data-network': n });
    chip.addEventListener('click', () => {
      const set = new Set(f.platforms ?? []);
      if (on) set.delete(n);
      else set.add(n);
      setState({ filters: { ...f, platforms: [...set] } });
    });
    bar.append(chip);
  }
  const status = el('select', 'filter-select', undefined, { 'aria-label': t('Status') });
  status.append(el('option', undefined, t('All statuses'), { value: '' }));
  for (const s of STATUSES) status.append(el('option', undefined, t(s), { value: s, ...(f.statuses?.[0] === s ? { selected: '' } : {}) }));
  status.addEventListener('change', () => setState({ filters: { ...f, statuses: status.value ? [status.value as (typeof STATUSES)[number]] : [] } }));
  const campaigns = snapshot.campaigns;
  const campaign = el('select', 'filter-select', undefined, { 'aria-label': t('Campaign') });
  campaign.append(el('option', undefined, t('All campaigns'), { value: '' }));
  for (const c of campaigns) campaign.append(el('option', undefined, c, { value: c, ...(f.campaigns?.[0] === c ? { selected: '' } : {}) }));
  campaign.addEventListener('change', () => setState({ filters: { ...f, campaigns: campaign.value ? [campaign.value] : [] } }));
  const tags = snapshot.tags;
  const tag = el('select', 'filter-select', undefined, { 'aria-label': t('Tag') });
  tag.append(el('option', undefined, t('All tags'), { value: '' }));
  for (const x of tags) tag.append(el('option', undefined, x, { value: x, ...(f.tags?.[0] === x ? { selected: '' } : {}) }));
  tag.addEventListener('change', () => setState({ filters: { ...f, tags: tag.value ? [tag.value] : [] } }));
  const search = el('input', 'filter-search', undefined, { type: 'search', placeholder: t('Search'), 'aria-label': t('Search'), value: f.text ?? '' });
  search.addEventListener('change', () => setState({ filters: { ...f, text: search.value } }));
  bar.append(status, campaign, tag, search);
  return bar;
}

function month(byDay: Map<string, CalendarPost[]>, clashing: Set<string>, posts: readonly CalendarPost[]): HTMLElement {
  const [y, m] = state.anchor.split('-').map(Number) as [number, number];
  const days = monthGrid(y, m);
  // Gaps are read from every post, not the filtered ones: only a day with nothing for the networks
  // filtered (any, without a network filter) is one. A month with nothing at all gets one quiet
  // line instead of a mark on every day.
  const networks = state.filters.platforms ?? [];
  const inMonth = days.filter((d) => d.slice(0, 7) === state.anchor.slice(0, 7));
  const found = gapDays(inMonth, postsByDay(snapshot.posts, snapshot.timezone), snapshot.gapDays, networks);
  const empty = found.length > 0 && gapDays(inMonth, postsByDay(snapshot.posts, snapshot.timezone), undefined, networks).length === inMonth.length;
  const gaps = new Set(empty ? [] : found);
  const weeks = days.filter((_, i) => i % 7 === 0);
  const counts = weeklyCounts(weeks, byDay);
  const bands = campaignBands(posts, snapshot.timezone);
  const grid = el('div', 'month', undefined, { role: 'grid', 'aria-label': periodTitle() });
  const head = el('div', 'month-row head', undefined, { role: 'row' });
  if (empty) grid.append(el('p', 'month-empty', networks.length ? t('No post for {0} this month', networks.map((n) => SHORT[n]).join(', ')) : t('No post this month'), { role: 'note' }));
  for (let i = 0; i < 7; i++) head.append(el('div', 'weekday', formatDay(days[i]!, { weekday: 'short' }), { role: 'columnheader' }));
  head.append(el('div', 'weekday', t('Per network'), { role: 'columnheader' }));
  grid.append(head);
  for (const monday of weeks) {
    const row = el('div', 'month-row', undefined, { role: 'row' });
    for (let i = 0; i < 7; i++) {
      const day = addDays(monday, i);
      row.append(dayCell(day, byDay.get(day) ?? [], clashing, { outside: day.slice(0, 7) !== state.anchor.slice(0, 7), gap: gaps.has(day), networks, bands: bands.filter((b) => b.from <= day && day <= b.to) }));
    }
    const margin = el('div', 'week-counts', undefined, { role: 'gridcell', 'aria-label': t('Posts per network this week') });
    const week = counts.get(monday) ?? {};
    for (const n of inNetworkOrder(Object.keys(week) as PlatformId[], snapshot.networks)) margin.append(el('span', 'count', `${SHORT[n]} ${week[n]}`));
    row.append(margin);
    grid.append(row);
  }
  return grid;
}

function dayCell(day: string, posts: readonly CalendarPost[], clashing: Set<string>, opts: { outside: boolean; gap: boolean; networks: readonly PlatformId[]; bands: ReadonlyArray<{ campaign: string }> }): HTMLElement {
  const cls = ['day', opts.outside ? 'outside' : '', opts.gap ? 'gap' : '', day === snapshot.today ? 'today' : ''].filter(Boolean).join(' ');
  const label = `${formatDay(day, { weekday: 'long', day: 'numeric', month: 'long' })}, ${posts.length === 1 ? t('1 post') : t('{0} posts', posts.length)}${opts.gap ? `, ${t('no post')}` : ''}`;
  const cell = el('div', cls, undefined, { role: 'gridcell', tabindex: day === state.anchor ? '0' : '-1', 'data-day': day, 'aria-label': label, ...(day === state.anchor ? { 'data-focus': 'true' } : {}) });
  const header = el('div', 'day-number');
  // The weekday shows when a narrow calendar stacks its days (media/calendar.css).
  header.append(el('span', 'number', String(Number(day.slice(8)))), el('span', 'weekday-name', formatDay(day, { weekday: 'long' })));
  const why = opts.networks.length ? t('No post for {0} this day', opts.networks.map((n) => SHORT[n]).join(', ')) : t('No post this day');
  if (opts.gap) header.append(el('span', 'gap-mark', t('gap'), { title: why }));
  cell.append(header);
  for (const b of opts.bands) cell.append(el('div', 'band', b.campaign, { title: t('Campaign {0}', b.campaign) }));
  for (const p of posts) cell.append(chip(p, clashing.has(p.id)));
  cell.append(...ghostsOf(day));
  dropTarget(cell, day);
  cell.addEventListener('dblclick', (e) => {
    if (e.target === cell || (e.target as HTMLElement).closest('.day-number')) post({ type: 'create', day });
  });
  cell.addEventListener('keydown', (e) => dayKeys(e, day));
  cell.addEventListener('focus', () => {
    if (state.anchor !== day) state = { ...state, anchor: day };
  });
  return cell;
}

/** A chip's icon button, shown on hover and focus: posts `message` without opening the post. */
function action(label: string, icon: string, message: FromWebview): HTMLElement {
  const button = el('button', 'chip-action', undefined, { title: t(label), 'aria-label': t(label), tabindex: '-1' });
  button.append(el('span', `codicon codicon-${icon}`));
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    post(message);
  });
  return button;
}

function chip(p: CalendarPost, clash: boolean): HTMLElement {
  const time = p.date !== undefined && !p.dateOnly ? timeOfDay(p.date, snapshot.timezone) : '';
  const problems = p.errors + p.warnings;
  const mark = snapshot.comparison?.marks[p.id];
  const marked = mark ? t(mark === 'added' ? 'Not on {0}' : mark === 'moved' ? 'At another time on {0}' : 'Different on {0}', snapshot.comparison!.branch) : '';
  const networks = inNetworkOrder(p.platforms, snapshot.networks);
  // Published chips are draggable too, so that a drag says why they stay.
  const c = el('div', `chip status-${p.status}${clash ? ' clash' : ''}${p.status === 'published' ? ' locked' : ''}${mark ? ` mark-${mark}` : ''}`, undefined, {
    draggable: 'true',
    tabindex: '-1',
    role: 'button',
    'data-id': p.id,
    'aria-label': [time, p.title, t(p.status), networks.join(', '), p.contest ?? '', problems ? t('{0} problems', problems) : '', clash ? t('clash') : '', marked].filter(Boolean).join(', '),
  });
  // Where it went out, each network with its link (hovers are text: the links are shown, not followed).
  const sent = p.published.length > 0 ? t('Published on {0}', p.published.map((l) => (l.url ? `${SHORT[l.network]} ${l.url}` : SHORT[l.network])).join(', ')) : '';
  c.title = [p.title, marked, time && timeTooltip(p), networks.map((n) => SHORT[n]).join(' · '), sent, p.contest ?? '', p.excerpt, ...p.problems.map((m) => `⚠ ${m}`), clash ? t('Too close to another post for the same network') : ''].filter(Boolean).join('\n');
  const nets = el('span', 'nets', undefined, { 'aria-hidden': 'true' });
  for (const n of networks) nets.append(el('span', `net net-${n}${p.published.some((l) => l.network === n) ? ' sent' : ''}`, SHORT[n]));
  // In a narrow cell the networks are a count (the compact layout of media/calendar.css).
  const count = el('span', 'net-count', String(networks.length), { 'aria-hidden': 'true' });
  count.prepend(el('span', 'codicon codicon-radio-tower'));
  c.append(el('span', 'status-dot', undefined, { 'aria-hidden': 'true' }), el('span', 'time', time), el('span', 'title', p.title), ...(networks.length ? [count] : []), nets);
  if (p.contest) c.append(el('span', 'contest codicon codicon-gift', undefined, { 'aria-hidden': 'true' }));
  if (problems) c.append(el('span', `badge${p.errors ? ' error' : ''}`, String(problems), { 'aria-hidden': 'true' }));
  if (mark) c.append(el('span', `mark mark-${mark}`, t(mark === 'added' ? 'Only here' : mark === 'moved' ? 'Moved' : 'Changed'), { 'aria-hidden': 'true' }));
  c.append(action('Per-network view', 'open-preview', { type: 'preview', id: p.id }));
  if ((p.status === 'draft' || p.status === 'review') && p.errors === 0) c.append(action('Approve', 'pass', { type: 'approve', id: p.id }));
  if ((p.status === 'approved' || p.status === 'scheduled') && p.errors === 0 && !p.dateOnly && p.date !== undefined) {
    c.append(action('Publish now…', 'rocket', { type: 'publish', id: p.id }));
  }
  c.addEventListener('click', () => post({ type: 'open', id: p.id }));
  c.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') post({ type: 'open', id: p.id });
    if (e.key === ' ') post({ type: 'preview', id: p.id });
    if (e.altKey && e.key.startsWith('Arrow') && p.date !== undefined) {
      // The keyboard alternative to dragging: Alt+Left/Right moves the post a day, Alt+Up/Down
      // (week view) an hour; Alt+Up/Down in the month view a week.
      e.preventDefault();
      e.stopPropagation();
      if (p.status === 'published') return tell(t('"{0}" is published: it cannot be moved.', p.title));
      // It keeps the focus where it lands, so that Alt+→ twice moves it two days.
      focusPost = p.id;
      const day = dayKey(p.date, snapshot.timezone);
      const hour = Number(timeOfDay(p.date, snapshot.timezone).slice(0, 2));
      const minutes = timeOfDay(p.date, snapshot.timezone).slice(3);
      const move = (target: string, at?: string) => {
        post({ type: 'reschedule', id: p.id, day: target, ...(at ? { time: at } : {}) });
        // The view follows the post into the next period.
        if (!visible(target)) setState({ anchor: target });
      };
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') move(addDays(day, e.key === 'ArrowLeft' ? -1 : 1));
      else if (state.view === 'week' && !p.dateOnly) {
        const next = Math.min(23, Math.max(0, hour + (e.key === 'ArrowUp' ? -1 : 1)));
        move(day, `${String(next).padStart(2, '0')}:${minutes}`);
      } else move(addDays(day, e.key === 'ArrowUp' ? -7 : 7));
    }
  });
  c.addEventListener('dragstart', (e) => {
    if (p.status === 'published') {
      e.preventDefault();
      tell(t('"{0}" is published: it cannot be moved.', p.title));
      return;
    }
    e.dataTransfer!.setData('application/x-edcal-post', p.id);
    e.dataTransfer!.effectAllowed = 'move';
  });
  return c;
}

/** True when the view shows `day` (the month's grid, the week, or the agenda from its first day). */
function visible(day: string): boolean {
  if (state.view === 'agenda') return day >= state.anchor;
  if (state.view === 'week') return weekStartDay(day) === weekStartDay(state.anchor);
  const [y, m] = state.anchor.split('-').map(Number) as [number, number];
  return monthGrid(y, m).includes(day);
}

function timeTooltip(p: CalendarPost): string {
  if (p.date === undefined || snapshot.viewerZone === snapshot.timezone) return '';
  const yours = new Date(p.date).toLocaleTimeString(snapshot.locale, { hour: '2-digit', minute: '2-digit', timeZone: snapshot.viewerZone });
  return t('{0} your time', yours);
}

function dropTarget(target: HTMLElement, day: string, time?: string): void {
  target.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('application/x-edcal-post')) {
      e.preventDefault();
      target.classList.add('drop');
    }
  });
  target.addEventListener('dragleave', () => target.classList.remove('drop'));
  target.addEventListener('drop', (e) => {
    e.preventDefault();
    target.classList.remove('drop');
    const id = e.dataTransfer?.getData('application/x-edcal-post');
    if (id) post({ type: 'reschedule', id, day, ...(time ? { time } : {}) });
  });
}

/** Arrows move between days, PageUp/PageDown between periods, Home to today, Enter opens. */
function dayKeys(e: KeyboardEvent, day: string): void {
  const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
  if (e.key in moves) {
    e.preventDefault();
    setState({ anchor: addDays(day, moves[e.key]!) });
  } else if (e.key === 'PageUp' || e.key === 'PageDown') {
    e.preventDefault();
    setState({ anchor: state.view === 'month' ? addMonths(day, e.key === 'PageUp' ? -1 : 1) : addDays(day, e.key === 'PageUp' ? -7 : 7) });
  } else if (e.key === 'Home') {
    e.preventDefault();
    setState({ anchor: snapshot.today });
  } else if (e.key === 'Enter') {
    const first = (e.currentTarget as HTMLElement).querySelector<HTMLElement>('.chip');
    if (first) post({ type: 'open', id: first.dataset['id']! });
    else post({ type: 'create', day });
  }
}

const HOURS = Array.from({ length: 24 }, (_, i) => i); // every hour: a 05:00 post must show too

function week(byDay: Map<string, CalendarPost[]>, clashing: Set<string>): HTMLElement {
  const monday = weekStartDay(state.anchor);
  const grid = el('div', 'week', undefined, { role: 'grid', 'aria-label': periodTitle() });
  const head = el('div', 'week-row head', undefined, { role: 'row' });
  head.append(el('div', 'hour', ''));
  for (let i = 0; i < 7; i++) {
    const day = addDays(monday, i);
    head.append(el('div', `weekday${day === snapshot.today ? ' today' : ''}`, formatDay(day, { weekday: 'short', day: 'numeric' }), { role: 'columnheader' }));
  }
  grid.append(head);
  const allDay = el('div', 'week-row all-day-row', undefined, { role: 'row' });
  allDay.append(el('div', 'hour', t('Day')));
  for (let i = 0; i < 7; i++) {
    const day = addDays(monday, i);
    const cell = el('div', 'slot all-day', undefined, { role: 'gridcell', 'data-day': day });
    for (const p of (byDay.get(day) ?? []).filter((p) => p.dateOnly)) cell.append(chip(p, clashing.has(p.id)));
    cell.append(...ghostsOf(day, 'day'));
    dropTarget(cell, day);
    allDay.append(cell);
  }
  grid.append(allDay);
  for (const hour of HOURS) {
    const row = el('div', 'week-row', undefined, { role: 'row' });
    const hh = String(hour).padStart(2, '0');
    row.append(el('div', 'hour', `${hh}:00`));
    for (let i = 0; i < 7; i++) {
      const day = addDays(monday, i);
      const cell = el('div', `slot${day === snapshot.today ? ' today' : ''}`, undefined, { role: 'gridcell', 'data-day': day, 'data-time': `${hh}:00`, 'aria-label': `${formatDay(day, { weekday: 'long', day: 'numeric' })} ${hh}:00` });
      const inHour = (byDay.get(day) ?? []).filter((p) => !p.dateOnly && Number(timeOfDay(p.date!, snapshot.timezone).slice(0, 2)) === hour);
      for (const p of inHour) cell.append(chip(p, clashing.has(p.id)));
      cell.append(...ghostsOf(day, hour));
      dropTarget(cell, day, `${hh}:00`);
      cell.addEventListener('dblclick', (e) => e.target === cell && post({ type: 'create', day, time: `${hh}:00` }));
      row.append(cell);
    }
    grid.append(row);
  }
  // Start the view at the working day (08:00); earlier hours are a scroll away.
  requestAnimationFrame(() => {
    // (Under the header and the all-day row, which stay in view.)
    const eight = grid.querySelector<HTMLElement>('[data-time="08:00"]');
    const head = grid.querySelector<HTMLElement>('.weekday');
    const allDay = grid.querySelector<HTMLElement>('.all-day-row .hour');
    if (eight) grid.scrollTop = eight.offsetTop - grid.offsetTop - (head?.offsetHeight ?? 0) - (allDay?.offsetHeight ?? 0);
  });
  return grid;
}

/** The agenda: days with posts, from the anchor on; rows are drawn only when scrolled into view. */
function agenda(posts: readonly CalendarPost[]): HTMLElement {
  const list = el('div', 'agenda', undefined, { role: 'list', 'aria-label': t('Agenda') });
  const dated = posts.filter((p) => p.date !== undefined).sort((a, b) => a.date! - b.date!);
  const start = dated.findIndex((p) => dayKey(p.date!, snapshot.timezone) >= state.anchor);
  const rows = start < 0 ? [] : dated.slice(start);
  if (rows.length === 0) list.append(el('p', 'empty', t('No posts from this day on.')));
  const BATCH = 100;
  const more = (from: number) => {
    let last = from > 0 ? dayKey(rows[from - 1]!.date!, snapshot.timezone) : '';
    for (const p of rows.slice(from, from + BATCH)) {
      const day = dayKey(p.date!, snapshot.timezone);
      if (day !== last) list.append(el('h2', `agenda-day${day === snapshot.today ? ' today' : ''}`, formatDay(day, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })));
      last = day;
      const item = el('div', 'agenda-item', undefined, { role: 'listitem' });
      item.append(chip(p, false));
      list.append(item);
    }
    if (from + BATCH < rows.length) {
      // Virtualised by batches: the next rows come when this sentinel scrolls into view.
      const sentinel = el('div', 'sentinel', t('Loading…'));
      list.append(sentinel);
      new IntersectionObserver((entries, observer) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          sentinel.remove();
          more(from + BATCH);
        }
      }).observe(sentinel);
    }
  };
  more(0);
  return list;
}

function formatDay(day: string, options: Intl.DateTimeFormatOptions): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(snapshot.locale, { ...options, timeZone: 'UTC' });
}

// Ctrl+Z undoes the calendar's last move, Ctrl+Shift+Z and Ctrl+Y redo it (Cmd on macOS); in the
// search box they stay the field's own.
document.addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || (e.target instanceof HTMLElement && e.target.closest('input, select, textarea'))) return;
  const key = e.key.toLowerCase();
  const undo = key === 'z' && !e.shiftKey;
  if (!undo && !(key === 'z' && e.shiftKey) && !(key === 'y' && !e.shiftKey)) return;
  e.preventDefault();
  // The post undone keeps the focus, as a moved one does.
  if (document.activeElement instanceof HTMLElement && document.activeElement.classList.contains('chip')) focusPost = document.activeElement.dataset['id'];
  post({ type: undo ? 'undo' : 'redo' });
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  if (event.data?.type !== 'snapshot') return;
  snapshot = event.data.snapshot;
  if (event.data.focus !== undefined) focusPost = event.data.focus;
  if (event.data.state) {
    state = event.data.state;
    vscode.setState(state);
  }
  render();
});

render();
post({ type: 'ready' });
