import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageHtml } from '../../src/core/webviewPage';

// A webview page closed while it loads a file through VS Code 1.100's webview service worker leaves
// that worker waiting 30 s, and the next webview (the calendar, after a preview closed at once)
// blank as long. So the pages load nothing: their script, styles and font are in the HTML.
const ROOT = join(__dirname, '../..');

/** A built webview file. `npm test` builds first; a bare `npx mocha` on a fresh clone builds here. */
function built(name: string): string {
  const file = join(ROOT, 'dist', 'webview', name);
  if (!existsSync(file)) {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `dist/webview/${name} is missing and \`node esbuild.mjs\` failed:\n${r.stderr}`);
  }
  return readFileSync(file, 'utf8');
}

const page = (script: string, style = 'b{}') => pageHtml({ title: 'T "x"', assets: { script, style }, init: { a: '</script><b>' }, nonce: 'N0nce+/=', cspSource: 'https://res.example', language: 'fr' });

describe('webview pages', () => {
  it('load nothing: script and styles inline under the nonce, no src or href, fonts only as data:', () => {
    const html = page('go()');
    assert.doesNotMatch(html, /\s(src|href)=/);
    assert.doesNotMatch(html, /<link/);
    assert.match(html, /<style nonce="N0nce\+\/=">b\{\}<\/style>/);
    assert.match(html, /<script nonce="N0nce\+\/=">go\(\)<\/script>/);
    const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    assert.deepEqual(csp.split('; '), [`default-src 'none'`, 'img-src https://res.example', 'font-src data:', `style-src 'nonce-N0nce+/='`, `script-src 'nonce-N0nce+/='`]);
    assert.ok(html.includes('data-init="{&quot;a&quot;:&quot;&lt;/script&gt;&lt;b&gt;&quot;}"'));
    assert.ok(html.includes('<title>T &quot;x&quot;</title>'));
  });

  it('keep a </script or </style inside the script or styles from closing their element', () => {
    const html = page('const s = "</script><img src=x>"; /<\\/SCRIPT>/.test(s);', 'a::after{content:"</style>"}');
    assert.equal(html.match(/<\/script>/g)!.length, 1);
    assert.equal(html.match(/<\/style>/g)!.length, 1);
    assert.ok(html.includes('"<\\/script><img src=x>"'));
    assert.ok(html.includes('content:"<\\/style>"'));
    // What the browser reads in the string is the same text.
    assert.equal(JSON.parse('"<\\/script>"'), '</script>');
  });

  for (const name of ['calendar', 'preview']) {
    it(`${name}: the built styles point at no file (the codicons' font is a data: URL)`, () => {
      const css = built(`${name}.css`);
      assert.match(css, /\.codicon-calendar/);
      const urls = [...css.matchAll(/url\(\s*["']?([^"')]*)/g)].map((m) => m[1]!);
      assert.ok(urls.length > 0, 'the font');
      assert.deepEqual(urls.filter((u) => !u.startsWith('data:')), []);
      assert.doesNotMatch(built(`${name}.js`), /\bimportScripts\(|new Worker\(|fetch\(/);
    });
  }
});
