// The HTML page of `edcal calendar` opened in a real Chromium (playwright-core from test/vscode,
// Debian's /usr/bin/chromium): hostile titles stay text, the inline style passes the page's own
// Content-Security-Policy, and screenshots in light and dark go to test-results/calendar-page/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileIn } from './writeFileIn';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const PLAYWRIGHT = join(ROOT, 'test/vscode/node_modules/playwright-core');
const SHOTS = join(ROOT, 'test-results/calendar-page');
const HOSTILE = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script> & "quotes" \'too\'';

/** The little of playwright-core this test uses (it is installed in test/vscode, out of the root's types). */
interface Locator {
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
}
interface Tab {
  on(event: 'dialog', listener: (dialog: { message(): string; dismiss(): Promise<void> }) => void): void;
  on(event: 'request', listener: (request: { url(): string }) => void): void;
  on(event: 'console', listener: (message: { text(): string }) => void): void;
  goto(url: string): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  locator(selector: string): Locator;
  getByText(text: string, options: { exact: boolean }): Locator;
  evaluate<T>(expression: string): Promise<T>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}
interface Playwright {
  chromium: {
    launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<{
      newContext(options: { colorScheme: 'light' | 'dark'; viewport: { width: number; height: number } }): Promise<{ newPage(): Promise<Tab> }>;
      close(): Promise<void>;
    }>;
  };
}

describe('edcal calendar --format html in Chromium', function () {
  let dir: string;
  let page: string;
  let playwright: Playwright | undefined;

  before(function () {
    const missing = !existsSync(PLAYWRIGHT) ? `playwright-core is not installed in test/vscode (run bash test/vscode/setup.sh)` : !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : undefined;
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    playwright = require(PLAYWRIGHT) as Playwright;
    dir = mkdtempSync(join(tmpdir(), 'edcal-calendar-html-'));
    const write = (path: string, text: string) => writeFileIn(dir, path, text);
    write('.editorial.yaml', 'timezone: Europe/Paris\nlocale: en\n');
    write('posts/hostile.md', `---\ntitle: ${JSON.stringify(HOSTILE)}\ndate: 2026-12-03T09:30\nplatforms: [x, bluesky]\nstatus: review\n---\nText\n`);
    write('posts/script.md', `---\ntitle: ${JSON.stringify(SCRIPT)}\ndate: 2026-12-03T18:00\nplatforms: [mastodon]\nstatus: approved\n---\nText\n`);
    write('posts/plain.md', '---\ntitle: Launch day\ndate: 2026-12-01T08:00\nplatforms: [linkedin, x, bluesky, mastodon]\nstatus: scheduled\n---\nText\n');
    write('posts/done.md', '---\ntitle: Two days to go\ndate: 2026-11-30T10:00\nplatforms: [x]\nstatus: published\n---\nText\n');
    write('posts/idea.md', '---\ntitle: Year in review\ndate: 2026-12-31\nplatforms: [linkedin]\nstatus: idea\n---\nText\n');
    write('posts/draft.md', '---\ntitle: Winter tips, a long title that has to wrap inside its day\ndate: 2026-12-15T12:00\nplatforms: [instagram, facebook, threads]\nstatus: draft\n---\nText\n');
    page = join(dir, 'calendar.html');
    const r = spawnSync(process.execPath, [CLI, 'calendar', '--from', '2026-12', '--format', 'html', '--out', page, '--now', '2026-12-03T12:00'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' } });
    assert.equal(r.status, 0, r.stderr);
    mkdirSync(SHOTS, { recursive: true });
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows hostile titles as text, runs nothing, and is styled (${colorScheme})`, async () => {
      const browser = await playwright!.chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
      try {
        const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
        const tab = await context.newPage();
        const dialogs: string[] = [];
        const requests: string[] = [];
        const violations: string[] = [];
        tab.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        tab.on('request', (r) => {
          if (!r.url().startsWith('file:')) requests.push(r.url());
        });
        tab.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        await tab.goto(pathToFileURL(page).href);
        await tab.waitForTimeout(300); // an onerror would have fired by now
        assert.deepEqual(dialogs, []);
        assert.deepEqual(requests, []);
        assert.deepEqual(violations, [], 'the inline style matches its hash in the CSP');
        assert.equal(await tab.locator('img, script, iframe, object').count(), 0);
        assert.equal(await tab.getByText(HOSTILE, { exact: true }).isVisible(), true);
        assert.equal(await tab.getByText(SCRIPT, { exact: true }).isVisible(), true);
        // Styled: the chip has its status colour bar, so the style sheet was allowed.
        assert.equal(await tab.evaluate<string>(`getComputedStyle(document.querySelector('.chip.status-scheduled')).borderLeftWidth`), '3px');
        const background = await tab.evaluate<string>('getComputedStyle(document.body).backgroundColor');
        assert.equal(background, colorScheme === 'dark' ? 'rgb(30, 30, 30)' : 'rgb(255, 255, 255)');
        // Monday first: 2026-12-01 is a Tuesday, in the second column of its week.
        const column = await tab.evaluate<number>(`(e => [...e.parentElement.children].indexOf(e))(document.querySelector('[data-day="2026-12-01"]'))`);
        assert.equal(column, 1);
        await tab.screenshot({ path: join(SHOTS, `${colorScheme}.png`), fullPage: true });
      } finally {
        await browser.close();
      }
    });
  }
});
