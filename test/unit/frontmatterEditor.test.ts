import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CST, isMap, isSeq, Parser, parseDocument, type Document } from 'yaml';
import { changedData, sameData, type FrontmatterChange, type FrontmatterPath } from '../../src/core/frontmatter/change';
import { editFrontmatter } from '../../src/core/frontmatter/editor';
import { splitFile } from '../../src/core/frontmatter/sections';
import { applyEdits, composeEdits } from '../../src/core/textEdits';
import { NEW_KEYS, newValue, postFileText } from './frontmatterArbitrary';

const edit = (text: string, change: FrontmatterChange) => {
  const result = editFrontmatter(text, change);
  return result.ok ? applyEdits(text, result.edits) : `refused: ${result.reason}`;
};

describe('frontmatter editor', () => {
  describe('the defects it replaces', () => {
    const cases: Array<[string, string, FrontmatterChange, string]> = [
      ['an empty value before a comment', '---\nstatus: # todo\n---\n', { kind: 'set', path: ['status'], value: 'review' }, '---\nstatus: review # todo\n---\n'],
      ['a date to decide', '---\ndate: # to decide\n---\nBody', { kind: 'set', path: ['date'], value: '2027-01-12T09:30' }, '---\ndate: 2027-01-12T09:30 # to decide\n---\nBody'],
      ['a block scalar, CRLF kept', '---\r\ndate: >-\r\n  2026-12-01\r\ntitle: a\r\n---\r\n', { kind: 'set', path: ['date'], value: '2027-01-12T09:30' }, '---\r\ndate: 2027-01-12T09:30\r\ntitle: a\r\n---\r\n'],
      ['a quoted year stays a string', "---\nyear: '2026'\n---\n", { kind: 'set', path: ['year'], value: '2027' }, "---\nyear: '2027'\n---\n"],
      ['a string that reads as a boolean', '---\nnote: draft\n---\n', { kind: 'set', path: ['note'], value: 'true' }, '---\nnote: "true"\n---\n'],
      ['an empty string', '---\nnote: draft\n---\n', { kind: 'set', path: ['note'], value: '' }, '---\nnote: ""\n---\n'],
      ['a line break', '---\nnote: draft\n---\n', { kind: 'set', path: ['note'], value: 'a\nb' }, '---\nnote: "a\\nb"\n---\n'],
      ['a number stays a number', '---\nn: 1\n---\n', { kind: 'set', path: ['n'], value: 2 }, '---\nn: 2\n---\n'],
    ];
    for (const [name, before, change, after] of cases) it(name, () => assert.equal(edit(before, change), after));
  });

  describe('setting, appending, removing, renaming', () => {
    const cases: Array<[string, string, FrontmatterChange, string]> = [
      ['creates missing maps in the file indentation', '---\ntitle: a\nmedia:\n    - a.png\n---\n', { kind: 'set', path: ['results', 'bluesky', 'id'], value: 'at://did/1' }, '---\ntitle: a\nmedia:\n    - a.png\nresults:\n    bluesky:\n        id: at://did/1\n---\n'],
      ['adds to an existing nested map', '---\nresults:\n  x: { id: 1 } # sent\n---\n', { kind: 'set', path: ['results', 'bluesky', 'id'], value: 'b' }, '---\nresults:\n  x: { id: 1 } # sent\n  bluesky:\n    id: b\n---\n'],
      ['sets inside a flow map', '---\nresults: {x: {id: 1}}\n---\n', { kind: 'set', path: ['results', 'x', 'url'], value: 'https://x.com/1' }, '---\nresults: {x: {id: 1, url: https://x.com/1}}\n---\n'],
      ['gives an empty key a map under it', '---\nresults: # none yet\ntitle: a\n---\n', { kind: 'set', path: ['results', 'x', 'id'], value: '1' }, '---\nresults: # none yet\n  x:\n    id: "1"\ntitle: a\n---\n'],
      ['appends in the style of the list', '---\napprovals:\n  - { by: Léa, at: 2026-12-01 }\n---\n', { kind: 'append', path: ['approvals'], value: { by: 'Max <max@nova.app>', at: '2026-12-02T10:00+01:00' } }, '---\napprovals:\n  - { by: Léa, at: 2026-12-01 }\n  - { by: Max <max@nova.app>, at: 2026-12-02T10:00+01:00 }\n---\n'],
      ['appends a block map item', '---\napprovals:\n- by: Léa\n  at: x\n---\n', { kind: 'append', path: ['approvals'], value: { by: 'Max', at: 'y' } }, '---\napprovals:\n- by: Léa\n  at: x\n- by: Max\n  at: y\n---\n'],
      ['creates a list', '---\ntitle: a\n---\n', { kind: 'append', path: ['approvals'], value: { by: 'Max', at: 'y' } }, '---\ntitle: a\napprovals:\n  - by: Max\n    at: y\n---\n'],
      ['appends to a flow list', '---\ntags: [a, b]\n---\n', { kind: 'append', path: ['tags'], value: 'c d' }, '---\ntags: [a, b, c d]\n---\n'],
      ['appends to an empty flow list', '---\ntags: []\n---\n', { kind: 'append', path: ['tags'], value: 'a, b' }, '---\ntags: ["a, b"]\n---\n'],
      ['removes a list item and its lines', '---\napprovals:\n  - by: a # first\n    at: b\n  - by: c\n---\n', { kind: 'remove', path: ['approvals', 0] }, '---\napprovals:\n  - by: c\n---\n'],
      ['removing the last item leaves an empty list', '---\napprovals: # signed\n  - by: a\n---\n', { kind: 'remove', path: ['approvals', 0] }, '---\napprovals: [] # signed\n---\n'],
      ['removes from a flow list', '---\ntags: [a, b, c]\n---\n', { kind: 'remove', path: ['tags', 1] }, '---\ntags: [a, c]\n---\n'],
      ['removes the first of a flow list', '---\ntags: [a, b]\n---\n', { kind: 'remove', path: ['tags', 0] }, '---\ntags: [b]\n---\n'],
      ['removes a key, keeping the comment above the next', '---\ntitle: a\n# about x\nx: 1\n---\n', { kind: 'remove', path: ['title'] }, '---\n# about x\nx: 1\n---\n'],
      ['removing a missing key changes nothing', '---\ntitle: a\n---\n', { kind: 'remove', path: ['results', 'x'] }, '---\ntitle: a\n---\n'],
      ['renames a key in place', '---\nplateforms: [x] # où\ntitle: a\n---\n', { kind: 'rename', path: ['plateforms'], key: 'platforms' }, '---\nplatforms: [x] # où\ntitle: a\n---\n'],
      ['turns a bare media path into file and alt', '---\nmedia:\n  - a.png # hero\n---\n', { kind: 'set', path: ['media', 0], value: { file: 'a.png', alt: 'Un chat : roux' } }, '---\nmedia:\n  - file: a.png\n    alt: "Un chat : roux" # hero\n---\n'],
      ['gives a file without frontmatter one', 'Bonjour\n', { kind: 'set', path: ['status'], value: 'draft' }, '---\nstatus: draft\n---\nBonjour\n'],
      ['keeps a BOM', '\ufeff---\ntitle: a\n---\n', { kind: 'set', path: ['title'], value: 'b' }, '\ufeff---\ntitle: b\n---\n'],
      ['keeps double quotes', '---\ntitle: "a"\n---\n', { kind: 'set', path: ['title'], value: 'b' }, '---\ntitle: "b"\n---\n'],
    ];
    for (const [name, before, change, after] of cases) it(name, () => assert.equal(edit(before, change), after));
  });

  describe('refusals, with a reason', () => {
    const cases: Array<[string, string, FrontmatterChange, string]> = [
      ['an alias on the way', '---\nbase: &b {x: 1}\nother: *b\n---\n', { kind: 'set', path: ['other', 'x'], value: 2 }, 'refused: alias'],
      ['an anchored value others share', '---\nbase: &b {x: 1}\nother: *b\n---\n', { kind: 'set', path: ['base', 'x'], value: 2 }, 'refused: shared'],
      ['broken YAML', '---\ntitle: [a\n---\n', { kind: 'set', path: ['title'], value: 'b' }, 'refused: yaml-errors'],
      ['no closing fence', '---\ntitle: a\n', { kind: 'set', path: ['title'], value: 'b' }, 'refused: unclosed'],
      ['a scalar over a list', '---\ntags: [a]\n---\n', { kind: 'set', path: ['tags'], value: 'b' }, 'refused: not-a-value'],
      ['an item of a text', '---\ntags: a\n---\n', { kind: 'append', path: ['tags'], value: 'b' }, 'refused: not-a-list'],
      ['a key under a list', '---\nmedia: [a]\n---\n', { kind: 'set', path: ['media', 'x'], value: 'b' }, 'refused: not-a-map'],
      ['a rename onto an existing key', '---\na: 1\nb: 2\n---\n', { kind: 'rename', path: ['a'], key: 'b' }, 'refused: duplicate-key'],
      ['a missing item', '---\ntags: [a]\n---\n', { kind: 'remove', path: ['tags', 3] }, 'refused: missing'],
    ];
    for (const [name, before, change, after] of cases) it(name, () => assert.equal(edit(before, change), after));
  });

  it('applies several changes as one set of edits', () => {
    const text = '---\nstatus: review # wf\napprovals: []\n---\nBody';
    const result = editFrontmatter(text, [
      { kind: 'append', path: ['approvals'], value: { by: 'Léa', at: 'now' } },
      { kind: 'set', path: ['status'], value: 'approved' },
      { kind: 'set', path: ['results', 'x', 'id'], value: '1' },
    ]);
    assert.ok(result.ok);
    assert.equal(result.edits.length, 3);
    assert.equal(applyEdits(text, result.edits), '---\nstatus: approved # wf\napprovals: [{ by: Léa, at: now }]\nresults:\n  x:\n    id: "1"\n---\nBody');
  });

  it('composes edits as applying them in turn does (property)', () => {
    const editsOf = (length: number) =>
      fc.array(fc.tuple(fc.nat(length), fc.nat(4), fc.string({ maxLength: 4 })), { maxLength: 4 }).map((raw) => {
        const sorted = raw.map(([s, l, t]) => ({ start: s, end: Math.min(length, s + l), newText: t })).sort((a, b) => a.start - b.start);
        const out: Array<{ start: number; end: number; newText: string }> = [];
        for (const e of sorted) if (out.length === 0 || e.start >= out[out.length - 1]!.end + 1) out.push(e);
        return out;
      });
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }).chain((text) => fc.tuple(fc.constant(text), editsOf(text.length))).chain(([text, first]) => {
        const middle = applyEdits(text, first);
        return fc.tuple(fc.constant(text), fc.constant(first), editsOf(middle.length));
      }), ([text, first, second]) => {
        const composed = composeEdits(text, first, second);
        assert.equal(applyEdits(text, composed), applyEdits(applyEdits(text, first), second));
        for (let i = 1; i < composed.length; i++) assert.ok(composed[i]!.start > composed[i - 1]!.end, 'composed edits neither overlap nor touch');
      }),
      { numRuns: 2000 },
    );
  });

  describe('on random frontmatter × random changes (property)', function () {
    // 12,000 runs: a slow or busy machine must not fail it for time (speed is the benchmark's job).
    this.timeout(300_000);
    const stats = { runs: 0, applied: 0, refused: new Map<string, number>(), invalidInputs: 0 };
    after(() => {
      console.log(`      ${stats.runs} runs: ${stats.applied} changes applied, refused ${JSON.stringify(Object.fromEntries(stats.refused))}, ${stats.invalidInputs} generated texts were not valid YAML`);
    });

    it('reads back as exactly the intended data, every byte outside the edits kept', () => {
      fc.assert(
        fc.property(postFileText, fc.nat(7), fc.nat(), fc.nat(NEW_KEYS.length * 3), fc.nat(2), newValue, ({ text, crlf, bom }, kindPick, pathPick, keyPick, depth, value) => {
          const sections = splitFile(text);
          const yaml = text.slice(sections.yamlStart, sections.yamlEnd);
          const doc = parseDocument(yaml, { uniqueKeys: true });
          if (doc.errors.length > 0) {
            stats.invalidInputs++;
            return;
          }
          stats.runs++;
          const data = doc.toJS() ?? {};
          if (isCyclic(data)) {
            // `&a1 [*a1]`: a value containing itself is refused, never walked forever.
            const result = editFrontmatter(text, { kind: 'set', path: ['title'], value: 'x' });
            assert.ok(!result.ok && result.reason === 'alias');
            return;
          }
          const change = pickChange(doc, kindPick, pathPick, keyPick, depth, value);
          const intended = changedData(data, change);
          const reference = libraryReference(yaml, change);
          if (reference !== NOT_APPLICABLE && intended !== undefined) assert.ok(sameData(reference, intended), 'the intended data agrees with the yaml library');

          const result = editFrontmatter(text, change);
          if (!result.ok) {
            stats.refused.set(result.reason, (stats.refused.get(result.reason) ?? 0) + 1);
            assert.ok(!['unsafe', 'yaml-errors', 'unclosed'].includes(result.reason), `refused ${result.reason}: ${JSON.stringify(change)} on ${JSON.stringify(yaml)}`);
            if (result.reason === 'alias' || result.reason === 'shared') assert.match(yaml, /\*a\d/, 'alias refusals only where aliases are');
            else assert.equal(intended, undefined, `refused ${result.reason} a change that applies: ${JSON.stringify(change)} on ${JSON.stringify(yaml)}`);
            return;
          }
          stats.applied++;
          assert.notEqual(intended, undefined, `applied a change that does not apply: ${JSON.stringify(change)}`);
          const afterText = applyEdits(text, result.edits);
          const s2 = splitFile(afterText);
          const reread = parseDocument(afterText.slice(s2.yamlStart, s2.yamlEnd), { uniqueKeys: true });
          assert.deepEqual(reread.errors.map((e) => e.message), [], `broken YAML after ${JSON.stringify(change)}:\n${afterText}`);
          assert.ok(sameData(reread.toJS() ?? {}, intended), `changed data after ${JSON.stringify(change)}:\n${yaml}\n→\n${afterText.slice(s2.yamlStart, s2.yamlEnd)}`);
          // Bytes outside the edits: the body, the BOM, the fences; line breaks in the file's style.
          assert.equal(afterText.slice(s2.bodyStart), text.slice(sections.bodyStart));
          assert.equal(afterText.startsWith('\ufeff'), bom);
          for (const e of result.edits) assert.ok(e.start >= sections.yamlStart && e.end <= sections.yamlEnd, 'edits stay inside the frontmatter');
          if (crlf) assert.ok(!/(?<!\r)\n/.test(afterText), 'no bare LF in a CRLF file');
          else assert.ok(!afterText.includes('\r'), 'no CR in an LF file');
          // Comments: only a removed entry's own go.
          const kept = change.kind === 'remove' ? outside(doc, change.path) : () => true;
          for (const c of comments(yaml)) {
            const offset = c.offset + sections.yamlStart;
            const deleted = result.edits.some((e) => offset >= e.start && offset < e.end);
            if (kept(c.offset)) assert.ok(!deleted, `comment ${c.source} lost by ${JSON.stringify(change)}`);
          }
        }),
        { numRuns: Number(process.env['EDITOR_RUNS'] ?? 12_000) },
      );
      assert.ok(stats.invalidInputs < stats.runs / 10, 'the generator mostly writes valid YAML');
    });
  });
});

