import type { YamlValue } from './write';

/** A path into the frontmatter: map keys and list indices, e.g. `['results', 'bluesky', 'id']`. */
export type FrontmatterPath = readonly (string | number)[];

/** One change to a post's frontmatter. */
export type FrontmatterChange =
  /** Sets the value at `path`, creating the maps on the way when missing (a map or list there is refused). */
  | { readonly kind: 'set'; readonly path: FrontmatterPath; readonly value: YamlValue }
  /** Adds `value` at the end of the list at `path` (created when missing or empty). */
  | { readonly kind: 'append'; readonly path: FrontmatterPath; readonly value: YamlValue }
  /** Removes the key or list item at `path` (a missing key is already removed). */
  | { readonly kind: 'remove'; readonly path: FrontmatterPath }
  /** Renames the key at `path` to `key`, keeping its value and place. */
  | { readonly kind: 'rename'; readonly path: FrontmatterPath; readonly key: string };

/** Why a change was refused; each has a message `edit.<reason>` in every language. */
export type EditRefusal =
  /** An opening `---` without a closing one: where the frontmatter ends is unknown. */
  | 'unclosed'
  /** The YAML has errors: fix them first. */
  | 'yaml-errors'
  /** A key is asked of something that is not a map (a list, a text). */
  | 'not-a-map'
  /** An item is asked of, or appended to, something that is not a list. */
  | 'not-a-list'
  /** A value is set where a map or list is written. */
  | 'not-a-value'
  /** No such list item, or no such key to rename. */
  | 'missing'
  /** The path goes through an alias (`*name`): the change would land in the anchored value. */
  | 'alias'
  /** The value carries an anchor (`&name`) other places refer to: changing it would change them too. */
  | 'shared'
  /** Renaming to a key the map already has. */
  | 'duplicate-key'
  /** The result would not read back as intended (a layout the editor does not handle). */
  | 'unsafe';

/**
 * Plain data after a change: what the edited frontmatter must read back as. `data` is not modified.
 * Returns undefined when the change does not apply (the editor refuses it).
 */
export function changedData(data: unknown, change: FrontmatterChange): unknown {
  const root = clone(data ?? {});
  const { path } = change;
  if (path.length === 0) return undefined;
  let node: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i]!;
    const container = node as Record<string | number, unknown>;
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length) return undefined;
    } else {
      if (!isPlainObject(node)) return undefined;
      if (container[segment] === undefined || container[segment] === null) {
        if (change.kind === 'remove') return root;
        if (change.kind === 'rename') return undefined;
        container[segment] = {};
      }
    }
    node = container[segment];
  }
  const last = path[path.length - 1]!;
  const container = node as Record<string | number, unknown>;
  if (typeof last === 'number' ? !Array.isArray(node) || last >= node.length : !isPlainObject(node)) {
    return change.kind === 'remove' && typeof last === 'string' && (node === null || node === undefined) ? root : undefined;
  }
  switch (change.kind) {
    case 'set':
      // A map or list is not replaced wholesale: that is a removal, then a set.
      if (container[last] !== null && typeof container[last] === 'object') return undefined;
      container[last] = clone(change.value);
      return root;
    case 'append': {
      const list = container[last];
      if (list === undefined || list === null) container[last] = [clone(change.value)];
      else if (Array.isArray(list)) list.push(clone(change.value));
      else return undefined;
      return root;
    }
    case 'remove':
      if (typeof last === 'number') (node as unknown[]).splice(last, 1);
      else delete container[last];
      return root;
    case 'rename': {
      if (typeof last === 'number' || !Object.hasOwn(container, last) || (change.key !== last && Object.hasOwn(container, change.key))) return undefined;
      const entries = Object.entries(container).map(([k, v]) => [k === last ? change.key : k, v] as const);
      // Rebuilt in order: the renamed key keeps its place.
      for (const k of Object.keys(container)) delete container[k];
      for (const [k, v] of entries) container[k] = v;
      return root;
    }
  }
}

/** Deep equality of YAML data: maps in any key order, numbers as `Object.is` but `0 === -0`. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameData(a[k], b[k]));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A deep copy whose maps have no prototype: a key `__proto__` is a key like another. */
function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isPlainObject(v)) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}
