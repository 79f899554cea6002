// The report in a real VS Code, driven from Chromium, in light, dark and high-contrast themes,
// wide and narrow: Open Report from the palette shows November 2026 with its charts and tables,
// › goes to December, a hostile post title is drawn as text. Then `edcal report --format html`
// opened in Chromium, light and dark (the page follows prefers-color-scheme).
// Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command, openWorkbench } from '../vscode/run.mjs';

const root = join(new URL('.', import.meta.url).pathname, '../..');

export async function run() {
  const out = join(process.cwd(), 'test-results/e2e');
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast']) {
    const tag = theme.includes('High') ? 'hc' : theme.includes('Dark') ? 'dark' : 'light';
    const { page, dialogs, close } = await openWorkbench(theme, (box) => {
      writeFileSync(join(box.workspace, 'posts/2026/11/29-hostile.md'), '---\ntitle: "<img src=x onerror=alert(1)> **gras**"\ndate: 2026-11-29T10:00\nplatforms: [x]\nstatus: draft\n---\nHi\n');
    });
    let step = 'start';
    try {
      step = 'open the report from the palette';
      await page.setViewportSize({ width: 1400, height: 1000 });
      await command(page, 'Editorial Calendar: Open Report');
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      // The palette's default is the month before today's (in Paris): step back from it to November 2026.
      await view.locator('h1').first().waitFor({ timeout: 30_000 });
      const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
      for (let back = (y - 2026) * 12 + (m - 1) - 11; back > 0; back--) {
        const title = await view.locator('h1').first().textContent();
        await view.locator('button[data-action="previous"]').click();
        await view.locator('h1', { hasNotText: title }).first().waitFor({ timeout: 10_000 });
      }
      await view.locator('h1', { hasText: 'Bilan — Novembre 2026' }).waitFor({ timeout: 10_000 });
      assert.equal(await view.locator('svg[role="img"]').count(), 4);
      assert.ok((await view.locator('#networks tbody tr').count()) >= 7);
      step = 'a hostile title is text';
      assert.equal(await view.locator('main img, main script').count(), 0);
      assert.ok((await view.locator('#problems').textContent()).includes('<img src=x onerror=alert(1)> **gras**'));
      await page.screenshot({ path: join(out, `${tag}-report.png`) });
      await view.locator('#engagement').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(out, `${tag}-report-engagement.png`) });
      step = 'narrow';
      await page.setViewportSize({ width: 760, height: 1000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(out, `${tag}-report-narrow.png`) });
      step = 'next month';
      await page.setViewportSize({ width: 1400, height: 1000 });
      await view.locator('button[data-action="next"]').click();
      await view.locator('h1', { hasText: 'Bilan — Décembre 2026' }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(out, `${tag}-report-december.png`) });
      assert.deepEqual(dialogs, []);
      console.log(`e2e report (${tag}): passed`);
    } catch (error) {
      failed = true;
      console.error(`e2e report (${tag}): FAILED at "${step}"`, error);
      await page.screenshot({ path: join(out, `${tag}-report-failure.png`) }).catch(() => {});
    } finally {
      await close();
    }
  }
  failed = (await htmlPage(out)) || failed;
  return failed ? 1 : 0;
}

/** The CLI's HTML page in Chromium, light and dark, wide and narrow. */
async function htmlPage(out) {
  const file = join(out, 'report.html');
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'report', join(root, 'examples/calendar'), '--month', '2026-11', '--now', '2026-11-23T12:00+01:00', '--format', 'html', '--out', file], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error('e2e report (html): FAILED', r.stderr);
    return true;
  }
  const { launchBrowser, sandbox } = await import('../vscode/run.mjs');
  const box = sandbox({});
  const browser = await launchBrowser(box);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [width, name] of [[1200, ''], [420, '-narrow']]) {
        await page.setViewportSize({ width, height: 1600 });
        await page.goto(`file://${file}`);
        await page.locator('h1', { hasText: 'Bilan — Novembre 2026' }).waitFor();
        assert.equal(await page.locator('svg[role="img"]').count(), 4);
        await page.screenshot({ path: join(out, `${scheme}-report-html${name}.png`), fullPage: name === '' });
      }
    }
    // The CSP let the style sheet in (no refusal logged): the page is styled, not raw.
    assert.deepEqual(errors, []);
    console.log('e2e report (html): passed');
    return false;
  } catch (error) {
    console.error('e2e report (html): FAILED', error);
    return true;
  } finally {
    await browser.close();
    box.cleanup();
  }
}
