// The per-network preview: one card per network drawn from the core's rendering model. Post text
// only ever reaches the page through text nodes and attributes, never as HTML.
import type { PlatformPreview, PreviewPart } from '../../core/preview';
import { el } from '../dom';
import type { FromPreview, PreviewSnapshot, ToPreview } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: FromPreview): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
let snapshot: PreviewSnapshot | undefined = JSON.parse(root.dataset['init']!) as PreviewSnapshot | undefined;

const t = (key: string, ...args: Array<string | number>) => (snapshot?.strings[key] ?? key).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

function render(): void {
  const started = performance.now();
  if (!snapshot) {
    root.replaceChildren(el('p', 'empty', t('Open a post of the editorial calendar to preview it.')));
    return;
  }
  const s = snapshot;
  const cards = el('div', 'cards');
  for (const p of s.previews) cards.append(card(p, s));
  root.replaceChildren(el('h1', 'post-title', s.title), cards);
  const active = root.querySelector('.part.active');
  active?.scrollIntoView({ block: 'nearest' });
  vscode.postMessage({ type: 'rendered', ms: performance.now() - started });
}

function card(p: PlatformPreview, s: PreviewSnapshot): HTMLElement {
  const article = el('article', `card net-${p.platform}`, undefined, { 'aria-label': t('{0} preview', p.name) });
  const head = el('header', 'card-head');
  const name = p.account.name ?? p.name;
  head.append(el('span', 'avatar', name.slice(0, 1).toUpperCase(), { 'aria-hidden': 'true' }), el('span', 'name', name), el('span', 'handle', p.account.handle ?? ''), el('span', 'network', p.name), el('span', 'when', s.when));
  article.append(head);
  p.parts.forEach((part, i) => article.append(partView(p, part, i, s)));
  if (p.media.length > 0) {
    const grid = el('div', `media count-${Math.min(p.media.length, 4)}`);
    p.media.forEach((m, i) => {
      const figure = el('figure', `medium${p.mediaLimit !== undefined && i >= p.mediaLimit ? ' over' : ''}`);
      const uri = s.mediaUris[m.file];
      if (uri && /\.(png|jpe?g|gif|webp|avif)$/i.test(m.file)) figure.append(el('img', undefined, undefined, { src: uri, alt: m.alt ?? '' }));
      else figure.append(el('span', 'placeholder', m.file));
      figure.append(el('span', `alt-badge${m.alt ? '' : ' missing'}`, m.alt ? 'ALT' : t('No alt text'), { title: m.alt ?? t('No alt text') }));
      grid.append(figure);
    });
    article.append(grid);
    if (p.mediaLimit !== undefined) article.append(el('p', 'media-limit', t('{0}/{1} media', p.media.length, p.mediaLimit)));
  } else if (p.linkCard) {
    article.append(el('div', 'link-card', p.linkCard));
  }
  article.append(el('footer', 'actions', '♡   ↻   💬   ↗', { 'aria-hidden': 'true' }));
  const problems = s.problems.filter((x) => x.platform === p.platform || x.platform === '');
  if (problems.length > 0) {
    const list = el('ul', 'problems', undefined, { 'aria-label': t('Problems') });
    for (const x of problems) {
      const item = el('li', `problem ${x.severity}`);
      const link = el('a', undefined, x.message, { href: '#', role: 'button' });
      link.addEventListener('click', (e) => {
        e.preventDefault();
        vscode.postMessage({ type: 'reveal', start: x.start, end: x.end });
      });
      item.append(link);
      list.append(item);
    }
    article.append(list);
  }
  return article;
}

function partView(p: PlatformPreview, part: PreviewPart, index: number, s: PreviewSnapshot): HTMLElement {
  const active = s.activeParts[p.platform] === index;
  const box = el('div', `part${active ? ' active' : ''}${p.parts.length > 1 ? ' thread' : ''}`);
  if (p.parts.length > 1) box.append(el('span', 'part-number', `${index + 1}/${p.parts.length}`));
  const text = el('p', 'text');
  // Walk the text: linked spans, the fold ("… more") and the part the network would cut.
  const marks = new Set<number>([0, part.text.length, ...(part.fold !== undefined ? [part.fold] : []), ...(part.cut !== undefined ? [part.cut] : [])]);
  for (const e of part.entities) marks.add(e.start).add(e.end);
  const cuts = [...marks].sort((a, b) => a - b);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const entity = part.entities.find((e) => e.start <= from && to <= e.end);
    const classes = [entity ? `entity ${entity.kind}` : '', part.fold !== undefined && from >= part.fold ? 'folded' : '', part.cut !== undefined && from >= part.cut ? 'over' : ''].filter(Boolean).join(' ');
    const content = entity && entity.start === from && entity.kind === 'link' ? entity.display : entity?.kind === 'link' ? '' : part.text.slice(from, to);
    if (content === '') continue;
    if (part.fold !== undefined && from === part.fold) text.append(el('span', 'more', t('… more')));
    text.append(classes ? el('span', classes, content, entity?.href ? { title: entity.href } : {}) : document.createTextNode(content));
  }
  box.append(text, el('span', `counter${part.length > part.limit ? ' over' : ''}`, `${part.length}/${part.limit}`));
  return box;
}

window.addEventListener('message', (event: MessageEvent<ToPreview>) => {
  if (event.data?.type !== 'preview') return;
  snapshot = event.data.snapshot;
  render();
});
render();
vscode.postMessage({ type: 'ready' });
