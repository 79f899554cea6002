// Bundles the extension, the CLI and the webviews with esbuild, and writes their third-party notices.
// Usage: node esbuild.mjs [--production] [--watch]. Type-checking is separate: npm run typecheck.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { writeNotices } from './build/notices.mjs';
import { withoutCoreJs } from './build/withoutCoreJs.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** What ships: in the .vsix, and dist/cli.js as the package's `bin`. @type {esbuild.BuildOptions[]} */
const shipped = [
  {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The extension in a browser's worker (vscode.dev, github.dev): package.json `browser`. No
    // Node built-in resolves for this platform, and `checkWebBundle` refuses the Node host's files.
    entryPoints: ['src/extension/web.ts'],
    outfile: 'dist/browser/extension.js',
    platform: 'browser',
    // A worker has no DOM: packages' `worker` builds (decode-named-character-reference's `browser`
    // one decodes entities through `document`).
    conditions: ['worker'],
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { EDCAL_VERSION: JSON.stringify(version) },
  },
  {
    // The calendar webview's front-end, for the browser.
    entryPoints: ['src/webview/calendar/main.ts'],
    outfile: 'dist/webview/calendar.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // The per-network preview's front-end, for the browser.
    entryPoints: ['src/webview/preview/main.ts'],
    outfile: 'dist/webview/preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // The report webview's toolbar (the report itself is drawn by the extension).
    entryPoints: ['src/webview/report/main.ts'],
    outfile: 'dist/webview/report.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // Each webview's style sheet, codicons included and their font inlined as a data: URL: the
    // page loads nothing (see src/extension/webviewHtml.ts).
    entryPoints: { calendar: 'src/webview/calendar/calendar.css', preview: 'src/webview/preview/preview.css', report: 'src/webview/report/report.css' },
    outdir: 'dist/webview',
    loader: { '.ttf': 'dataurl' },
  },
];

/** @type {esbuild.BuildOptions[]} */
const testOnly = [
  {
    // The integration suite, run inside a real VS Code's extension host (test/vscode/run.mjs).
    entryPoints: ['test/integration/index.ts', 'test/integration/diagnostics.test.ts', 'test/integration/commands.test.ts', 'test/integration/dailyUse.test.ts', 'test/integration/calendar.test.ts', 'test/integration/preview.test.ts', 'test/integration/trust.test.ts', 'test/integration/publish.test.ts', 'test/integration/approve.test.ts', 'test/integration/compare.test.ts', 'test/integration/staleMedia.test.ts', 'test/integration/report.test.ts', 'test/integration/bench.ts'],
    outdir: 'out/test/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  },
  {
    // The suites that also run in a browser's worker extension host (node test/vscode/run.mjs web):
    // one file, requiring nothing but vscode; node:assert/strict is test/web/assert.ts there.
    entryPoints: ['test/web/index.ts', 'test/web/bench.ts'],
    outdir: 'out/test/web',
    platform: 'browser',
    conditions: ['worker'],
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    alias: { 'node:assert/strict': './test/web/assert.ts' },
  },
  {
    // The same suite under VS Code desktop, where it can be downloaded (npm run test:electron).
    entryPoints: ['test/integration/runElectron.ts'],
    outfile: 'out/test/runElectron.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@vscode/test-electron'],
  },
];

// A production build (the .vsix) starts from an empty dist/: nothing a dev build left there, such
// as source maps, can ship.
if (production) rmSync('dist', { recursive: true, force: true });

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'linked', plugins: [withoutCoreJs] };

if (watch) {
  // Notices are written by full builds only, which is what packaging runs.
  for (const target of [...shipped, ...testOnly]) await (await esbuild.context({ ...common, ...target })).watch();
} else {
  const [results] = await Promise.all([
    Promise.all(shipped.map((target) => esbuild.build({ ...common, ...target, metafile: true }))),
    Promise.all(testOnly.map((target) => esbuild.build({ ...common, ...target }))),
  ]);
  checkWebBundle(results.find((r) => 'dist/browser/extension.js' in r.metafile.outputs).metafile);
  writeNotices({
    product: `Editorial Calendar ${version}`,
    outfile: 'dist/THIRD-PARTY-NOTICES.txt',
    metafiles: results.map((r) => r.metafile),
    copied: [],
  });
}

/**
 * Fails the build when the web bundle holds anything but the browser can run: the Node host's
 * files (src/node, src/cli, the Node entry's host), an import left to the runtime other than
 * `vscode`, or our own code naming Node's globals (`process`, `Buffer`…: a worker has none, and the
 * bundler would not say so), comments and strings aside.
 */
function checkWebBundle(metafile) {
  const NODE_GLOBALS = /\b(process|Buffer|__dirname|__filename|setImmediate|require)\b/;
  // Comments and string literals out, in one left-to-right pass (a `//` inside a URL is no comment).
  const withoutComments = (source) => source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
  const out = metafile.outputs['dist/browser/extension.js'];
  const inputs = Object.keys(out.inputs);
  const nodeOnly = inputs.filter((f) => /^src\/(node|cli)\/|^src\/extension\/(nodeHost|extension)\.ts$/.test(f));
  const runtime = out.imports.filter((i) => i.path !== 'vscode').map((i) => i.path);
  const globals = inputs.filter((f) => f.startsWith('src/') && NODE_GLOBALS.test(withoutComments(readFileSync(f, 'utf8'))));
  const wrong = [...nodeOnly, ...runtime, ...globals.map((f) => `${f} (a Node global)`)];
  if (wrong.length > 0) throw new Error(`dist/browser/extension.js must run in a browser, but holds ${wrong.join(', ')}`);
}
