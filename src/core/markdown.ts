import type { Nodes, Parent, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { MARKDOWN_CHUNK, markdownBudget, markdownPieces, spend, tooNested, type MarkdownBudget } from './markdownBounds';
import { MappedText } from './text/mappedText';

/**
 * Markdown to the plain text social networks show. None of them renders Markdown, so:
 * - line breaks and blank lines stay exactly as written (social text, not prose);
 * - `*emphasis*`, `**strong**`, `` `code` `` and `# headings` keep their words, without the marks
 *   (a heading underlined with `---` or `===` is kept as written);
 * - `[text](url)` becomes `text (url)`, or just `url` when the text is the URL; `<url>` becomes `url`;
 * - list items start with `• ` (unordered) or keep their number as written (`3. `, `1) `);
 * - leading spaces of lines are dropped, as Markdown does;
 * - `> quotes` keep their words; images keep their alt text; escapes and entities are resolved;
 * - raw HTML is kept as written (networks show it as text).
 */
const parser = unified().use(remarkParse);

/**
 * Characters or line shapes that Markdown could read as syntax. Text without any of them converts to
 * itself, so it skips the parser (most social posts: hashtags mid-line are not headings).
 */
const INLINE_SYNTAX = /[*_`[\]<>\\&~\t\0]/;
const LINE_SYNTAX = /(?:^|\n)(?:[ \t]|#{1,6}(?:[ \t]|$|\n)|>|[-+*=](?:[ \t]|$|\n|[-=*]*[ \t]*(?:$|\n))|\d{1,9}[.)](?:[ \t]|$|\n))|[ \t](?:\n|$)/;

/** True when `text` contains nothing Markdown would change, so it is its own conversion. */
export function isPlainText(text: string): boolean {
  if (LINE_SYNTAX.test(text)) return false;
  if (!INLINE_SYNTAX.test(text)) return true;
  // `@nova_app`, `snake_case`: underscores between letters or digits open and close nothing
  // (CommonMark's flanking rules), so they do not send a post to the parser.
  return text.includes('_') && !INLINE_SYNTAX.test(text.replace(INTRAWORD_UNDERSCORES, ''));
}

const INTRAWORD_UNDERSCORES = /(?<=[\p{L}\p{N}])_+(?=[\p{L}\p{N}])/gu;

/**
 * Converts one part (already split from the thread) into the text a network receives. The parser
 * is used within the post's `budget` (see `markdownBounds.ts`), shared by all its parts.
 *
 * @example toSocialText(mapped('Lisez **ceci** : [le blog](https://nova.example)')).value
 * // 'Lisez ceci : le blog (https://nova.example)'
 */
export function toSocialText(part: MappedText, budget: MarkdownBudget = markdownBudget()): MappedText {
  // Markdown drops spaces at the end of lines (two or more make a line break, which we keep
  // anyway): drop them here too, so that such texts can still skip the parser.
  const text = HAS_TRAILING_SPACES.test(part.value) ? withoutTrailingSpaces(part) : part;
  if (isPlainText(text.value)) return text;
  return convertSimpleInline(text) ?? parseBounded(part, budget);
}

/**
 * The parser's conversion, in bounded work: a long text is parsed in pieces of at most `chunk`
 * characters cut at blank lines (which gives the whole text's result: a property test checks
 * it), while the post's budget lasts. A piece too long, too deeply nested or past the budget is
 * kept as written.
 */
export function parseBounded(part: MappedText, budget: MarkdownBudget, chunk = MARKDOWN_CHUNK): MappedText {
  const source = part.value;
  const pieces = source.length > chunk ? markdownPieces(source, chunk) : undefined;
  if (!pieces || pieces.length === 1) {
    // One piece, the whole text: as a post almost always is.
    const fits = source.length <= chunk && !tooNested(source) && spend(budget, source.length);
    return fits ? convert(part).out.trim() : part.trim();
  }
  const out = new MappedText();
  for (const piece of pieces) {
    const text = part.slice(piece.start, piece.end);
    const fits = text.value.length <= chunk && !tooNested(text.value) && spend(budget, text.value.length);
    const converted = fits ? convert(text) : { out: text, end: text.value.length };
    out.appendMapped(converted.out);
    // The blank lines between, where the whole text's conversion puts them: after the last block.
    const breaks = source.slice(piece.end, piece.gapEnd).split('\n').length - 1;
    if (breaks > 0) out.appendGenerated('\n'.repeat(breaks), part.toSource(piece.start + converted.end));
  }
  return out.trim();
}

const TRAILING_SPACES = /[ \t]+(?=\n|$)/g;
const HAS_TRAILING_SPACES = /[ \t](?:\n|$)/;

function withoutTrailingSpaces(part: MappedText): MappedText {
  const out = new MappedText();
  let last = 0;
  for (const m of part.value.matchAll(TRAILING_SPACES)) {
    out.appendMapped(part.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.appendMapped(part.slice(last, part.value.length));
  return out;
}

/**
 * The common Markdown of social posts — `**strong**`, `*emphasis*`, `_emphasis_` around plain
 * words and `[text](url)` — converted without the parser. Delimiters only count where CommonMark
 * would certainly read them (after a space or the start of a line, before a space, the end or
 * closing punctuation, around plain words); anything else returns `undefined` for the parser.
 * A property test checks the result equals the parser's.
 */
const SIMPLE_INLINE = /(?<=^|[ \n])(\*\*|\*|_)([\p{L}\p{N}](?:[^*_`[\]<>\\&~\t\n]*[\p{L}\p{N}])?)\1(?=$|[ \n.,;:!?)"’»])|(?<![!\\])\[([\p{L}\p{N}][^*_`[\]<>\\&~\t\n]*?[\p{L}\p{N}]|[\p{L}\p{N}])\]\(([^\s()<>\\&]+)\)/gu;

export function convertSimpleInline(part: MappedText): MappedText | undefined {
  const source = part.value;
  const out = new MappedText();
  let last = 0;
  let rest = '';
  for (const m of source.matchAll(SIMPLE_INLINE)) {
    out.appendMapped(part.slice(last, m.index));
    // What is left, with each construct standing as a full stop, must be plain text: punctuation,
    // as the construct's own delimiters are for what is around it (`)_a_` is emphasis).
    rest += source.slice(last, m.index) + '.';
    if (m[1] !== undefined) {
      const inner = m.index + m[1].length;
      out.appendMapped(part.slice(inner, inner + m[2]!.length));
    } else {
      const label = m[3]!;
      const url = m[4]!;
      if (label === url) out.appendGenerated(url, part.toSource(m.index));
      else {
        out.appendMapped(part.slice(m.index + 1, m.index + 1 + label.length));
        out.appendGenerated(` (${url})`, part.toSource(m.index + m[0].length - 1));
      }
    }
    last = m.index + m[0].length;
  }
  if (last === 0) return undefined;
  rest += source.slice(last);
  out.appendMapped(part.slice(last, source.length));
  return isPlainText(rest) ? out : undefined;
}

/** The conversion through the Markdown parser, without the plain-text shortcut or bounds. */
export function parseToSocialText(part: MappedText): MappedText {
  return convert(part).out.trim();
}

/**
 * The parser's conversion, untrimmed, and where its last block ends: pieces of a text join into
 * the whole text's conversion.
 */
function convert(part: MappedText): { out: MappedText; end: number } {
  const source = part.value;
  const tree = parser.parse(source) as Root;
  const out = new MappedText();
  const writer = new Writer(part, source, out);
  writer.blocks(tree.children, 0);
  return { out, end: tree.children[tree.children.length - 1]?.position?.end.offset ?? 0 };
}

class Writer {
  constructor(
    private readonly part: MappedText,
    private readonly source: string,
    private readonly out: MappedText,
  ) {}

  /** Writes block nodes, keeping the line breaks written between them. */
  blocks(nodes: readonly Nodes[], prefixIndent: number): void {
    let previousEnd: number | undefined;
    for (const node of nodes) {
      const start = node.position?.start.offset ?? 0;
      if (previousEnd !== undefined) {
        const gap = this.source.slice(previousEnd, start);
        const breaks = gap.split('\n').length - 1;
        this.generated('\n'.repeat(Math.max(1, breaks)), previousEnd);
        if (prefixIndent > 0) this.generated(' '.repeat(prefixIndent), start);
      }
      this.block(node, prefixIndent);
      previousEnd = node.position?.end.offset ?? start;
    }
  }

  private block(node: Nodes, indent: number): void {
    switch (node.type) {
      case 'list': {
        let n = node.start ?? 1;
        let previousEnd: number | undefined;
        for (const item of node.children) {
          const start = item.position?.start.offset ?? 0;
          if (previousEnd !== undefined) {
            const breaks = this.source.slice(previousEnd, start).split('\n').length - 1;
            this.generated('\n'.repeat(Math.max(1, breaks)) + ' '.repeat(indent), start);
          }
          // Ordered items keep their number and delimiter as written (a 3, 2, 1 countdown stays one).
          const written = /^\s*(\d{1,9}[.)])/.exec(this.source.slice(start, start + 12))?.[1];
          const marker = node.ordered ? `${written ?? n}${written ? '' : '.'} ` : '• ';
          n++;
          this.generated(marker, start);
          this.blocks(item.children, indent + marker.length);
          previousEnd = item.position?.end.offset ?? start;
        }
        return;
      }
      case 'code':
        this.sourceOrValue(node, node.value);
        return;
      case 'html':
        this.verbatim(node);
        return;
      case 'thematicBreak':
        this.verbatim(node);
        return;
      case 'definition':
        return;
      case 'heading': {
        // `Titre` over a `---` or `===` line (a setext heading) is kept as written, underline included.
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? start;
        if (this.source.slice(start, end).includes('\n')) this.verbatim(node);
        else this.inlines(node);
        return;
      }
      default:
        if ('children' in node) this.inlines(node as Parent);
        else if ('value' in node) this.sourceOrValue(node, String(node.value));
    }
  }

  private inlines(parent: Parent): void {
    for (const child of parent.children as Nodes[]) this.inline(child);
  }

  private inline(node: Nodes): void {
    switch (node.type) {
      case 'text':
        this.sourceOrValue(node, node.value);
        return;
      case 'inlineCode':
        this.sourceOrValue(node, node.value, true);
        return;
      case 'break':
        this.generated('\n', node.position?.start.offset ?? 0);
        return;
      case 'link': {
        const start = node.position?.start.offset ?? 0;
        const label = plainText(node);
        const isAutolink = label === node.url || label === node.url.replace(/^mailto:/, '');
        if (isAutolink) {
          this.generated(label, start); // `<lea@nova.app>` stays an address, not `mailto:…`
        } else if (label.trim() === '') {
          this.generated(node.url, start);
        } else {
          this.inlines(node);
          this.generated(` (${node.url})`, node.position?.end.offset ?? start);
        }
        return;
      }
      case 'image':
        this.generated(node.alt ?? '', node.position?.start.offset ?? 0);
        return;
      case 'html':
        this.verbatim(node);
        return;
      default:
        if ('children' in node) this.inlines(node as Parent);
        else if ('value' in node) this.sourceOrValue(node, String(node.value));
    }
  }

  /** Copies a node's value, mapped one to one when it is the source text itself. */
  private sourceOrValue(node: Nodes, value: string, inner = false): void {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const written = this.source.slice(start, end);
    if (written === value) {
      this.mapped(value, start);
      return;
    }
    const at = inner ? written.indexOf(value) : -1;
    if (at >= 0) {
      this.mapped(value, start + at);
      return;
    }
    // Markdown drops characters of what is written (spaces around a line break, an escape's
    // backslash, the rest of `&amp;`): map each run of the value where it stands, when the value
    // is found in order in the source; otherwise (`&#233;` → `é`) it all points at the node.
    const runs = runsIn(value, written);
    if (!runs) return this.generated(value, start);
    for (const r of runs) {
      if (r.generated) this.generated(value.slice(r.from, r.to), start + r.at);
      else this.mapped(value.slice(r.from, r.to), start + r.at);
    }
  }

  private verbatim(node: Nodes): void {
    const start = node.position?.start.offset ?? 0;
    this.mapped(this.source.slice(start, node.position?.end.offset ?? start), start);
  }

  /** Appends text that stands at `partOffset` in the part, keeping the file mapping. */
  private mapped(text: string, partOffset: number): void {
    // Text inside one part piece maps one to one; map each character through the part to stay exact.
    let runStart = 0;
    for (let i = 1; i <= text.length; i++) {
      const contiguous =
        i < text.length && this.part.toSource(partOffset + i) === this.part.toSource(partOffset + i - 1) + 1;
      if (!contiguous) {
        this.out.appendSource(text.slice(runStart, i), this.part.toSource(partOffset + runStart));
        runStart = i;
      }
    }
  }

  private generated(text: string, partOffset: number): void {
    this.out.appendGenerated(text, this.part.toSource(partOffset));
  }
}

