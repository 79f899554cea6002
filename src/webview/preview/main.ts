// The per-network preview: one card per network, in the look of that network, drawn from the core's
// rendering model. Post text only ever reaches the page through text nodes and attributes, never
// as HTML.
import type { PlatformId } from '../../core/model';
import type { PlatformPreview, PreviewPart } from '../../core/preview';
import { el } from '../dom';
import { applyPreviewChanges } from '../previewDelta';
import { isToPreview, type FromPreview, type PreviewInit, type PreviewLayout, type PreviewSnapshot, type PreviewViewState, type SnapshotChanges } from '../protocol';
import { LOOKS, type Look } from './looks';
import { patchRuns, runsOf, type Run, type RunNodes } from './runs';

declare function acquireVsCodeApi(): { postMessage(m: FromPreview): void; getState(): PreviewViewState | undefined; setState(s: PreviewViewState): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const init = JSON.parse(root.dataset['init']!) as PreviewInit;
let snapshot: PreviewSnapshot | undefined = init.snapshot;
/** The number of the snapshot held (the one in the HTML is 0): a delta applies to it alone. */
let seq = 0;
let strings = init.strings;
let view: PreviewViewState = vscode.getState() ?? { layout: 'side' };
const now = () => performance.timeOrigin + performance.now();
/** When the snapshot being drawn arrived (epoch ms), for the benchmark's breakdown. */
let receivedAt = now();

const t = (key: string, ...args: Array<string | number>) => (strings[key] ?? key).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
/** Visually hidden text, for screen readers (what colour or an icon says to the eye). */
const hidden = (text: string) => el('span', 'sr-only', text);
const icon = (name: string) => el('span', `codicon codicon-${name}`, undefined, { 'aria-hidden': 'true' });

function setView(next: Partial<PreviewViewState>): void {
  view = { ...view, ...next };
  vscode.setState(view);
  render();
}

/** What is on the page for each network's card, to update it in place. */
interface CardRefs {
  readonly article: HTMLElement;
  /** Each part, in order. */
  readonly parts: PartRefs[];
  /** The list of problems (undefined: none), its items, and the problems they show (a click reads them). */
  problems: HTMLElement | undefined;
  readonly items: ProblemItem[];
  shown: PreviewSnapshot['problems'];
}

/** A part on the page: its box, the nodes of its text and the runs they draw, its counter. */
interface PartRefs {
  readonly box: HTMLElement;
  readonly text: HTMLElement;
  readonly nodes: Node[];
  runs: Run[];
  readonly counter: HTMLElement;
}

interface ProblemItem {
  readonly item: HTMLElement;
  readonly button: HTMLElement;
  readonly icon: HTMLElement;
  readonly label: HTMLElement;
  readonly message: HTMLElement;
}
const cardRefs = new Map<PlatformId, CardRefs>();
/** The snapshot on the page, which deltas are drawn against. */
let drawn: PreviewSnapshot | undefined;
let titleElement: HTMLElement | undefined;

/** Draws the snapshot. */
function render(): void {
  const started = performance.now();
  cardRefs.clear();
  drawn = snapshot;
  if (!snapshot) {
    root.replaceChildren(el('p', 'empty', t('Open a post of the editorial calendar to preview it.')));
    return;
  }
  const s = snapshot;
  const tab = s.previews.find((p) => p.platform === view.tab) ?? s.previews[0];
  const shown = view.layout === 'tabs' && tab ? [tab] : s.previews;
  const cards = el('div', `cards layout-${view.layout}`, undefined, view.layout === 'tabs' && tab ? { role: 'tabpanel', id: 'tabpanel', 'aria-labelledby': `tab-${tab.platform}` } : {});
  for (const p of shown) cards.append(card(p, s));
  // Redrawing replaces the DOM: keep the keyboard focus on the same control.
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset['focus'] : undefined;
  // A contest's end and winners, above every network's card (text only, like all post text).
  const contest = s.contest ? [el('p', 'contest', s.contest, { role: 'note' })] : [];
  root.replaceChildren(toolbar(s, tab?.platform), ...contest, cards);
  if (focused) (root.querySelector(`[data-focus="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
  root.querySelector('.part.active')?.scrollIntoView({ block: 'nearest' });
  painted(started, s.version);
}

/** Reports the drawing once its frame is painted: in the next frame, after its rendering steps. */
function painted(started: number, version: number): void {
  requestAnimationFrame(reportPainted.bind(undefined, performance.now() - started, version, receivedAt));
}

/**
 * Draws what changed in place: a part's text nodes and counter, a card's problems, the title, the
 * cursor's part; a card whose network changed otherwise is drawn again. What every card shows (the
 * time, media addresses) or the tabs' problem dots changing draws everything.
 */
function update(before: PreviewSnapshot, changes: SnapshotChanges): void {
  const s = snapshot!;
  if (changes.when !== undefined || changes.contest !== undefined || changes.mediaUris !== undefined || (changes.problems && view.layout === 'tabs')) return render();
  const started = performance.now();
  drawn = s;
  if (changes.title !== undefined && titleElement) titleElement.textContent = s.title;
  const whole = new Set<number>();
  for (const c of changes.previews ?? []) if ('preview' in c) whole.add(c.index);
  s.previews.forEach((p, index) => {
    const refs = cardRefs.get(p.platform);
    if (!refs) return; // not shown (another tab)
    const look = LOOKS[p.platform];
    if (whole.has(index)) {
      const next = card(p, s);
      refs.article.replaceWith(next);
      return;
    }
    const changed = (changes.previews ?? []).flatMap((c) => (c.index === index && 'parts' in c ? c.parts.map((x) => x.index) : []));
    const activeChanged = changes.activeParts !== undefined && before.activeParts[p.platform] !== s.activeParts[p.platform];
    p.parts.forEach((part, i) => {
      if (changed.includes(i) || activeChanged) patchPart(refs.parts[i]!, p, part, i, s, look);
    });
    if (changes.problems) patchProblems(refs, p, s);
  });
  if (changes.activeParts) root.querySelector('.part.active')?.scrollIntoView({ block: 'nearest' });
  painted(started, s.version);
}

/**
 * Tells the extension once the frame holding this render is painted (benchmarks and tests). Called
 * from the frame's callback: a message posted then is handled after the frame's style, layout and
 * paint steps (the compositor's raster and display, off the main thread, are not waited for).
 */
function reportPainted(ms: number, version: number, received: number): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    vscode.postMessage({ type: 'rendered', ms, version, receivedAt: received, paintedAt: now() });
  };
  channel.port2.postMessage(null);
}

function toolbar(s: PreviewSnapshot, selected: PlatformId | undefined): HTMLElement {
  const bar = el('div', 'toolbar');
  titleElement = el('h1', 'post-title', s.title);
  bar.append(titleElement);
  const layouts = el('div', 'layouts', undefined, { role: 'group', 'aria-label': t('Layout') });
  const layoutButton = (layout: PreviewLayout, label: string, codicon: string) => {
    const b = el('button', `layout-button${view.layout === layout ? ' selected' : ''}`, undefined, { type: 'button', 'aria-pressed': String(view.layout === layout), title: label, 'data-layout': layout, 'data-focus': `layout-${layout}` });
    b.append(icon(codicon), el('span', undefined, label));
    b.addEventListener('click', () => setView({ layout }));
    return b;
  };
  layouts.append(layoutButton('side', t('Side by side'), 'layout-panel-justify'), layoutButton('tabs', t('Tabs'), 'browser'));
  bar.append(layouts);
  if (view.layout === 'tabs') bar.append(tabs(s, selected));
  return bar;
}

/** One tab per network, with its worst problem as a dot; arrows move between them. */
function tabs(s: PreviewSnapshot, selected: PlatformId | undefined): HTMLElement {
  const list = el('div', 'tabs', undefined, { role: 'tablist', 'aria-label': t('Networks') });
  s.previews.forEach((p, i) => {
    const on = p.platform === selected;
    const severity = worst(s, p.platform);
    const b = el('button', `tab${on ? ' selected' : ''}`, undefined, { type: 'button', role: 'tab', id: `tab-${p.platform}`, 'aria-selected': String(on), 'aria-controls': 'tabpanel', tabindex: on ? '0' : '-1', 'data-platform': p.platform, 'data-focus': `tab-${p.platform}` });
    b.append(el('span', undefined, p.name));
    if (severity) b.append(el('span', `dot ${severity}`, undefined, { 'aria-hidden': 'true' }), hidden(t(severity === 'error' ? 'Error' : 'Warning')));
    b.addEventListener('click', () => setView({ tab: p.platform }));
    b.addEventListener('keydown', (e) => {
      const n = s.previews.length;
      const target = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
      if (target === undefined) return;
      e.preventDefault();
      const next = s.previews[target]!;
      setView({ tab: next.platform });
      (root.querySelector(`#tab-${next.platform}`) as HTMLElement | null)?.focus();
    });
    list.append(b);
  });
  return list;
}

