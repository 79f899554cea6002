// The per-network preview in a real VS Code, driven from Chromium: opened from the editor title, one
// card per network, post text with HTML in it drawn as text (nothing runs). Screenshots in test-results/e2e/.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, quickOpen } from '../vscode/run.mjs';

const HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> "><svg onload=alert(3)> [clic](javascript:alert(4)) #Nova';

export async function run() {
  const out = join(process.cwd(), 'test-results/e2e');
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
    const tag = theme.includes('Dark') ? 'dark' : 'light';
    const { page, dialogs, close } = await openWorkbench(theme, (box) =>
      writeFileSync(join(box.workspace, 'posts/2026/12/21-hostile.md'), `---\ntitle: "<img src=x onerror=alert(5)>"\ndate: 2026-12-21T10:00\nplatforms: [x, bluesky, mastodon, linkedin, instagram]\nstatus: draft\nmedia:\n  - file: ../../../media/nova-teaser.png\n    alt: "\\"><img src=x onerror=alert(6)>"\n---\n${HOSTILE}\n`),
    );
    try {
      await quickOpen(page, '21-hostile.md');
      // The editor title button shows on posts (resourcePath under posts/).
      await page.locator('.editor-actions .action-label[aria-label^="Editorial Calendar: Open Preview"], .editor-actions .action-label[aria-label^="Open Preview to the Side (per network)"]').first().click();
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await view.locator('article.card').first().waitFor({ timeout: 20_000 });
      assert.equal(await view.locator('article.card').count(), 5);
      const x = view.locator('article.net-x .text').first();
      assert.match(await x.innerText(), /<script>alert\(1\)<\/script> <img src=x onerror=alert\(2\)>/);
      assert.equal(await view.locator('.text img, .text svg, .text script, .post-title img').count(), 0);
      assert.equal(await view.locator('.post-title').innerText(), '<img src=x onerror=alert(5)>');
      assert.equal(await view.locator('a[href^="javascript"]').count(), 0);
      await page.screenshot({ path: join(out, `${tag}-preview.png`) });
      assert.deepEqual(dialogs, []);
      console.log(`e2e preview (${tag}): passed`);
    } catch (error) {
      failed = true;
      console.error(`e2e preview (${tag}): FAILED`, error);
      await page.screenshot({ path: join(out, `${tag}-preview-failure.png`) }).catch(() => {});
    } finally {
      await close();
    }
  }
  return failed ? 1 : 0;
}
