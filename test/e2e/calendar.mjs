// The calendar webview in a real VS Code, driven from Chromium: month, week and agenda views in light,
// dark and high-contrast themes, drag a post to another day (the file changes; Ctrl+Z restores it), and a post
// whose title is HTML renders as text. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench } from '../vscode/run.mjs';

const MOVED = 'posts/2026/12/09-migration-guide-nova-2.md';
const XSS = '<img src=x onerror=alert(1)>';

export async function run() {
  const out = join(process.cwd(), 'test-results/e2e');
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast']) {
    const tag = theme.includes('High Contrast') ? 'high-contrast' : theme.includes('Dark') ? 'dark' : 'light';
    const { box, page, dialogs, close } = await openWorkbench(theme, (box) =>
      writeFileSync(join(box.workspace, 'posts/2026/12/20-xss.md'), `---\ntitle: "${XSS}"\ndate: 2026-12-20T10:00\nplatforms: [x]\nstatus: idea\n---\n"><svg onload=alert(2)> <script>alert(3)</script>\n`),
    );
    const shot = (name) => page.screenshot({ path: join(out, `${tag}-calendar-${name}.png`) });
    try {
      // Open it as a person would: the Editorial Calendar view, then its "Open Calendar" button.
      await page.locator('.activitybar .action-item a[aria-label^="Editorial Calendar"]').first().click();
      await page.locator('.monaco-list-row', { hasText: /Week of|This week|Next week/ }).first().waitFor({ timeout: 20_000 });
      await page.locator('.pane-header .action-label[aria-label="Open Calendar"], .title-actions .action-label[aria-label="Open Calendar"]').first().click();
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await view.locator('.month').waitFor({ timeout: 20_000 });

      // Go to December 2026 with the date picker, then check the month.
      await view.locator('.date-picker').fill('2026-12-09');
      await view.locator('.date-picker').dispatchEvent('change');
      await view.locator('.day[data-day="2026-12-03"] .chip').first().waitFor();
      assert.ok((await view.locator('.day[data-day="2026-12-03"] .chip').count()) >= 3);
      await shot('month');

      // The HTML title is text, and nothing ran.
      const xss = view.locator('.day[data-day="2026-12-20"] .chip .title');
      assert.equal(await xss.innerText(), XSS);
      assert.equal(await view.locator('.day[data-day="2026-12-20"] img, .day[data-day="2026-12-20"] svg').count(), 0);

      // Drag a post from the 9th to the 11th: only its date changes in the file.
      const before = readFileSync(join(box.workspace, MOVED), 'utf8');
      const chip = view.locator('.day[data-day="2026-12-09"] .chip').first();
      await chip.dragTo(view.locator('.day[data-day="2026-12-11"]'));
      const deadline = Date.now() + 10_000;
      let after = before;
      // (A read can land mid-save and see an empty file: wait for the new content.)
      while (after === before || after === '') {
        assert.ok(Date.now() < deadline, 'the drag did not change the file');
        await page.waitForTimeout(100);
        after = readFileSync(join(box.workspace, MOVED), 'utf8');
      }
      assert.equal(after, before.replace(/^date: 2026-12-09/m, 'date: 2026-12-11'));
      await view.locator('.day[data-day="2026-12-11"] .chip', { hasText: /migration/i }).first().waitFor();
      await shot('after-drag');

      // Filter to Instagram: only posts going there stay.
      await view.locator('.filter-chip[data-network="instagram"]').click();
      await view.locator('.filter-chip[data-network="instagram"][aria-pressed="true"]').waitFor();
      const shown = await view.locator('.month .chip').count();
      assert.ok(shown > 0 && shown < 20, `${shown} chips with the Instagram filter`);
      for (const nets of await view.locator('.month .chip .nets').allInnerTexts()) assert.match(nets, /IG/);
      await shot('filtered');
      await view.locator('.filter-chip[data-network="instagram"]').click();

      // Double-click a day to create a post on it: New Post opens with that date.
      await view.locator('.day[data-day="2026-12-22"] .day-number').dblclick();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      assert.match(await input.inputValue(), /^2026-12-22T09:30$/);
      await shot('create');
      await page.keyboard.press('Escape');

      await view.locator('button[data-view="week"]').click();
      await view.locator('.week').waitFor();
      await shot('week');
      await view.locator('button[data-view="agenda"]').click();
      await view.locator('.agenda .chip').first().waitFor();
      await shot('agenda');
      assert.deepEqual(dialogs, []);

      // Back to the month, then reload VS Code: the calendar comes back on the same month.
      await view.locator('button[data-view="month"]').click();
      await view.locator('.month').waitFor();
      // Reload through VS Code's own command: it saves the open editors before reloading.
      await page.waitForTimeout(500);
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget').waitFor();
      await page.keyboard.type('Developer: Reload Window');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.waitForEvent('load');
      const restored = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await restored.locator('.month').waitFor({ timeout: 30_000 });
      assert.match(await restored.locator('.period').innerText(), /December 2026|Décembre 2026/);
      await shot('restored');
      console.log(`e2e calendar (${tag}): passed`);
    } catch (error) {
      failed = true;
      console.error(`e2e calendar (${tag}): FAILED`, error);
      await shot('failure').catch(() => {});
    } finally {
      await close();
    }
  }
  return failed ? 1 : 0;
}
