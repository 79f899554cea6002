// Compare Calendar with Branch… in a real VS Code, driven from Chromium, in light, dark and
// high-contrast themes: the demo repository (npm start's) with `pending` checked out, compared with
// main from the command palette; the diff opens as a document beside the calendar, which shows a
// ghost where the moved post stood on main, the post removed on this branch as a ghost, marks on
// what differs, then nothing once "Stop comparing" is pressed. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { command, openWorkbench } from '../vscode/run.mjs';
import { demoRepo } from '../vscode/demoRepo.mjs';

export async function run() {
  const out = join(process.cwd(), 'test-results/e2e');
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast']) {
    const tag = theme.includes('High Contrast') ? 'high-contrast' : theme.includes('Dark') ? 'dark' : 'light';
    const { page, dialogs, close } = await openWorkbench(theme, (box) => {
      demoRepo(box.workspace);
      execFileSync('git', ['checkout', '-q', 'pending'], { cwd: box.workspace });
    });
    const shot = (name) => page.screenshot({ path: join(out, `${tag}-compare-${name}.png`) });
    let step = 'start';
    try {
      step = 'compare with main from the command palette';
      await page.locator('.activitybar .action-item a[aria-label^="Editorial Calendar"]').first().click();
      // The pick opens once git has listed the branches; a palette closed by a focus change
      // just before is opened again, as a person would.
      const pick = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Compare Calendar with Branch' });
      for (let attempt = 1; ; attempt++) {
        await command(page, 'Compare Calendar with Branch');
        try {
          await pick.waitFor({ timeout: 10_000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
          await page.keyboard.press('Escape');
        }
      }
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'main' }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.type('main');
      await page.keyboard.press('Enter');
      const document = page.locator('.monaco-editor .view-lines', { hasText: 'Calendar changes from main to the working tree' });
      await document.first().waitFor({ timeout: 20_000 });
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await view.locator('.comparison').waitFor({ timeout: 20_000 });
      assert.match(await view.locator('.comparison-text').innerText(), /^From main to the working tree: 1 added, 1 removed, 1 rescheduled, 1 with new text$/);

      step = 'December: the moved post, its ghost, the changed post';
      await view.locator('.date-picker').fill('2026-12-30');
      await view.locator('.date-picker').dispatchEvent('change');
      const movedChip = view.locator('.day[data-day="2026-12-30"] .chip.mark-moved');
      await movedChip.waitFor();
      assert.equal(await movedChip.locator('.mark').innerText(), 'Moved');
      const ghost = view.locator('.day[data-day="2026-12-31"] .ghost-moved');
      assert.match(await ghost.getAttribute('aria-label'), /Here on main$/);
      assert.equal(await view.locator('.day[data-day="2026-12-14"] .chip.mark-changed').count(), 1, 'the English save-the-date, reworded');
      await shot('december');
      // The ghost opens the post as it is now.
      await ghost.click();
      await page.locator('.tab', { hasText: '31-thank-you-2026.md' }).first().waitFor({ timeout: 10_000 });

      step = 'January: the post added here, the one only on main';
      await view.locator('.date-picker').fill('2027-01-13');
      await view.locator('.date-picker').dispatchEvent('change');
      await view.locator('.day[data-day="2027-01-13"] .chip.mark-added').waitFor();
      const removed = view.locator('.day[data-day="2027-01-08"] .ghost-removed');
      assert.match(await removed.getAttribute('aria-label'), /Only on main$/);
      // (The calendar may still be settling its layout for the panel's width: read until it has.)
      const struck = () => removed.locator('.title').evaluate((e) => getComputedStyle(e).textDecorationLine);
      for (let i = 0; i < 20 && (await struck()) !== 'line-through'; i++) await page.waitForTimeout(250);
      assert.equal(await struck(), 'line-through');
      await shot('january');
      await page.setViewportSize({ width: 900, height: 800 });
      await shot('january-narrow');
      await page.setViewportSize({ width: 1400, height: 900 });

      step = 'stop comparing';
      await view.locator('.comparison button').click();
      await view.locator('.comparison').waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(await view.locator('.ghost, .chip.mark-added, .chip.mark-moved, .chip.mark-changed').count(), 0);
      assert.equal(dialogs.length, 0, `no dialog: ${dialogs.join(', ')}`);
      console.log(`e2e compare (${tag}): passed`);
    } catch (error) {
      failed = true;
      await shot('failure').catch(() => {});
      console.error(`e2e compare (${tag}): FAILED at "${step}"`, error);
    } finally {
      await close();
    }
  }
  return failed;
}
