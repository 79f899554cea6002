// The per-network preview in a real VS Code, driven from Chromium, in light and dark themes:
// - a showcase post: one card per network in its look (screenshot of each card), the fold drawn
//   where each feed cuts (hidden part dimmed), over-limit text struck from the cut, thread parts,
//   media with alt badges, Instagram linking nothing;
// - typing in the editor changes the preview and its counter; the cursor's thread part is marked;
// - tabs instead of side by side; a click on a problem selects its range in the editor;
// - what deltas drew in place (typing, the cursor's part) is what a fresh drawing of it gives;
// - a hostile post (HTML in text, title and alt) drawn as inert text, with no dialog.
// Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, quickOpen } from '../vscode/run.mjs';

const HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> "><svg onload=alert(3)> [clic](javascript:alert(4)) #Nova';

const SHOWCASE = `---
title: "Nova 3 : l’aperçu par réseau"
date: 2026-12-22T10:00
platforms: [x, bluesky, mastodon, threads, linkedin, instagram, facebook]
status: draft
media:
  - file: ../../../media/nova-teaser.png
    alt: Affiche de Nova 3 sur fond bleu nuit
  - file: ../../../media/nova-timeline.png
---
Nova 3 arrive le 12 janvier avec @camille.bsky.social, @nova_app et toute l’équipe 🎉
Au programme : une frise des rituels repensée, des check-ins asynchrones plus simples et un bilan mensuel tout neuf.
Inscrivez-vous à la démo : https://nova.app/blog/2027/nova-3-demo-en-direct?utm_source=social
On vous attend nombreux ! #Nova3 #Rituels #TravailHybride

:::x
Nova 3 arrive le 12 janvier 🎉 Une frise des rituels repensée, des check-ins asynchrones plus simples, un bilan mensuel tout neuf et des dizaines de petites améliorations que vous nous avez demandées. Inscrivez-vous à la démo en direct : https://nova.app/blog/2027/nova-3-demo-en-direct et posez toutes vos questions à l’équipe produit !

---

On compte sur vous ? #Nova3
:::
`;

const NETWORKS = ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram', 'facebook'];

