import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clusterStarts, graphemeLength, graphemeOffset, segmentRun, utf8FitOffset, utf8Length, utf8Offset } from '../../src/core/text/unicode';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const segmenterCount = (s: string) => [...segmenter.segment(s)].length;

/** Text mixing ASCII, French accents, typographic punctuation, combining marks, emoji and CRLF. */
export const socialText = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('é', 'à', 'ç', 'Œ', '’', '«\u00a0', '\u202f!', '…', '—', '€', 'e\u0301', '\r\n', '\n', '👩‍💻', '🇫🇷', '👍🏽', '1️⃣', '❤️', '한국어', '中文', 'مرحبا', '\u200d', '\ufe0f', '🎄', '\u0600', '\u0600\u0600', '‼', '‼\u200d🔥', '\u0308', '\u1100\u1161\u11a8', '\u0915\u094d\u0937', '\u00ad', '\u2060', 'a\u0301\u0302', '✨', '🙏', '🏔️', '🔥', '☕', '→', '⭐\ufe0f', '🇫', '🏽', '☝🏽', '🫶'),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

/** Units that join across a cut: flags, joiners, lone surrogates, Indic conjuncts, prepended marks, tag sequences. */
const edgy = fc
  .array(fc.constantFrom('🇫', '🇷', '\u200d', '👩', '💻', '\u0301', '\u0915', '\u094d', '\u0937', '\u0600', '\r', '\n', 'a', ' ', '\ud83d', '\udc4d', '\u1100', '\u1161', '\uac00', '🏽', '\ufe0f', '\u20e3', '\u0d4e', '\u0903', String.fromCodePoint(0x110bd), '🏴', String.fromCodePoint(0xe0067)), { maxLength: 40 })
  .map((units) => units.join(''));

describe('unicode measures', () => {
  it('counts grapheme clusters exactly as Intl.Segmenter, fast path included', () => {
    fc.assert(fc.property(socialText, (s) => graphemeLength(s) === segmenterCount(s)), { numRuns: 2000 });
  });

  it('finds exactly the cluster boundaries Intl.Segmenter finds (property)', () => {
    fc.assert(
      fc.property(socialText, (s) => {
        assert.deepEqual([...clusterStarts(s)], [...segmenter.segment(s)].map((g) => g.index));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the boundaries Intl.Segmenter finds around lone pictographs, flags and U+FE0F (property)', () => {
    // The units the fast path takes without the segmenter, next to those that must not be taken.
    const unit = fc.constantFrom('\u202f', '\ufe0f', '🏔', '✨', '→', '❤', '\u3030', 'a', ' ', '\n', '\r', '\u00a0', '1', '#', '\u200d', '\u0301', '\u20e3', '🇫', '🇷', '🏽', '👩', '💻', '\u0600', '\u2028', '\u202e', '\ud83d', '\udc4d', '\u0915', '\u094d', '🏴', String.fromCodePoint(0xe0067));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        const s = units.join('');
        assert.deepEqual([...clusterStarts(s)], [...segmenter.segment(s)].map((g) => g.index));
      }),
      { numRuns: 20_000 },
    );
  });

  it('segments a long run window by window into the clusters of the whole text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(socialText, edgy), { maxLength: 8 }), fc.integer({ min: 1, max: 12 }), (texts, window) => {
        const s = texts.join('');
        const starts: number[] = [];
        segmentRun(s, 0, s.length, (i) => starts.push(i), window);
        assert.deepEqual(starts, [...segmenter.segment(s)].map((g) => g.index), JSON.stringify(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts a long run of emoji and accents', () => {
    // Intl.Segmenter on the whole run took 15 s for 160,000 units of thumbs with skin tones (the
    // benchmark times the windowed count; this checks it counts them right).
    for (const unit of ['👍🏽 ', 'e\u0301']) {
      const text = unit.repeat(200_000 / unit.length);
      assert.equal(graphemeLength(text), unit === 'e\u0301' ? 100_000 : 80_000);
    }
  });

  it('cuts after exactly n grapheme clusters', () => {
    fc.assert(
      fc.property(socialText, fc.nat(30), (s, n) => {
        const cut = graphemeOffset(s, n);
        return segmenterCount(s.slice(0, cut)) === Math.min(n, segmenterCount(s)) && (cut === s.length || segmenterCount(s.slice(0, cut)) === n);
      }),
      { numRuns: 1000 },
    );
  });

  it('counts UTF-8 bytes as Buffer does', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), socialText, (a, b) => utf8Length(a + b) === Buffer.byteLength(a + b, 'utf8')), { numRuns: 1000 });
  });

  it('converts UTF-16 offsets to UTF-8 offsets', () => {
    assert.equal(utf8Offset('é#a', 1), 2);
    assert.equal(utf8Offset('👩‍💻 #a', 6), 12);
  });

  it('finds the longest prefix within a byte budget without splitting a character', () => {
    fc.assert(
      fc.property(socialText, fc.nat(60), (s, max) => {
        const cut = utf8FitOffset(s, max);
        const fits = Buffer.byteLength(s.slice(0, cut)) <= max;
        const maximal = cut === s.length || Buffer.byteLength(s.slice(0, cut + (s.codePointAt(cut)! > 0xffff ? 2 : 1))) > max;
        return fits && maximal;
      }),
      { numRuns: 1000 },
    );
  });
});
