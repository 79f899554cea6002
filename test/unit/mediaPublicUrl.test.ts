import assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config';
import { publicMediaUrl, pendingPublicImages } from '../../src/core/publish/mediaUrl';
import { publishRequests } from '../../src/core/publish/requests';
import { CONFIG, codes, lintText, postFile } from './helpers';

const BASE = 'https://cdn.nova.app/calendar/';

describe('images at a public address (mediaBaseUrl)', () => {
  it('maps a calendar file under the base, each segment percent-encoded', () => {
    assert.equal(publicMediaUrl(BASE, 'media/a.png'), 'https://cdn.nova.app/calendar/media/a.png');
    assert.equal(publicMediaUrl('https://cdn.nova.app/calendar', 'media/a.png'), 'https://cdn.nova.app/calendar/media/a.png', 'a base without its final / is a folder too');
    assert.equal(publicMediaUrl(BASE, 'media/été 2/chat #1?.png'), 'https://cdn.nova.app/calendar/media/%C3%A9t%C3%A9%202/chat%20%231%3F.png');
  });

  it('gives a dry run each calendar file at its address, or as the file when there is no base, and no links', () => {
    const media = [{ file: '../media/a.png', alt: 'Un chat' }, { file: 'https://example.com/b.png' }, { file: '/media/c d.jpg' }];
    assert.deepEqual(pendingPublicImages('posts/2026/p.md', media, BASE), [
      { url: `${BASE}posts/media/a.png`, alt: 'Un chat' },
      { url: `${BASE}media/c%20d.jpg`, alt: '' },
    ]);
    assert.deepEqual(pendingPublicImages('posts/p.md', media.slice(0, 1), undefined), [{ url: { file: 'media/a.png' }, alt: 'Un chat' }]);
  });

  it('reads mediaBaseUrl from .editorial.yaml, refusing anything but an http(s) URL a path can follow', () => {
    assert.equal(parseConfig(`mediaBaseUrl: ${BASE}\n`).config.mediaBaseUrl, BASE);
    assert.equal(parseConfig('').config.mediaBaseUrl, undefined);
    for (const bad of ['cdn.nova.app/calendar', 'ftp://cdn.nova.app/', 'https://cdn.nova.app/?sig=1', '[a, b]']) {
      const { config, diagnostics } = parseConfig(`mediaBaseUrl: ${bad}\n`);
      assert.deepEqual([config.mediaBaseUrl, diagnostics.map((d) => d.code)], [undefined, ['config.schema']], bad);
    }
  });

  describe('media.no-public-url', () => {
    const withImage = (platforms: string, media = '[{ file: ../media/a.png, alt: Chat }]') => postFile({ platforms, media }, 'Un chat');

    it('fires once, naming every network that fetches images, on a post with an image file and no mediaBaseUrl', () => {
      const result = lintText(withImage('[x, threads, instagram, facebook]'));
      const found = result.diagnostics.filter((d) => d.code === 'media.no-public-url');
      assert.equal(found.length, 1);
      assert.equal(found[0]!.severity, 'error');
      assert.equal(found[0]!.range.start.line, 4, 'on the media entry');
      assert.match(found[0]!.message, /^Images for Threads, Instagram, and Facebook must be at a public address/);
      assert.match(lintText(withImage('[threads]'), { locale: 'fr' }).diagnostics.find((d) => d.code === 'media.no-public-url')!.message, /^Les images pour Threads doivent être à une adresse publique/);
    });

    it('clears once mediaBaseUrl is set, and never fires for other networks, posts without images, or links', () => {
      assert.ok(!codes(lintText(withImage('[threads, instagram]'), { mediaBaseUrl: BASE })).includes('media.no-public-url'));
      assert.ok(!codes(lintText(withImage('[x, bluesky, mastodon, linkedin]'))).includes('media.no-public-url'));
      assert.ok(!codes(lintText(postFile({ platforms: '[threads, facebook]' }, 'Sans image'))).includes('media.no-public-url'));
      assert.ok(!codes(lintText(withImage('[threads]', '[{ file: "https://example.com/a.png", alt: Chat }]'))).includes('media.no-public-url'));
    });

    it('is what the dry run shows instead of an address: the file', () => {
      const result = lintText(withImage('[threads]'));
      assert.deepEqual(publishRequests(result, CONFIG).threads, [{ media_type: 'IMAGE', image_url: { file: 'media/a.png' }, alt_text: 'Chat', text: 'Un chat' }]);
    });
  });
});
