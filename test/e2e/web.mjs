// The extension as github.dev and vscode.dev run it: its `browser` entry in the browser's worker
// extension host (code-server, with `remote.extensionKind` asking for the worker), in light and
// dark themes: Running Extensions lists it under the web worker; problems of the calendar in the
// Problems panel; the calendar opens on December 2026 and a drag reschedules a post; the preview
// draws a post for each network; publishing says it needs a computer. Screenshots in test-results/e2e/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { command, openWorkbench, quickOpen } from '../vscode/run.mjs';

export async function run() {
  const out = join(process.cwd(), 'test-results/e2e');
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
    const tag = theme.includes('Dark') ? 'dark' : 'light';
    const { box, page, dialogs, close } = await openWorkbench(theme, () => {}, { web: true });
    const shot = (name) => page.screenshot({ path: join(out, `${tag}-web-${name}.png`) });
    let step = 'start';
    try {
      step = 'the extension runs in the web worker';
      await command(page, 'Developer: Show Running Extensions');
      const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Editorial Calendar' });
      await row.first().waitFor({ timeout: 20_000 });
      assert.match(await row.first().innerText(), /web worker/i, 'Running Extensions lists it under the web worker host');
      await shot('running-extensions');
      await page.keyboard.press('Control+W');

      step = 'problems of the calendar';
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'linkdin' }).first().waitFor({ timeout: 20_000 });

      step = 'the calendar';
      await command(page, 'Editorial Calendar: Open Calendar');
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await view.locator('.month').waitFor({ timeout: 20_000 });
      await view.locator('.date-picker').fill('2026-12-09');
      await view.locator('.date-picker').dispatchEvent('change');
      await view.locator('.day[data-day="2026-12-03"] .chip').first().waitFor();
      assert.equal(await view.locator('.period').innerText(), 'Décembre 2026');
      await shot('calendar');

      step = 'a drag reschedules a post, its file renamed';
      const chip = view.locator('.day[data-day="2026-12-09"] .chip', { hasText: 'Migration' }).first();
      await chip.dragTo(view.locator('.day[data-day="2026-12-10"]'));
      await view.locator('.day[data-day="2026-12-10"] .chip', { hasText: 'Migration' }).first().waitFor({ timeout: 10_000 });
      const moved = join(box.workspace, 'posts/2026/12/10-migration-guide-nova-2.md');
      for (let i = 0; i < 40; i++) {
        try {
          if (/^date: 2026-12-10T/m.test(readFileSync(moved, 'utf8'))) break;
        } catch {}
        await page.waitForTimeout(250);
      }
      assert.match(readFileSync(moved, 'utf8'), /^date: 2026-12-10T11:00$/m, 'the post moved, through workspace.fs');

      step = 'the preview';
      await quickOpen(page, '15-astuce-retro-express.md');
      await command(page, 'Editorial Calendar: Open Preview to the Side (per network)');
      const preview = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
      await preview.locator('article.card').first().waitFor({ timeout: 20_000 });
      assert.ok((await preview.locator('article.card').count()) >= 2);
      assert.match(await preview.locator('article.net-x .counter').first().textContent(), /^\d+\/280$/);
      await shot('preview');

      step = 'publishing is not offered';
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget').waitFor();
      await page.keyboard.type('Editorial Calendar: ');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Calendar' }).first().waitFor({ timeout: 10_000 });
      const offered = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
      assert.ok(!offered.some((t) => /Publish Post|Connect Network|Compare Calendar with Branch/.test(t)), offered.join(' | '));
      await shot('palette');
      await page.keyboard.press('Escape');
      assert.deepEqual(dialogs, []);
      console.log(`e2e web (${tag}): passed`);
    } catch (error) {
      failed = true;
      console.error(`e2e web (${tag}): FAILED at "${step}"`, error);
      await page.screenshot({ path: join(out, `${tag}-web-failure.png`) }).catch(() => {});
    } finally {
      await close();
    }
  }
  return failed ? 1 : 0;
}
