import assert from 'node:assert/strict';
import { parseBody, splitThread } from '../../src/core/body';
import { MappedText } from '../../src/core/text/mappedText';

const mapped = (s: string) => {
  const m = new MappedText();
  m.appendSource(s, 0);
  return m;
};

describe('parseBody', () => {
  it('separates the default text from :::network variants', () => {
    const text = 'Default\n\n:::x\nFor X\n:::\n\n:::LinkedIn\nFor LinkedIn\n:::\nEnd';
    const body = parseBody(text, 0);
    assert.equal(body.defaultText.value.trim(), 'Default\n\n\nEnd');
    assert.deepEqual(body.variants.map((v) => [v.id, v.text.value, v.closed]), [['x', 'For X\n', true], ['linkedin', 'For LinkedIn\n', true]]);
  });

  it('maps variant text back to its place in the file', () => {
    const text = 'A\n:::x\nHello\n:::\n';
    const v = parseBody(text, 0).variants[0]!;
    assert.equal(text.slice(v.text.toSource(0), v.text.toSource(5)), 'Hello');
  });

  it('counts CRLF as one line break and maps it back', () => {
    const text = 'Un\r\nDeux\r\n';
    const body = parseBody(text, 0);
    assert.equal(body.defaultText.value, 'Un\nDeux\n');
    assert.equal(body.defaultText.toSource(3), 4);
  });

  it('reports an unclosed variant and ends it at the next fence', () => {
    const body = parseBody(':::x\nA\n:::bluesky\nB\n:::\n', 0);
    assert.deepEqual(body.variants.map((v) => [v.id, v.closed, v.text.value]), [['x', false, 'A\n'], ['bluesky', true, 'B\n']]);
  });
});

describe('splitThread', () => {
  const cases: Array<[string, string, string[]]> = [
    ['no separator', 'One\nline', ['One\nline']],
    ['parts between blank lines', 'One\n\n---\n\nTwo\n\n---\n\nThree', ['One', 'Two', 'Three']],
    ['--- right under text is not a separator', 'Title\n---\nText', ['Title\n---\nText']],
    ['trailing spaces allowed', 'A\n\n---  \n\nB', ['A', 'B']],
    ['blank lines around parts are trimmed', '\n\nA\n\n\n---\n\n\nB\n\n', ['A', 'B']],
    ['an empty part stays (and is reported)', 'A\n\n---\n\n---\n\nB', ['A', '', 'B']],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(splitThread(mapped(input)).map((p) => p.value), expected));
  }
});
