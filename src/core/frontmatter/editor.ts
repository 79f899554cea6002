import { CST, Parser } from 'yaml';
import type { TextEdit } from '../model';
import { applyEdits, composeEdits } from '../textEdits';
import { changedData, sameData, type EditRefusal, type FrontmatterChange, type FrontmatterPath } from './change';
import { keyText, scalarText, type ScalarStyle } from './scalar';
import { splitFile } from './sections';
import { parseYaml } from '../yamlDocument';
import { readYaml } from '../yamlDepth';
import {
  aliasNames,
  anchors,
  colonOf,
  contentStart,
  dashOf,
  isFlow,
  isMapToken,
  isNullToken,
  isSeqToken,
  itemEnd,
  itemStart,
  keyOf,
  propsOf,
  realItems,
  tokenEnd,
  type Slot,
} from './tree';
import { blockItem, blockLines, flowEntry, indentStep, inlineValue, isFlatMap, type Layout, type Leaf, type YamlValue } from './write';

/** What the editor gives back: edits of the file text, or why it will not touch the file. */
export type FrontmatterEditResult =
  | { readonly ok: true; readonly edits: readonly TextEdit[] }
  | { readonly ok: false; readonly reason: EditRefusal; readonly path: FrontmatterPath };

/**
 * The one frontmatter editor: the text edits that make `changes` (in order) to a post file, every
 * other byte kept (comments, key order, quoting, indentation, CRLF, BOM, the body). A value keeps
 * its YAML type (`'2026'` stays a string) and its quoting style where it can; new keys go at the end
 * of their map in the file's indentation; flow maps and lists (`{…}`, `[…]`) are edited in place.
 * A file without frontmatter gets one. Each result is read back and compared with the intended
 * data: anything the editor cannot do exactly is refused with a reason, never written.
 *
 * @example editFrontmatter('---\nstatus: # todo\n---\n', { kind: 'set', path: ['status'], value: 'review' })
 * // { ok: true, edits: [{ start: 11, end: 11, newText: ' review' }] }  →  'status: review # todo'
 */
export function editFrontmatter(fileText: string, changes: FrontmatterChange | readonly FrontmatterChange[]): FrontmatterEditResult {
  const list: readonly FrontmatterChange[] = Array.isArray(changes) ? changes : [changes as FrontmatterChange];
  let edits: TextEdit[] = [];
  let text = fileText;
  for (const change of list) {
    const result = editOnce(text, change);
    if (!result.ok) return result;
    edits = composeEdits(fileText, edits, result.edits);
    text = applyEdits(fileText, edits);
  }
  return { ok: true, edits };
}

function editOnce(fileText: string, change: FrontmatterChange): FrontmatterEditResult {
  const refuse = (reason: EditRefusal): FrontmatterEditResult => ({ ok: false, reason, path: change.path });
  const sections = splitFile(fileText);
  const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
  if (sections.yamlStart < 0) {
    if (change.kind === 'remove') return { ok: true, edits: [] };
    const leaf = leafOf(change);
    if (!leaf || change.path.some((s) => typeof s === 'number') || change.path.length === 0) return refuse('missing');
    const yaml = blockLines(change.path as string[], leaf, 0, { eol, step: 2 });
    return { ok: true, edits: [{ start: sections.bomLength, end: sections.bomLength, newText: `---${eol}${yaml}${eol}---${eol}` }] };
  }
  if (sections.unclosed) return refuse('unclosed');
  const yaml = fileText.slice(sections.yamlStart, sections.yamlEnd);
  // Nesting the parser would overflow the stack on is refused before it parses.
  const read = readYaml(yaml, parseYaml);
  if ('tooDeep' in read || read.doc.errors.length > 0) return refuse('yaml-errors');
  const doc = read.doc;
  // An empty frontmatter (or only comments) parses to no document token.
  const cst = [...new Parser().parse(yaml)].find((t): t is CST.Document => t.type === 'document') ?? { type: 'document', offset: 0, start: [] };
  const data = plainData(doc);
  // `&a [*a]`, a value containing itself, or more aliases than the yaml library resolves.
  if (data === undefined || isCyclic(data)) return refuse('alias');
  const planned = new Planner(yaml, cst, { eol, step: indentStep(yaml) }).plan(change);
  if (typeof planned === 'string') return refuse(planned);

  // Read the whole file back: the same body after the same fences, and the intended data.
  const edits = planned.map((e) => ({ start: e.start + sections.yamlStart, end: e.end + sections.yamlStart, newText: e.newText }));
  const intended = changedData(data, change);
  const after = applyEdits(fileText, edits);
  const split = splitFile(after);
  if (intended === undefined || split.yamlStart !== sections.yamlStart || split.unclosed || after.slice(split.bodyStart) !== fileText.slice(sections.bodyStart)) return refuse('unsafe');
  const back = readYaml(after.slice(split.yamlStart, split.yamlEnd), parseYaml);
  if ('tooDeep' in back) return refuse('unsafe');
  const reread = back.doc;
  if (reread.errors.length > 0 || reread.warnings.length > doc.warnings.length || !sameData(plainData(reread) ?? {}, intended)) return refuse('unsafe');
  return { ok: true, edits };
}