function worst(s: PreviewSnapshot, platform: PlatformId): 'error' | 'warning' | undefined {
  const own = problemsOf(s, platform);
  return own.some((x) => x.severity === 'error') ? 'error' : own.some((x) => x.severity === 'warning') ? 'warning' : undefined;
}

const problemsOf = (s: PreviewSnapshot, platform: PlatformId) => s.problems.filter((x) => x.platform === platform || x.platform === '');

function card(p: PlatformPreview, s: PreviewSnapshot): HTMLElement {
  const look = LOOKS[p.platform];
  const article = el('article', `card net-${p.platform} look-${look.layout}`, undefined, { 'aria-label': t('{0} preview', p.name) });
  const refs: CardRefs = { article, parts: [], problems: undefined, items: [], shown: [] };
  cardRefs.set(p.platform, refs);
  const part = (x: PreviewPart, i: number, lead?: string) => (refs.parts[i] = partView(p, x, i, s, look, lead)).box;
  article.append(el('span', 'network-badge', p.name + (p.fromVariant ? ' ·  ' + t('variant') : '')));
  if (p.published) article.append(publishedBadge(p, s));
  if (look.layout === 'inline') {
    p.parts.forEach((x, i) => article.append(inlinePost(p, part(x, i), i, s, look)));
  } else if (look.layout === 'stacked') {
    article.append(header(p, s, look));
    p.parts.forEach((x, i) => article.append(part(x, i)));
    article.append(...attachments(p, s), actions(look));
  } else {
    // Instagram: the media, the actions, then "handle caption".
    article.append(header(p, s, look), ...(p.media.length > 0 ? media(p, s) : [el('div', 'media-missing', t('No image'))]), actions(look));
    p.parts.forEach((x, i) => article.append(part(x, i, handleOf(p))));
    article.append(el('p', 'when caption-when', s.when));
  }
  patchProblems(refs, p, s);
  return article;
}

