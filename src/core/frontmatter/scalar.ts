import { isMap, isSeq, parseDocument } from 'yaml';
import { yamlTooDeep } from '../yamlDepth';

/** A value the editor writes: a YAML scalar of the core schema. */
export type YamlScalar = string | number | boolean | null;

/** How an existing scalar is written, to write its replacement the same way. */
export type ScalarStyle = 'plain' | 'single' | 'double';

/**
 * The YAML text of a scalar that reads back as exactly `value`, with its type: `'2026'`, `'true'`,
 * `''` or `'a: b'` are quoted, numbers and booleans are not. Written on one line, in `style` when
 * that style can hold it (else double-quoted, which holds anything); `flow` for a value inside
 * `[…]` or `{…}`, where `,[]{}` end a plain scalar.
 *
 * @example scalarText('2026', 'plain', false) // '"2026"'
 * @example scalarText('review', 'single', false) // "'review'"
 */
export function scalarText(value: YamlScalar, style: ScalarStyle = 'plain', flow = false): string {
  if (typeof value !== 'string') {
    const text = value === null ? 'null' : typeof value === 'boolean' ? String(value) : numberText(value);
    return readsBack(text, value, flow) ? text : doubleQuoted(String(value));
  }
  if (style === 'single' && !/[\n\r]/.test(value) && printable(value)) return `'${value.replace(/'/g, "''")}'`;
  if (style === 'plain' && readsBack(value, value, flow)) return value;
  return doubleQuoted(value);
}

/** A map key as YAML text (plain when it reads back as the same string key). */
export function keyText(key: string, flow = false): string {
  return key !== '' && !/^[?\-]/.test(key) && readsBack(key, key, flow, true) ? key : doubleQuoted(key);
}

function numberText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  return Object.is(n, -0) ? '-0' : String(n);
}

/** True when `text`, written as a value (or a key), is read back as `value` on one line. */
function readsBack(text: string, value: YamlScalar, flow: boolean, asKey = false): boolean {
  if (text === '' || /[\n\r]/.test(text) || text.trim() !== text || !printable(text)) return false;
  // Aliases, anchors and tags are not values: plain text starting with their marks is quoted.
  if (/^[*&!]/.test(text) || yamlTooDeep(text) !== undefined) return false;
  const source = flow ? (asKey ? `{${text}: 0}` : `[${text}]`) : asKey ? `${text}: 0\n` : `k: ${text}\n`;
  const doc = parseDocument(source, { uniqueKeys: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
  const contents = doc.contents;
  if (asKey) {
    if (!isMap(contents) || contents.items.length !== 1) return false;
    const key = contents.items[0]!.key as { value?: unknown } | null;
    return key !== null && typeof key === 'object' && key.value === value;
  }
  if (flow) return isSeq(contents) && contents.items.length === 1 && Object.is(doc.toJS()[0], value);
  return isMap(contents) && contents.items.length === 1 && Object.is((doc.toJS() as Record<string, unknown>)['k'], value);
}

/** Characters YAML allows unescaped (tab, printable ASCII, and non-control Unicode). */
function printable(text: string): boolean {
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** A double-quoted scalar: escapes everything YAML may not hold raw, so it always reads back. */
function doubleQuoted(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const ch = value[i]!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c >= 0xd800 && c <= 0xdbff && !(i + 1 < value.length && value.charCodeAt(i + 1) >= 0xdc00 && value.charCodeAt(i + 1) <= 0xdfff)) out += '\\u' + c.toString(16);
    else if (c >= 0xdc00 && c <= 0xdfff && !(i > 0 && value.charCodeAt(i - 1) >= 0xd800 && value.charCodeAt(i - 1) <= 0xdbff)) out += '\\u' + c.toString(16);
    else out += ch;
  }
  return out + '"';
}
