// What changed between two preview snapshots, and the snapshot it makes again: a keystroke sends a
// few characters and the parts they touched, not every network's text (see PreviewDelta).
import type { PlatformPreview, PreviewPart } from '../core/preview';
import type { PartChange, PreviewChange, PreviewSnapshot, SnapshotChanges, TextSplice } from './protocol';

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes from `before` to `after`, or undefined when a whole snapshot should go instead
 * (another post, other networks). Unchanged fields are left out; a network whose parts alone
 * changed sends those parts, each text as a splice.
 *
 * @example previewChanges(a, { ...a, title: 'B' }) // { title: 'B' }
 */
export function previewChanges(before: PreviewSnapshot, after: PreviewSnapshot): SnapshotChanges | undefined {
  if (before.file !== after.file || before.previews.length !== after.previews.length) return undefined;
  if (before.previews.some((p, i) => p.platform !== after.previews[i]!.platform)) return undefined;
  const previews: PreviewChange[] = [];
  after.previews.forEach((next, index) => {
    const prev = before.previews[index]!;
    if (prev === next) return;
    const { parts: prevParts, ...prevRest } = prev;
    const { parts: nextParts, ...nextRest } = next;
    if (prevParts.length !== nextParts.length || !same(prevRest, nextRest)) {
      previews.push({ index, preview: next });
      return;
    }
    const parts: PartChange[] = [];
    nextParts.forEach((part, i) => {
      const old = prevParts[i]!;
      const { text: oldText, entities: oldEntities, ...oldRest } = old;
      const { text, entities, ...rest } = part;
      const entitiesChanged = !same(oldEntities, entities);
      if (oldText !== text || entitiesChanged || !same(oldRest, rest)) parts.push({ index: i, splice: splice(oldText, text), part: entitiesChanged ? { ...rest, entities } : rest });
    });
    if (parts.length > 0) previews.push({ index, parts });
  });
  return {
    ...(before.version !== after.version ? { version: after.version } : {}),
    ...(before.title !== after.title ? { title: after.title } : {}),
    ...(before.when !== after.when ? { when: after.when } : {}),
    ...(!same(before.problems, after.problems) ? { problems: after.problems } : {}),
    ...(!same(before.activeParts, after.activeParts) ? { activeParts: after.activeParts } : {}),
    ...(!same(before.mediaUris, after.mediaUris) ? { mediaUris: after.mediaUris } : {}),
    ...(before.contest !== after.contest ? { contest: after.contest ?? '' } : {}),
    ...(previews.length > 0 ? { previews } : {}),
  };
}

/**
 * The snapshot `changes` make of `before`, or undefined when they do not fit it (a network or part
 * that is not there, a splice past the text): the webview then asks for the whole snapshot.
 */
export function applyPreviewChanges(before: PreviewSnapshot, changes: SnapshotChanges): PreviewSnapshot | undefined {
  let previews: PlatformPreview[] = [...before.previews];
  for (const change of changes.previews ?? []) {
    const old = previews[change.index];
    if (!old) return undefined;
    if ('preview' in change) {
      previews[change.index] = change.preview;
      continue;
    }
    const parts: PreviewPart[] = [...old.parts];
    for (const c of change.parts) {
      const part = parts[c.index];
      const text = part && applySplice(part.text, c.splice);
      if (text === undefined) return undefined;
      parts[c.index] = { ...c.part, text, entities: c.part.entities ?? part.entities };
    }
    previews[change.index] = { ...old, parts };
  }
  const { previews: _previews, ...rest } = changes;
  return { ...before, ...rest, previews };
}

/** The one replacement that turns `a` into `b`: what lies between their common start and end. */
export function splice(a: string, b: string): TextSplice {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  return { at: start, remove: a.length - start - end, insert: b.slice(start, b.length - end) };
}

/** `text` with the splice applied, or undefined when it does not fit the text. */
export function applySplice(text: string, s: TextSplice): string | undefined {
  if (s.at + s.remove > text.length) return undefined;
  return text.slice(0, s.at) + s.insert + text.slice(s.at + s.remove);
}
