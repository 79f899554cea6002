// Approving from a real VS Code, driven from Chromium, in a git repository made of the workspace:
// Approve Post from the command palette commits the post ("approve: <title>", in git's log) and
// moves it to approved; an edit of its text makes the approval stale in the Problems panel, and
// the quick fix asks for approval again (the approval goes, the status is back to review). The
// calendar then offers Approve on the post's chip. Light, dark and high-contrast themes;
// screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command, openWorkbench, parisTime, quickOpen } from '../vscode/run.mjs';

const NAME = '30-approuve-depuis-vscode.md';
const POST = `posts/2026/12/${NAME}`;
const TITLE = 'Approuvé depuis VS Code';

/** Waits until `probe()` holds (a file on disk, git's log), or fails saying what did not come. */
async function until(what, probe, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function run() {
  const out = join(process.cwd(), 'test-results/e2e');
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast']) {
    const tag = theme.includes('High Contrast') ? 'high-contrast' : theme.includes('Dark') ? 'dark' : 'light';
    let workspace;
    const git = (...args) => {
      const r = spawnSync('git', args, { cwd: workspace, encoding: 'utf8' });
      assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
      return r.stdout.trim();
    };
    const { page, dialogs, close } = await openWorkbench(theme, (box) => {
      workspace = box.workspace;
      writeFileSync(join(workspace, POST), `---\ntitle: ${TITLE}\ndate: ${parisTime(60)}\nplatforms: [x, bluesky]\nstatus: review # à relire\n---\nDernier post de l’année ✨ #Nova\n`);
      git('init', '-q');
      git('config', 'user.name', 'Léa');
      git('config', 'user.email', 'lea@nova.example');
      git('add', '.');
      git('-c', 'user.name=Camille', '-c', 'user.email=camille@nova.example', 'commit', '-q', '-m', 'calendar');
    });
    const shot = (name) => page.screenshot({ path: join(out, `${tag}-approve-${name}.png`) });
    const onDisk = () => readFileSync(join(workspace, POST), 'utf8');
    let step = 'start';
    try {
      step = 'approve from the command palette';
      await page.locator('.statusbar-item', { hasText: 'Calendar' }).first().waitFor({ timeout: 30_000 });
      await quickOpen(page, NAME);
      await command(page, 'Editorial Calendar: Approve Post');
      await page.locator('.notifications-toasts', { hasText: 'Approved by Léa <lea@nova.example> and committed.' }).waitFor({ timeout: 20_000 });
      await page.locator('.monaco-editor .view-lines', { hasText: 'hash: sha256-' }).first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(400); // the toast slides in
      await shot('approved');
      assert.equal(git('log', '-1', '--format=%s'), `approve: ${TITLE}`);
      assert.equal(git('show', '--name-only', '--format=', 'HEAD'), POST, 'the post alone');
      assert.equal(git('status', '--porcelain'), '', 'the approval is committed, nothing left over');
      assert.match(onDisk(), /^status: approved # à relire$/m);
      assert.match(onDisk(), /^ {2}- by: Léa <lea@nova\.example>$/m);

      step = 'edit the text: the approval is stale';
      await page.locator('.monaco-editor .view-line', { hasText: 'Dernier post de l’année' }).first().click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Merci !');
      await page.keyboard.press('Control+Shift+M');
      // The example calendar has problems of its own: show this post's only.
      const filter = page.locator('.part.panel .viewpane-filter input').first();
      await filter.fill(NAME);
      const stale = page.locator('.markers-panel .monaco-list-row', { hasText: 'approval.stale' }).first();
      await stale.waitFor({ timeout: 15_000 });
      assert.match(await stale.innerText(), /Approuvé par Léa <lea@nova\.example> le .*, mais ce que les réseaux recevraient a changé/);
      await shot('stale');

      step = 'request approval again with the quick fix';
      await page.locator('.monaco-editor .view-line', { hasText: /^approvals:/ }).first().click();
      await page.keyboard.press('Home');
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Redemander l’approbation' }).first();
      await fix.waitFor({ timeout: 10_000 });
      await shot('quick-fix');
      // Take it with the keyboard (the menu re-renders under the mouse).
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      for (let i = 0; i < 10 && !/Redemander l’approbation/.test((await focused.innerText().catch(() => '')) || ''); i++) await page.keyboard.press('ArrowDown');
      assert.match(await focused.innerText(), /Redemander l’approbation/);
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-lines', { hasText: 'status: review # à relire' }).first().waitFor({ timeout: 10_000 });
      await page.waitForFunction(() => !document.querySelector('.markers-panel')?.textContent?.includes('approval.stale'), null, { timeout: 10_000 });
      await page.keyboard.press('Control+S');
      await until('the fix saved', () => /^status: review # à relire$/m.test(onDisk()));
      assert.doesNotMatch(onDisk(), /by: |hash: /, 'the stale approval is gone');
      assert.match(onDisk(), /Dernier post de l’année ✨ #Nova Merci !/, 'the edit is kept');
      await shot('review-again');

      step = 'the calendar offers Approve on the chip';
      await command(page, 'Editorial Calendar: Open Calendar');
      const calendar = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
      const chip = calendar.locator('.chip', { hasText: TITLE }).first();
      await chip.waitFor({ timeout: 20_000 });
      await chip.hover();
      await chip.locator('.chip-action[aria-label="Approve"]').waitFor({ state: 'visible', timeout: 10_000 });
      await shot('calendar-approve');
      await chip.screenshot({ path: join(out, `${tag}-approve-chip.png`) });
      assert.deepEqual(dialogs, []);
      console.log(`e2e approve (${tag}): passed`);
    } catch (error) {
      failed = true;
      console.error(`e2e approve (${tag}) failed at "${step}": ${error.stack ?? error}`);
      await page.screenshot({ path: join(out, `${tag}-approve-failure.png`) }).catch(() => {});
    } finally {
      await close();
    }
  }
  return failed ? 1 : 0;
}