/** Sets an element's text or class only when it differs: an equal write would still lay it out again. */
const setText = (e: HTMLElement, text: string) => e.textContent !== text && (e.textContent = text);
const setClass = (e: HTMLElement, cls: string) => e.className !== cls && (e.className = cls);

/**
 * The problems at the end of a card, each a button selecting its range in the editor, updated in
 * place: the items shown are kept and only what they say changes; no list when there are none.
 */
function patchProblems(refs: CardRefs, p: PlatformPreview, s: PreviewSnapshot): void {
  const problems = problemsOf(s, p.platform);
  refs.shown = problems;
  if (problems.length === 0) {
    refs.problems?.remove();
    refs.problems = undefined;
    refs.items.length = 0;
    return;
  }
  const list = (refs.problems ??= refs.article.appendChild(el('ul', 'problems', undefined, { 'aria-label': t('Problems') })));
  problems.forEach((x, i) => {
    const item = (refs.items[i] ??= problemItem(refs, list, p, i));
    const kind = x.severity === 'error' ? 'error' : x.severity === 'warning' ? 'warning' : 'info';
    setClass(item.button, `problem ${x.severity}`);
    setClass(item.icon, `codicon codicon-${kind}`);
    setText(item.label, t(kind === 'error' ? 'Error' : kind === 'warning' ? 'Warning' : 'Info') + ': ');
    setText(item.message, x.message);
  });
  for (const gone of refs.items.splice(problems.length)) gone.item.remove();
}

/** The `index`th item of a card's problems, empty until filled in, appended to `list`. */
function problemItem(refs: CardRefs, list: HTMLElement, p: PlatformPreview, index: number): ProblemItem {
  const button = el('button', 'problem', undefined, { type: 'button', title: t('Show in the editor'), 'data-focus': `problem-${p.platform}-${index}` });
  const parts = { icon: el('span', 'codicon', undefined, { 'aria-hidden': 'true' }), label: el('span', 'sr-only'), message: el('span') };
  button.append(parts.icon, parts.label, parts.message);
  // What the item says now, of the version drawn now: a click on an older drawing is ignored by the extension.
  button.addEventListener('click', () => {
    const x = refs.shown[index];
    if (x && drawn) vscode.postMessage({ type: 'reveal', file: drawn.file, version: snapshot?.version ?? drawn.version, start: x.start, end: x.end });
  });
  const item = el('li');
  item.append(button);
  list.append(item);
  return { item, button, ...parts };
}

