import assert from 'node:assert/strict';
import fc from 'fast-check';
import { convertSimpleInline, isPlainText, parseToSocialText, toSocialText } from '../../src/core/markdown';
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
