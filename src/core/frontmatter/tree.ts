import { CST } from 'yaml';

/**
 * Where things are in the YAML of a frontmatter, read from the `yaml` library's concrete syntax
 * tree (CST): every token keeps its offset, so the editor can change one value's bytes and leave
 * every other byte (comments, quoting, indentation, line breaks) as it was.
 */

export type Collection = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;
export type Item = CST.CollectionItem;

/** The place of a value: the document's root, or an item of a map or list. */
export interface Slot {
  /** The collection holding the item; undefined for the root. */
  readonly parent?: Collection;
  readonly item?: Item;
  /** The value written there; undefined when the item has no value (`status:`). */
  readonly value?: CST.Token;
}

export const isFlow = (t: CST.Token | undefined): t is CST.FlowCollection => t?.type === 'flow-collection';
export const isMapToken = (t: CST.Token | undefined): t is CST.BlockMap | CST.FlowCollection =>
  t?.type === 'block-map' || (isFlow(t) && t.start.source === '{');
export const isSeqToken = (t: CST.Token | undefined): t is CST.BlockSequence | CST.FlowCollection =>
  t?.type === 'block-seq' || (isFlow(t) && t.start.source === '[');

/** The items of a collection that are entries (a flow collection's trailing `,` makes an empty one). */
export function realItems(collection: Collection): Item[] {
  return collection.items.filter(
    (it) => it.key || it.value || it.sep?.some((t) => t.type === 'map-value-ind') || it.start.some((t) => t.type === 'seq-item-ind' || t.type === 'explicit-key-ind'),
  );
}

/** The string a key is, or undefined for a key that is not a scalar. */
export function keyOf(item: Item): string | undefined {
  if (!item.key || !CST.isScalar(item.key)) return undefined;
  const resolved = CST.resolveAsScalar(item.key);
  return resolved && resolved.type !== 'BLOCK_FOLDED' && resolved.type !== 'BLOCK_LITERAL' ? resolved.value : undefined;
}

/** True for an empty or `null`/`~` plain scalar without anchor or tag: a value not written. */
export function isNullToken(t: CST.Token | undefined): boolean {
  return t === undefined || (t.type === 'scalar' && /^(?:|~|null|Null|NULL)$/.test(t.source));
}

/** The anchor and tag tokens written before a slot's value. */
export function propsOf(slot: Slot, doc: CST.Document): CST.SourceToken[] {
  const tokens = !slot.item ? doc.start : slot.item.sep && slot.item.key !== undefined ? slot.item.sep : slot.item.start;
  return tokens.filter((t) => t.type === 'anchor' || t.type === 'tag');
}

/** Where a block scalar's lines start: after its `|`/`>` header line (and the comment on it). */
export function contentStart(t: CST.BlockScalar): number {
  const last = t.props[t.props.length - 1] as CST.SourceToken;
  return last.offset + last.source.length;
}

/** Offset after a token's own text (not the spaces, comment or line break after it). */
export function tokenEnd(t: CST.Token): number {
  switch (t.type) {
    case 'block-scalar':
      return contentStart(t) + t.source.length;
    case 'block-map':
    case 'block-seq': {
      const last = realItems(t).pop();
      return last ? itemEnd(last) : t.offset;
    }
    case 'flow-collection': {
      const close = t.end.find((e) => e.type === 'flow-map-end' || e.type === 'flow-seq-end');
      return close ? close.offset + 1 : t.offset;
    }
    default:
      return t.offset + ('source' in t ? t.source.length : 0);
  }
}

/** Offset after the last thing an item holds: its value, else its `:`, key or `-`. */
export function itemEnd(item: Item): number {
  if (item.value) return tokenEnd(item.value);
  const marks = [...(item.sep ?? []), ...item.start].filter((t) => t.type !== 'space' && t.type !== 'newline' && t.type !== 'comment');
  const ends = marks.map((t) => t.offset + t.source.length);
  if (item.key) ends.push(tokenEnd(item.key));
  return ends.length > 0 ? Math.max(...ends) : item.start[0]?.offset ?? 0;
}

/**
 * Where an item begins: the first thing written on its own line (a `-` or `?`, the key's anchor or
 * tag), else its key, else its value. Comment lines before it (in its `start` tokens) are not part
 * of it, nor is the `,` before a flow item.
 */
export function itemStart(item: Item): number {
  const first = item.start.find((t) => t.type !== 'space' && t.type !== 'comma' && t.type !== 'newline' && t.type !== 'comment');
  if (first) return first.offset;
  if (item.key) return item.key.offset;
  const prop = item.sep?.find((t) => t.type === 'anchor' || t.type === 'tag');
  return prop?.offset ?? item.value?.offset ?? 0;
}

/** The `:` of a map item. */
export function colonOf(item: Item): CST.SourceToken | undefined {
  return item.sep?.find((t) => t.type === 'map-value-ind');
}

/** The `-` of a block list item. */
export function dashOf(item: Item): CST.SourceToken | undefined {
  return item.start.find((t) => t.type === 'seq-item-ind');
}

/** Every alias name (`*name`) used in the document. */
export function aliasNames(doc: CST.Document): Set<string> {
  const names = new Set<string>();
  CST.visit(doc, (item) => {
    for (const t of [item.key, item.value]) if (t?.type === 'alias') names.add(t.source.slice(1));
  });
  if (doc.value?.type === 'alias') names.add(doc.value.source.slice(1));
  return names;
}

/** Every anchor (`&name`) written in the document, with its offset. */
export function anchors(doc: CST.Document): Array<{ name: string; offset: number }> {
  const out: Array<{ name: string; offset: number }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const t = node as { type?: string; source?: string; offset?: number };
    if (t.type === 'anchor' && typeof t.source === 'string') out.push({ name: t.source.slice(1), offset: t.offset! });
    for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value);
  };
  walk(doc);
  return out;
}
