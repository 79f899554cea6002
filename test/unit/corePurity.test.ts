import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The core must run anywhere (CLI, extension host, webviews): no VS Code, no Node built-ins. */
describe('src/core purity', () => {
  const root = join(__dirname, '../../src/core');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
  it('has files to check', () => assert.ok(files.length > 10));
  for (const file of files) {
    it(file, () => {
      const source = readFileSync(join(root, file), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      const forbidden = imports.filter((i) => i === 'vscode' || i.startsWith('node:') || ['fs', 'path', 'os', 'child_process'].includes(i));
      assert.deepEqual(forbidden, []);
    });
  }
});
