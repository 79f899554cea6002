import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import twitter from 'twitter-text';
import { parse } from 'yaml';
import { isPlainText } from '../../src/core/markdown';
import { x, xConfigs } from '../../src/core/platforms/x';
import { twitterTextLinks } from '../../src/core/platforms/entities';
import { xLength } from '../../src/core/platforms/xLength';
import { lintText, postFile, sharedConformanceFile } from './helpers';
import { socialText } from './unicode.test';

interface Case {
  description: string;
  text: string;
  expected: { weightedLength: number; valid: boolean; validRangeEnd: number };
}

/** twitter-text's own suite, kept with the other repositories' data in `../shared` (Apache-2.0). */
const validateYml = sharedConformanceFile('twitter-text/validate.yml');

describe('X (twitter-text config v3)', () => {
  describe('passes twitter-text conformance (../shared/conformance/twitter-text/validate.yml, v3 cases)', () => {
    if (!validateYml) {
      it.skip('twitter-text conformance skipped: ../shared/conformance not found');
      return;
    }
    const conformance = parse(readFileSync(validateYml, 'utf8')) as { tests: Record<string, Case[]> };
    // The v3 (emoji-aware) section is the one the current config is tested against upstream.
    for (const c of conformance.tests['WeightedTweetsWithDiscountedEmojiCounterTest']!) {
      it(c.description, () => {
        const m = x.measure(c.text, {});
        assert.equal(m.length, c.expected.weightedLength);
        assert.equal(m.length <= m.limit, c.expected.valid);
        if (!c.expected.valid) assert.equal(m.fitsUntil, c.expected.validRangeEnd + 1);
      });
    }
    for (const c of conformance.tests['UnicodeDirectionalMarkerCounterTest']!) {
      it(c.description, () => assert.equal(x.measure(c.text, {}).length, c.expected.weightedLength));
    }
  });

  it('gives a post body the length parseTweet gives its text (property)', () => {
    // Bodies without Markdown syntax or fences, so that the text sent is the body itself.
    const plainBody = socialText.map((s) => s.replace(/\r/g, '').trim()).filter((s) => s !== '' && isPlainText(s) && !/^:::|\n:::|^---|\n---/.test(s));
    fc.assert(
      fc.property(plainBody, (body) => {
        const result = lintText(postFile({}, body));
        const part = result.renders[0]!.parts[0]!;
        return part.length === twitter.parseTweet(part.text).weightedLength && part.text === body;
      }),
      { numRuns: 500 },
    );
  });

  it('weighs any text exactly as parseTweet does, URLs, emoji, NFC and invalid characters included (property)', () => {
    const piece = fc.oneof(
      socialText,
      fc.constantFrom('https://nova.app/launch', 'nova.app', 'www.nova.fr/é', ' ', '\ufffe', '\ufeff', '\uffff', '\u202a', '\u2000', '\u2010', '\u2032', '\u1100', 'e\u0301', '\u212b', '©', '®', '©\ufe0f', '#\ufe0f\u20e3', 'x'.repeat(140), '\ud83d', '\udc4d'),
    );
    const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.boolean(), (t, premium) => {
        const config = premium ? xConfigs.premium : xConfigs.standard;
        const expected = twitter.parseTweet(t, config);
        assert.deepEqual(xLength(t, config), { weightedLength: expected.weightedLength, valid: expected.valid, validRangeEnd: expected.validRangeEnd });
      }),
      { numRuns: 3000 },
    );
  });

  it('counts each URL as 23, with or without https://', () => {
    assert.equal(x.measure('https://nova.app/launch/with/a/very/long/path', {}).length, 23);
    assert.equal(x.measure('nova.app', {}).length, 23);
  });

  it('allows 25,000 weighted characters with premium', () => {
    const long = 'a'.repeat(1000);
    assert.equal(x.measure(long, {}).limit, 280);
    assert.equal(x.measure(long, { premium: true }).limit, 25_000);
    assert.equal(x.measure(long, {}).fitsUntil, 280);
  });

  it('finds hashtags as X links them', () => {
    assert.deepEqual(
      x.hashtags('#Nova #2026 #été C#sharp #Nova-2').map((h) => h.tag),
      ['Nova', 'été', 'Nova'],
    );
  });
});

describe('X hashtags', () => {
  it('finds exactly the hashtags twitter-text finds, URLs overlapping them included (property)', () => {
    // White space of every kind: only ASCII white space bounds the words searched (see wordsHolding).
    const token = fc.constantFrom('#tag', '#été', '＃x', '#2026', 'nova.app/#frag', 'https://nova.app/a#b', 'nova.app#x', 'www.nova.app/#', '#nova.app', 'a.b', ' ', '\n', '\t', '\r\n', '\u00a0', '\u3000', '\u2028', '\u200f', '\ufe0f', '&', '.', '/', 'é', '#', '@user', '#a#b', 'C#', '🎄', '#tag/x.io', '#a://b');
    fc.assert(
      fc.property(fc.array(fc.oneof(token, fc.string({ maxLength: 3 })), { maxLength: 14 }), (tokens) => {
        const text = tokens.join('');
        const expected = twitter.extractHashtagsWithIndices(text).map((h) => ({ start: h.indices[0], end: h.indices[1], tag: h.hashtag }));
        assert.deepEqual(x.hashtags(text), expected);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('twitter-text URL extraction', () => {
  it('finds in each word holding a `.` what it finds in the whole text (property)', () => {
    const token = fc.constantFrom('https://nova.app/a', 'http://x.co', 'nova.app', 'www.nova.app/b?q=1', 'HTTPS://NOVA.APP', 'https://t.co/abcdefghij', 'https://t.co/abc/def', 'nova.app/(a)', 'a.b', 'x.y.z', 'café.fr', 'xn--caf-dma.fr', 'https://café.fr/x', '-nova.app', '_a.io', '/b.fr', '.', ',', ':', '/', '(', ')', '@user', '$x.co', '#a.io', 'é', '🎄', ' ', '\n', '\t', '\r\n', '\u00a0', '\u3000', '\u2028', '\u200f', '\u202a', '\ufe0f', 'nova.app:8080/x');
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 5, arbitrary: token }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }), { maxLength: 14 }), (tokens) => {
        const text = tokens.join('');
        const expected = twitter.extractUrlsWithIndices(text).map((u) => ({ start: u.indices[0], end: u.indices[1], url: u.url }));
        assert.deepEqual(twitterTextLinks(text), expected, JSON.stringify(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('finds the URLs with a scheme whether or not schemeless ones are wanted (property)', () => {
    const token = fc.constantFrom('https://nova.app/a', 'http://x.co', 'nova.app', 'www.nova.app/b', 'HTTPS://NOVA.APP', 'ftp://x.org', 'a.b', ' ', '\n', 'é', '(', ')', '.', 'https://', '#tag', '@user', 'xn--caf-dma.fr', 'https://café.fr/x');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        const text = tokens.join('');
        const strict = twitter.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
        const all = twitter.extractUrlsWithIndices(text).filter((u) => /^https?:\/\//i.test(u.url));
        assert.deepEqual(all, strict);
      }),
      { numRuns: 3000 },
    );
  });
});
