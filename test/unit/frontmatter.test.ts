import assert from 'node:assert/strict';
import fc from 'fast-check';
import matter from 'gray-matter';
import { CST, Parser, parse } from 'yaml';
import { editFrontmatter } from '../../src/core/frontmatter/editor';
import { splitFile } from '../../src/core/frontmatter/sections';
import { applyEdits } from '../../src/core/textEdits';

describe('splitFile', () => {
  const cases: Array<[string, string, { yaml: string | null; body: string; unclosed?: boolean }]> = [
    ['plain', '---\ndate: 1\n---\nHi\n', { yaml: 'date: 1\n', body: 'Hi\n' }],
    ['CRLF', '---\r\ndate: 1\r\n---\r\nHi', { yaml: 'date: 1\r\n', body: 'Hi' }],
    ['BOM', '\ufeff---\ndate: 1\n---\nHi', { yaml: 'date: 1\n', body: 'Hi' }],
    ['YAML end marker', '---\ndate: 1\n...\nHi', { yaml: 'date: 1\n', body: 'Hi' }],
    ['trailing spaces on fences', '---  \ndate: 1\n--- \nHi', { yaml: 'date: 1\n', body: 'Hi' }],
    ['empty frontmatter', '---\n---\nHi', { yaml: '', body: 'Hi' }],
    ['no frontmatter', 'Hi\n---\nthere', { yaml: null, body: 'Hi\n---\nthere' }],
    ['unclosed', '---\ndate: 1\nHi', { yaml: 'date: 1\nHi', body: '', unclosed: true }],
    ['a longer fence is not a fence', '----\ndate: 1\n---\n', { yaml: null, body: '----\ndate: 1\n---\n' }],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const s = splitFile(text);
      assert.equal(s.yamlStart < 0 ? null : text.slice(s.yamlStart, s.yamlEnd), expected.yaml);
      assert.equal(text.slice(s.bodyStart), expected.body);
      assert.equal(s.unclosed, expected.unclosed ?? false);
    });
  }

  it('splits well-formed files where gray-matter does', () => {
    const yamlLine = fc.constantFrom('title: Nova', 'date: 2026-12-01T09:30', 'platforms: [x, bluesky]', '# comment', 'tags:\n  - a\n  - b');
    const bodyLine = fc.constantFrom('Bonjour #Nova', '', 'https://nova.app', ':::x', ':::', 'Suite ---');
    fc.assert(
      fc.property(fc.uniqueArray(yamlLine, { minLength: 1, maxLength: 5 }), fc.array(bodyLine, { maxLength: 5 }), (yaml, body) => {
        const text = `---\n${yaml.join('\n')}\n---\n${body.join('\n')}`;
        const s = splitFile(text);
        const gm = matter(text, {});
        (matter as unknown as { clearCache(): void }).clearCache();
        return text.slice(s.bodyStart) === gm.content.replace(/^\n/, '') || text.slice(s.bodyStart) === gm.content;
      }),
      { numRuns: 300 },
    );
  });
});

describe('frontmatter round trip', () => {
  const scalar = fc.oneof(
    fc.constantFrom('plain', '"double quoted"', "'single quoted'", '2026-12-01T09:30', '[x, bluesky]', '{ file: a.png, alt: "Un chat" }', '|\n  bloc\n  texte', '>-\n  plié', '~', 'yes', '0o17'),
    fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).map((s) => JSON.stringify(s)),
  );
  const line = fc.oneof(
    fc.tuple(fc.constantFrom('title', 'date', 'status', 'campaign', 'x'), scalar, fc.constantFrom('', '  # note', ' #c')).map(([k, v, c]) => `${k}: ${v}${v.includes('\n') ? '' : c}`),
    fc.constantFrom('# a comment', '', 'media:\n  - file: a.png   # first\n    alt: "Alt"\n  - b.png', 'tags:\n- a\n- "b"'),
  );

  it('parsing then re-serialising changes nothing, comments, order, quoting and CRLF included', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), (lines, crlf) => {
        let yaml = lines.join('\n') + '\n';
        if (crlf) yaml = yaml.replace(/\n/g, '\r\n');
        const out = [...new Parser().parse(yaml)].map((t) => CST.stringify(t)).join('');
        return out === yaml;
      }),
      { numRuns: 500 },
    );
  });
});

describe('editing a field through the frontmatter editor', () => {
  const set = (text: string, key: string, value: string) => {
    const result = editFrontmatter(text, { kind: 'set', path: [key], value });
    return result.ok ? applyEdits(text, result.edits) : undefined;
  };

  it('rewriting a field with its own value changes no byte of the file (property)', () => {
    const title = fc.constantFrom('Nova', '"Nova 2 : le lancement"', "'l''été'", 'Plain with # not a comment', '"échappé \\"ici\\""');
    const extra = fc.constantFrom('', '# comment\n', 'tags: [a, "b"]   # t\n', 'media:\n  - file: a.png\n    alt: "A"\n');
    fc.assert(
      fc.property(title, extra, extra, fc.boolean(), fc.boolean(), (t, before, after, crlf, bom) => {
        fc.pre(before !== after || !before.includes(':')); // a key written twice is a YAML error
        let text = `---\n${before}title: ${t} # note\n${after}---\nBody #Nova\n`;
        if (crlf) text = text.replace(/\n/g, '\r\n');
        if (bom) text = '\ufeff' + text;
        const current = String(parse(t));
        return set(text, 'title', current) === text;
      }),
      { numRuns: 500 },
    );
  });

  const cases: Array<[string, string, string, string, string]> = [
    ['keeps a trailing comment', '---\ndate: 2026-12-01T09:30 # matin\nstatus: draft\n---\nHi\n', 'date', '2026-12-02T09:30', '---\ndate: 2026-12-02T09:30 # matin\nstatus: draft\n---\nHi\n'],
    ['keeps double quotes', '---\ndate: "2026-12-01T09:30"\n---\n', 'date', '2026-12-03T18:00', '---\ndate: "2026-12-03T18:00"\n---\n'],
    ['keeps single quotes', "---\nstatus: 'draft'\n---\n", 'status', 'review', "---\nstatus: 'review'\n---\n"],
    ['keeps CRLF and the body', '---\r\nstatus: draft\r\ntitle: A\r\n---\r\nText\r\n', 'status', 'approved', '---\r\nstatus: approved\r\ntitle: A\r\n---\r\nText\r\n'],
    ['appends a missing field', '---\ntitle: A\n---\nB', 'status', 'review', '---\ntitle: A\nstatus: review\n---\nB'],
    ['quotes a value that needs it', '---\ntitle: A\n---\n', 'campaign', 'a: b', '---\ntitle: A\ncampaign: "a: b"\n---\n'],
  ];
  for (const [name, before, key, value, after] of cases) {
    it(name, () => assert.equal(set(before, key, value), after));
  }

  it('refuses files it cannot edit safely', () => {
    assert.equal(set('---\n- a list\n---\n', 'status', 'x'), undefined);
    assert.equal(set('---\ntags: [a]\n---\n', 'tags', 'x'), undefined);
  });
});
