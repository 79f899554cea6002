import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readZip, type ZipEntry } from './zip';

const ROOT = join(__dirname, '../..');
const VSIX = join(ROOT, 'editorial-calendar.vsix');

describe('npm run package', () => {
  let entries: ZipEntry[] = [];
  const entry = (name: string) => entries.find((e) => e.name === name);

  before(function () {
    this.timeout(180_000);
    // A dev build first, so dist/ holds source maps the package must leave out.
    const dev = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(dev.status, 0, dev.stderr);
    const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    entries = readZip(readFileSync(VSIX));
  });

  it('ships the extension bundle, the webviews, the manifest and the third-party notices', () => {
    for (const name of ['extension.vsixmanifest', 'extension/package.json', 'extension/dist/extension.js', 'extension/dist/browser/extension.js', 'extension/dist/webview/calendar.js', 'extension/dist/webview/calendar.css', 'extension/dist/webview/preview.css', 'extension/dist/THIRD-PARTY-NOTICES.txt']) {
      assert.ok(entry(name), `${name} missing from ${entries.map((e) => e.name).join(', ')}`);
    }
  });

  it('ships no source map, no sources, no tests and no node_modules', () => {
    const unwanted = entries.map((e) => e.name).filter((n) => n.endsWith('.map') || /^extension\/(src|test|node_modules|out|build)\//.test(n));
    assert.deepEqual(unwanted, []);
  });

  it('ships minified bundles without a source map link', () => {
    for (const name of ['extension/dist/extension.js', 'extension/dist/browser/extension.js', 'extension/dist/webview/calendar.js', 'extension/dist/webview/preview.js']) {
      const text = entry(name)!.read().toString('utf8');
      assert.doesNotMatch(text, /sourceMappingURL/, name);
      const lines = text.split('\n').length;
      assert.ok(text.length / lines > 300, `${name}: ${lines} lines for ${text.length} characters, not minified`);
    }
  });

  it('names each bundled package with its licence text, and no core-js (left out of the bundles)', () => {
    const notices = entry('extension/dist/THIRD-PARTY-NOTICES.txt')!.read().toString('utf8');
    for (const line of ['twitter-text 3.1.0 (Apache-2.0)', '@vscode/codicons', 'yaml ', 'remark-parse ', 'micromark ', 'picomatch ', 'tlds ', 'twemoji-parser ']) {
      assert.ok(notices.includes(`\n  ${line}`), `${line} not listed`);
    }
    assert.match(notices, /Apache License\s+Version 2\.0/);
    assert.match(notices, /Attribution 4\.0 International/);
    assert.doesNotMatch(notices, /core-js/);
  });

  it('is as large as README.md says, within 10%', () => {
    const kb = statSync(VSIX).size / 1024;
    const stated = readFileSync(join(ROOT, 'README.md'), 'utf8').match(/`editorial-calendar\.vsix` \(about (\d+) KB\)/);
    assert.ok(stated, 'README.md states no .vsix size');
    assert.ok(Math.abs(kb - Number(stated[1])) <= Number(stated[1]) * 0.1, `the .vsix is ${kb.toFixed(0)} KB, README.md says about ${stated[1]} KB`);
  });
});
