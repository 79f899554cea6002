// The calendar webview in a real VS Code, driven from Chromium: month, week and agenda views in light,
// dark and high-contrast themes, drag a post to another day (the file changes and, named by its date,
// is renamed; Ctrl+Z in the calendar restores it), Alt+→ twice, a published post that says why it
// stays, dates in the calendar's locale (French, VS Code in English), a narrow calendar beside an
// editor, and a post whose title is HTML renders as text. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench } from '../vscode/run.mjs';

const MOVED = 'posts/2026/12/09-migration-guide-nova-2.md';
const MOVED_TO = (day) => `posts/2026/12/${day}-migration-guide-nova-2.md`;
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
      // Dates in the calendar's locale (fr), whatever VS Code's language.
      assert.equal(await view.locator('.date-text').innerText(), '9 déc. 2026');
      assert.equal(await view.locator('.period').innerText(), 'Décembre 2026');
      assert.equal((await view.locator('.month .weekday').first().innerText()).toLowerCase(), 'lun.');
      // Networks in the calendar's order (x, bluesky, mastodon, linkedin, instagram, threads, facebook),
      // those that do not fit folded into "+N", every one in the label.
      const newYear = view.locator('.day[data-day="2027-01-01"] .chip').first();
      assert.match(await newYear.getAttribute('aria-label'), /x, bluesky, mastodon, linkedin, instagram, threads, facebook/);
      const more = newYear.locator('.net.more');
      if (await more.count()) assert.match(await more.innerText(), /^\+\d$/);
      const nets = await newYear.locator('.net:not([hidden])').allInnerTexts();
      assert.deepEqual(nets.filter((n) => !n.startsWith('+')), ['X', 'Bsky', 'Masto', 'in', 'IG', 'Thr', 'FB'].slice(0, nets.filter((n) => !n.startsWith('+')).length));
      // Gaps: weekdays only (the 5th is a Saturday), never on a day with posts, never a mark on the day
      // a post lies on once a search hides it.
      assert.equal(await view.locator('.day[data-day="2026-12-05"] .gap-mark').count(), 0);
      assert.equal(await view.locator('.day[data-day="2026-12-22"] .gap-mark').count(), 1);
      await shot('month');

      // The HTML title is text, and nothing ran.
      const xss = view.locator('.day[data-day="2026-12-20"] .chip .title');
      assert.equal(await xss.innerText(), XSS);
      assert.equal(await view.locator('.day[data-day="2026-12-20"] img, .day[data-day="2026-12-20"] svg').count(), 0);

      // Drag a post from the 9th to the 11th: only its date changes in the file, renamed 11-….
      const before = readFileSync(join(box.workspace, MOVED), 'utf8');
      const at = (path) => (existsSync(join(box.workspace, path)) ? readFileSync(join(box.workspace, path), 'utf8') : undefined);
      const waitFile = async (path, expected, what) => {
        // (A read can land mid-save and see an empty file: wait for the expected content.)
        const deadline = Date.now() + 10_000;
        while (at(path) !== expected) {
          assert.ok(Date.now() < deadline, `${what}: ${path} is ${JSON.stringify(at(path)?.slice(0, 80))}`);
          await page.waitForTimeout(100);
        }
      };
      const movedTo = (day) => before.replace(/^date: 2026-12-09/m, `date: 2026-12-${day}`);
      const chip = view.locator('.day[data-day="2026-12-09"] .chip').first();
      await chip.dragTo(view.locator('.day[data-day="2026-12-11"]'));
      await waitFile(MOVED_TO('11'), movedTo('11'), 'the drag');
      assert.equal(at(MOVED), undefined);
      await view.locator('.day[data-day="2026-12-11"] .chip', { hasText: /migration/i }).first().waitFor();
      await shot('after-drag');

      // Ctrl+Z in the calendar undoes it exactly (with another editor active: test/integration/calendar.test.ts).
      await view.locator('.day[data-day="2026-12-11"] .chip', { hasText: /migration/i }).first().focus();
      await page.keyboard.press('Control+z');
      await waitFile(MOVED, before, 'Ctrl+Z');
      assert.equal(at(MOVED_TO('11')), undefined);
      await view.locator('.day[data-day="2026-12-09"] .chip', { hasText: /migration/i }).first().waitFor();

      // Alt+→ twice: the post keeps the focus and moves two days; Ctrl+Shift+Z after an undo redoes.
      await view.locator('.day[data-day="2026-12-09"] .chip', { hasText: /migration/i }).first().focus();
      await page.keyboard.press('Alt+ArrowRight');
      await waitFile(MOVED_TO('10'), movedTo('10'), 'the first Alt+→');
      await view.locator('.day[data-day="2026-12-10"] .chip:focus', { hasText: /migration/i }).waitFor();
      await page.keyboard.press('Alt+ArrowRight');
      await waitFile(MOVED_TO('11'), movedTo('11'), 'the second Alt+→');
      await view.locator('.day[data-day="2026-12-11"] .chip:focus', { hasText: /migration/i }).waitFor();
      await page.keyboard.press('Control+z');
      await waitFile(MOVED_TO('10'), movedTo('10'), 'Ctrl+Z after Alt+→');
      await page.keyboard.press('Control+Shift+z');
      await waitFile(MOVED_TO('11'), movedTo('11'), 'Ctrl+Shift+Z');
      await page.keyboard.press('Control+z');
      await page.keyboard.press('Control+z');
      await waitFile(MOVED, before, 'Ctrl+Z twice');

      // A published post stays, and says why (November holds them).
      await view.locator('button[aria-label="Previous"]').click();
      const published = view.locator('.day[data-day="2026-11-16"] .chip.locked').first();
      await published.waitFor();
      const publishedFile = 'posts/2026/11/16-astuce-point-du-lundi.md';
      const publishedText = at(publishedFile);
      await published.dragTo(view.locator('.day[data-day="2026-11-24"]'));
      await view.locator('.notice.shown').waitFor();
      assert.match(await view.locator('.notice').innerText(), /is published: it cannot be moved/);
      assert.equal(await view.locator('.day[data-day="2026-11-16"]').evaluate(() => String(getSelection())), '', 'the drag selected text');
      await shot('published-drag');
      assert.equal(at(publishedFile), publishedText);
      await page.waitForTimeout(600);
      await view.locator('.day[data-day="2026-11-25"] .day-number').click();
      await view.locator('.notice:not(.shown)').waitFor({ state: 'attached' });
      await view.locator('button[aria-label="Next"]').click();
      await view.locator('.day[data-day="2026-12-09"] .chip').first().waitFor();

      // Filter to Instagram: only posts going there stay.
      await view.locator('.filter-chip[data-network="instagram"]').click();
      await view.locator('.filter-chip[data-network="instagram"][aria-pressed="true"]').waitFor();
      const shown = await view.locator('.month .chip').count();
      assert.ok(shown > 0 && shown < 20, `${shown} chips with the Instagram filter`);
      for (const label of await view.locator('.month .chip').evaluateAll((chips) => chips.map((c) => c.getAttribute('aria-label')))) assert.match(label, /instagram/);
      // Gaps are days with nothing for Instagram, whatever a filter hides: the 15th has posts, none for it.
      assert.equal(await view.locator('.day[data-day="2026-12-15"] .gap-mark').count(), 1);
      await shot('filtered');
      await view.locator('.filter-chip[data-network="instagram"]').click();

      // Double-click a day to create a post on it: New Post opens with that date.
      await view.locator('.day[data-day="2026-12-22"] .day-number').dblclick();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      assert.match(await input.inputValue(), /^2026-12-22T09:30$/);
      await shot('create');
      await page.keyboard.press('Escape');

      // A search hiding every post: no day holding one becomes a gap.
      await view.locator('.filter-search').fill('zzzz');
      await view.locator('.filter-search').press('Enter');
      await view.locator('.month:not(:has(.chip))').waitFor();
      assert.equal(await view.locator('.day[data-day="2026-12-03"] .gap-mark').count(), 0);
      await view.locator('.filter-search').fill('');
      await view.locator('.filter-search').press('Enter');
      await view.locator('.day[data-day="2026-12-03"] .chip').first().waitFor();

      await view.locator('button[data-view="week"]').click();
      await view.locator('.week').waitFor();
      // The all-day row and its label stay in view under the header.
      await page.waitForTimeout(300);
      const head = await view.locator('.week .head .weekday').first().boundingBox();
      const dayLabel = await view.locator('.week .all-day-row .hour').boundingBox();
      assert.ok(dayLabel.y >= head.y + head.height - 1, `the all-day label (${dayLabel.y}) under the header (${head.y + head.height})`);
      await shot('week');
      await view.locator('button[data-view="agenda"]').click();
      await view.locator('.agenda .chip').first().waitFor();
      assert.match(await view.locator('.period').innerText(), /^From \d+ décembre 2026 to \d+ janvier 2028$/);
      assert.match(await view.locator('.agenda-day').first().innerText(), /^[A-Z][a-zé]+ \d+ [a-zéû]+ \d{4}$/);
      await shot('agenda');

      // Narrower: a 950 px window without the sidebar (compact chips: time and whole title, networks
      // as a count), then the calendar beside an editor, with and without the sidebar (days stacked,
      // one per line); nothing clipped in any.
      await view.locator('button[data-view="month"]').click();
      await view.locator('.month').waitFor();
      const clipped = () => view.locator('.month .chip').evaluateAll((chips) => chips.filter((c) => c.getBoundingClientRect().width > 0 && (c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)).length);
      await page.setViewportSize({ width: 950, height: 800 });
      await page.keyboard.press('Control+b');
      await view.locator('.day[data-day="2026-12-03"] .chip .net-count').first().waitFor();
      assert.equal(await clipped(), 0, 'chips clipped in the compact layout');
      await shot('compact');
      await view.locator('.day[data-day="2026-12-03"] .chip').first().click();
      await page.locator('.editor-group-container').nth(1).waitFor();
      await view.locator('.day[data-day="2026-12-03"] .weekday-name').waitFor();
      assert.equal(await clipped(), 0, 'chips clipped beside an editor');
      await shot('narrow');
      await page.keyboard.press('Control+b');
      await page.waitForTimeout(500);
      assert.equal(await clipped(), 0, 'chips clipped beside an editor with the sidebar');
      await shot('narrow-sidebar');
      await page.setViewportSize({ width: 1400, height: 900 });
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
