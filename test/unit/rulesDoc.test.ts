import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/** Every `.ts` file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sources(path) : f.endsWith('.ts') ? [path] : [];
  });
}

describe('docs/rules.md', () => {
  it('documents every diagnostic code the core can report', () => {
    const used = new Set<string>();
    for (const file of sources(join(root, 'src/core'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:code: |report\(|fail\()'([a-z]+\.[a-z-]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/codes: \[([^\]]*)\]/g)) for (const c of m[1]!.matchAll(/'([a-z]+\.[a-z-]+)'/g)) used.add(c[1]!);
    }
    const documented = new Set([...readFileSync(join(root, 'docs/rules.md'), 'utf8').matchAll(/<a id="([a-z]+\.[a-z-]+)"><\/a>/g)].map((m) => m[1]!));
    assert.ok(used.size > 30, [...used].join(' '));
    assert.deepEqual([...used].filter((c) => !documented.has(c)).sort(), []);
  });
});
