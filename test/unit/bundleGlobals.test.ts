import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import twitter from 'twitter-text';
import { parse } from 'yaml';
import { check } from '../../src/cli/check';
import { sharedConformanceFile } from './helpers';
import { socialText } from './unicode.test';

// The tests above run the TypeScript sources; these run what ships. The extension host is shared by
// every extension, so loading ours must leave the JavaScript built-ins as it found them.
const ROOT = join(__dirname, '../..');
const PROBE = join(__dirname, 'bundleProbe.cjs');
const NOW = '2026-11-23T09:00+01:00';

/** A shipped Node bundle. `npm test` builds first; a bare `npx mocha` on a fresh clone builds here. */
function bundle(name: 'extension.js' | 'cli.js'): string {
  const file = join(ROOT, 'dist', name);
  if (!existsSync(file)) {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `dist/${name} is missing and \`node esbuild.mjs\` failed:\n${r.stderr}`);
  }
  return file;
}

interface ProbeReport {
  readonly afterLoad: string[];
  readonly atExit: string[];
}

let probes = 0;

/** Runs a bundle under bundleProbe.cjs in a fresh process; returns what it changed. */
function probe(file: string, args: string[] = []): ProbeReport {
  const out = join(temp, `probe-${++probes}.json`);
  const r = spawnSync(process.execPath, [PROBE, file, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C', EDCAL_PROBE_OUT: out } });
  assert.ok(existsSync(out), `the probe did not run (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as ProbeReport;
}

/** The post file for a body, going to X and Mastodon (which finds URLs with twitter-text too). */
const postFile = (body: string) => `---\ndate: 2026-12-01T09:30\nplatforms: [x, mastodon]\nstatus: draft\n---\n${body}\n`;

/** Writes a calendar with one post per body; returns its folder. */
function calendar(name: string, bodies: readonly string[]): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, 'posts'), { recursive: true });
  writeFileSync(join(dir, '.editorial.yaml'), 'timezone: Europe/Paris\n');
  bodies.forEach((body, i) => writeFileSync(join(dir, 'posts', `${String(i).padStart(4, '0')}.md`), postFile(body)));
  return dir;
}

/** `edcal check --format json` by the shipped bundle. */
function bundledCheck(dir: string): string {
  const r = spawnSync(process.execPath, [bundle('cli.js'), 'check', dir, '--format', 'json', '--now', NOW], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', LANG: 'C' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return r.stdout;
}

let temp = '';

describe('the shipped bundles', () => {
  before(() => (temp = mkdtempSync(join(tmpdir(), 'edcal-bundle-'))));
  after(() => rmSync(temp, { recursive: true, force: true }));

  describe('leave the host’s globals and built-ins alone', () => {
    it('dist/extension.js, loaded with a stub vscode module', () => {
      const report = probe(bundle('extension.js'));
      assert.deepEqual(report.afterLoad, [], 'changed by loading');
      assert.deepEqual(report.atExit, [], 'changed by the time the process exits');
    });

    it('dist/cli.js, checking a calendar with X posts', () => {
      const dir = calendar('probe', ['Bonjour #Nova https://nova.app/launch 👋🏽']);
      const report = probe(bundle('cli.js'), ['check', dir, '--now', NOW]);
      assert.deepEqual(report.afterLoad, [], 'changed by loading');
      assert.deepEqual(report.atExit, [], 'changed by checking');
    });
  });

  describe('count X in the CLI as the package does', () => {
    it('weighs a post as twitter-text does: emoji 2, CJK 2 each, a URL 23', () => {
      const body = 'Bonjour 👋🏽 日本 https://example.com/a/very/long/path';
      const out = JSON.parse(bundledCheck(calendar('known', [body]))) as { posts: Array<{ platforms: { x: { parts: Array<{ length: number }> } } }> };
      const x = out.posts[0]!.platforms.x.parts[0]!;
      assert.equal(x.length, 39);
      assert.equal(x.length, twitter.parseTweet(body).weightedLength);
    });

    it('reports what the sources report, with twitter-text and its polyfills, on its conformance texts and generated ones', async function () {
      this.timeout(60_000);
      const suite = sharedConformanceFile('twitter-text/validate.yml');
      if (!suite) {
        console.log('      twitter-text conformance skipped: ../shared/conformance not found');
        return this.skip();
      }
      const yaml = parse(readFileSync(suite, 'utf8')) as { tests: Record<string, Array<{ text?: unknown }>> };
      const conformance = Object.values(yaml.tests).flatMap((cases) => cases.map((c) => c.text).filter((t): t is string => typeof t === 'string'));
      const generated = fc.sample(socialText, { numRuns: 1000, seed: 10 });
      const dir = calendar('compare', [...conformance, ...generated]);
      const fromSources = await check([dir, '--format', 'json', '--now', NOW], ROOT, { LANG: 'C' }, false);
      assert.ok(conformance.length >= 90, `${conformance.length} conformance texts`);
      assert.deepEqual(JSON.parse(bundledCheck(dir)), JSON.parse(fromSources.stdout));
    });
  });
});
