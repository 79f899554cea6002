import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The core and the services must run anywhere (CLI, extension host, web worker, webviews): no VS
 * Code, no Node built-ins; the services reach files only through the core's ports. And the arrows
 * point one way: the core imports no service, no host.
 */
for (const [folder, banned] of [
  ['src/core', /^\.\.\/(?:services|node|extension|cli|webview)\//],
  ['src/services', /^\.\.\/(?:node|extension|cli|webview)\//],
] as const) {
  describe(`${folder} purity`, () => {
    const root = join(__dirname, '../..', folder);
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    it('has files to check', () => assert.ok(files.length > 5));
    for (const file of files) {
      it(file, () => {
        const source = readFileSync(join(root, file), 'utf8');
        const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
        const forbidden = imports.filter((i) => i === 'vscode' || i.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'picomatch'].includes(i) || banned.test(i.replace(/^(\.\.\/)+/, '../')));
        assert.deepEqual(forbidden, []);
      });
    }
  });
}
