import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { fmToJs, fromYaml, type FmNode } from '../../src/core/frontmatter/nodes';
import { readSimpleYaml } from '../../src/core/simpleYaml';

/** The node tree with values and the [start, valueEnd] ranges the post reader relies on. */
function shape(node: FmNode | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  const range = node.range ? [node.range[0], node.range[1]] : null;
  if (node.kind === 'scalar') return { value: node.value, range };
  if (node.kind === 'list') return { seq: node.items.map(shape), range };
  if (node.kind === 'map') return { map: node.items.map((p) => [shape(p.key), shape(p.value)]), range };
  return { other: range };
}

// Mostly words the fast reader takes, some it must leave to the parser.
const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Nova', 'x', 'bluesky', '2026-12-01T09:30', '2027-01-12', 'Lancement de Nova 2', 'café ☕', 'a b', '12', '-3', 'null', '~', 'True', 'no', 'on', 'a:b', 'a # b', 'C#', 'x-y_z', "l'été", 'https://nova.app/a?b=1', '09:30:03+01:00') },
  { weight: 1, arbitrary: fc.constantFrom('1.5', '0x1F', '.inf', '123456789012345678901', '@nova', '#tag', '[a]', 'a, b', '', 'a: b', '-', '?x', '&a', '*a', '!t', '|', '>', '%x', '`x') },
);
const quoted = word.chain((w) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(JSON.stringify(w), `'${w.replace(/'/g, "''")}'`, `"${w}\\n"`) }, { weight: 1, arbitrary: fc.constantFrom(`"\\u00e9${w}"`, `"${w}\\x"`) }));
const scalarText = fc.oneof(word, quoted);
const flowSeq = fc.array(scalarText, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`);
const flowMap = fc.array(fc.tuple(fc.constantFrom('file', 'alt', 'by', 'at', 'toString'), scalarText), { maxLength: 3 }).map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
const comment = fc.constantFrom('', ' # note', '   # commentaire');
const inlineValue = fc.oneof(scalarText, flowSeq, flowMap, fc.constant(''));
const key = fc.constantFrom('title', 'date', 'platforms', 'status', 'tags', 'media', 'campaign', 'approvals', 'lang', 'x_y', 'results', '__proto__', 'constructor');
const blockItem = fc.oneof(
  scalarText.map((v) => `- ${v}`),
  fc.array(fc.tuple(fc.constantFrom('file', 'alt', 'by', 'at', 'note'), scalarText, comment), { minLength: 1, maxLength: 3 }).map((pairs) => pairs.map(([k, v, c], i) => `${i === 0 ? '- ' : '  '}${k}: ${v}${c}`).join('\n')),
);
const entry = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(key, inlineValue, comment).map(([k, v, c]) => `${k}: ${v}${c}`) },
  { weight: 2, arbitrary: fc.tuple(key, fc.array(blockItem, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '  ')).map(([k, items, indent]) => `${k}:\n${items.map((i) => i.split('\n').map((l) => indent + l).join('\n')).join('\n')}`) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom('x', 'bluesky', 'mastodon'), fc.oneof(flowMap, fc.array(fc.tuple(fc.constantFrom('id', 'url', 'at'), scalarText, comment), { minLength: 1, maxLength: 3 }).map((ps) => '\n' + ps.map(([k, v, c]) => `    ${k}: ${v}${c}`).join('\n')))), { minLength: 1, maxLength: 3 })
      .map((entries) => `results:\n${entries.map(([k, v]) => `  ${k}:${v.startsWith('\n') ? v : ' ' + v}`).join('\n')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('# a comment', '', 'anchor: &a [x]', 'alias: *a', 'block: |\n  text', 'multi: one\n  two', 'tagged: !!str 1', '  indented: x', 'key:value', '? complex', 'a: b: c', 'tab:\tx') },
);

describe('readSimpleYaml', () => {
  it('reads exactly what parseDocument reads, or leaves the text to it (property)', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), fc.boolean(), (entries, finalNewline) => {
        const text = entries.join('\n') + (finalNewline ? '\n' : '');
        const fast = readSimpleYaml(text);
        if (!fast) return;
        read++;
        const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
        assert.deepEqual(doc.errors.map((e) => e.message), [], text);
        // The root map's own range is never used (only its items' ranges are).
        const items = (n: unknown) => (n as { map: unknown }).map;
        assert.deepEqual(items(shape(fast)), items(shape(fromYaml(doc.contents))), text);
        // And the values as JavaScript, as the library gives them (polls, approvals, results).
        assert.deepStrictEqual(fmToJs(fast), doc.toJS(), text);
      }),
      { numRuns: 10000 },
    );
    assert.ok(read > 600, `only ${read} texts were simple enough: the generator is off`);
  });

  it('reads typical frontmatter', () => {
    const text = 'title: "Nova 2"\ndate: 2026-12-03T09:30 # matin\nplatforms: [x, bluesky]\nmedia:\n  - file: a.png\n    alt: "Un chat"\n';
    const fast = readSimpleYaml(text)!;
    assert.deepEqual(fmToJs(fast), { title: 'Nova 2', date: '2026-12-03T09:30', platforms: ['x', 'bluesky'], media: [{ file: 'a.png', alt: 'Un chat' }] });
  });

  const leftToParser = ['a: &x 1', 'a: |\n  b', 'a: b\na: c', 'a: "\\u00e9"', 'a: [x,\n  y]', 'a: 0x10', 'a: 1e3', '\ta: b', 'a: b\r\n'];
  for (const text of leftToParser) {
    it(`leaves ${JSON.stringify(text)} to the full parser`, () => assert.equal(readSimpleYaml(text), undefined));
  }

  it('leaves block maps nested deeper than 64 levels to the parser (which refuses them) instead of recursing into them', () => {
    const nested = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + `\n${' '.repeat(n)}x: 1\n`;
    assert.ok(readSimpleYaml(nested(60)));
    assert.equal(readSimpleYaml(nested(65)), undefined);
    assert.equal(readSimpleYaml(nested(5000)), undefined);
  });
});
