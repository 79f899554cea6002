import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';

/**
 * A frontmatter as the post reader reads it: values with where they are written. Plain objects
 * rather than the `yaml` library's nodes: a `yaml` node costs a property definition and a class
 * hierarchy each, and made up half of reading a simple frontmatter (`readSimpleYaml` builds these
 * directly; YAML it leaves to the parser is turned into these by `fromYaml`).
 */
export type FmNode = FmScalar | FmList | FmMap | FmOther;

/** `[start, valueEnd, nodeEnd]` in the YAML text, as the `yaml` library ranges its nodes. */
export type FmRange = [number, number, number];

export interface FmScalar {
  readonly kind: 'scalar';
  readonly value: unknown;
  range: FmRange;
}

export interface FmList {
  readonly kind: 'list';
  readonly items: FmNode[];
  range: FmRange;
  /** The parsed node it was made from (absent when read by the fast reader). */
  readonly source?: YamlNode;
}

export interface FmMap {
  readonly kind: 'map';
  readonly items: FmPair[];
  range: FmRange;
  readonly source?: YamlNode;
}

/** Whatever else the parser gives (an alias, a pair written as a list item): read as no value. */
export interface FmOther {
  readonly kind: 'other';
  readonly range?: FmRange;
}

export interface FmPair {
  readonly key: FmNode;
  readonly value: FmNode | null;
}

export const fmScalar = (value: unknown, start: number, end: number): FmScalar => ({ kind: 'scalar', value, range: [start, end, end] });

/** A parsed node as the post reader reads it (nesting is bounded before: see `readYaml`). */
export function fromYaml(node: unknown): FmNode | null {
  if (node === null || node === undefined) return null;
  const range = (node as { range?: FmRange | null }).range ?? undefined;
  if (isScalar(node)) return { kind: 'scalar', value: node.value, range: range! };
  if (isSeq(node)) return { kind: 'list', items: node.items.map((i) => fromYaml(i) ?? { kind: 'other' }), range: range!, source: node };
  if (isMap(node)) return { kind: 'map', items: node.items.map((p) => ({ key: fromYaml(p.key) ?? { kind: 'other' }, value: fromYaml(p.value) })), range: range!, source: node };
  return range ? { kind: 'other', range } : { kind: 'other' };
}

/** The value of `key` in a map (its first pair with that scalar key), as `YAMLMap.get(key, true)`. */
export function fmGet(map: FmMap, key: string): FmNode | null | undefined {
  for (const pair of map.items) if (pair.key.kind === 'scalar' && pair.key.value === key) return pair.value;
  return undefined;
}

/**
 * A node as a JavaScript value, as the `yaml` library's `toJSON()` gives it: a parsed node through
 * the library itself (aliases and all), one of the fast reader's (strings, safe integers,
 * booleans, nulls, lists and maps of them) directly.
 */
export function fmToJs(node: FmNode | null): unknown {
  if (node === null) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'list':
      return node.source ? node.source.toJSON() : node.items.map(fmToJs);
    case 'map': {
      if (node.source) return node.source.toJSON();
      const out: Record<string, unknown> = {};
      for (const { key, value } of node.items) {
        const name = key.kind === 'scalar' && key.value !== null ? String(key.value) : '';
        const js = fmToJs(value);
        // As the library: a key the object already has (`constructor`, `__proto__`) becomes its own.
        if (name in out) Object.defineProperty(out, name, { value: js, writable: true, enumerable: true, configurable: true });
        else out[name] = js;
      }
      return out;
    }
    default:
      return undefined;
  }
}
