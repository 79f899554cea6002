import { CST, Document, LineCounter, Parser, parseDocument } from 'yaml';

/**
 * Where the frontmatter and the body of a post file are, by UTF-16 offsets into the file text.
 * The frontmatter is YAML between a first line `---` and the next line `---` (or `...`).
 */
export interface FileSections {
  /** 1 when the file starts with a byte order mark, else 0. */
  readonly bomLength: number;
  /** Offset of the YAML text (after the opening `---` line), or -1 when there is no frontmatter. */
  readonly yamlStart: number;
  /** Offset after the YAML text (start of the closing line). */
  readonly yamlEnd: number;
  /** Offset of the body (after the closing line), or of the text after the BOM when there is no frontmatter. */
  readonly bodyStart: number;
  /** True when an opening `---` has no closing line: everything after it is taken as YAML. */
  readonly unclosed: boolean;
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Finds the frontmatter and body of a post file.
 *
 * @example splitFile('---\ndate: 2026-12-01\n---\nHello').bodyStart // 24
 */
export function splitFile(text: string): FileSections {
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = lineEnd(text, bomLength);
  if (!FENCE.test(text.slice(bomLength, firstEnd.contentEnd))) {
    return { bomLength, yamlStart: -1, yamlEnd: -1, bodyStart: bomLength, unclosed: false };
  }
  const yamlStart = firstEnd.next;
  let pos = yamlStart;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    if (CLOSE.test(text.slice(pos, end.contentEnd))) {
      return { bomLength, yamlStart, yamlEnd: pos, bodyStart: end.next, unclosed: false };
    }
    pos = end.next;
  }
  return { bomLength, yamlStart, yamlEnd: text.length, bodyStart: text.length, unclosed: true };
}

function lineEnd(text: string, from: number): { contentEnd: number; next: number } {
  const nl = text.indexOf('\n', from);
  if (nl === -1) return { contentEnd: text.length, next: text.length };
  const contentEnd = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  return { contentEnd, next: nl + 1 };
}

/**
 * Parses frontmatter YAML into a `yaml` Document whose node ranges are offsets into `yamlText`.
 * YAML 1.2 core schema: `2026-12-01T09:30` stays a string, duplicate keys are errors.
 */
export function parseFrontmatterYaml(yamlText: string): Document.Parsed {
  return parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true, lineCounter: new LineCounter() });
}

/**
 * Replaces the value of a top-level frontmatter field and returns the new file text; every other
 * byte of the file (comments, key order, quoting, line endings, the body) stays as it was.
 * A scalar keeps its quoting style. A missing field is appended at the end of the frontmatter.
 * Returns `undefined` when the file has no well-formed frontmatter map to edit.
 *
 * @example setFrontmatterField('---\ndate: 2026-12-01T09:30 # am\n---\n', 'date', '2026-12-02T09:30')
 * // '---\ndate: 2026-12-02T09:30 # am\n---\n'
 */
export function setFrontmatterField(fileText: string, key: string, value: string): string | undefined {
  const sections = splitFile(fileText);
  if (sections.yamlStart < 0 || sections.unclosed) return undefined;
  const yamlText = fileText.slice(sections.yamlStart, sections.yamlEnd);
  const tokens = [...new Parser().parse(yamlText)];
  const docToken = tokens.find((t): t is CST.Document => t.type === 'document');
  if (tokens.some((t) => t.type === 'error') || !docToken) return undefined;
  const map = docToken.value;
  if (!map || map.type !== 'block-map') return undefined;

  const item = map.items.find((it) => it.key && CST.isScalar(it.key) && CST.resolveAsScalar(it.key)?.value === key);
  let newYaml: string;
  if (item?.value && CST.isScalar(item.value)) {
    CST.setScalarValue(item.value, value);
    newYaml = tokens.map((t) => CST.stringify(t)).join('');
  } else if (item && !item.value) {
    // `key:` written without a value: put the value after the colon.
    const pair = parseFrontmatterYaml(yamlText).contents;
    const node = pair && 'get' in pair ? (pair as { get(k: string, keep: true): { range?: [number, number, number] } | undefined }).get(key, true) : undefined;
    const at = node?.range?.[0];
    if (at === undefined) return undefined;
    newYaml = yamlText.slice(0, at) + (yamlText[at - 1] === ':' ? ' ' : '') + quoteIfNeeded(value) + yamlText.slice(at);
  } else if (item) {
    return undefined; // a list or map under that key: not a scalar edit
  } else {
    const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
    const sep = yamlText === '' || yamlText.endsWith('\n') ? '' : eol;
    newYaml = `${yamlText}${sep}${key}: ${quoteIfNeeded(value)}${eol}`;
  }
  return fileText.slice(0, sections.yamlStart) + newYaml + fileText.slice(sections.yamlEnd);
}

function quoteIfNeeded(value: string): string {
  const doc = new Document(value);
  return String(doc).trimEnd();
}