export async function run() {
  const out = join(process.cwd(), 'test-results/e2e');
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
    const tag = theme.includes('Dark') ? 'dark' : 'light';
    const { page, dialogs, close } = await openWorkbench(theme, (box) => {
      writeFileSync(join(box.workspace, 'posts/2026/12/21-hostile.md'), `---\ntitle: "<img src=x onerror=alert(5)>"\ndate: 2026-12-21T10:00\nplatforms: [x, bluesky, mastodon, linkedin, instagram]\nstatus: draft\nmedia:\n  - file: ../../../media/nova-teaser.png\n    alt: "\\"><img src=x onerror=alert(6)>"\n---\n${HOSTILE}\n`);
      writeFileSync(join(box.workspace, 'posts/2026/12/22-showcase.md'), SHOWCASE);
    });
    let step = 'start';
    try {
      step = 'open the preview from the editor title';
      await quickOpen(page, '22-showcase.md');
      await page.locator('.editor-actions .action-label[aria-label^="Open Preview to the Side (per network)"]').first().click();
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await view.locator('article.card').first().waitFor({ timeout: 20_000 });
      // Media come from the workspace through the webview's resource roots.
      await view.locator('article.net-x .medium img').first().waitFor();
      const loaded = () => view.locator('article.net-x .medium img').first().evaluate((img) => img.complete && img.naturalWidth > 0);
      for (let i = 0; i < 40 && !(await loaded()); i++) await page.waitForTimeout(250);
      assert.ok(await loaded(), 'the first image loads');
      assert.deepEqual(await view.locator('article.card').evaluateAll((cards) => cards.map((c) => c.className.match(/net-(\w+)/)[1])), NETWORKS);

      step = 'each network in its look';
      const card = (network) => view.locator(`article.net-${network}`);
      // X: a thread of two posts (the variant), the first struck from the 281st weighted character.
      assert.equal(await card('x').locator('.post').count(), 2);
      assert.equal(await card('x').locator('.part-number').first().textContent(), '1/2');
      assert.match(await card('x').locator('.counter.over').first().textContent(), /^312\/280$/);
      const over = card('x').locator('.text .over').first();
      assert.match(await over.evaluate((e) => getComputedStyle(e).textDecorationLine), /line-through/);
      assert.equal(await card('x').locator('.entity.link').first().textContent(), 'nova.app/blog/2027/nova…');
      // Bluesky shows its own short link; Instagram links nothing and folds after ~125 characters.
      assert.equal(await card('bluesky').locator('.entity.link').textContent(), 'nova.app/blog/2027/no...');
      assert.equal(await card('instagram').locator('.entity.link').count(), 0);
      assert.equal(await card('instagram').locator('.more').textContent(), '… more');
      assert.equal(await card('instagram').locator('.folded').first().evaluate((e) => getComputedStyle(e).opacity), '0.45');
      assert.equal(await card('linkedin').locator('.more').textContent(), '…see more');
      assert.equal(await card('linkedin').locator('.entity.mention').count(), 0, 'LinkedIn links no plain @name');
      assert.equal(await card('facebook').locator('.more').count(), 0, 'Facebook shows 4 lines whole');
      assert.equal(await card('threads').locator('.entity.hashtag').count(), 1, 'Threads links one topic tag');
      assert.deepEqual(await card('mastodon').locator('.alt-badge').allTextContents(), ['ALT', 'No alt text']);
      assert.equal(await card('instagram').locator('.card-head + .media').count(), 1, 'Instagram puts the media first');
      assert.deepEqual(await card('linkedin').locator('.actions .action').allTextContents(), ['Like', 'Comment', 'Repost', 'Send']);
      await page.screenshot({ path: join(out, `${tag}-preview.png`) });
      for (const network of NETWORKS) await card(network).screenshot({ path: join(out, `${tag}-preview-${network}.png`) });

      step = 'typing changes the preview and its counter';
      const blueskyCounter = card('bluesky').locator('.counter');
      assert.equal(await blueskyCounter.textContent(), '353/300');
      await page.locator('.monaco-editor .view-lines').first().click();
      await goToLine(page, 11);
      // End twice: the first stops at the end of the wrapped row.
      await page.keyboard.press('End');
      await page.keyboard.press('End');
      await page.keyboard.type(' Encore !');
      await view.locator('article.net-bluesky .counter', { hasText: '362/300' }).waitFor({ timeout: 5000 });
      assert.match(await card('bluesky').locator('.text').textContent(), /l’équipe 🎉 Encore !/);

      step = 'the cursor’s thread part is marked';
      await goToLine(page, 21);
      await card('x').locator('.post').nth(1).locator('.part.active').waitFor({ timeout: 5000 });

      step = 'a click on a problem selects its range in the editor';
      const selection = page.locator('.statusbar-item[id="status.editor.selection"]').filter({ hasText: /Ln 17, Col \d+ \(\d+ selected\)/ });
      // A click on a drawing older than the document is ignored (its offsets may be stale): on a
      // loaded machine the drawing of the last keystroke can still be on its way, so click again.
      for (let attempt = 1; ; attempt++) {
        await card('x').locator('.problem.error').first().click();
        const selected = await selection.waitFor({ timeout: 5000 }).then(() => true, (e) => (attempt < 3 ? false : Promise.reject(e)));
        if (selected) break;
      }

      step = 'what was drawn in place (typing, the cursor, a click) is what a fresh drawing gives';
      // The cards as the deltas left them, once no delta is coming: compared below with a fresh drawing.
      const cardsHtml = () => view.locator('.cards').evaluate((e) => e.innerHTML);
      let inPlace = await cardsHtml();
      for (let i = 0; i < 10; i++) {
        await page.waitForTimeout(300);
        const again = await cardsHtml();
        if (again === inPlace) break;
        inPlace = again;
      }
      await card('bluesky').screenshot({ path: join(out, `${tag}-preview-typed-bluesky.png`) });

      step = 'tabs instead of side by side';
      await view.locator('.layout-button[data-layout="tabs"]').click();
      await view.locator('.tab[data-platform="mastodon"]').click();
      assert.deepEqual(await view.locator('article.card').evaluateAll((cards) => cards.map((c) => c.className.match(/net-(\w+)/)[1])), ['mastodon']);
      await view.locator('.tab[data-platform="mastodon"]').press('ArrowRight');
      await view.locator('article.net-threads').waitFor();
      assert.equal(await view.locator('.tab[aria-selected="true"] span').first().textContent(), 'Threads');
      assert.equal(await view.locator('.tab[aria-selected="true"]').evaluate((b) => b === document.activeElement), true, 'focus follows the arrow key');
      assert.equal(await view.locator('.tab[data-platform="x"] .dot.error').count(), 1, 'the X tab shows its error');
      await page.screenshot({ path: join(out, `${tag}-preview-tabs.png`) });
      await view.locator('.layout-button[data-layout="side"]').click();
      await view.locator('article.card').nth(6).waitFor();
      assert.equal(await cardsHtml(), inPlace, 'the cards drawn in place are those a fresh drawing gives');
      await card('bluesky').screenshot({ path: join(out, `${tag}-preview-typed-bluesky-fresh.png`) });

      step = 'a hostile post is drawn as text';
      await quickOpen(page, '21-hostile.md');
      await view.locator('.post-title', { hasText: '<img src=x onerror=alert(5)>' }).waitFor({ timeout: 10_000 });
      assert.equal(await view.locator('article.card').count(), 5);
      assert.match(await card('x').locator('.text').first().textContent(), /<script>alert\(1\)<\/script> <img src=x onerror=alert\(2\)>/);
      assert.equal(await view.locator('.text img, .text svg, .text script, .post-title img, .alt-badge img').count(), 0);
      // No link, script or event handler anywhere: links are drawn as styled text.
      assert.equal(await view.locator('#root :is(a, [href], script, iframe, [onerror], [onload])').count(), 0);
      await page.screenshot({ path: join(out, `${tag}-preview-hostile.png`) });
      assert.deepEqual(dialogs, []);
      console.log(`e2e preview (${tag}): passed`);
    } catch (error) {
      failed = true;
      console.error(`e2e preview (${tag}): FAILED at "${step}"`, error);
      await page.screenshot({ path: join(out, `${tag}-preview-failure.png`) }).catch(() => {});
    } finally {
      await close();
    }
  }
  return failed ? 1 : 0;
}

/** Moves the editor's cursor to the start of a line with Go to Line (Ctrl+G). */
async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget').waitFor();
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: `Ln ${line},` }).waitFor({ timeout: 5000 });
}
