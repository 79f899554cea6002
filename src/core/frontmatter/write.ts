import { keyText, scalarText, type YamlScalar } from './scalar';

/** A value the editor writes: a scalar, or a flat map of scalars (e.g. an approval `{ by, at }`). */
export type YamlValue = YamlScalar | Readonly<Record<string, YamlScalar>>;

/** What goes at the end of a new key path: a value, or a list holding one item (an append). */
export type Leaf = { readonly kind: 'value'; readonly value: YamlValue } | { readonly kind: 'list'; readonly item: YamlValue };

export const isFlatMap = (v: YamlValue): v is Readonly<Record<string, YamlScalar>> => v !== null && typeof v === 'object';

/** How the file is laid out, for new lines. */
export interface Layout {
  readonly eol: string;
  /** Spaces per nesting level. */
  readonly step: number;
}

const pad = (n: number) => ' '.repeat(n);

/**
 * Block lines for `keys` (each nested under the previous one) ending in `leaf`, the first key at
 * `column`; no line break before the first line or after the last.
 *
 * @example blockLines(['results', 'x'], { kind: 'value', value: 'ok' }, 0, { eol: '\n', step: 2 }) // 'results:\n  x: ok'
 */
export function blockLines(keys: readonly string[], leaf: Leaf, column: number, layout: Layout): string {
  const lines: string[] = [];
  keys.forEach((key, depth) => {
    const c = column + depth * layout.step;
    const head = `${pad(c)}${keyText(key)}:`;
    if (depth < keys.length - 1) return lines.push(head);
    if (leaf.kind === 'list') return lines.push(head, `${pad(c + layout.step)}- ${blockItem(leaf.item, c + layout.step + 2, layout)}`);
    const value = leaf.value;
    if (!isFlatMap(value) || Object.keys(value).length === 0) return lines.push(`${head} ${inlineValue(value, false)}`);
    lines.push(head, ...Object.entries(value).map(([k, v]) => `${pad(c + layout.step)}${keyText(k)}: ${scalarText(v)}`));
    return undefined;
  });
  return lines.join(layout.eol);
}

/**
 * A list item's text after `- `: a scalar, or a map whose first key follows the dash and whose
 * other keys line up under it at `column`.
 */
export function blockItem(value: YamlValue, column: number, layout: Layout): string {
  if (!isFlatMap(value) || Object.keys(value).length === 0) return inlineValue(value, false);
  return Object.entries(value)
    .map(([k, v], i) => `${i === 0 ? '' : pad(column)}${keyText(k)}: ${scalarText(v)}`)
    .join(layout.eol);
}

/** A value on one line: a scalar, or a flow map `{ by: Léa, at: … }` (`spaced`: spaces inside the braces). */
export function inlineValue(value: YamlValue, flow: boolean, spaced = true): string {
  if (!isFlatMap(value)) return scalarText(value, 'plain', flow);
  const entries = Object.entries(value).map(([k, v]) => `${keyText(k, true)}: ${scalarText(v, 'plain', true)}`);
  if (entries.length === 0) return '{}';
  return spaced ? `{ ${entries.join(', ')} }` : `{${entries.join(', ')}}`;
}

/** `keys` nested as flow maps ending in `leaf`, for inside `{…}`: `results: {x: {id: 1}}`. */
export function flowEntry(keys: readonly string[], leaf: Leaf): string {
  const inner = leaf.kind === 'list' ? `[${inlineValue(leaf.item, true)}]` : inlineValue(leaf.value, true);
  let text = `${keyText(keys[keys.length - 1]!, true)}: ${inner}`;
  for (let i = keys.length - 2; i >= 0; i--) text = `${keyText(keys[i]!, true)}: {${text}}`;
  return text;
}

/** The spaces per level a YAML text uses (its first indented line), 2 when nothing is indented. */
export function indentStep(yaml: string): number {
  const m = /^( +)[^\s#]/m.exec(yaml);
  const n = m ? m[1]!.length : 2;
  return n >= 1 && n <= 8 ? n : 2;
}