function leafOf(change: FrontmatterChange): Leaf | undefined {
  if (change.kind === 'set') return { kind: 'value', value: change.value };
  if (change.kind === 'append') return { kind: 'list', item: change.value };
  return undefined;
}

type Located = { readonly found: Slot; readonly ancestors: readonly Slot[] } | { readonly missing: number; readonly container: Slot; readonly ancestors: readonly Slot[] };

/** Works out the edits of one change on the YAML text (offsets into it). */
class Planner {
  private readonly aliases: Set<string>;

  constructor(
    private readonly yaml: string,
    private readonly doc: CST.Document,
    private readonly layout: Layout,
  ) {
    this.aliases = aliasNames(doc);
  }

  plan(change: FrontmatterChange): TextEdit[] | EditRefusal {
    if (change.path.length === 0) return 'not-a-value';
    const located = this.locate(change.path);
    if (typeof located === 'string') return located;
    // An anchor others refer to, on the way or at the target: the change would reach them too.
    if (located.ancestors.some((slot) => this.isShared(slot))) return 'shared';
    const edits = this.editsFor(change, located);
    if (typeof edits === 'string') return edits;
    const inside = (offset: number) => edits.some((e) => offset >= e.start && offset < e.end);
    if (anchors(this.doc).some((a) => inside(a.offset) && this.aliases.has(a.name))) return 'shared';
    return edits;
  }

  private editsFor(change: FrontmatterChange, located: Located): TextEdit[] | EditRefusal {
    const rest = 'missing' in located ? change.path.slice(located.missing) : [];
    switch (change.kind) {
      case 'set':
        if ('missing' in located) return this.create(located.container, rest, { kind: 'value', value: change.value });
        return this.set(located.found, change.value);
      case 'append':
        if ('missing' in located) return this.create(located.container, rest, { kind: 'list', item: change.value });
        return this.append(located.found, change.value);
      case 'remove':
        return 'missing' in located ? [] : this.remove(located.found, located.ancestors[located.ancestors.length - 2]!);
      case 'rename':
        return 'missing' in located ? 'missing' : this.rename(located.found, change.key);
    }
  }

  /** Follows `path` from the root: to the slot it names, or to where the first missing key would go. */
  private locate(path: FrontmatterPath): Located | EditRefusal {
    let slot: Slot = { ...(this.doc.value ? { value: this.doc.value } : {}) };
    const ancestors: Slot[] = [slot];
    for (let i = 0; i < path.length; i++) {
      const value = slot.value;
      if (value?.type === 'alias') return 'alias';
      const segment = path[i]!;
      if (typeof segment === 'string') {
        if (isNullToken(value)) return { missing: i, container: slot, ancestors };
        if (!isMapToken(value)) return 'not-a-map';
        const item = realItems(value).find((it) => keyOf(it) === segment);
        if (!item) return { missing: i, container: slot, ancestors };
        slot = { parent: value, item, ...(item.value ? { value: item.value } : {}) };
      } else {
        if (!isSeqToken(value)) return isNullToken(value) ? 'missing' : 'not-a-list';
        const item = realItems(value)[segment];
        if (!item) return 'missing';
        slot = { parent: value, item, ...(item.value ? { value: item.value } : {}) };
      }
      ancestors.push(slot);
    }
    return { found: slot, ancestors };
  }

  private isShared(slot: Slot): boolean {
    return propsOf(slot, this.doc).some((t) => t.type === 'anchor' && this.aliases.has(t.source.slice(1)));
  }

