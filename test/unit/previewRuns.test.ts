// How the preview updates a part's text in place: the nodes patched from one version's runs give
// the runs of the next, as a fresh drawing would, and a keystroke in plain text edits one node.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildPreviews, type PreviewPart } from '../../src/core/preview';
import { applySplice } from '../../src/webview/previewDelta';
import { patchRuns, runsOf, type RunNodes } from '../../src/webview/preview/runs';
import { CONFIG, lintText, postFile } from './helpers';

const NETWORKS = ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram', 'facebook'] as const;
const partsOf = (body: string) => buildPreviews(lintText(postFile({ platforms: `[${NETWORKS.join(', ')}]` }, body)), CONFIG).map((p) => p.parts);

/** A node of the model: a run whose text the host may change. */
type Node = { text: string; cls?: string; title?: string };

/** A model of a text element's children, changed only through the host, which counts what it does. */
function modelHost(children: Node[]) {
  const counts = { created: 0, edited: 0, removed: 0 };
  const host: RunNodes<Node> = {
    create: (run) => (counts.created++, { ...run }),
    edit(node, change, text) {
      counts.edited++;
      assert.ok(children.includes(node), 'edits a node on the page');
      assert.equal(applySplice(node.text, change), text, 'the splice gives the new text');
      node.text = text;
    },
    replace(removed, inserted, next) {
      counts.removed += removed.length;
      const at = removed.length > 0 ? children.indexOf(removed[0]!) : next ? children.indexOf(next) : children.length;
      assert.ok(at >= 0, 'replaces nodes on the page');
      removed.forEach((n, k) => assert.equal(children[at + k], n, 'removed nodes are consecutive'));
      assert.equal(children[at + removed.length], next, 'next is the node after the removed ones');
      children.splice(at, removed.length, ...inserted);
    },
  };
  return { host, counts };
}

/** Draws `before`, patches it to `after`, and returns the page's runs and what the patch did. */
function patched(before: PreviewPart, after: PreviewPart, more = '… more') {
  const runs = runsOf(before, more);
  const children: Node[] = runs.map((r) => ({ ...r }));
  const nodes = [...children];
  const { host, counts } = modelHost(children);
  patchRuns(nodes, runs, runsOf(after, more), host);
  assert.deepEqual(nodes, children, 'the refs list the nodes on the page, in order');
  return { children, counts };
}

describe('updating a preview part in place', () => {
  const sentence = 'Nova planifie les rituels de votre équipe avec @nova_app : https://nova.app/rituels #Nova #Rituels 🎉\n';
  const body = sentence.repeat(20).slice(0, 2000);

  it('edits one text node for a character typed in plain text, on every network', () => {
    const [before, after] = [partsOf(body), partsOf(body + 'a')];
    before.forEach((parts, n) => {
      const { children, counts } = patched(parts.at(-1)!, after[n]!.at(-1)!);
      assert.deepEqual(children, runsOf(after[n]!.at(-1)!, '… more'), NETWORKS[n]);
      assert.deepEqual(counts, { created: 0, edited: 1, removed: 0 }, NETWORKS[n]);
    });
  });

  it('draws anew only the runs between those kept, when a link or tag appears', () => {
    const [before, after] = [partsOf('Bonjour à tous, '), partsOf('Bonjour #Nova à tous, ')];
    const { children, counts } = patched(before[0]![0]!, after[0]![0]!);
    assert.deepEqual(children, runsOf(after[0]![0]!, '… more'));
    assert.deepEqual(counts, { created: 3, edited: 0, removed: 1 });
  });

  it('gives the runs of a fresh drawing for any edit, fold or cut moving (property)', function () {
    this.timeout(60_000);
    const edit = fc.record({ at: fc.nat(700), remove: fc.nat(12), insert: fc.constantFrom('a', ' ', ' #Nova', '@nova_app ', 'https://nova.app/x ', '🎉', '', '\n', 'é'.repeat(200)) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let text = body.slice(0, 700);
        let before = partsOf(text);
        for (const e of edits) {
          text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
          const after = partsOf(text);
          before.forEach((parts, n) => {
            const next = after[n]!;
            for (let i = 0; i < Math.min(parts.length, next.length); i++) assert.deepEqual(patched(parts[i]!, next[i]!).children, runsOf(next[i]!, '… more'), `${NETWORKS[n]} part ${i}`);
          });
          before = after;
        }
      }),
      { numRuns: 80, seed: 7 },
    );
  });
});
