import assert from 'node:assert/strict';
import fc from 'fast-check';
import { printable, safeLineStart } from '../../src/cli/report/escape';
import { formatGithub } from '../../src/cli/report/github';
import type { CheckOutput } from '../../src/cli/report/model';
import { formatText } from '../../src/cli/report/text';

const output = (file: string, message: string, code = 'frontmatter.schema'): CheckOutput => ({
  posts: [],
  diagnostics: [{ file, line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'warning', code, message }],
  summary: { files: 1, posts: 1, errors: 0, warnings: 1 },
});

/** Characters a printed line must never carry raw: controls, separators, bidi overrides. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('CLI output of hostile text', () => {
  const hostile = ['Soirée \u001b[31mrouge\u001b[0m', 'a\rb', 'x\b\by', 'one\ntwo', '\n::error file=x::pwned', 'pay\u202eusd', 'a\u2028b', '\u009b31m', '::warning::x'];
  for (const text of hostile) {
    it(`escapes ${JSON.stringify(text)} in text output, one line per finding`, () => {
      const out = formatText(output(`posts/${text}.md`, `Unknown field "${text}".`), 'en', false);
      const lines = out.split('\n');
      assert.equal(lines.length, 3, out);
      assert.doesNotMatch(out.replace(/\n/g, ''), RAW);
      for (const line of lines) assert.ok(!line.startsWith('::'), line);
    });
    it(`escapes ${JSON.stringify(text)} in GitHub annotations, one command per finding`, () => {
      const out = formatGithub(output(`posts/${text}.md`, `Unknown field "${text}".`, text), 'en');
      const lines = out.split('\n');
      assert.equal(lines.length, 2, out);
      assert.match(lines[0]!, /^::warning file=[^\n]*::/);
      assert.doesNotMatch(out.replace(/\n/g, ''), RAW);
      assert.ok(!lines[1]!.startsWith('::'));
    });
  }

  it('leaves ordinary text as it is, and escapes every control (property)', () => {
    assert.equal(printable('Lancement de Nova 2 ✨ #Nova 🇫🇷 مرحبا'), 'Lancement de Nova 2 ✨ #Nova 🇫🇷 مرحبا');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = printable(s);
        assert.doesNotMatch(out, RAW);
        assert.ok(!out.includes('\n'));
        assert.equal(safeLineStart(out).startsWith('::'), false);
      }),
      { numRuns: 2000 },
    );
  });
});
