// How the preview draws a part: pieces around entities, the fold and the cut.
import assert from 'node:assert/strict';
import { buildPreviews, type PreviewPart } from '../../src/core/preview';
import { pieces } from '../../src/webview/preview/pieces';
import { CONFIG, lintText, postFile } from './helpers';

const part = (body: string, platform: string): PreviewPart => {
  const [preview] = buildPreviews(lintText(postFile({ platforms: `[${platform}]` }, body)), CONFIG);
  return preview!.parts[0]!;
};
/** Pieces as short strings: text, then flags (L linked, F folded, O over, M "more" before). */
const drawn = (p: PreviewPart) => pieces(p).map((x) => `${x.moreBefore ? 'M|' : ''}${x.text}${x.entity ? '|L' : ''}${x.folded ? '|F' : ''}${x.over ? '|O' : ''}`);

describe('drawing a preview part', () => {
  it('shows a link as its app does, once, and the text around it as written', () => {
    assert.deepEqual(drawn(part('Lisez https://www.nova.app/blog/remote-rituals-for-hybrid-teams #Nova', 'x')), ['Lisez ', 'nova.app/blog/remote-ri…|L', ' ', '#Nova|L']);
  });

  it('marks a link over the limit when the cut falls inside it (Bluesky counts a URL in full)', () => {
    const url = 'https://nova.app/blog/2027/un-article-au-titre-vraiment-tres-long';
    const p = part('a'.repeat(280) + ' ' + url, 'bluesky');
    assert.ok(p.cut! > 281 && p.cut! < 281 + url.length, `cut ${p.cut} inside the link`);
    assert.deepEqual(drawn(p).slice(1), ['nova.app/blog/2027/un...|L|O']);
  });

  it('strikes plain text from the exact character the network cuts', () => {
    const p = part('é'.repeat(282), 'x');
    assert.deepEqual(drawn(p), ['é'.repeat(280), 'éé|O']);
  });

  it('dims what follows the fold, with "… more" once before it', () => {
    const p = part('Un\nDeux\nTrois\nQuatre #Nova\nCinq', 'linkedin');
    assert.deepEqual(drawn(p), ['Un\nDeux\nTrois', 'M|\nQuatre |F', '#Nova|L|F', '\nCinq|F']);
  });

  it('never folds inside a link: the fold moves before it', () => {
    const text = 'x'.repeat(190) + ' https://nova.app/blog/2027/un-article-au-titre-vraiment-tres-long fin';
    const p = part(text, 'linkedin');
    assert.equal(p.fold, 191, 'the link starts at 191');
    assert.deepEqual(drawn(p).slice(1, 3), ['M|nova.app/blog/2027/un-article-au-titre-vraiment-tres-long|L|F', ' fin|F']);
  });
});
