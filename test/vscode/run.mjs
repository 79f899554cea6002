#!/usr/bin/env node
// Runs the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3), driven from Debian's
// Chromium with playwright-core. Modes:
//   node test/vscode/run.mjs integration   mocha suite in the extension host (test/integration)
//   node test/vscode/run.mjs web           the suites of test/web in the browser's worker host
//   node test/vscode/run.mjs web-bench     figures of the extension there (bundle, activation)
//   node test/vscode/run.mjs e2e [name]    the UI walk-throughs with screenshots (test/e2e), or one
//   node test/vscode/run.mjs bench         extension benchmarks on a generated 10,000-post calendar
//   node test/vscode/run.mjs serve         VS Code in the browser on the example calendar (a git
//                                          repository: see demoRepo.mjs), until Ctrl+C
// Every server binds 127.0.0.1 only and is stopped (with its process group) on exit.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const codeServer = join(here, 'node_modules/.bin/code-server');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Everything a run needs, in one temporary folder removed at exit. */
export function sandbox({ theme, web } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'edcal-vscode-'));
  const dirs = { tmp, userData: join(tmp, 'user-data'), extensions: join(tmp, 'extensions'), workspace: join(tmp, 'workspace'), browser: join(tmp, 'browser') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.colorTheme': theme ?? 'Default Light Modern',
      'security.workspace.trust.enabled': false,
      'workbench.tips.enabled': false,
      'extensions.ignoreRecommendations': true,
      'telemetry.telemetryLevel': 'off',
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
      'chat.commandCenter.enabled': false,
      // The extension in the browser's worker extension host, as github.dev and vscode.dev run it
      // (with both `main` and `browser`, code-server's default is the Node one).
      ...(web ? { 'remote.extensionKind': { 'edcal.editorial-calendar': ['web'] } } : {}),
    }),
  );
  writeFileSync(join(tmp, 'config.yaml'), '');
  cpSync(join(root, 'examples/calendar'), dirs.workspace, { recursive: true });
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  return { ...dirs, cleanup };
}

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Installs the packaged extension (.vsix) into the sandbox's extensions folder. */
export function installVsix(box) {
  const vsix = join(root, 'editorial-calendar.vsix');
  if (!existsSync(vsix)) throw new Error('editorial-calendar.vsix is missing: run npm run package first');
  const r = spawnSync(codeServer, ['--config', join(box.tmp, 'config.yaml'), '--user-data-dir', box.userData, '--extensions-dir', box.extensions, '--install-extension', vsix], {
    env: serverEnv(box),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`installing the .vsix failed: ${r.stdout}${r.stderr}`);
}

function serverEnv(box, extra = {}) {
  return { ...process.env, XDG_CONFIG_HOME: join(box.tmp, 'xdg-config'), XDG_DATA_HOME: join(box.tmp, 'xdg-data'), ...extra };
}

/** Starts code-server on 127.0.0.1 and waits until it answers; `stop()` ends its process group. */
export async function startServer(box, env = {}, chosenPort) {
  const port = chosenPort ?? (await freePort());
  const child = spawn(
    codeServer,
    [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', join(box.tmp, 'config.yaml'),
      '--user-data-dir', box.userData, '--extensions-dir', box.extensions,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened', box.workspace,
    ],
    { detached: true, env: serverEnv(box, env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const kill = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  };
  process.on('exit', kill);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`code-server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    kill();
    const gone = new Promise((r) => child.once('exit', r));
    const timeout = new Promise((r) => setTimeout(r, 5000, 'timeout'));
    if ((await Promise.race([gone, timeout])) === 'timeout') {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  };
  return { url, port, stop, log: () => log };
}

/** Debian's Chromium, headless, with a fresh profile. */
export async function launchBrowser(box) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(box.browser, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * Loads the extension from source in the extension host and runs a tests module there (its `run()`),
 * passing it `env`. Resolves with the exit code the workbench reports.
 */
async function inExtensionHost(box, testsModule, env, timeoutMs = 240_000, onLine = () => {}) {
  const server = await startServer(box, env);
  const browser = await launchBrowser(box);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const exited = new Promise((done) => page.exposeFunction('codeAutomationExit', (code) => done(code)));
    page.on('console', async (msg) => {
      const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '')));
      const text = format(...args.slice(2));
      onLine(text);
      if (text.includes('[mocha]')) console.log(text.replace(/^.*?\[mocha\] ?/, ''));
      else if (process.env.EDCAL_VERBOSE) console.log('[page]', msg.text());
    });
    watchWebviews(browser, page);
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(join(root, testsModule))],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(box.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise((done) => setTimeout(done, timeoutMs, 'timeout'));
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') console.error('the extension host did not finish in time');
    return code;
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Whether a frame is a webview's (the host iframe of pre/index.html, or the page inside it). */
const isWebviewFrame = (frame) => frame !== frame.page()?.mainFrame() && /\/webview\/browser\/pre\/|vscode-cdn\.net|^about:srcdoc/.test(frame.url());

/**
 * A webview's own errors always reach the log (a page script that throws would otherwise leave a
 * blank webview and a test timing out with no reason given); with EDCAL_VERBOSE, also its
 * navigations, the resources it loads (status, time, whether the service worker answered) and
 * the webview service workers' console.
 */
function watchWebviews(browser, page) {
  const verbose = !!process.env.EDCAL_VERBOSE;
  const t0 = Date.now();
  const at = () => `+${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const short = (url) => url.replace(/^https?:\/\/[^/]+/, '').slice(0, 160);
  page.on('pageerror', (error) => console.log('[webview pageerror]', at(), error.stack ?? String(error)));
  page.on('console', (msg) => {
    // The script that logged it: pre/index.html for the host iframe, a vscode-cdn.net URI for the page's own.
    const from = msg.location()?.url ?? '';
    if (/\/webview\/browser\/pre\/|vscode-cdn\.net/.test(from) && (verbose || msg.type() === 'error')) console.log(`[webview ${msg.type()}]`, at(), msg.text(), short(from));
  });
  if (!verbose) return;
  page.on('framenavigated', (frame) => isWebviewFrame(frame) && console.log('[webview frame]', at(), short(frame.url())));
  const started = new Map();
  page.on('request', (r) => /vscode-cdn\.net/.test(r.url()) && started.set(r, Date.now()));
  page.on('requestfinished', async (r) => {
    if (!started.has(r)) return;
    const response = await r.response().catch(() => null);
    console.log('[webview resource]', at(), response?.status(), `${Date.now() - started.get(r)} ms`, response?.fromServiceWorker() ? 'from the service worker' : 'not from the service worker', short(r.url()));
  });
  page.on('requestfailed', (r) => /vscode-cdn\.net|\/webview\//.test(r.url()) && console.log('[webview resource failed]', at(), r.failure()?.errorText, short(r.url())));
  const sw = (worker) => {
    console.log('[service worker]', at(), short(worker.url()));
    worker.on('console', (msg) => console.log('[service worker console]', at(), msg.text()));
    worker.on('close', () => console.log('[service worker closed]', at(), short(worker.url())));
  };
  for (const worker of browser.serviceWorkers()) sw(worker);
  browser.on('serviceworker', sw);
}

/**
 * Benchmarks in the extension host on a generated 10,000-post calendar (see test/integration/bench.ts),
 * then keys typed into the preview's post from the browser (see typedBench.mjs).
 */
async function bench() {
  const box = sandbox();
  rmSync(join(box.workspace, 'posts'), { recursive: true, force: true });
  const { generateCalendar } = await import('../bench/generateCalendar.mjs');
  generateCalendar(box.workspace, Number(process.env.BENCH_POSTS ?? 10_000));
  const results = join(box.tmp, 'bench.json');
  try {
    await inExtensionHost(box, 'out/test/integration/bench.js', { EDCAL_BENCH_RESULTS: results }, 600_000);
    if (!existsSync(results)) throw new Error('the benchmark wrote no results');
    const r = JSON.parse(readFileSync(results, 'utf8'));
    console.log(`extension activation: ${r.activationMs.toFixed(1)} ms`);
    console.log(`full check of ${r.cold.files} posts in the extension host, cold: ${r.cold.ms.toFixed(0)} ms`);
    console.log(`  warm (persisted cache, ${r.warm.cached} reused): ${r.warm.ms.toFixed(0)} ms; reading the files only: ${r.readMs.toFixed(0)} ms (ratio ${(r.warm.ms / r.readMs).toFixed(2)}, target <= 1.5); stat only: ${r.statMs.toFixed(0)} ms`);
    const c = r.calendar;
    console.log(`calendar: command to rendered month (${c.chips} posts in view): ${c.openMs.toFixed(0)} ms (render ${c.renderMs.toFixed(0)} ms); one live update, file change to redrawn: ${c.updateMs.toFixed(0)} ms (render ${c.updateRenderMs.toFixed(0)} ms)`);
    for (const p of [r.preview, r.previewShort]) console.log(`preview: extension-API edit (editor.edit: extension host → workbench → extension host) to painted preview (${p.chars}-character post, 7 networks, ${p.samples} edits): median ${p.painted.median.toFixed(1)} ms, p95 ${p.painted.p95.toFixed(1)} ms; of which the edit reaching the extension host: median ${p.changed.median.toFixed(1)} ms; checking and building the snapshot: median ${p.build.median.toFixed(1)} ms; the snapshot reaching the webview: median ${p.arrived.median.toFixed(1)} ms; drawing alone: median ${p.render.median.toFixed(1)} ms; until the webview's report is back: median ${p.roundTrip.median.toFixed(1)} ms`);
  } finally {
    box.cleanup();
  }
  // The keystroke the issue names: a key typed in the editor, in the browser, to the painted preview.
  const { typedLatency } = await import('./typedBench.mjs');
  for (const chars of [2000, 280]) {
    const p = await typedLatency(chars);
    console.log(`preview: keystroke to painted preview, a key typed in the editor (Chromium keydown to the webview's painted frame; ${p.chars}-character post, 7 networks, ${p.samples} keys): median ${p.painted.median.toFixed(1)} ms, p95 ${p.painted.p95.toFixed(1)} ms (target: median ≤ 33 ms); of which keydown to the change reaching the webview (VS Code's round trip through the extension host, and the check there): median ${p.arrived.median.toFixed(1)} ms; keydown to drawn in the webview: median ${p.drawn.median.toFixed(1)} ms`);
  }
  return 0;
}

/**
 * For the end-to-end walk-throughs: a sandbox in `theme` (after `prepare(box)` may add files), the
 * packaged extension installed, code-server started, Chromium on the workbench with the explorer
 * shown. Dialogs (an `alert` from post text would be one) are recorded and dismissed.
 */
export async function openWorkbench(theme, prepare = () => {}, { web = false } = {}) {
  const box = sandbox({ theme, web });
  prepare(box);
  installVsix(box);
  const server = await startServer(box);
  const browser = await launchBrowser(box);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const close = async () => {
    await browser.close();
    await server.stop();
    box.cleanup();
  };
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(box.workspace)}`);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'posts' }).first().waitFor({ timeout: 30_000 });
  } catch (error) {
    await close();
    throw error;
  }
  return { box, page, dialogs, close };
}

/**
 * Runs a command from the palette (F1), as a person would. A palette that did not open or list the
 * command (the keyboard still in a webview, the workbench still starting) is closed and opened
 * again, after a click that gives the keyboard back to the workbench.
 */
export async function command(page, title) {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await page.locator('.statusbar').click({ position: { x: 600, y: 5 } });
    await page.keyboard.press('F1');
    try {
      await page.locator('.quick-input-widget').waitFor({ timeout: 5000 });
      await page.keyboard.type(title);
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ timeout: 10_000 });
      // The row named, not the first one: fuzzy matching may rank another command above it
      // ("Publish Post" also matches "…published posts").
      await row.click();
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** `YYYY-MM-DDTHH:mm` in Paris (the example calendar's zone), `minutes` from now (negative: ago). */
export function parisTime(minutes) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(Date.now() + minutes * 60_000);
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Opens a file with quick open (Ctrl+P), as a person would, and waits for its editor. */
export async function quickOpen(page, name) {
  // A click in a webview just before may keep the keyboard there a moment: try again, as a person would.
  for (let attempt = 1; ; attempt++) {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('Control+P');
    try {
      await page.locator('.quick-input-widget').waitFor({ timeout: 5000 });
      await page.keyboard.type(name);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.locator('.monaco-editor .view-lines', { hasText: 'platforms' }).first().waitFor();
}

/** The integration suite: mocha in the extension host, loaded from source through the URL payload. */
async function integration() {
  const box = sandbox();
  const results = join(box.tmp, 'results.json');
  try {
    const code = await inExtensionHost(box, 'out/test/integration/index.js', { EDCAL_TEST_RESULTS: results });
    const summary = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : undefined;
    if (!summary) {
      console.error('no results file: the suite did not run');
      return 1;
    }
    for (const f of summary.failed) console.error(`FAILED ${f.title}\n${f.error}`);
    console.log(`integration: ${summary.passed.length} passed, ${summary.failed.length} failed`);
    return code === 0 && summary.failed.length === 0 && summary.passed.length > 0 ? 0 : 1;
  } finally {
    box.cleanup();
  }
}

/**
 * The suites of test/web in the browser's worker extension host (what github.dev and vscode.dev
 * load: the `browser` entry). The worker writes no file: its results come as a console line.
 */
async function web() {
  const box = sandbox({ web: true });
  let summary;
  try {
    const code = await inExtensionHost(box, 'out/test/web/index.js', {}, 300_000, (text) => {
      const at = text.indexOf('[web-results] ');
      if (at >= 0) summary = JSON.parse(text.slice(at + '[web-results] '.length));
    });
    if (!summary) {
      console.error('no results: the suite did not run in the worker');
      return 1;
    }
    for (const f of summary.failed) console.error(`FAILED ${f.title}\n${f.error}`);
    console.log(`web: ${summary.passed.length} passed, ${summary.failed.length} failed`);
    return code === 0 && summary.failed.length === 0 && summary.passed.length > 0 ? 0 : 1;
  } finally {
    box.cleanup();
  }
}

/** Figures of the extension in the browser's worker host (see test/web/bench.ts), for npm run bench. */
async function webBench() {
  const box = sandbox({ web: true });
  let figures;
  try {
    await inExtensionHost(box, 'out/test/web/bench.js', {}, 120_000, (text) => {
      const at = text.indexOf('[web-bench] ');
      if (at >= 0) figures = JSON.parse(text.slice(at + '[web-bench] '.length));
    });
  } finally {
    box.cleanup();
  }
  if (!figures?.inWorker) throw new Error('the web benchmark did not run in the worker host');
  const size = statSync(join(root, 'dist/browser/extension.js')).size;
  console.log(`web (browser worker host): bundle ${(size / 1024).toFixed(0)} KB (goal under 600 KB), activation ${figures.activationMs.toFixed(1)} ms (goal under 50 ms), first check of the example calendar (${figures.check?.files ?? '?'} posts, through workspace.fs): ${figures.check?.ms?.toFixed(0) ?? '?'} ms`);
  return 0;
}

/**
 * The port `npm start` serves on: `--port N` or `EDCAL_PORT`, else a free one. A port that is not
 * a number, or already in use, stops here with a clear message (code-server would only time out).
 */
async function servePort() {
  const i = process.argv.indexOf('--port');
  const given = i > 0 ? process.argv[i + 1] : process.env.EDCAL_PORT;
  if (given === undefined || given === '') return undefined;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`--port takes a port number (1-65535), not "${given}"`);
    process.exit(2);
  }
  await new Promise((done) => {
    const probe = createServer();
    probe.once('error', (error) => {
      console.error(`port ${port} on 127.0.0.1 is not free (${error.code}): choose another with --port or EDCAL_PORT`);
      process.exit(2);
    });
    probe.listen(port, '127.0.0.1', () => probe.close(done));
  });
  return port;
}

/**
 * The README's main command: a real VS Code with the extension and the example calendar, as a git
 * repository with a history and a branch `pending` (see demoRepo.mjs).
 */
async function serve() {
  const port = await servePort();
  const box = sandbox({ theme: process.env.EDCAL_THEME });
  const { demoRepo } = await import('./demoRepo.mjs');
  const { daysToNow } = await import('./shiftDates.mjs');
  // The example is written for 2026-11-23: moved so that today is that day, it shows what the README says.
  const days = daysToNow();
  demoRepo(box.workspace, undefined, { days });
  installVsix(box);
  const server = await startServer(box, {}, port);
  if (days !== 0) console.log(`\n(the example's dates are moved ${Math.abs(days)} day(s) ${days > 0 ? 'later' : 'earlier'}, so that today is its 2026-11-23; posts' texts and file names keep their dates)`);
  console.log(`\nVS Code with the Editorial Calendar extension, on the example calendar:\n\n  ${server.url}/?folder=${encodeURIComponent(box.workspace)}\n\n(the calendar is a copy in ${box.workspace}, a git repository: main checked out, branch pending to compare with \`edcal diff main pending\`; Ctrl+C stops the server and removes it)\n`);
  const stop = async () => {
    await server.stop();
    box.cleanup();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => {});
}

const mode = process.argv[2];
if (import.meta.url === `file://${process.argv[1]}`) {
  // `e2e` runs every walk-through; `e2e preview` (or walkthrough, calendar) only that one.
  const e2e = async () => {
    let failed = 0;
    for (const name of process.argv[3] ? [process.argv[3]] : ['walkthrough', 'calendar', 'preview', 'publish', 'approve', 'compare', 'report', 'web']) failed = (await (await import(`../e2e/${name}.mjs`)).run()) || failed;
    return failed;
  };
  const run = { integration, web, 'web-bench': webBench, bench, serve, e2e }[mode];
  if (!run) {
    console.error('usage: node test/vscode/run.mjs integration|web|e2e|bench|serve');
    process.exit(2);
  }
  run().then(
    (code) => process.exit(Number(code ?? 0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
