// Keystroke to painted preview as a person types: keys pressed in the editor from Chromium
// (playwright's keyboard, i.e. CDP Input.dispatchKeyEvent), timed in the browser from the keydown
// event's time stamp to the frame the webview painted with that text. Run by `run.mjs bench`
// after the extension-host benchmarks (test/integration/bench.ts time an editor.edit instead,
// which goes extension host → workbench → extension host before the preview hears of it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, quickOpen } from './run.mjs';

/**
 * Types `keys` characters at the end of a post of `chars` characters for 7 networks, one at a time
 * at typing pace, and returns the medians and p95 of keydown → drawn in the webview and keydown →
 * painted (both clocks epoch-based, in the same browser).
 */
export async function typedLatency(chars, keys = 60, warmUp = 10) {
  const name = `bench-typed-${chars}.md`;
  const sentence = 'Nova planifie les rituels de votre équipe avec @nova_app : https://nova.app/rituels #Nova #Rituels 🎉\n';
  const body = sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
  const text = `---\ntitle: Bench preview\ndate: 2027-01-20T10:00\nplatforms: [x, bluesky, mastodon, threads, linkedin, instagram, facebook]\nstatus: draft\n---\n${body}`;
  const { page, close } = await openWorkbench('Default Light Modern', (box) => writeFileSync(join(box.workspace, 'posts', name), text));
  try {
    await quickOpen(page, name);
    await page.locator('.editor-actions .action-label[aria-label^="Open Preview to the Side (per network)"]').first().click();
    const root = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('#root');
    await root.locator('article.net-x .counter').waitFor({ timeout: 20_000 });
    // In the webview, each change of the page is stamped when it is made (a mutation observer runs
    // right after the drawing) and when its frame is painted (the next frame callback, then a
    // message, handled after that frame's style, layout and paint), with every card's counter (a
    // key typed in a link leaves X's count as it was, not Bluesky's or LinkedIn's).
    await root.evaluate((rootElement) => {
      const w = /** @type {any} */ (window);
      const stamp = () => performance.timeOrigin + performance.now();
      const counters = (e) => [...e.querySelectorAll('.counter')].map((c) => c.textContent).join(' ');
      w.edcalCounters = () => counters(rootElement);
      // When each message from the extension host reached the page (the event's own time stamp),
      // before the page's handler draws it: keydown to there is VS Code's round trip plus the check.
      w.edcalArrivals = [];
      window.addEventListener('message', (e) => w.edcalArrivals.push(performance.timeOrigin + e.timeStamp), true);
      w.edcalArm = (last) => (w.edcalNext = new Promise((resolve) => (w.edcalWant = { last, resolve })));
      new MutationObserver(() => {
        const drawnAt = stamp();
        const arrivedAt = w.edcalArrivals.at(-1); // the message this drawing is of
        const counter = counters(rootElement);
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            channel.port1.close();
            if (w.edcalWant && counter !== w.edcalWant.last) w.edcalWant.resolve({ counter, drawnAt, paintedAt: stamp(), arrivedAt });
          };
          channel.port2.postMessage(null);
        });
      }).observe(rootElement, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(500);
    // In the workbench: when each key went down (the event's own time stamp, epoch-based).
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.edcalKeys = [];
      window.addEventListener('keydown', (e) => w.edcalKeys.push(performance.timeOrigin + e.timeStamp), true);
    });
    const drawn = [];
    const painted = [];
    const arrived = [];
    for (let i = 0; i < keys + warmUp; i++) {
      const last = await root.evaluate(() => /** @type {any} */ (window).edcalCounters());
      await root.evaluate((_, l) => void (/** @type {any} */ (window).edcalArm(l)), last);
      await page.keyboard.press('a');
      const frame = await Promise.race([root.evaluate(() => /** @type {any} */ (window).edcalNext), page.waitForTimeout(10_000).then(() => undefined)]);
      if (!frame) throw new Error(`no painted preview after key ${i + 1}`);
      const keyAt = await page.evaluate((n) => /** @type {any} */ (window).edcalKeys[n], i);
      if (i >= warmUp) {
        drawn.push(frame.drawnAt - keyAt);
        if (frame.arrivedAt !== undefined) arrived.push(frame.arrivedAt - keyAt);
        painted.push(frame.paintedAt - keyAt);
      }
      await page.waitForTimeout(30); // typing pace
    }
    return { samples: painted.length, chars: body.length, arrived: stats(arrived), drawn: stats(drawn), painted: stats(painted) };
  } finally {
    await close();
  }
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)] };
}