/** A change from random picks, about the paths the document really has (and some it has not). */
function pickChange(doc: Document, kindPick: number, pathPick: number, keyPick: number, depth: number, value: unknown): FrontmatterChange {
  const paths = allPaths(doc.toJS() ?? {});
  const existing = paths[pathPick % paths.length]!;
  const maps = paths.filter((p) => isPlainObject(p.value));
  const map = maps[pathPick % Math.max(1, maps.length)]?.path ?? [];
  const newKeys = Array.from({ length: depth + 1 }, (_, i) => NEW_KEYS[(keyPick + i * 7) % NEW_KEYS.length]!);
  const v = value as FrontmatterChange extends { value: infer V } ? V : never;
  switch (kindPick) {
    case 0:
    case 1:
      return { kind: 'set', path: existing.path.length > 0 ? existing.path : ['title'], value: v };
    case 2:
      return { kind: 'set', path: [...map, ...newKeys], value: v };
    case 3:
      return { kind: 'append', path: existing.path.length > 0 ? existing.path : ['tags'], value: v };
    case 4:
      return { kind: 'append', path: [...map, newKeys[0]!], value: v };
    case 5:
      return { kind: 'remove', path: existing.path.length > 0 ? existing.path : ['x'] };
    case 6:
      return { kind: 'remove', path: [...map, newKeys[0]!] };
    default: {
      const keyed = paths.filter((p) => typeof p.path[p.path.length - 1] === 'string');
      const target = keyed[pathPick % Math.max(1, keyed.length)]?.path ?? ['title'];
      const siblings = paths.filter((p) => p.path.length === target.length && p.path.slice(0, -1).join('\0') === target.slice(0, -1).join('\0'));
      const onto = keyPick % 3 === 0 && siblings.length > 1 ? String(siblings[keyPick % siblings.length]!.path[target.length - 1]) : newKeys[0]!;
      return { kind: 'rename', path: target, key: onto };
    }
  }
}

