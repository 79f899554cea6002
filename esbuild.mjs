// Bundles the extension and the CLI (and, later, the webviews) with esbuild.
// Usage: node esbuild.mjs [--production] [--watch]. Type-checking is separate: npm run typecheck.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
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
    // The integration suite, run inside a real VS Code's extension host (test/vscode/run.mjs).
    entryPoints: ['test/integration/index.ts', 'test/integration/diagnostics.test.ts', 'test/integration/commands.test.ts', 'test/integration/calendar.test.ts', 'test/integration/preview.test.ts', 'test/integration/bench.ts'],
    outdir: 'out/test/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
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

// Codicons for the webviews: served from the extension, never from the network.
mkdirSync('dist/webview', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/webview/${file}`);

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'linked' };

if (watch) {
  for (const target of targets) await (await esbuild.context({ ...common, ...target })).watch();
} else {
  await Promise.all(targets.map((target) => esbuild.build({ ...common, ...target })));
}
