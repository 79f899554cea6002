import assert from 'node:assert/strict';
import fc from 'fast-check';
import { convertSimpleInline, isPlainText, parseBounded, parseToSocialText, toSocialText } from '../../src/core/markdown';
import { MARKDOWN_BUDGET, markdownBudget, markdownPieces, tooNested } from '../../src/core/markdownBounds';
import { MappedText } from '../../src/core/text/mappedText';
import { socialText } from './unicode.test';

const mapped = (s: string) => {
  const m = new MappedText();
  m.appendSource(s, 0);
  return m;
};

describe('Markdown to social text', () => {
  const cases: Array<[string, string, string]> = [
    ['emphasis and strong lose their marks', 'Un *petit* et un **grand** pas', 'Un petit et un grand pas'],
    ['a link becomes text (url)', 'Lisez [le blog](https://nova.app/blog) !', 'Lisez le blog (https://nova.app/blog) !'],
    ['a link whose text is its URL stays a URL', '[https://nova.app](https://nova.app)', 'https://nova.app'],
    ['an autolink becomes its URL', 'Voir <https://nova.app>', 'Voir https://nova.app'],
    ['unordered list items get bullets', 'Au menu :\n\n- un\n- deux', 'Au menu :\n\n• un\n• deux'],
    ['ordered lists keep numbers', '1. un\n2. deux', '1. un\n2. deux'],
    ['line breaks are kept as written', 'Ligne 1\nLigne 2\n\n\nLigne 5', 'Ligne 1\nLigne 2\n\n\nLigne 5'],
    ['hashtags at line start are not headings', '#Nova\n#Lancement', '#Nova\n#Lancement'],
    ['headings keep their words', '# Titre\nTexte', 'Titre\nTexte'],
    ['escapes and entities are resolved', 'R\\&D &amp; 5 \\* 3', 'R&D & 5 * 3'],
    ['inline code keeps its text', 'Tapez `edcal check`', 'Tapez edcal check'],
    ['underscores inside words stay', '@nova_app et snake_case_id', '@nova_app et snake_case_id'],
    ['raw HTML stays as written', 'a <b>gras</b> b', 'a <b>gras</b> b'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(toSocialText(mapped(input)).value, expected));
  }

  it('maps converted text back to the source', () => {
    const source = 'Un **grand** pas';
    const out = toSocialText(mapped(source));
    const at = out.value.indexOf('grand');
    assert.equal(source.slice(out.toSource(at), out.toSource(at) + 5), 'grand');
  });

  it('converts plain text to itself, exactly as remark would (property)', () => {
    // `isPlainText` lets most posts skip the parser: prove the shortcut changes nothing.
    const plain = socialText.map((s) => s.replace(/\r/g, '').trim()).filter((s) => isPlainText(s) && s !== '');
    fc.assert(
      fc.property(plain, (s) => parseToSocialText(mapped(s)).value === s),
      { numRuns: 2000 },
    );
  });

  it('takes underscores inside words as text, exactly as remark does (property)', () => {
    const piece = fc.oneof(socialText, fc.constantFrom('@nova_app', 'snake_case', 'a__b', '2026_12', 'é_à', '_', '__', '_x', 'x_', ' _a_ ', '*', 'x_*y*', 'ß_1', '\u0301_a', 'a_\u0301', '👩‍💻_x', 'x_👩‍💻', '#nova_app'));
    let plain = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('').replace(/\r/g, '').trim()), (s) => {
        if (s === '' || !isPlainText(s)) return;
        if (s.includes('_')) plain++;
        assert.equal(parseToSocialText(mapped(s)).value, s, JSON.stringify(s));
      }),
      { numRuns: 3000 },
    );
    assert.ok(plain > 200, `only ${plain} texts with underscores skipped the parser`);
  });

  it('converts common inline Markdown without the parser, exactly as the parser (property)', () => {
    const word = fc.constantFrom('Nova', 'guide', 'été', '2026', 'a', 'Lyon 2', 'l’équipe', '👩‍💻', 'x');
    const construct = fc.oneof(
      word.map((w) => `**${w}**`),
      word.map((w) => `*${w}*`),
      word.map((w) => `_${w}_`),
      fc.tuple(word, fc.constantFrom('https://nova.app/blog', 'nova.app', 'https://x.co/a?b=1')).map(([w, u]) => `[${w}](${u})`),
      fc.constantFrom('[https://nova.app](https://nova.app)', '**a b**', '*a*b', 'a*b*', '**a*', '![a](b.png)', '\\*a*', '[a](b c)', '[a]', '*', '_', '#tag', '- ', '1. ', '> '),
    );
    const token = fc.oneof(construct, word, fc.constantFrom(' ', ' ', '\n', '\n\n', '.', ',', '!', ' ?', ':', '(', ')', '"', '’', '»'));
    let fast = 0;
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 12 }), (tokens) => {
        const text = tokens.join('').trim();
        if (text === '') return;
        if (convertSimpleInline(mapped(text))) fast++;
        assert.equal(toSocialText(mapped(text)).value, parseToSocialText(mapped(text)).value, JSON.stringify(text));
      }),
      { numRuns: 5000 },
    );
    assert.ok(fast > 300, `only ${fast} texts took the fast path`);
  });

  it('keeps the mapping to the file through the inline shortcut', () => {
    const source = 'Lisez **notre guide** : [le blog](https://nova.app)';
    const out = convertSimpleInline(mapped(source))!;
    assert.equal(out.value, 'Lisez notre guide : le blog (https://nova.app)');
    for (const w of ['notre guide', 'le blog']) {
      const at = out.value.indexOf(w);
      assert.equal(source.slice(out.toSource(at), out.toSource(at) + w.length), w);
    }
  });
});