function allPaths(data: unknown, path: FrontmatterPath = []): Array<{ path: FrontmatterPath; value: unknown }> {
  const out = [{ path, value: data }];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...allPaths(v, [...path, i])));
  else if (isPlainObject(data)) for (const [k, v] of Object.entries(data)) out.push(...allPaths(v, [...path, k]));
  return out;
}

const NOT_APPLICABLE = Symbol('the library has no such operation here');

/** The same change made with the yaml library's own Document API, where it has one. */
function libraryReference(yaml: string, change: FrontmatterChange): unknown {
  const doc = parseDocument(yaml, { uniqueKeys: true });
  if (yaml.includes('*a')) return NOT_APPLICABLE; // the library edits the anchored node, aliases included
  try {
    if (change.kind === 'set' && isMap(doc.contents)) doc.setIn(change.path, doc.createNode(change.value));
    else if (change.kind === 'remove' && doc.hasIn(change.path)) doc.deleteIn(change.path);
    else if (change.kind === 'append' && isSeq(doc.getIn(change.path, true))) (doc.getIn(change.path, true) as { add(v: unknown): void }).add(doc.createNode(change.value));
    else return NOT_APPLICABLE;
  } catch {
    return NOT_APPLICABLE; // e.g. a key under an empty value: the library wants a collection there
  }
  return doc.toJS() ?? {};
}

