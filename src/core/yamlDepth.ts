import { CST, isCollection, isPair, Lexer, type Node } from 'yaml';

/**
 * Lists and maps nested deeper than this are not read. A post's frontmatter needs four or five
 * levels; the `yaml` library recurses once per level (its lexer, parser, composer and `toJSON`)
 * and overflows the stack at about 800, which 2 KB of `[` reach.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Parses YAML with `parse` unless it nests deeper than `max` levels, and returns either the
 * document or where the text gets too deep. The nesting is measured before parsing (see
 * `yamlTooDeep`: exact enough for well-formed YAML); YAML malformed in ways the parser's error
 * recovery nests further is caught twice more: a parse that runs out of stack, and a document
 * deeper than `max` (walked without recursion), are refused the same way, so that nothing
 * downstream (`toJSON`) recurses into it.
 *
 * @example readYaml('a: [[[1]]]', (t) => parseDocument(t)) // the document
 */
export function readYaml<T extends { contents: unknown }>(text: string, parse: (text: string) => T, max = MAX_YAML_DEPTH): { doc: T } | { tooDeep: number } {
  const deep = yamlTooDeep(text, max);
  if (deep !== undefined) return { tooDeep: deep };
  let doc: T;
  try {
    doc = parse(text);
  } catch (error) {
    if (error instanceof RangeError) return { tooDeep: 0 };
    throw error;
  }
  const at = deeperThan(doc.contents, max);
  return at === undefined ? { doc } : { tooDeep: at };
}

/** Where a node tree first nests deeper than `max` collections (a source offset), if it does. */
function deeperThan(root: unknown, max: number): number | undefined {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) stack.push([node.key, depth], [node.value, depth]);
    else if (isCollection(node)) {
      if (depth + 1 > max) return (node as Node).range?.[0] ?? 0;
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** Characters that start what the lexer reads as one chain: `-`, `?`, `:` indicators, `!tag`, `&anchor`. */
const CHAIN = new Set(['-', '?', ':', '!', '&']);
/** The lexer's markers, which stand for no source text. */
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * The offset where `text` nests deeper than `max` levels, or `undefined`. Linear and without
 * recursion, so it runs before any recursive routine. On well-formed YAML it may over-estimate the
 * depth, never under-estimate it (property tests check it against the parser, on random and on
 * repeated pieces); malformed YAML may nest deeper through the parser's error recovery, which
 * `readYaml` guards against after parsing. The lexer's own recursion is always bounded here.
 *
 * @example yamlTooDeep('a: ' + '['.repeat(100) + ']'.repeat(100)) // 64
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
  /** A list (`[`), whose `a: b` items are maps of one pair: one more level. */
  readonly list: boolean;
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
 * `a: b: c`, a key spanning lines). Each bracket counts for one level, a list holding `a: b`
 * pairs for two (each pair is a map).
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
  // The node before a `:` (its properties included): where it is, whether it starts its line.
  let key: { indent: number; first: boolean; node: boolean } | undefined;
  let scalarFirst: boolean | undefined;
  // After `-`, `?` or `:`, a node is a value; a block scalar anywhere else is an error the parser
  // takes for a key, and what follows its text on the next line goes on that key's line.
  let valueExpected = false;
  let blockScalar: 'value' | 'key' | undefined;
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
        abandoned += brackets.length + extra;
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
      // A block scalar's text goes to the scalar, not to the collections (it closes none), and
      // ends with its line break.
      atNewLine = true;
      indent = 0;
      key = blockScalar === 'key' ? { indent: 0, first: false, node: true } : undefined;
      blockScalar = undefined;
      valueExpected = false;
      continue;
    }
    blockScalar = type === 'block-scalar-header' ? (valueExpected ? 'value' : 'key') : undefined;
    if (type !== 'anchor' && type !== 'tag') valueExpected = indicator;
    const top = brackets[brackets.length - 1];
    if (!top) {
      for (let b = blocks[blocks.length - 1]; b && (b.indent > at || (b.indent === at && b.list && type !== 'seq-item-ind')); b = blocks[blocks.length - 1]) blocks.pop();
      if (type === 'map-value-ind' && key) open(blocks, key.indent, false, key.first);
      else if (type === 'seq-item-ind') open(blocks, at, true, first);
      // `? key` and `: value` without a key, rare in frontmatter, nest in ways hard to follow
      // when written wrong: each counts as a new level.
      else if (indicator) open(blocks, at, false, false);
      if (indicator) key = undefined;
      else {
        const node = type !== 'anchor' && type !== 'tag';
        // A second node before `:` is the key (`*a b: c`): one further along its line.
        if (!key) key = { indent: at, first, node };
        else if (node && key.node) key = { indent: at, first: false, node };
        else if (node) key.node = true;
      }
    } else {
      const closing = type === 'flow-map-end' || type === 'flow-seq-end';
      if (!closing) step(top, type);
      if (top.broken && (indicator || top.extra === 0)) {
        top.extra += 2;
        extra += 2;
      } else if (top.list && top.extra === 0 && (type === 'map-value-ind' || type === 'explicit-key-ind')) {
        top.extra = 1;
        extra += 1;
      }
      if (closing) extra -= brackets.pop()!.extra;
    }
    if (type === 'flow-map-start' || type === 'flow-seq-start') brackets.push({ list: type === 'flow-seq-start', state: 'start', broken: top?.broken ?? false, extra: 0 });
    // Two more: a bracket closed before `:` is wrapped in a map after what it held was counted.
    if (blocks.length + brackets.length + extra + abandoned + 2 > max) return start;
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