/** "Published", a button to the post on the network when its link is known. */
function publishedBadge(p: PlatformPreview, s: PreviewSnapshot): HTMLElement {
  if (!p.published?.url) return el('span', 'published-badge', t('Published'));
  const button = el('button', 'published-badge', undefined, { type: 'button', title: t('Open the published post') });
  button.append(icon('link-external'), el('span', undefined, t('Published')));
  button.addEventListener('click', () => vscode.postMessage({ type: 'openPublished', file: s.file, version: snapshot?.version ?? s.version, platform: p.platform }));
  return button;
}

const nameOf = (p: PlatformPreview) => p.account.name ?? p.name;
const handleOf = (p: PlatformPreview) => p.account.handle ?? nameOf(p);
const avatar = (p: PlatformPreview, look: Look) => el('span', `avatar ${look.avatar}`, initial(nameOf(p)), { 'aria-hidden': 'true' });
/** The first character as people see it (an emoji or accented letter whole). */
const initial = (name: string) => (new Intl.Segmenter().segment(name)[Symbol.iterator]().next().value?.segment ?? '').toUpperCase();

/** Name, handle and time as the stacked and caption layouts show them above the post. */
function header(p: PlatformPreview, s: PreviewSnapshot, look: Look): HTMLElement {
  const head = el('header', 'card-head');
  const who = el('div', 'who');
  if (look.layout === 'caption') who.append(el('span', 'name', handleOf(p)));
  else who.append(el('span', 'name', nameOf(p)), el('span', 'handle', p.account.handle ?? ''), el('span', 'when', s.when));
  head.append(avatar(p, look), who);
  return head;
}

/** X, Bluesky, Mastodon, Threads: the avatar beside each post of a thread (`part` drawn), linked by a line. */
function inlinePost(p: PlatformPreview, part: HTMLElement, index: number, s: PreviewSnapshot, look: Look): HTMLElement {
  const row = el('div', `post${index < p.parts.length - 1 ? ' continued' : ''}`);
  const gutter = el('div', 'gutter');
  gutter.append(avatar(p, look));
  const body = el('div', 'post-body');
  const head = el('div', 'post-head');
  head.append(el('span', 'name', nameOf(p)), el('span', 'handle', p.account.handle ?? ''), el('span', 'when', s.when));
  body.append(head, part);
  if (index === 0) body.append(...attachments(p, s));
  body.append(actions(look));
  row.append(gutter, body);
  return row;
}

/** The poll, the media grid, or else the link card the network builds from the first link. */
function attachments(p: PlatformPreview, s: PreviewSnapshot): HTMLElement[] {
  const out = p.poll ? [poll(p.poll)] : [];
  if (p.media.length > 0) return [...out, ...media(p, s)];
  if (!p.linkCard || p.poll) return out;
  const box = el('div', 'link-card');
  box.append(icon('link'), el('span', undefined, p.linkCard));
  return [box];
}

/** A poll as the feeds show it before anyone votes: the question, the choices, how long it runs. */
function poll(data: NonNullable<PlatformPreview['poll']>): HTMLElement {
  const box = el('div', 'poll', undefined, { role: 'group', 'aria-label': t('Poll') });
  if (data.question) box.append(el('p', 'poll-question', data.question));
  for (const option of data.options) box.append(el('div', 'poll-option', option));
  box.append(el('p', 'poll-meta', t('Poll · open {0}', data.duration)));
  return box;
}

function media(p: PlatformPreview, s: PreviewSnapshot): HTMLElement[] {
  const grid = el('div', `media count-${Math.min(p.media.length, 4)}`);
  p.media.forEach((m, i) => {
    const over = p.mediaLimit !== undefined && i >= p.mediaLimit;
    const figure = el('figure', `medium${over ? ' over' : ''}`);
    const uri = s.mediaUris[m.file];
    if (uri && /\.(png|jpe?g|gif|webp|avif)$/i.test(m.file)) figure.append(image(uri, m.alt ?? ''));
    else figure.append(el('span', 'placeholder', m.file));
    figure.append(el('span', `alt-badge${m.alt ? '' : ' missing'}`, m.alt ? t('ALT') : t('No alt text'), { title: m.alt ?? t('No alt text') }));
    grid.append(figure);
  });
  const out = [grid];
  if (p.mediaLimit !== undefined) out.push(el('p', `media-limit${p.media.length > p.mediaLimit ? ' over' : ''}`, t('{0}/{1} media', p.media.length, p.mediaLimit)));
  return out;
}

