// Writes the third-party notices that ship with the extension and the CLI: every npm package whose
// code esbuild put in a shipped bundle (read from the builds' metafiles, so a package tree-shaken
// away or replaced, like core-js, is not listed), plus files copied as they are,
// each with its version, its licence and the full text of its licence files.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Licences a package's package.json does not declare, as its LICENSE file states them. */
const UNDECLARED = { 'twitter-text': 'Apache-2.0' };
/** Licences a package's package.json states only in part. */
const STATED = { '@vscode/codicons': 'CC-BY-4.0 (the icon font), MIT (its code, codicon.css)' };

// LICENSE, license, LICENCE.md, LICENSE-MIT.txt, LICENSE-CODE, COPYING, NOTICE (Apache 2.0 §4d)…
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([-.].*)?$/i;

/** The package folder of a bundled file: `node_modules/@a/b/dist/x.js` → `node_modules/@a/b`. */
function packageDir(input) {
  return input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//)?.[1];
}

/** Package folder → the shipped files it has code in, from esbuild metafiles. */
function bundledPackages(metafiles) {
  const found = new Map();
  for (const metafile of metafiles) {
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
        const dir = packageDir(input);
        if (dir === undefined || bytesInOutput === 0) continue;
        if (!found.has(dir)) found.set(dir, new Set());
        found.get(dir).add(output);
      }
    }
  }
  return found;
}

/** One package's notice: its name, version, licence, where it ships and its licence texts. */
function notice(dir, shippedIn, licence) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const declared = licence ?? STATED[pkg.name] ?? (typeof pkg.license === 'string' ? pkg.license : UNDECLARED[pkg.name]);
  if (!declared) throw new Error(`${pkg.name}: no licence in its package.json; read its LICENSE and add it to UNDECLARED in build/notices.mjs`);
  const files = readdirSync(dir).filter((f) => LICENCE_FILE.test(f)).sort();
  if (files.length === 0) throw new Error(`${pkg.name}: no LICENSE file to ship in the notices`);
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '').trimEnd());
  return { name: pkg.name, version: pkg.version, licence: declared, shippedIn: [...shippedIn].sort(), texts };
}

/**
 * Writes `outfile` for the builds' metafiles and the copied packages.
 * @param {{ product: string, outfile: string, metafiles: import('esbuild').Metafile[],
 *   copied: Array<{ dir: string, shippedIn: string[], licence: string }> }} options
 */
export function writeNotices({ product, outfile, metafiles, copied }) {
  const notices = [
    ...[...bundledPackages(metafiles)].map(([dir, shippedIn]) => notice(dir, shippedIn)),
    ...copied.map((c) => notice(c.dir, c.shippedIn, c.licence)),
  ].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const rule = (c) => c.repeat(80);
  const text = [
    `${product}: third-party notices`,
    '',
    'The extension and the edcal command line include the software below. Each entry gives its',
    'version, its licence, the files it is part of, and its licence text as it publishes it.',
    '',
    ...notices.map((n) => `  ${n.name} ${n.version} (${n.licence})`),
    ...notices.flatMap((n) => ['', rule('='), `${n.name} ${n.version}`, `Licence: ${n.licence}`, `In: ${n.shippedIn.join(', ')}`, rule('-'), n.texts.join(`\n\n${rule('-')}\n`)]),
    '',
  ].join('\n');
  writeFileSync(outfile, text);
  return notices.length;
}
