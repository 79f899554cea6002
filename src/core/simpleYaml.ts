import { fmScalar, type FmList, type FmMap, type FmNode, type FmScalar } from './frontmatter/nodes';
import { MAX_YAML_DEPTH } from './yamlDepth';

/**
 * A fast reader for the YAML that frontmatter almost always is: `key: value` lines, plain or
 * one-line quoted scalars, one-line flow lists and maps, block lists (of scalars or of small maps)
 * and comments. It reads the same values, with the same source ranges, as `parseDocument` (a
 * property test checks it against `fromYaml` of the parsed document), in a fraction of the time.
 * Anything else — anchors, tags, block scalars, multi-line values, escapes beyond the simple ones,
 * duplicate keys, odd numbers, nesting deeper than `MAX_YAML_DEPTH` — returns `undefined`, and the
 * caller uses the full parser.
 */
export function readSimpleYaml(text: string): FmMap | undefined {
  try {
    return new Reader(text).document();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

const BAIL = Symbol('not simple YAML');
function bail(): never {
  throw BAIL;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?=[ ]|$)/;
/** YAML 1.2 core schema numbers, as the `yaml` package resolves them. */
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_NUMBER = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

class Reader {
  private readonly lines: Array<{ start: number; end: number; next: number }> = [];
  private index = 0;
  /** Block maps and lists open: this reader recurses into each. */
  private depth = 0;

  constructor(private readonly text: string) {
    if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) bail();
    let pos = 0;
    while (pos < text.length) {
      const nl = text.indexOf('\n', pos);
      const end = nl === -1 ? text.length : nl;
      this.lines.push({ start: pos, end, next: nl === -1 ? end : nl + 1 });
      pos = end + 1;
    }
  }

  document(): FmMap | undefined {
    this.skipBlank();
    if (this.index >= this.lines.length) return undefined; // empty, or only comments: leave to the parser
    const first = this.lines[this.index]!;
    if (this.text[first.start] === ' ') bail();
    const map = this.mapEntries(0, first.start);
    this.skipBlank();
    if (this.index < this.lines.length) bail(); // something the map did not take
    return map;
  }

  /** Skips blank and comment-only lines. */
  private skipBlank(): void {
    while (this.index < this.lines.length) {
      const { start, end } = this.lines[this.index]!;
      const content = this.text.slice(start, end).trim();
      if (content !== '' && !content.startsWith('#')) return;
      this.index++;
    }
  }

  /** Indentation of the current line, or -1 past the end. Skips blank and comment lines first. */
  private peekIndent(): number {
    this.skipBlank();
    const line = this.lines[this.index];
    if (!line) return -1;
    let i = line.start;
    while (this.text[i] === ' ') i++;
    return i - line.start;
  }

  private isItemAt(indent: number): boolean {
    const line = this.lines[this.index];
    return !!line && /^-(?: |$)/.test(this.text.slice(line.start + indent, line.end));
  }

  /**
   * A block map whose keys stand at `column`; the first key starts at `firstPos` (which may follow
   * a `- ` on the current line). Each value is inline, or a block list or map on the lines below.
   */
  private mapEntries(column: number, firstPos: number): FmMap {
    if (++this.depth > MAX_YAML_DEPTH) bail();
    const map: FmMap = { kind: 'map', items: [], range: [firstPos, firstPos, firstPos] };
    const keys = new Set<string>();
    let pos = firstPos;
    let end = firstPos;
    for (;;) {
      const line = this.lines[this.index]!;
      const m = KEY.exec(this.text.slice(pos, line.end)) ?? bail();
      const key = m[1]!;
      if (keys.has(key)) bail();
      keys.add(key);
      const afterColon = pos + key.length + 1;
      let value = this.inline(afterColon, line.end);
      // `key: # comment` with the value below: rare, and ranged differently; leave it to the parser.
      if (!value && this.text.slice(afterColon, line.end).trim() !== '') bail();
      this.index++;
      if (!value) {
        const save = this.index;
        const indent = this.peekIndent();
        if (indent >= column && this.isItemAt(indent)) {
          value = this.sequence(indent);
        } else if (indent > column) {
          const next = this.lines[this.index]!;
          value = this.mapEntries(indent, next.start + indent);
        } else {
          this.index = save;
          // `key:` with nothing after: a null whose range is where a value would start.
          let at = afterColon;
          while (this.text[at] === ' ') at++;
          value = fmScalar(null, at, at);
        }
      }
      map.items.push({ key: fmScalar(key, pos, pos + key.length), value });
      end = value.range[2];
      const save = this.index;
      const indent = this.peekIndent();
      if (indent !== column || this.isItemAt(indent)) {
        if (indent > column) bail();
        this.index = save;
        break;
      }
      pos = this.lines[this.index]!.start + column;
    }
    map.range = [firstPos, end, end];
    this.depth--;
    return map;
  }

  private sequence(indent: number): FmList {
    if (++this.depth > MAX_YAML_DEPTH) bail();
    const seq: FmList = { kind: 'list', items: [], range: [0, 0, 0] };
    let start = -1;
    let end = 0;
    for (;;) {
      const save = this.index;
      const lineIndent = this.peekIndent();
      if (lineIndent !== indent || !this.isItemAt(indent)) {
        if (lineIndent > indent) bail();
        this.index = save;
        break;
      }
      const line = this.lines[this.index]!;
      const dash = line.start + indent;
      if (start < 0) start = dash;
      let itemStart = dash + 1;
      while (this.text[itemStart] === ' ') itemStart++;
      const rest = this.text.slice(itemStart, line.end);
      if (rest === '' || rest.startsWith('#') || /^-(?: |$)/.test(rest)) bail();
      let item: FmNode;
      if (KEY.test(rest)) {
        item = this.mapEntries(itemStart - line.start, itemStart);
      } else {
        item = this.inline(itemStart, line.end) ?? bail();
        this.index++;
      }
      seq.items.push(item);
      end = item.range![2];
    }
    seq.range = [start, end, end];
    this.depth--;
    return seq;
  }

  /**
   * The value after `key:` (from `from`, up to `lineEnd`), or `undefined` when the rest of the line
   * is empty or a comment. Ranges end, as the parser's do, after the value's line break when the
   * value ends the line (plain and quoted scalars) and right after the closing bracket of flow
   * collections.
   */
  private inline(from: number, lineEnd: number): FmScalar | FmList | FmMap | undefined {
    let pos = from;
    while (this.text[pos] === ' ') pos++;
    if (pos >= lineEnd || this.text[pos] === '#') return undefined;
    if (pos === from && from !== lineEnd) bail();
    const c = this.text[pos]!;
    let node: FmScalar | FmList | FmMap;
    let after: number;
    if (c === '"' || c === "'") {
      const q = c === '"' ? this.doubleQuoted(pos, lineEnd) : this.singleQuoted(pos, lineEnd);
      node = q.node;
      after = q.end;
    } else if (c === '[' || c === '{') {
      const f = this.flow(pos, lineEnd, c);
      node = f.node;
      after = f.end;
    } else {
      const p = this.plain(pos, lineEnd, false);
      node = p.node;
      after = p.end;
    }
    // Only spaces and a comment may follow the value.
    let rest = after;
    while (this.text[rest] === ' ') rest++;
    if (rest < lineEnd && (this.text[rest] !== '#' || rest === after)) bail();
    // Like the parser, a node's range ends (third offset) after its line's break and comment.
    const lineNext = lineEnd < this.text.length ? lineEnd + 1 : lineEnd;
    node.range = [node.range[0], node.range[1], lineNext];
    return node;
  }

  private plain(pos: number, end: number, inFlow: boolean): { node: FmScalar; end: number } {
    const c = this.text[pos]!;
    if ('-?:,[]{}#&*!|>\'"%@`'.includes(c) && !(c === '-' && /[0-9.]/.test(this.text[pos + 1] ?? ''))) bail();
    let stop = pos;
    while (stop < end) {
      const ch = this.text[stop]!;
      if (ch === ':' && (stop + 1 >= end || this.text[stop + 1] === ' ' || (inFlow && ',[]{}'.includes(this.text[stop + 1]!)))) bail();
      if (ch === '#' && this.text[stop - 1] === ' ') break;
      if (inFlow && ',[]{}'.includes(ch)) break;
      stop++;
    }
    let valueEnd = stop;
    while (valueEnd > pos && this.text[valueEnd - 1] === ' ') valueEnd--;
    const raw = this.text.slice(pos, valueEnd);
    return { node: fmScalar(resolvePlain(raw), pos, valueEnd), end: valueEnd };
  }

  private doubleQuoted(pos: number, end: number): { node: FmScalar; end: number } {
    let value = '';
    let i = pos + 1;
    for (; i < end; i++) {
      const ch = this.text[i]!;
      if (ch === '"') {
        return { node: fmScalar(value, pos, i + 1), end: i + 1 };
      }
      if (ch === '\\') {
        const next = this.text[++i];
        if (next === '"' || next === '\\' || next === '/') value += next;
        else if (next === 'n') value += '\n';
        else if (next === 't') value += '\t';
        else bail();
      } else value += ch;
    }
    return bail();
  }

  private singleQuoted(pos: number, end: number): { node: FmScalar; end: number } {
    let value = '';
    for (let i = pos + 1; i < end; i++) {
      const ch = this.text[i]!;
      if (ch === "'") {
        if (this.text[i + 1] === "'") {
          value += "'";
          i++;
          continue;
        }
        return { node: fmScalar(value, pos, i + 1), end: i + 1 };
      }
      value += ch;
    }
    return bail();
  }

  /** A one-line flow list `[a, "b"]` or map `{ k: v }` of scalars. */
  private flow(pos: number, end: number, open: '[' | '{'): { node: FmList | FmMap; end: number } {
    const close = open === '[' ? ']' : '}';
    const node: FmList | FmMap = open === '[' ? { kind: 'list', items: [], range: [pos, pos, pos] } : { kind: 'map', items: [], range: [pos, pos, pos] };
    let i = pos + 1;
    const skip = () => {
      while (this.text[i] === ' ') i++;
    };
    const item = (): FmScalar => {
      skip();
      const c = this.text[i];
      const r = c === '"' ? this.doubleQuoted(i, end) : c === "'" ? this.singleQuoted(i, end) : this.plain(i, end, true);
      i = r.end;
      skip();
      return r.node;
    };
    skip();
    if (this.text[i] === close) {
      i++;
    } else {
      for (;;) {
        if (node.kind === 'list') {
          node.items.push(item());
        } else {
          skip();
          const m = /^([A-Za-z_][A-Za-z0-9_-]*):(?= )/.exec(this.text.slice(i, end)) ?? bail();
          if (node.items.some((p) => (p.key as FmScalar).value === m[1])) bail();
          const key = fmScalar(m[1]!, i, i + m[1]!.length);
          i += m[1]!.length + 1;
          node.items.push({ key, value: item() });
        }
        const c = this.text[i];
        if (c === ',') {
          i++;
          skip();
          if (this.text[i] === close) bail(); // a trailing comma: leave it to the parser
          continue;
        }
        if (c === close) {
          i++;
          break;
        }
        bail();
      }
    }
    if (i > end) bail();
    node.range = [pos, i, i];
    return { node, end: i };
  }
}

/** Resolves a plain scalar as the YAML 1.2 core schema does, or bails on numbers we do not mirror. */
function resolvePlain(raw: string): unknown {
  if (NULLS.has(raw)) return null;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  if (INT.test(raw)) {
    const n = Number(raw);
    if (!Number.isSafeInteger(n)) bail();
    return n;
  }
  if (FLOAT.test(raw) || SPECIAL_NUMBER.test(raw)) bail();
  return raw;
}
