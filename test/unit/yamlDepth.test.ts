import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CST, Document, isCollection, isPair, parseDocument, Parser, stringify, YAMLSeq } from 'yaml';
import { splitFile } from '../../src/core/frontmatter/sections';
import { MAX_YAML_DEPTH, readYaml, yamlTooDeep } from '../../src/core/yamlDepth';

/** How deep the composed document nests collections (walked without recursion). */
function nodeDepth(doc: Document): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[doc.contents, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) {
      stack.push([node.key, depth], [node.value, depth]);
    } else if (isCollection(node)) {
      max = Math.max(max, depth + 1);
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return max;
}

/** How deep the parser's syntax tree nests collections (the parser and composer recurse on it). */
function cstDepth(text: string): number {
  let max = 0;
  const stack: Array<[CST.Token | undefined, number]> = [...new Parser().parse(text)].map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      max = Math.max(max, depth + 1);
      for (const item of token.items) stack.push(['key' in item ? item.key ?? undefined : undefined, depth + 1], [item.value, depth + 1]);
    }
  }
  return max;
}

function depth(text: string): number {
  return Math.max(nodeDepth(parseDocument(text, { uniqueKeys: true, prettyErrors: false })), cstDepth(text));
}

// Pieces of YAML syntax, so that random texts hit indicators, brackets, quotes and indentation.
const piece = fc.constantFrom('-', '- ', '? ', ': ', ':', 'a', 'a:', 'a: ', 'b', ' ', '  ', '    ', '\n', '\n  ', '\n    ', '[', ']', '{', '}', ',', '"', "'", '#', ' #c', '|', '>', '&x ', '*x', '!t ', '!<x>', '\t', '\r\n', '---\n', '...\n', 'k: [', 'k: {', '"q\n  q"', "'it''s'", '\n- a:', '\n  ? ', ' - ', '\n:', '\n  - ', '\n    a: ', '|\n  t\n', '>-\n   x\n  y\n', '!!map ', '%YAML 1.2\n');
const yamlish = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

/** Nested JavaScript values, for realistic YAML written by the library in any style. */
const nested = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 1, null, 'a b', '#tag', 'l\'été', '- item'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'media', 'file'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

