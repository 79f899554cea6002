import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hashtagCandidates, hashtagKey } from '../../src/core/platforms/entities';
import { socialText } from './unicode.test';

/** The definition the fast scan stands for: the pattern, then trailing punctuation stripped. */
function byPattern(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  for (const m of text.matchAll(/(?<=^|\s)[#＃][^\s#＃]*/gu)) {
    const word = m[0].slice(1).replace(/[\p{P}\p{S}]+$/u, '');
    if (word !== '') out.push({ start: m.index, end: m.index + 1 + word.length, text: '#' + word });
  }
  return out;
}

describe('hashtag candidates', () => {
  it('finds what the pattern finds, in any text (property)', () => {
    const piece = fc.oneof(socialText, fc.constantFrom('#', '＃', '#Nova', '#nova!', '#2026', '#a#b', '##', ' #', '\u00a0#x', '\u3000#日本', '\u2028#x', '\ufeff#x', '#🎄', '#x🎄', '#x…', '#x.', '(#x)', '#x\u0301', '#\ud83d', '\n#', '\t#y'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }).map((p) => p.join('')), (text) => {
        assert.deepEqual(hashtagCandidates(text), byPattern(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('folds case the same on every machine (#Nova is #nova, #İstanbul keeps its dot)', () => {
    assert.equal(hashtagKey('Nova'), hashtagKey('nOVA'));
    assert.equal(hashtagKey('İstanbul'), 'i̇stanbul');
  });
});
