// Publishing from a real VS Code, driven from Chromium, to the real Bluesky PDS of test/peers/bsky
// started on 127.0.0.1: Connect Network… through its quick pick and input boxes, Publish Post
// from the command palette with its confirmation, the progress and the summary, the results
// written into the post, the preview's "Published" badge and the calendar, in light, dark and
// high-contrast themes; screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command, openWorkbench, parisTime, quickOpen } from '../vscode/run.mjs';

const POST = 'posts/2026/12/31-publie-depuis-vscode.md';

export async function run() {
  const out = join(process.cwd(), 'test-results/e2e');
  mkdirSync(out, { recursive: true });
  const { startPds } = await import('../peers/bsky/pds.mjs');
  const pds = await startPds();
  let failed = false;
  try {
    for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast']) {
      const tag = theme.includes('High Contrast') ? 'high-contrast' : theme.includes('Dark') ? 'dark' : 'light';
      const account = await pds.createAccount(`nova-${tag}.test`);
      let workspace;
      const { page, dialogs, close } = await openWorkbench(theme, (box) => {
        workspace = box.workspace;
        const config = join(box.workspace, '.editorial.yaml');
        writeFileSync(config, readFileSync(config, 'utf8').replace('  bluesky:\n', `  bluesky:\n    service: ${pds.url}\n`));
        writeFileSync(
          join(box.workspace, POST),
          `---\ntitle: Publié depuis VS Code\ndate: ${parisTime(-5)}\nplatforms: [bluesky]\nstatus: approved # validé par Léa\nlang: fr\n---\nBonne fin d’année à toutes et à tous ✨ #Nova\n\n---\n\nOn se retrouve en janvier pour Nova Live !\n`,
        );
      });
      const shot = (name) => page.screenshot({ path: join(out, `${tag}-publish-${name}.png`) });
      let step = 'start';
      try {
        step = 'connect Bluesky';
        // The extension is up once its status bar entry shows.
        await page.locator('.statusbar-item', { hasText: 'Calendar' }).first().waitFor({ timeout: 30_000 });
        await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
        await command(page, 'Editorial Calendar: Connect Network');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Bluesky' }).first().waitFor();
        await page.keyboard.type('Bluesky');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-message', { hasText: 'Bluesky handle' }).waitFor();
        await page.keyboard.type(account.handle);
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-message', { hasText: 'app password' }).waitFor();
        await page.keyboard.type(account.appPassword);
        await shot('password');
        assert.equal(await page.locator('.quick-input-widget input').first().getAttribute('type'), 'password', 'the app password is masked');
        await page.keyboard.press('Enter');
        await page.locator('.notifications-toasts', { hasText: `Connected to Bluesky as @${account.handle}.` }).waitFor({ timeout: 20_000 });
        await shot('connected');

        step = 'publish from the command palette';
        await quickOpen(page, '31-publie-depuis-vscode.md');
        await command(page, 'Editorial Calendar: Publish Post');
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ timeout: 20_000 });
        assert.match(await dialog.innerText(), /Publish "Publié depuis VS Code" now\?[\s\S]*Bluesky: as @nova-/);
        await shot('confirm');
        await dialog.locator('.monaco-button', { hasText: 'Publish' }).first().click();
        const summary = page.locator('.notifications-toasts', { hasText: 'Published on Bluesky.' });
        await summary.waitFor({ timeout: 30_000 });
        assert.ok(await summary.locator('.monaco-button', { hasText: 'Open on Bluesky' }).count() > 0, 'the summary links to the post');
        await page.waitForTimeout(400); // the toast slides in
        await shot('summary');
        const saved = readFileSync(join(workspace, POST), 'utf8');
        assert.match(saved, /^status: published # validé par Léa$/m);
        assert.match(saved, /^    state: published$/m);
        assert.equal((saved.match(/- id: at:\/\//g) ?? []).length + (saved.match(/\{ id: "?at:\/\//g) ?? []).length, 2, 'both parts recorded');
        assert.ok(!saved.includes(account.appPassword));
        await page.locator('.monaco-editor .view-lines', { hasText: 'state: published' }).first().waitFor();
        await shot('results');

        step = 'the preview shows it published';
        await page.locator('.editor-actions .action-label[aria-label^="Open Preview to the Side (per network)"]').first().click();
        const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        await view.locator('article.net-bluesky .published-badge').waitFor({ timeout: 20_000 });
        await shot('preview');

        step = 'the calendar shows it published';
        await command(page, 'Editorial Calendar: Open Calendar');
        const calendar = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
        await calendar.locator('.chip', { hasText: 'Publié depuis VS Code' }).first().waitFor({ timeout: 20_000 });
        await shot('calendar');
        assert.deepEqual(dialogs, []);
        console.log(`e2e publish (${tag}): passed`);
      } catch (error) {
        failed = true;
        console.error(`e2e publish (${tag}) failed at "${step}": ${error.stack ?? error}`);
        await page.screenshot({ path: join(out, `${tag}-publish-failure.png`) }).catch(() => {});
      } finally {
        await close();
      }
    }
  } finally {
    await pds.close();
  }
  return failed ? 1 : 0;
}