/** An image that tries again when a load fails: the first loads after a webview opens can race
 *  the worker that serves workspace files to it, and a broken image would look like a bad file. */
function image(src: string, alt: string, tries = 3): HTMLImageElement {
  const img = el('img', undefined, undefined, { src, alt });
  let left = tries;
  img.addEventListener('error', () => {
    if (left-- > 0) setTimeout(() => img.setAttribute('src', src), 250 * (tries - left));
  });
  return img;
}

function actions(look: Look): HTMLElement {
  const row = el('div', 'actions', undefined, { 'aria-hidden': 'true' });
  for (const a of look.actions) {
    const item = el('span', 'action');
    item.append(icon(a.icon));
    if (a.label) item.append(el('span', undefined, t(a.label)));
    row.append(item);
  }
  return row;
}

/** The cursor's part is marked in threads (a single post needs no marker). */
const isActive = (p: PlatformPreview, index: number, s: PreviewSnapshot) => p.parts.length > 1 && s.activeParts[p.platform] === index;

/** One part's text: linked spans, the fold ("… more", the rest dimmed) and what the network would cut. */
function partView(p: PlatformPreview, part: PreviewPart, index: number, s: PreviewSnapshot, look: Look, lead?: string): PartRefs {
  const box = el('div', `part${isActive(p, index, s) ? ' active' : ''}`);
  const text = el('p', 'text');
  if (lead) text.append(el('span', 'name', lead), document.createTextNode(' '));
  const runs = runsOf(part, t(look.more));
  const nodes = runs.map(runNode);
  text.append(...nodes);
  const foot = el('div', 'part-foot');
  if (p.parts.length > 1) foot.append(el('span', 'part-number', `${index + 1}/${p.parts.length}`, { 'aria-label': t('part {0} of {1}', index + 1, p.parts.length) }));
  const counter = el('span', 'counter');
  foot.append(counter);
  box.append(text, foot);
  setCounter(counter, part);
  return { box, text, nodes, runs, counter };
}

/**
 * Draws a part of the same network again in place (as many parts as before): the marker of the
 * cursor's part, the text nodes that changed (most keystrokes edit one) and the counter.
 */
function patchPart(refs: PartRefs, p: PlatformPreview, part: PreviewPart, index: number, s: PreviewSnapshot, look: Look): void {
  refs.box.classList.toggle('active', isActive(p, index, s));
  const runs = runsOf(part, t(look.more));
  patchRuns(refs.nodes, refs.runs, runs, runNodes(refs.text));
  refs.runs = runs;
  setCounter(refs.counter, part);
}

function setCounter(counter: HTMLElement, part: PreviewPart): void {
  setClass(counter, `counter${part.length > part.limit ? ' over' : ''}`);
  setText(counter, `${part.length}/${part.limit}`);
  counter.setAttribute('aria-label', t('{0} of {1} characters', part.length, part.limit));
}

/** A run of a part's text: a text node, or a span when it is linked, folded or over the limit. */
const runNode = (run: Run): Node => (run.cls ? el('span', run.cls, run.text, run.title ? { title: run.title } : {}) : document.createTextNode(run.text));

/** The runs of a part's text as children of `parent` (after the caption's lead, when there is one). */
const runNodes = (parent: HTMLElement): RunNodes<Node> => ({
  create: runNode,
  edit(node, change, text) {
    const data = node instanceof Text ? node : node.firstChild;
    if (data instanceof Text) data.replaceData(change.at, change.remove, change.insert);
    else node.textContent = text;
  },
  replace(removed, inserted, next) {
    for (const n of removed) parent.removeChild(n);
    const row = document.createDocumentFragment();
    row.append(...inserted);
    parent.insertBefore(row, next ?? null);
  },
});

// Each message is drawn when it arrives, not in a later frame callback: a delta edits a few nodes,
// so the frame that follows paints it (waiting for a frame callback would cost up to a frame).
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isToPreview(m)) return;
  receivedAt = now();
  if (m.type === 'preview') {
    snapshot = m.snapshot;
    strings = m.strings;
    seq = m.seq;
    return render();
  }
  const next = m.base === seq && snapshot ? applyPreviewChanges(snapshot, m.changes) : undefined;
  if (!next) {
    // Not a change of what is held (a message lost, a page reloaded): ask for all of it.
    vscode.postMessage({ type: 'resync' });
    return;
  }
  snapshot = next;
  seq = m.seq;
  if (drawn) update(drawn, m.changes);
  else render();
});
render();
vscode.postMessage({ type: 'ready' });
