import assert from 'node:assert/strict';
import { buildPreviews, foldAt, type PlatformPreview } from '../../src/core/preview';
import { CONFIG, lintText, postFile } from './helpers';

const previews = (body: string, platforms = '[x, bluesky, mastodon, threads, linkedin, instagram, facebook]', extra: Record<string, string> = {}) =>
  buildPreviews(lintText(postFile({ platforms, ...extra }, body)), CONFIG);
const of = (all: PlatformPreview[], id: string) => all.find((p) => p.platform === id)!;
const spans = (p: PlatformPreview, part = 0) => p.parts[part]!.entities.map((e) => [e.kind, p.parts[part]!.text.slice(e.start, e.end), e.display]);

describe('per-network previews', () => {
  it('shows each network its own links, shortened the way its app does', () => {
    const url = 'https://www.nova.app/blog/remote-rituals-for-hybrid-teams';
    const all = previews(`Lisez ${url} !`);
    assert.deepEqual(spans(of(all, 'x')), [['link', url, 'nova.app/blog/remote-ri…']]);
    assert.deepEqual(spans(of(all, 'bluesky')), [['link', url, 'www.nova.app/blog/remote-...']]);
    assert.deepEqual(spans(of(all, 'mastodon')), [['link', url, 'nova.app/blog/remote-rituals-f…']]);
    assert.deepEqual(spans(of(all, 'instagram')), [], 'links in Instagram captions are not clickable');
    assert.equal(of(all, 'linkedin').linkCard, url);
  });

  it('links hashtags and mentions as each network does, next to punctuation', () => {
    const all = previews('Merci @lea@mastodon.social et @nova_app (#Nova2, #été) ! #2026');
    assert.deepEqual(spans(of(all, 'mastodon')).map(([k, t]) => [k, t]), [
      ['mention', '@lea@mastodon.social'],
      ['mention', '@nova_app'],
      // Mastodon links a tag only at the start or after a space: `(#Nova2` stays text.
      ['hashtag', '#été'],
    ]);
    // X links no mention written as a Fediverse address.
    assert.deepEqual(spans(of(all, 'x')).map(([k, t]) => [k, t]), [
      ['mention', '@nova_app'],
      ['hashtag', '#Nova2'],
      ['hashtag', '#été'],
    ]);
  });

  it('keeps emoji ZWJ sequences, CJK and RTL text whole, with exact offsets', () => {
    const body = '👩‍💻 新しい #ノバ مرحبا #Nova';
    const x = of(previews(body), 'x');
    const part = x.parts[0]!;
    assert.equal(part.text, body);
    assert.deepEqual(part.entities.map((e) => part.text.slice(e.start, e.end)), ['#ノバ', '#Nova']);
  });

  it('folds long text where the feed does: Instagram at 125 characters, LinkedIn at 3 lines', () => {
    const long = 'Nova arrive bientôt avec des rituels pour les équipes. '.repeat(6).trim();
    const all = previews(long, '[instagram, linkedin, facebook]', { media: '[{ file: a.png, alt: A }]' });
    const ig = of(all, 'instagram').parts[0]!;
    assert.ok(ig.fold !== undefined && ig.fold <= 125 && ig.fold > 100, String(ig.fold));
    assert.equal(ig.text[ig.fold], ' ');
    const lines = previews('Un\nDeux\nTrois\nQuatre\nCinq', '[linkedin]');
    assert.equal(lines[0]!.parts[0]!.fold, 'Un\nDeux\nTrois'.length);
    assert.equal(of(all, 'facebook').parts[0]!.fold, undefined, 'Facebook shows 330 characters whole');
    assert.equal(foldAt('court', { chars: 125, lines: 3 }), undefined);
  });

  it('marks where an over-long part would be cut, and shows threads as parts', () => {
    const all = previews('a'.repeat(290) + '\n\n---\n\nSuite du fil', '[x, bluesky]');
    const x = of(all, 'x');
    assert.equal(x.parts.length, 2);
    assert.equal(x.parts[0]!.cut, 280);
    assert.equal(x.parts[1]!.cut, undefined);
    assert.equal(of(all, 'bluesky').parts[0]!.cut, undefined);
  });

  it('carries media with the network limit, and the account from the settings', () => {
    const result = lintText(postFile({ platforms: '[x]', media: '[{ file: a.png, alt: Chat }, b.png]' }, 'Photos'));
    const [x] = buildPreviews(result, { ...CONFIG, platforms: { x: { account: { name: 'Nova', handle: '@nova_app' } } } });
    assert.deepEqual(x!.media, [{ file: 'a.png', alt: 'Chat' }, { file: 'b.png' }]);
    assert.equal(x!.mediaLimit, 4);
    assert.deepEqual(x!.account, { name: 'Nova', handle: '@nova_app' });
  });
});
