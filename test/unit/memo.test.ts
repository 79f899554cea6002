import assert from 'node:assert/strict';
import fc from 'fast-check';
import { memoizeByText } from '../../src/core/text/memo';

describe('memoizeByText', () => {
  it('answers as the function does, and computes a text again only once it left the last `size` (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'é', ''), { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (texts, size) => {
        const calls: string[] = [];
        const memo = memoizeByText((t: string) => {
          calls.push(t);
          return { t };
        }, size);
        const kept: string[] = []; // the model: the last `size` texts computed, oldest first
        for (const text of texts) {
          const computedBefore = calls.length;
          assert.equal(memo(text).t, text);
          const hit = kept.includes(text);
          assert.equal(calls.length, computedBefore + (hit ? 0 : 1), `${text} after ${kept.join(',')}`);
          if (!hit) {
            kept.push(text);
            if (kept.length > size) kept.shift();
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives back the same result object on a hit (results are shared)', () => {
    const memo = memoizeByText((t: string) => [t]);
    const text = 'x'.repeat(10);
    assert.equal(memo(text), memo('x'.repeat(10)));
  });
});
