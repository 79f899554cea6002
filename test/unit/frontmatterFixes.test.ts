import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseConfig } from '../../src/core/config';
import { editsOfFixes } from '../../src/core/frontmatter/fix';
import { lint } from '../../src/core/lint';
import type { Diagnostic } from '../../src/core/model';
import { applyEdits, NOW, postFile } from './helpers';

/** The fixes that change the frontmatter, all made through the frontmatter editor. */
const FRONTMATTER_FIXES = ['status.invalid', 'platform.unknown', 'frontmatter.schema', 'media.alt-missing'];

const calendarRoot = join(__dirname, '../../examples/calendar');
const { config } = parseConfig(readFileSync(join(calendarRoot, '.editorial.yaml'), 'utf8'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.md') ? [path] : [];
  });
}

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.code}|${d.platform ?? ''}`).sort();

/** Posts with every kind of frontmatter problem, written in every style the fixes meet. */
const HOSTILE = [
  postFile({ status: 'aproved # to check' }),
  postFile({ status: "'reveiw'" }),
  postFile({ platforms: '[x, twiter, "bsky"]' }),
  postFile({ platforms: '\n  - x\n  - twitter # old name' }),
  postFile({ platforms: 'twiter' }),
  postFile({ plateforms: '[x]', platforms: undefined }),
  postFile({ '"titel"': 'Nova' }),
  postFile({ media: '\n  - a.png # hero\n  - file: b.png\n    alt:\n  - { file: c.png }\n  - { file: d.png, alt: "" }' }),
  postFile({ media: '[a.png, "b c.png"]' }),
  postFile({ media: '\n- file: a.png\n  alt: # later' }).replace(/\n/g, '\r\n'),
];

describe('frontmatter fixes never add an error', () => {
  const posts: Array<[string, string]> = [
    ...files(calendarRoot).map((f) => [relative(calendarRoot, f), readFileSync(f, 'utf8')] as [string, string]),
    ...HOSTILE.map((text, i) => [`hostile ${i}`, text] as [string, string]),
  ];
  let applied = 0;
  after(() => console.log(`      ${applied} frontmatter fixes applied and re-checked`));
  for (const [name, text] of posts) {
    it(name, () => {
      const media = () => 'ok' as const;
      const before = lint('posts/p.md', text, { config, now: NOW, media });
      for (const d of before.diagnostics.filter((x) => FRONTMATTER_FIXES.includes(x.code))) {
        for (const fix of d.fixes ?? []) {
          if (fix.edits.length === 0) continue;
          const fixed = applyEdits(text, fix.edits);
          const after = lint('posts/p.md', fixed, { config, now: NOW, media });
          const added = errors(after.diagnostics).filter((e) => !errors(before.diagnostics).includes(e));
          assert.deepEqual(added, [], `${fix.title} on ${d.code} added errors:\n${fixed}`);
          const count = (ds: readonly Diagnostic[]) => ds.filter((x) => x.code === d.code).length;
          assert.ok(count(after.diagnostics) < count(before.diagnostics), `${fix.title} did not fix:\n${fixed}`);
          applied++;
        }
      }
    });
  }
  it('fixes each hostile post', () => {
    for (const text of HOSTILE) {
      const result = lint('posts/p.md', text, { config, now: NOW, media: () => 'ok' });
      assert.ok(result.diagnostics.some((d) => FRONTMATTER_FIXES.includes(d.code) && (d.fixes ?? []).some((f) => f.edits.length > 0)), `no fix offered:\n${text}`);
    }
  });
});

describe('several frontmatter fixes at once (fix all, source.fixAll)', () => {
  it('go through the editor in turn: two renames to one key write it once', () => {
    const text = postFile({ titel: 'A', tittle: 'B', status: 'aproved', platforms: '[x, twiter]' });
    const result = lint('posts/p.md', text, { config, now: NOW });
    const fixes = result.diagnostics.flatMap((d) => (d.fixes ?? []).filter((f) => f.preferred));
    assert.ok(fixes.length >= 4, `${fixes.length} preferred fixes`);
    const fixed = applyEdits(text, editsOfFixes(text, fixes));
    const after = lint('posts/p.md', fixed, { config, now: NOW });
    assert.deepEqual(errors(after.diagnostics), [], fixed);
    assert.match(fixed, /^title: A$/m);
    assert.match(fixed, /^tittle: B$/m, 'the second rename no longer applies: left for the person');
    assert.match(fixed, /^status: approved$/m);
    assert.match(fixed, /^platforms: \[x, x\]$/m);
  });
});
