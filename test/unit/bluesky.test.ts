import assert from 'node:assert/strict';
import { RichText } from '@atproto/api';
import fc from 'fast-check';
import { bluesky, blueskyFacets } from '../../src/core/platforms/bluesky';
import { socialText } from './unicode.test';

/** Text built to hit facet detection: tags, mentions, links, cashtags, punctuation around them. */
const richText = fc
  .array(
    fc.oneof(
      socialText,
      fc.constantFrom(' ', '\n', '(', ')', '.', ',', '!', '?', ':', '"', '’', '\u00a0', '＃', '#', '@', '$', '\ufe0f', '\u200b', '\u00ad'),
      fc.constantFrom('#Nova', '#nova2', '#2026', '#été', '#Nova-2', '#🎄', '#a_b', '#tag.', '#x!', '#ab12', '#' + 'a'.repeat(70)),
      fc.constantFrom('@nova.bsky.social', '@alice.test', '@bob', '@user.example', '@Nova.Bsky.Social'),
      fc.constantFrom('https://nova.app/launch', 'http://x.co/a(b)', 'https://nova.app/a).', 'nova.app', 'nova.app/path?q=1', 'example.notatld', 'www.nova.app!', 'NOVA.APP'),
      fc.constantFrom('$NOVA', '$aapl.', '$toolong', '($BTC)'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

function reference(text: string) {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  return rt;
}

describe('Bluesky', () => {
  it('detects the same facets as @atproto/api RichText (property)', () => {
    fc.assert(
      fc.property(richText, (text) => {
        const expected = (reference(text).facets ?? []).map((f) => ({ index: f.index, features: f.features.map(({ $type, ...rest }) => ({ $type, ...rest })) }));
        assert.deepEqual(blueskyFacets(text), JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts graphemes as RichText does, and lists its tags in order (property)', () => {
    fc.assert(
      fc.property(richText, (text) => {
        const rt = reference(text);
        // Hashtag facets are those whose range starts with '#' (cashtags start with '$').
        const bytes = Buffer.from(text, 'utf8');
        const tags = (rt.facets ?? [])
          .filter((f) => f.features[0]!.$type === 'app.bsky.richtext.facet#tag' && bytes.subarray(f.index.byteStart, f.index.byteStart + 1).toString() !== '$')
          .map((f) => (f.features[0] as { tag: string }).tag);
        return bluesky.measure(text, {}).length === rt.graphemeLength && JSON.stringify(bluesky.hashtags(text).map((h) => h.tag)) === JSON.stringify(tags);
      }),
      { numRuns: 2000 },
    );
  });

  it('limits a post to 300 graphemes, and to 3,000 UTF-8 bytes', () => {
    assert.deepEqual(bluesky.measure('é'.repeat(301), {}), { length: 301, limit: 300, fitsUntil: 300, unit: 'graphemes' });
    const family = '👩‍👩‍👧‍👦'; // one grapheme, 25 bytes
    const m = bluesky.measure(family.repeat(200), {});
    assert.equal(m.unit, 'bytes');
    assert.equal(m.length, 5000);
    assert.equal(m.fitsUntil, family.length * 120);
  });

  it('addresses facets by UTF-8 bytes', () => {
    assert.deepEqual(blueskyFacets('été #Nova'), [{ index: { byteStart: 6, byteEnd: 11 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Nova' }] }]);
  });
});