  private set(slot: Slot, value: YamlValue): TextEdit[] | EditRefusal {
    const current = slot.value;
    if (current?.type === 'alias') return 'alias';
    if (current && (current.type === 'block-map' || current.type === 'block-seq' || current.type === 'flow-collection')) return 'not-a-value';
    const flow = isFlow(slot.parent);
    let text: string;
    if (isFlatMap(value) && slot.parent?.type === 'block-seq' && Object.keys(value).length > 0) {
      text = blockItem(value, current ? this.column(this.valueStart(slot)) : this.column(dashOf(slot.item!)!.offset) + 2, this.layout);
    } else if (isFlatMap(value)) text = inlineValue(value, flow);
    else text = scalarText(value, styleOf(current), flow);
    return current ? this.replace(slot, text) : this.fill(slot, text);
  }

  private append(slot: Slot, value: YamlValue): TextEdit[] | EditRefusal {
    const list = slot.value;
    if (list?.type === 'alias') return 'alias';
    if (list?.type === 'block-seq') {
      const items = realItems(list);
      const column = this.column(dashOf(items[0]!)!.offset);
      const last = items[items.length - 1]!;
      // Follow the list's own style: `- { by: …, at: … }` stays on one line if the last item is.
      const text = isFlatMap(value) && isFlow(last.value) && last.value.start.source === '{'
        ? inlineValue(value, true, this.yaml[last.value.offset + 1] === ' ')
        : blockItem(value, column + 2, this.layout);
      return [this.insertLine(itemEnd(last), `${' '.repeat(column)}- ${text}`)];
    }
    if (list?.type === 'flow-collection' && list.start.source === '[') return [flowAppend(list, inlineValue(value, true))];
    if (!isNullToken(list)) return 'not-a-list';
    return this.emptyToBlock(slot, { kind: 'list', item: value }) ?? this.write(slot, `[${inlineValue(value, true)}]`);
  }

  /** Creates the missing `keys` (and what ends them) in the map at `container`. */
  private create(container: Slot, keys: FrontmatterPath, leaf: Leaf): TextEdit[] | EditRefusal {
    if (keys.some((k) => typeof k === 'number')) return 'missing';
    const names = keys as string[];
    const map = container.value;
    if (map?.type === 'block-map') {
      const items = realItems(map);
      const column = this.column(itemStart(items[0]!));
      return [this.insertLine(itemEnd(items[items.length - 1]!), blockLines(names, leaf, column, this.layout))];
    }
    if (map?.type === 'flow-collection' && map.start.source === '{') return [flowAppend(map, flowEntry(names, leaf))];
    if (!isNullToken(map)) return 'not-a-map';
    if (!container.item) {
      // An empty frontmatter (perhaps only comments): the keys go at its end.
      const lines = blockLines(names, leaf, 0, this.layout);
      if (map) return [{ start: map.offset, end: tokenEnd(map), newText: lines }];
      const sep = this.yaml === '' || this.yaml.endsWith('\n') ? '' : this.layout.eol;
      return [{ start: this.yaml.length, end: this.yaml.length, newText: `${sep}${lines}${this.layout.eol}` }];
    }
    return this.emptyToBlock(container, leaf, names) ?? this.write(container, `{${flowEntry(names, leaf)}}`);
  }

  /**
   * An empty value of a block map (`approvals:`, `results: # none`, `x: ~`) given block content on
   * the lines under its key: `keys` nested, ending in `leaf`. Undefined where block content cannot
   * go (in a flow collection, after a list's `-`).
   */
  private emptyToBlock(slot: Slot, leaf: Leaf, keys: readonly string[] = []): TextEdit[] | undefined {
    if (slot.parent?.type !== 'block-map' || !slot.item?.key || propsOf(slot, this.doc).length > 0) return undefined;
    const column = this.column(slot.item.key.offset) + this.layout.step;
    let block: string;
    if (keys.length > 0) block = blockLines(keys, leaf, column, this.layout);
    else if (leaf.kind === 'list') block = `${' '.repeat(column)}- ${blockItem(leaf.item, column + 2, this.layout)}`;
    else return undefined;
    const colon = colonOf(slot.item);
    if (!colon) return undefined; // `? key` without a `:`
    const at = this.lineEnd(colon.offset);
    const insert = { start: at, end: at, newText: `${this.layout.eol}${block}` };
    if (!slot.value) return [insert];
    // `x: ~` or `x: null`: the written null goes (it is on the key's line, before its end).
    const start = slot.value.offset;
    const end = tokenEnd(slot.value);
    return end === at ? [{ start, end, newText: insert.newText }] : [{ start, end, newText: '' }, insert];
  }