describe('Markdown conversion maps every written letter to where it is written', () => {
  it('through lines that end and start with spaces, escapes and entities (property)', () => {
    const token = fc.constantFrom('Nova', 'été', '2026', ' ', ' ', '\n', ' \n ', '  \n  ', '\t', '\\*', '&amp;', '**', '*', '_', '#Lyon', '`code`', '&#233;', 'a\\_b');
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 16 }), (tokens) => {
        const source = tokens.join('');
        const out = toSocialText(mapped(source));
        for (let i = 0; i < out.value.length; i++) {
          const c = out.value[i]!;
          // Letters and digits are never generated here (no links, no images): each comes from the source.
          if (!/[\p{L}\p{N}]/u.test(c) || c === 'é' && source.includes('&#233;')) continue;
          assert.equal(source[out.toSource(i)], c, `${JSON.stringify(source)} → ${JSON.stringify(out.value)} at ${i}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('points a word after a line ending and starting with a space at that word', () => {
    const source = 'Un premier mot \n   puis #Lyon ici';
    const out = toSocialText(mapped(source));
    const at = out.value.indexOf('#Lyon');
    assert.equal(source.slice(out.toSource(at), out.toSource(at) + 5), '#Lyon');
  });
});

describe('Markdown conversion keeps what was written', () => {
  const cases: Array<[string, string, string]> = [
    ['an e-mail autolink stays an address', 'Écrivez à <lea@nova.app>', 'Écrivez à lea@nova.app'],
    ['a countdown keeps its numbers', '3. trois\n2. deux\n1. un', '3. trois\n2. deux\n1. un'],
    ['a parenthesis delimiter is kept', '1) a\n2) b', '1) a\n2) b'],
    ['an underlined heading keeps its underline', 'Titre\n---\nSuite', 'Titre\n---\nSuite'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(toSocialText(mapped(input)).value, expected));
  }
});

describe('Markdown conversion in bounded work', () => {
  const inline = fc.array(fc.constantFrom('Nova', 'été', '#tag', '@lea', '*a*', '**b**', '_c_', '`d`', '[e](https://f.co)', '<https://g.co>', '\\*', '&amp;', ' ', ' ', '\n', '  \n', '*', '[h]', '<b>i</b>', '👩‍💻'), { minLength: 1, maxLength: 8 }).map((t) => t.join(''));
  const block = fc.oneof(
    inline,
    fc.array(inline, { minLength: 1, maxLength: 3 }).map((items) => items.map((i) => `- ${i.replace(/\n/g, '\n  ')}`).join('\n')),
    fc.array(inline, { minLength: 1, maxLength: 3 }).map((items) => items.map((i, n) => `${3 - n}. ${i}`).join('\n')),
    inline.map((i) => `> ${i.replace(/\n/g, '\n> ')}`),
    inline.map((i) => `# ${i.replace(/\n/g, ' ')}`),
    inline.map((i) => `${i.replace(/\n/g, ' ').trim() || 'x'}\n---`),
    fc.constantFrom('***', '    code\n    more', '- a\n\n  continued', '- a\n\n- b', '1. a\n\n   b', '> a\nlazy', '\tTab', '  indented', '```\ncode\n\nmore\n```', '<div>\n\nx\n</div>', '[ref]: https://r.co', 'See [ref].', '~~~\nx', '<!--\n\n-->', 'a\\\nb', '- - - x', '>'),
  );
  const doc = fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n\n', '\n', '\n \n')), { minLength: 1, maxLength: 8 }).map((bs) => bs.map(([b, gap]) => b + gap).join('').trim());

  it('parses a text cut into pieces at blank lines exactly as the whole, mapping included (property)', () => {
    let cut = 0;
    fc.assert(
      fc.property(doc, fc.integer({ min: 8, max: 60 }), (text, chunk) => {
        const cuts = markdownPieces(text, chunk) ?? [];
        // A piece longer than a chunk is kept as written by design: only cuts are checked here.
        if (cuts.length < 2 || cuts.some((p) => p.end - p.start > chunk)) return;
        cut++;
        const whole = parseToSocialText(mapped(text));
        const pieces = parseBounded(mapped(text), { left: Infinity }, chunk);
        assert.equal(pieces.value, whole.value, JSON.stringify(text));
        for (let i = 0; i < whole.value.length; i++) assert.equal(pieces.toSource(i), whole.toSource(i), `${JSON.stringify(text)} at ${i}`);
      }),
      { numRuns: 20000 },
    );
    assert.ok(cut > 200, `only ${cut} texts were cut`);
  });

  it('never cuts where something may go on across blank lines', () => {
    for (const text of ['```\na\n\nb\n```', '<pre>\na\n\nb</pre>', 'See [a].\n\n[a]: https://a.co', '- a\n\n  b']) {
      const pieces = markdownPieces(text, 1);
      assert.ok(!pieces || pieces.length === 1, text);
    }
  });

  // How long it takes is the benchmark's to measure (npm run bench); here, that the parser, which
  // is quadratic on these shapes, is given no more than the post's budget however long the text.
  it('parses no more than the budget on the shapes the parser is quadratic on', () => {
    const shapes = ['a\n---\n', '- a\n', '*a ', '[a] ', '> a\n'];
    for (const shape of shapes) {
      for (const gap of ['', '\n']) {
        const text = (shape + gap).repeat(Math.ceil(300_000 / (shape.length + gap.length)));
        const budget = markdownBudget();
        toSocialText(mapped(text), budget);
        assert.ok(budget.left >= 0 && budget.left <= MARKDOWN_BUDGET, JSON.stringify(shape + gap));
      }
    }
  });

  it('keeps as written a text nesting containers too deeply for the parser', () => {
    for (const text of ['> '.repeat(5000) + 'a', '- '.repeat(5000) + 'a', '1. '.repeat(5000) + 'a']) {
      assert.ok(tooNested(text));
      assert.equal(toSocialText(mapped(text)).value, text.trim());
    }
    assert.equal(tooNested('> - 1. a\n> > b'), false);
  });
});