/** The comment tokens of a YAML text. */
function comments(yaml: string): CST.SourceToken[] {
  const out: CST.SourceToken[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const t = node as CST.SourceToken;
    if (t.type === 'comment') out.push(t);
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  walk([...new Parser().parse(yaml)]);
  return out;
}

/**
 * For a removal: whether an offset lies outside the removed entry, which owns what is written
 * between the end of the entry before it and its own end (a comment after its `-` included).
 */
function outside(doc: Document, path: FrontmatterPath): (offset: number) => boolean {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1]!;
  type Ranged = { range?: [number, number, number] } | null | undefined;
  const whole = (parent as Ranged)?.range;
  let ends: Array<[number, number]> = []; // [start, end] of each entry
  if (isMap(parent)) ends = parent.items.map((p) => [(p.key as Ranged)?.range?.[0] ?? 0, (p.value as Ranged)?.range?.[2] ?? (p.key as Ranged)?.range?.[2] ?? 0]);
  else if (isSeq(parent)) ends = parent.items.map((i) => [(i as Ranged)?.range?.[0] ?? 0, (i as Ranged)?.range?.[2] ?? 0]);
  const index = isMap(parent) ? parent.items.findIndex((p) => String((p.key as { value?: unknown } | null)?.value) === String(last)) : Number(last);
  if (index < 0 || !ends[index] || !whole) return () => true;
  const from = index > 0 ? ends[index - 1]![1] : Math.min(whole[0], ends[index]![0]) - 2;
  // A whole collection emptied is rewritten from its first entry to its end.
  const to = ends.length === 1 ? Math.max(whole[2], ends[index]![1]) : ends[index]![1];
  return (offset) => offset < from || offset >= to;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isCyclic(data: unknown, seen: object[] = []): boolean {
  if (data === null || typeof data !== 'object') return false;
  if (seen.includes(data)) return true;
  return Object.values(data).some((v) => isCyclic(v, [...seen, data]));
}

describe('frontmatter editor on hostile input', () => {
  const cases: Array<[string, string, FrontmatterChange, string]> = [
    ["a neighbour's comment in a flow list", '---\ntags: [nova, # launch tag\n  promo]\n---\n', { kind: 'remove', path: ['tags', 1] }, '---\ntags: [nova # launch tag\n  ]\n---\n'],
    ['a comment line in a flow list', '---\ntags: [nova,\n  # about promo\n  promo]\n---\n', { kind: 'remove', path: ['tags', 0] }, '---\ntags: [\n  # about promo\n  promo]\n---\n'],
    ["a neighbour's comment in a flow map", '---\nr: {x: 1, # by Léa\n  y: 2}\n---\n', { kind: 'remove', path: ['r', 'y'] }, '---\nr: {x: 1 # by Léa\n  }\n---\n'],
    ['a comment between a tag and its value', '---\na: !!str # keep me\n  b\n---\n', { kind: 'set', path: ['a'], value: 'x' }, '---\na:  # keep me\n  x\n---\n'],
    ["a key's tag goes with the key", '---\n!!str b: 2\n# keep\na: 1\n---\n', { kind: 'remove', path: ['b'] }, '---\n# keep\na: 1\n---\n'],
    ["the last key's anchor goes with it", '---\na: 1\n&k b: 2\n---\n', { kind: 'remove', path: ['b'] }, '---\na: 1\n---\n'],
    ['an explicit key', '---\n? a\n: 1\nb: 2\n---\n', { kind: 'remove', path: ['a'] }, '---\nb: 2\n---\n'],
    ['an explicit key without a value', '---\n? a\n---\n', { kind: 'append', path: ['a'], value: 'x' }, 'refused: unsafe'],
    ['an empty key on a blank first line', '---\n\n:\n---\n', { kind: 'set', path: ['nk'], value: 'x' }, '---\n\n:\nnk: x\n---\n'],
    ['more aliases than yaml resolves', `---\na: &a x\nb: [${Array(101).fill('*a').join(', ')}]\n---\n`, { kind: 'set', path: ['c'], value: 'x' }, 'refused: alias'],
  ];
  for (const [name, before, change, after] of cases) it(name, () => assert.equal(edit(before, change), after));

  it('writes a key named __proto__ as a key, never on Object.prototype', () => {
    assert.equal(edit('---\na: 1\n---\n', { kind: 'set', path: ['__proto__', 'polluted'], value: 'yes' }), '---\na: 1\n__proto__:\n  polluted: yes\n---\n');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('refuses a frontmatter nested 1,000 levels deep instead of overflowing the stack', () => {
    const text = `---\nx: ${'['.repeat(1000)}${']'.repeat(1000)}\ntitle: a\n---\n`;
    assert.equal(edit(text, { kind: 'set', path: ['title'], value: 'b' }), 'refused: yaml-errors');
  });
  it('writes a value that looks like deep YAML as a quoted string', () => {
    const value = '['.repeat(1000);
    const result = editFrontmatter('---\ntitle: a\n---\n', { kind: 'set', path: ['title'], value });
    assert.ok(result.ok);
    assert.equal(applyEdits('---\ntitle: a\n---\n', result.edits), `---\ntitle: "${value}"\n---\n`);
  });
});