/**
 * Where each character of a text node's `value` stands in what is `written`, as runs: `from`–`to`
 * of the value, mapped from `at` in `written` (or, `generated`, pointing at an entity). Markdown
 * only drops spaces and tabs around line breaks and escapes' backslashes, expands tabs, and turns
 * an entity (`&amp;`, `&#233;`) into its character: anything else, and this gives up.
 */
function runsIn(value: string, written: string): Array<{ from: number; to: number; at: number; generated?: true }> | undefined {
  const runs: Array<{ from: number; to: number; at: number; generated?: true }> = [];
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    for (;;) {
      if (j >= written.length) return undefined;
      const w = written[j]!;
      if (w === '&') {
        ENTITY.lastIndex = j;
        const entity = ENTITY.exec(written);
        // Kept as written (in code), the entity's own characters map one to one below.
        if (entity && !value.startsWith(entity[0], i)) {
          runs.push({ from: i, to: i + 1, at: j, generated: true });
          j += entity[0].length;
          break;
        }
      }
      if (w === c) {
        const last = runs[runs.length - 1];
        if (last && !last.generated && last.to === i && last.at + (i - last.from) === j) last.to = i + 1;
        else runs.push({ from: i, to: i + 1, at: j });
        j++;
        break;
      }
      if (c === ' ' && w === '\t') {
        // A tab expanded into spaces (in an indented code block): they all point at the tab.
        runs.push({ from: i, to: i + 1, at: j, generated: true });
        break;
      }
      if (w !== ' ' && w !== '\t' && w !== '\\') return undefined;
      j++;
    }
  }
  return runs;
}

const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}