describe('yamlTooDeep', () => {
  it('never under-estimates the depth the parser builds (property)', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const d = depth(text);
        if (d > 0) assert.notEqual(yamlTooDeep(text, d - 1), undefined, JSON.stringify(text));
      }),
      { numRuns: 8000 },
    );
  });

  it('never under-estimates the depth of well-formed pieces repeated, where a miscount would add up (property)', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.integer({ min: 2, max: 40 }), (parts, times) => {
        const text = 'a: ' + parts.join('').repeat(times);
        // Malformed YAML may nest through the parser's error recovery: `readYaml` guards that.
        if (parseDocument(text, { uniqueKeys: false }).errors.length > 0) return;
        checked++;
        const d = depth(text);
        if (d > 0) assert.notEqual(yamlTooDeep(text, d - 1), undefined, JSON.stringify(parts) + ' × ' + times);
      }),
      { numRuns: 1500 },
    );
    assert.ok(checked > 100, String(checked));
  });

  it('never under-estimates the depth of YAML the library writes, in any style (property)', () => {
    fc.assert(
      fc.property(nested, fc.constantFrom(0, 1, 3, 8), fc.integer({ min: 2, max: 4 }), (value, flowLevel, indent) => {
        const text = stringify({ root: value }, { flowCollectionPadding: flowLevel === 3, indent, collectionStyle: flowLevel === 0 ? 'flow' : flowLevel === 8 ? 'block' : 'any', indentSeq: flowLevel !== 1 });
        const d = depth(text);
        assert.notEqual(yamlTooDeep(text, d - 1), undefined, text);
        // …and over-estimates by a bounded factor, so that real frontmatter always passes.
        assert.equal(yamlTooDeep(text, 2 * d + 2), undefined, text);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads, or refuses as too deep, any text without overflowing the stack, and what it reads is at most 64 deep (property)', () => {
    const parse = (t: string) => parseDocument(t, { uniqueKeys: true, prettyErrors: false });
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.integer({ min: 200, max: 2500 }), (parts, times) => {
        const read = readYaml('a: ' + parts.join('').repeat(times), parse);
        if ('doc' in read) assert.ok(nodeDepth(read.doc) <= MAX_YAML_DEPTH);
      }),
      { numRuns: 60 },
    );
  });

  it('still refuses, after parsing, what nests through the parser\'s error recovery beyond the count', () => {
    // Stand-ins for malformed YAML no count before parsing follows: a parse that runs out of
    // stack, and one that gives a document deeper than the bound.
    assert.deepEqual(readYaml('a: 1', () => { throw new RangeError('Maximum call stack size exceeded'); }), { tooDeep: 0 });
    assert.throws(() => readYaml('a: 1', () => { throw new TypeError('a bug'); }), TypeError);
    const doc = new Document([]);
    let seq = doc.contents as YAMLSeq;
    for (let i = 0; i < 100; i++) {
      const inner = new YAMLSeq();
      inner.range = [i + 1, i + 2, i + 2];
      seq.items.push(inner);
      seq = inner;
    }
    assert.deepEqual(readYaml('a: 1', () => doc), { tooDeep: MAX_YAML_DEPTH });
    // Malformed YAML the parser nests on each repetition, yet reads without running out of stack.
    for (const unit of ['\n  - "q\n  q": -', ': \n    *x!!map -', ': |\n  t\n|\n  t\n-']) {
      const read = readYaml('a: ' + unit.repeat(5000), (t) => parseDocument(t));
      if ('doc' in read) assert.ok(nodeDepth(read.doc) <= MAX_YAML_DEPTH);
    }
  });

  const deep = (n: number) => ({
    'flow lists': 'a: ' + '['.repeat(n) + ']'.repeat(n) + '\n',
    'flow maps': 'a: ' + '{a: '.repeat(n) + '1' + '}'.repeat(n) + '\n',
    'block maps': Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + '\n' + ' '.repeat(n) + 'x: 1\n',
    'compact lists': '- '.repeat(n) + 'x\n',
    'lists under maps': Array.from({ length: n }, (_, i) => ' '.repeat(2 * i) + '- a:').join('\n') + '\n',
    anchors: 'a: ' + '&x '.repeat(n) + 'x\n',
    tags: 'a: ' + '!t '.repeat(n) + 'x\n',
  });

  for (const [name, text] of Object.entries(deep(1000))) {
    it(`refuses 1,000 nested ${name}`, () => assert.notEqual(yamlTooDeep(text), undefined));
  }
  for (const [name, text] of Object.entries(deep(20))) {
    it(`reads 20 nested ${name}`, () => assert.equal(yamlTooDeep(text), undefined, text));
  }

  it('refuses 500,000 nested brackets (without overflowing the stack)', () => {
    assert.notEqual(yamlTooDeep('a: ' + '['.repeat(500_000)), undefined);
    assert.notEqual(yamlTooDeep('- '.repeat(500_000)), undefined);
  });

  it('points at where the text gets too deep', () => {
    const text = 'a: ' + '['.repeat(100) + ']'.repeat(100);
    assert.equal(text[yamlTooDeep(text)!], '[');
    assert.ok(yamlTooDeep(text)! <= 3 + MAX_YAML_DEPTH);
  });

  it('reads the frontmatter of every example post', () => {
    const root = join(__dirname, '../../examples/calendar');
    const files: string[] = [join(root, '.editorial.yaml')];
    const walk = (dir: string) => readdirSync(dir).forEach((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.md') && files.push(join(dir, f))));
    walk(join(root, 'posts'));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const s = file.endsWith('.md') ? splitFile(text) : { yamlStart: 0, yamlEnd: text.length };
      assert.equal(yamlTooDeep(text.slice(s.yamlStart, s.yamlEnd), 16), undefined, file);
    }
  });
});
