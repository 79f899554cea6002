// End-to-end walk-through of the extension in a real VS Code (code-server) driven from Chromium:
// open a post over the X limit, see its entry in Problems and the counts in the status bar, apply a
// quick fix from the lightbulb, see the file change. Screenshots of each step go to test-results/e2e/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, quickOpen } from '../vscode/run.mjs';

const POST = 'posts/2026/12/15-astuce-retro-express.md';

export async function run() {
  const out = join(process.cwd(), 'test-results/e2e');
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
    const { box, page, close } = await openWorkbench(theme);
    const tag = theme.includes('Dark') ? 'dark' : 'light';
    let step = 0;
    const shot = async (name) => page.screenshot({ path: join(out, `${tag}-${String(++step).padStart(2, '0')}-${name}.png`) });
    try {
      await shot('workbench');
      await quickOpen(page, '15-astuce-retro-express.md');

      // The status bar shows the counts of each network, over the limit for X.
      const counts = page.locator('.statusbar-item', { hasText: /X \d+\/280/ }).first();
      await counts.waitFor({ timeout: 15_000 });
      const countsText = (await counts.innerText()).trim();
      assert.match(countsText, /^X (\d+)\/280 · Mastodon \d+\/500 · LinkedIn \d+\/3000$/);
      assert.ok(Number(/^X (\d+)/.exec(countsText)[1]) > 280, countsText);
      await shot('post-and-counts');

      // Syntax highlighting injected into Markdown: hashtags get a colour of their own (once the
      // editor has tokenized the line, which happens in the background).
      await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .view-line span span')].some((e) => e.textContent === '#Agile'), null, { timeout: 15_000 });
      const colours = await page.$$eval('.monaco-editor .view-line span span', (els) =>
        Object.fromEntries(els.map((e) => [e.textContent.trim(), getComputedStyle(e).color])),
      );
      assert.ok(colours['#Agile'] && colours['#Agile'] !== colours['Le modèle est prêt dans Nova 2 👉'], JSON.stringify(colours));

      // The Problems panel lists the finding, in French (the calendar's language).
      await page.keyboard.press('Control+Shift+M');
      const problem = page.locator('.markers-panel .monaco-list-row', { hasText: /X\s*: \d+\/280/ }).first();
      await problem.waitFor({ timeout: 15_000 });
      assert.match(await problem.innerText(), /length\.over-limit/);
      await shot('problems');

      // Go to the finding from the editor (F8: next problem; the Problems list may still be
      // reordering while the background check finishes) and open the lightbulb menu.
      await page.locator('.monaco-editor .view-line', { hasText: 'La rétro de fin de sprint' }).first().click();
      await page.keyboard.press('F8');
      await page.locator('.marker-widget', { hasText: /X\s*: \d+\/280/ }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      // LinkedIn has no threads: the thread goes in a :::x variant, the text stays whole for the others.
      const split = page.locator('.action-widget .monaco-list-row', { hasText: /Découper en fil pour X seulement, en variantes \(le texte reste entier pour LinkedIn\)/ }).first();
      await split.waitFor({ timeout: 10_000 });
      await shot('lightbulb');
      // Move to the item and take it with the keyboard (the menu re-renders under the mouse).
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      for (let i = 0; i < 10 && !/Découper en fil/.test((await focused.innerText().catch(() => '')) || ''); i++) await page.keyboard.press('ArrowDown');
      assert.match(await focused.innerText(), /Découper en fil/);
      await page.keyboard.press('Enter');

      // The file changed in the editor: an X variant holding the thread, and no more over-limit finding.
      await page.locator('.monaco-editor .view-lines .view-line', { hasText: /^:::x$/ }).first().waitFor({ timeout: 10_000 });
      await page.locator('.statusbar-item', { hasText: /X \d+\/280/ }).first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.markers-panel')?.textContent?.match(/X\s*: \d+\/280/), null, { timeout: 10_000 });
      await shot('after-fix');
      await page.keyboard.press('Control+S');
      // Saved to disk: the X variant and its thread separators are in the file.
      const deadline = Date.now() + 10_000;
      while (!/\n:::x\n[^]*\n\n---\n\n[^]*\n:::\n/.test(readFileSync(join(box.workspace, POST), 'utf8'))) {
        assert.ok(Date.now() < deadline, 'the split was not saved to disk');
        await page.waitForTimeout(100);
      }

      // The Posts view, grouped by week.
      await page.locator('.activitybar .action-item a[aria-label^="Calendrier"], .activitybar .action-item a[aria-label^="Editorial Calendar"]').first().click();
      await page.locator('.monaco-list-row', { hasText: /Week of|This week|Next week|Semaine/ }).first().waitFor({ timeout: 15_000 });
      await page.locator('.monaco-list-row', { hasText: 'La démo du vendredi' }).first().waitFor();
      await shot('posts-view');
      console.log(`e2e (${tag}): passed`);
    } catch (error) {
      failed = true;
      console.error(`e2e (${tag}): FAILED`, error);
      await shot('failure').catch(() => {});
    } finally {
      await close();
    }
  }
  console.log(`screenshots: ${out}`);
  return failed ? 1 : 0;
}