  /** Removes the key or item at `slot` from its collection, itself at `holder`. */
  private remove(slot: Slot, holder: Slot): TextEdit[] | EditRefusal {
    const parent = slot.parent!;
    const item = slot.item!;
    const items = realItems(parent);
    const index = items.indexOf(item);
    if (isFlow(parent)) {
      if (items.length === 1) {
        const close = parent.end.find((e) => e.type === 'flow-map-end' || e.type === 'flow-seq-end')!;
        return [{ start: parent.start.offset + 1, end: close.offset, newText: '' }];
      }
      // The entry and the `,` that separates it go; comments and line breaks between them stay.
      const keeps = (from: number, to: number) => /[#\n]/.test(this.yaml.slice(from, to));
      if (index > 0) {
        const comma = item.start.find((t) => t.type === 'comma')!;
        if (!keeps(comma.offset, itemStart(item))) return [{ start: comma.offset, end: itemEnd(item), newText: '' }];
        return [{ start: comma.offset, end: comma.offset + 1, newText: '' }, { start: itemStart(item), end: itemEnd(item), newText: '' }];
      }
      const next = items[1]!;
      const comma = next.start.find((t) => t.type === 'comma')!;
      if (!keeps(itemEnd(item), itemStart(next))) return [{ start: itemStart(item), end: itemStart(next), newText: '' }];
      return [{ start: itemStart(item), end: itemEnd(item), newText: '' }, { start: comma.offset, end: comma.offset + 1, newText: '' }];
    }
    if (items.length === 1 && holder.item) {
      // The last key or item of a nested map or list: it stays a map or list, now empty, written
      // after its key's `:` (a comment there stays after it) or in place after a list's `-`.
      const empty = parent.type === 'block-map' ? '{}' : '[]';
      const colon = holder.item.key !== undefined ? colonOf(holder.item) : undefined;
      if (!colon) return [{ start: itemStart(item), end: this.beforeLineBreak(tokenEnd(parent)), newText: empty }];
      const props = propsOf(holder, this.doc);
      const at = props.length > 0 ? tokenEnd(props[props.length - 1]!) : colon.offset + 1;
      return [
        { start: at, end: at, newText: ` ${empty}` },
        { start: this.lineStart(itemStart(item)), end: this.afterLine(tokenEnd(parent)), newText: '' },
      ];
    }
    const start = itemStart(item);
    const lineStart = this.lineStart(start);
    if (this.yaml.slice(lineStart, start).trim() === '') return [{ start: lineStart, end: this.afterLine(itemEnd(item)), newText: '' }];
    // A first key sharing its line with a list's `-` (`- by: …`): the next key moves up beside it,
    // unless comments sit between them (they stay, the next key keeps its line).
    const lineAfter = this.afterLine(itemEnd(item));
    const following = items[index + 1];
    if (!following) return [{ start, end: lineAfter, newText: '' }];
    const next = itemStart(following);
    return [{ start, end: this.yaml.slice(lineAfter, next).includes('#') ? lineAfter : next, newText: '' }];
  }

  private rename(slot: Slot, key: string): TextEdit[] | EditRefusal {
    const item = slot.item;
    if (!item?.key || !slot.parent) return 'missing';
    if (keyOf(item) === key) return [];
    if (realItems(slot.parent).some((it) => keyOf(it) === key)) return 'duplicate-key';
    // `&k title: …` with `*k` elsewhere: the alias names the key as written.
    if (item.start.some((t) => t.type === 'anchor' && this.aliases.has(t.source.slice(1)))) return 'shared';
    return [{ start: item.key.offset, end: tokenEnd(item.key), newText: keyText(key, isFlow(slot.parent)) }];
  }

  /**
   * Replaces a written value (its anchor and tag too) with `text`. A comment between the tag and
   * the value (`a: !!str # note`, the value on the next line) stays: the tag goes on its own.
   */
  private replace(slot: Slot, text: string): TextEdit[] {
    const value = slot.value!;
    const props = propsOf(slot, this.doc);
    const apart = props.length > 0 && /[#\n]/.test(this.yaml.slice(props[0]!.offset, value.offset));
    const edits: TextEdit[] = apart ? [{ start: props[0]!.offset, end: tokenEnd(props[props.length - 1]!), newText: '' }] : [];
    const start = apart ? value.offset : this.valueStart(slot);
    if (value.type === 'block-scalar') {
      // `>-` and its lines become a value on the key's line; a comment after `>-` stays.
      const header = value.props.find((t): t is CST.SourceToken => t.type === 'block-scalar-header')!;
      const lines = contentStart(value);
      edits.push({ start, end: header.offset + header.source.length, newText: text }, { start: lines, end: lines + value.source.length, newText: '' });
    } else edits.push({ start, end: tokenEnd(value), newText: text });
    return edits;
  }

  /** Writes `text` where an item has no value yet: after its `:` (or `-`), before any comment. */
  private fill(slot: Slot, text: string): TextEdit[] {
    const item = slot.item!;
    const props = propsOf(slot, this.doc);
    if (props.length > 0) return [{ start: props[0]!.offset, end: tokenEnd(props[props.length - 1]!), newText: text }];
    const mark = item.key !== undefined ? colonOf(item) : dashOf(item);
    if (mark) return [{ start: mark.offset + 1, end: mark.offset + 1, newText: ` ${text}` }];
    const end = tokenEnd(item.key!);
    return [{ start: end, end, newText: `: ${text}` }];
  }

  /** Writes `text` as the value of a slot, whether or not one is written. */
  private write(slot: Slot, text: string): TextEdit[] {
    return slot.value ? this.replace(slot, text) : this.fill(slot, text);
  }

  private valueStart(slot: Slot): number {
    const props = propsOf(slot, this.doc);
    return props.length > 0 ? props[0]!.offset : slot.value!.offset;
  }

  /** A new line after the line holding `offset` (and any trailing comment on it). */
  private insertLine(offset: number, line: string): TextEdit {
    const at = this.afterLine(offset);
    const sep = at === this.yaml.length && !this.yaml.endsWith('\n') ? this.layout.eol : '';
    return { start: at, end: at, newText: `${sep}${line}${this.layout.eol}` };
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  private lineStart(offset: number): number {
    return offset === 0 ? 0 : this.yaml.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Offset of the line break ending the line that holds `offset` (before a CR). */
  private lineEnd(offset: number): number {
    const nl = this.yaml.indexOf('\n', offset);
    if (nl < 0) return this.yaml.length;
    return this.yaml[nl - 1] === '\r' ? nl - 1 : nl;
  }

  /** `offset`, or the offset of the line break it follows (a block scalar's lines end with theirs). */
  private beforeLineBreak(offset: number): number {
    if (this.yaml[offset - 1] !== '\n') return offset;
    return this.yaml[offset - 2] === '\r' ? offset - 2 : offset - 1;
  }

  /** Offset after the line break of the line that ends at or holds `offset`. */
  private afterLine(offset: number): number {
    if (offset > 0 && this.yaml[offset - 1] === '\n') return offset;
    const nl = this.yaml.indexOf('\n', offset);
    return nl < 0 ? this.yaml.length : nl + 1;
  }
}

/** An entry added at the end of `[…]` or `{…}`: after the last one (before a trailing `,`), or alone. */
function flowAppend(collection: CST.FlowCollection, entry: string): TextEdit {
  const items = realItems(collection);
  if (items.length === 0) return { start: collection.start.offset + 1, end: collection.start.offset + 1, newText: entry };
  const end = itemEnd(items[items.length - 1]!);
  return { start: end, end, newText: `, ${entry}` };
}

function styleOf(token: CST.Token | undefined): ScalarStyle {
  if (token?.type === 'single-quoted-scalar') return 'single';
  if (token?.type === 'double-quoted-scalar') return 'double';
  return 'plain';
}

/** The document as plain data; undefined when the yaml library refuses (too many aliases). */
function plainData(doc: { toJS(): unknown }): unknown {
  try {
    return doc.toJS() ?? {};
  } catch {
    return undefined;
  }
}

/** True when data holds itself (a recursive alias), which no change can be checked against. */
function isCyclic(data: unknown, path: object[] = []): boolean {
  if (data === null || typeof data !== 'object') return false;
  if (path.includes(data)) return true;
  path.push(data);
  const cyclic = Object.values(data).some((v) => isCyclic(v, path));
  path.pop();
  return cyclic;
}
