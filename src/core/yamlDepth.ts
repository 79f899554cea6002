import { CST, Lexer } from 'yaml';

/**
 * Lists and maps nested deeper than this are not read. A post's frontmatter needs four or five
 * levels; the `yaml` library recurses once per level (its lexer, parser, composer and `toJSON`)
 * and overflows the stack at about 800, which 2 KB of `[` reach.
 */
export const MAX_YAML_DEPTH = 64;

/** Characters that start what the lexer reads as one chain: `-`, `?`, `:` indicators, `!tag`, `&anchor`. */
const CHAIN = new Set(['-', '?', ':', '!', '&']);
/** The lexer's markers, which stand for no source text. */
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * The offset where `text` nests deeper than `max` levels, or `undefined` when the `yaml` library
 * can read it safely. Linear and without recursion, so it runs before any recursive routine.
 * It may over-estimate the depth (by up to twice, on lists written at the same column as their
 * map's keys), never under-estimate it: a property test checks it against the parser.
 *
 * @example yamlTooDeep('a: ' + '['.repeat(100) + ']'.repeat(100)) // 67
 * @example yamlTooDeep('date: 2026-12-01T09:30\nplatforms: [x]\n') // undefined
 */
export function yamlTooDeep(text: string, max = MAX_YAML_DEPTH): number | undefined {
  // The lexer itself recurses along a chain of indicators and properties (`- - - x`, `&a &b`):
  // bound those first, so that the lexer can then be trusted to measure the nesting.
  return chainTooLong(text, max) ?? nestingTooDeep(text, max);
}

/**
 * A chain is a run of indicators and properties separated by spaces on one line. Its length is at
 * most the count of chain characters in consecutive words that (after the first) start with one.
 */
function chainTooLong(text: string, max: number): number | undefined {
  let run = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      run = 0;
      inWord = false;
    } else if (c === ' ' || c === '\t') {
      inWord = false;
    } else {
      const chain = CHAIN.has(c);
      if (!inWord && !chain) run = 0;
      inWord = true;
      if (chain && ++run > max) return i;
    }
  }
  return undefined;
}

/** Where an open bracket is in its current item, to tell valid flow YAML from what the parser recovers from. */
interface Bracket {
  state: 'start' | 'key' | 'colon' | 'value';
  /** An error was met: the parser may open block collections in this bracket. */
  broken: boolean;
  /** Levels counted for those. */
  extra: number;
}

/**
 * Counts open collections from the lexer's tokens, following the parser's own notion of a line's
 * indentation (its spaces and leading indicators). A block collection opens at an indicator (`-`,
 * `?`, or `:` after its key) and closes at a token indented less (a list also at a token other
 * than `-` indented as much). An indicator or key that starts its line may continue the
 * collection open at its indentation; one further along a line always opens a new one (`- - x`,
 * `a: b: c`, a key spanning lines). Each bracket counts for two levels (`[a: b]` holds a map).
 * Inside brackets, the parser recovers from errors (`[- a]`, `[a: b: c]`, `["a" b: c]`) by
 * opening block collections: after one, each indicator there counts for two more levels, until
 * its bracket closes.
 */
function nestingTooDeep(text: string, max: number): number | undefined {
  const blocks: Block[] = [];
  const brackets: Bracket[] = [];
  let extra = 0;
  // Levels counted and never closed: brackets the lexer gave up on (a line indented too little).
  let abandoned = 0;
  // What the parser calls `indent` and `atNewLine`.
  let indent = 0;
  let atNewLine = true;
  let key: { indent: number; first: boolean } | undefined;
  let scalarFirst: boolean | undefined;
  let blockScalar = false;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === CST.SCALAR) {
      scalarFirst = atNewLine;
      atNewLine = false;
      continue;
    }
    const start = offset;
    if (MARKERS.has(token)) {
      if (token === CST.FLOW_END) {
        abandoned += 2 * brackets.length + extra;
        brackets.length = 0;
        extra = 0;
      }
      continue;
    }
    offset += token.length;
    const inScalar = scalarFirst !== undefined;
    const type = inScalar ? 'scalar' : CST.tokenType(token);
    const first = inScalar ? scalarFirst! : atNewLine;
    scalarFirst = undefined;
    const at = indent;
    if (type === 'newline') {
      atNewLine = true;
      indent = 0;
      key = undefined;
      continue;
    }
    if (type === 'space') {
      if (atNewLine && token[0] === ' ') indent += token.length;
      continue;
    }
    const indicator = type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind';
    if (indicator) {
      if (atNewLine) indent += token.length;
    } else atNewLine = false;
    if (type === 'comment') continue;
    if (inScalar && blockScalar) {
      // A block scalar's text ends with its line break.
      atNewLine = true;
      indent = 0;
      key = undefined;
    }
    blockScalar = type === 'block-scalar-header';
    const top = brackets[brackets.length - 1];
    if (!top) {
      for (let b = blocks[blocks.length - 1]; b && (b.indent > at || (b.indent === at && b.list && type !== 'seq-item-ind')); b = blocks[blocks.length - 1]) blocks.pop();
      if (type === 'map-value-ind' && key) open(blocks, key.indent, false, key.first);
      else if (indicator) open(blocks, at, type === 'seq-item-ind', first);
      if (indicator) key = undefined;
      else key ??= { indent: at, first };
    } else {
      const closing = type === 'flow-map-end' || type === 'flow-seq-end';
      if (!closing) step(top, type);
      if (top.broken && (indicator || top.extra === 0)) {
        top.extra += 2;
        extra += 2;
      }
      if (closing) extra -= brackets.pop()!.extra;
    }
    if (type === 'flow-map-start' || type === 'flow-seq-start') brackets.push({ state: 'start', broken: top?.broken ?? false, extra: 0 });
    // Two more: a bracket closed before `:` is wrapped in a map after what it held was counted.
    if (blocks.length + 2 * brackets.length + extra + abandoned + 2 > max) return start;
  }
  return undefined;
}

/** A block collection open: a list or a map, at the parser's indentation. */
interface Block {
  readonly indent: number;
  readonly list: boolean;
}

/** Records a block collection, unless it is the innermost one continued on a new line. */
function open(blocks: Block[], indent: number, list: boolean, startsLine: boolean): void {
  const top = blocks[blocks.length - 1];
  if (!startsLine || !top || top.indent !== indent || top.list !== list) blocks.push({ indent, list });
}

/** Moves a bracket's item along by one token, marking it broken on what valid flow YAML never holds. */
function step(bracket: Bracket, type: ReturnType<typeof CST.tokenType> | 'scalar'): void {
  switch (type) {
    case 'comma':
      bracket.state = 'start';
      return;
    case 'anchor':
    case 'tag':
      return;
    case 'explicit-key-ind':
      if (bracket.state !== 'start') bracket.broken = true;
      return;
    case 'map-value-ind':
      if (bracket.state === 'start' || bracket.state === 'key') bracket.state = 'colon';
      else bracket.broken = true;
      return;
    case 'scalar':
    case 'alias':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    // A nested bracket is a value of its parent.
    case 'flow-map-start':
    case 'flow-seq-start':
      if (bracket.state === 'start') bracket.state = 'key';
      else if (bracket.state === 'colon') bracket.state = 'value';
      else bracket.broken = true;
      return;
    default:
      bracket.broken = true;
  }
}

