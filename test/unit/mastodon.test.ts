import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mastodon } from '../../src/core/platforms/mastodon';
import { threads } from '../../src/core/platforms/threads';
import { instagram } from '../../src/core/platforms/instagram';
import { youtube } from '../../src/core/platforms/youtube';

describe('Mastodon', () => {
  const cases: Array<[string, string, number]> = [
    ['plain text, one per grapheme', 'Bonjour à tous 👩‍💻', 16],
    ['a URL counts 23 however long', 'Voir https://nova.app/a/very/long/path/indeed?x=1 !', 5 + 23 + 2],
    ['a schemaless domain counts as written', 'nova.app', 8],
    ['a remote mention counts as the local part', 'Merci @lea@mastodon.social !', 6 + 4 + 2],
    ['a local mention counts as written', 'Merci @lea !', 12],
    ['an e-mail address is not a mention', 'lea@nova.app', 12],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.equal(mastodon.measure(text, {}).length, expected));
  }

  it('takes the limit from the instance settings', () => {
    assert.equal(mastodon.measure('a', {}).limit, 500);
    assert.equal(mastodon.measure('a', { maxCharacters: 5000 }).limit, 5000);
    assert.equal(mastodon.measure('a'.repeat(20), { maxCharacters: 10 }).fitsUntil, 10);
  });

  it('cuts before a URL that does not fit whole', () => {
    const text = 'a'.repeat(480) + ' https://nova.app/x';
    assert.equal(mastodon.measure(text, {}).length, 480 + 1 + 23);
    assert.equal(mastodon.measure(text, {}).fitsUntil, 481);
  });

  it('finds hashtags, not inside words or URLs', () => {
    assert.deepEqual(mastodon.hashtags('#Nova #2026 a#b https://x.org/#frag #BonneAnnée2027 #a·b').map((h) => h.tag), ['Nova', 'BonneAnnée2027', 'a·b']);
  });

  describe('as Mastodon’s server finds entities', () => {
    const tags = (text: string) => mastodon.hashtags(text).map((h) => h.tag);
    const handles = (text: string) => mastodon.display.mentions(text).map((m) => m.handle);

    it('takes no mention whose domain is over 253 characters: the post counts in full', () => {
      const long = '@alice@' + 'b'.repeat(250) + '.com';
      assert.equal(mastodon.measure(long, {}).length, long.length);
      assert.deepEqual(handles(long), []);
      const longest = '@alice@' + 'b'.repeat(249) + '.com';
      assert.equal(mastodon.measure(longest, {}).length, 6);
      assert.deepEqual(handles(longest), ['alice@' + 'b'.repeat(249) + '.com']);
    });

    it('takes no mention followed by @, :// or an accented Latin letter', () => {
      assert.equal(mastodon.measure('@alice@nova.app@x', {}).length, 17);
      assert.deepEqual(handles('@alice@nova.app@x @café @bob://x'), []);
      assert.deepEqual(handles('.@alice, @lea@grå.org! @a.b-c'), ['alice', 'lea@grå.org', 'a.b-c']);
    });

    it('takes a hashtag after a space or at the start only, with # or ＃', () => {
      assert.deepEqual(tags('＃ｆｏｏ a=#b x.#y (#c) "#d" test\u00a0#e\n#f'), ['ｆｏｏ', 'e', 'f']);
    });

    it('takes ・ and ZWNJ inside a tag, and · or ・ only between word characters', () => {
      assert.deepEqual(tags('#ぼっち・ざ・ろっく #نرم\u200cافزار #·one #one·two·three· #1·2'), ['ぼっち・ざ・ろっく', 'نرم\u200cافزار', 'one·two·three', '1·2']);
    });

    it('drops the http or https that runs into a :// after a tag', () => {
      assert.deepEqual(tags('#hashtaghttp://nova.app #tagshttps://x #http://x #nohttp:/'), ['hashtag', 'tags', 'http', 'nohttp']);
      assert.deepEqual(mastodon.hashtags('#hashtaghttp://nova.app')[0], { start: 0, end: 8, tag: 'hashtag' });
    });

    it('cuts the same tags as Mastodon’s backtracking pattern would (property)', () => {
      // Tag::HASHTAG_RE written out as a JS pattern: fine on short texts, quadratic on long ones.
      const word = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
      const sep = '_·・\\u200c';
      const name = `[${word}_][${word}${sep}]*[\\p{Alphabetic}${sep}][${word}${sep}]*[${word}_]|[${word}_]*\\p{Alphabetic}[${word}_]*`;
      const pattern = new RegExp(`(?<=^|[\\p{Zs}\\p{Zl}\\p{Zp}\\t\\n\\v\\f\\r\\u0085])[#＃](${name})`, 'gu');
      const reference = (text: string) =>
        [...text.matchAll(pattern)].map((m) => {
          const cut = text.startsWith('://', m.index + m[0].length) ? /^(.+)(https?)$/u.exec(m[1]!) : null;
          return cut ? cut[1]! : m[1]!;
        });
      const token = fc.constantFrom('a', 'Z', '3', '٣', '²', '_', '·', '・', '\u200c', '\u200d', '\u0301', 'é', 'ぼ', '𝒜', '#', '＃', ' ', '\u00a0', '\n', '.', '=', '(', '-', 'http', 's', '://');
      fc.assert(
        fc.property(fc.array(token, { maxLength: 16 }), (tokens) => {
          const text = tokens.join('');
          assert.deepEqual(tags(text), reference(text));
        }),
        { numRuns: 5000 },
      );
    });

    it('scans 100,000 characters of tag or mention in linear time', () => {
      // Mastodon's hashtag pattern, ported as is, backtracks quadratically on `#a····…` (seconds
      // at this size); a quadratic scan would exceed the suite's timeout.
      const tag = '#' + 'a·'.repeat(50_000);
      assert.deepEqual(tags(tag), ['a·'.repeat(50_000).slice(0, -1)]);
      assert.deepEqual(tags('#a' + '·'.repeat(100_000)), ['a']);
      assert.deepEqual(tags('#' + '·'.repeat(100_000) + 'a'), []);
      const mention = '@a@' + 'b'.repeat(99_997);
      assert.equal(mastodon.measure(mention, {}).length, 100_000);
      assert.deepEqual(handles(mention), []);
      assert.equal(mastodon.measure('@a@' + 'b-'.repeat(50_000), {}).length, 100_003);
    });
  });
});

describe('Threads', () => {
  it('counts an emoji as its UTF-8 bytes and other characters as one', () => {
    assert.equal(threads.measure('Salut 👋', {}).length, 6 + 4);
    assert.equal(threads.measure('🇫🇷', {}).length, 8);
    assert.equal(threads.measure('👩‍💻', {}).length, 11);
    assert.equal(threads.measure('é', {}).length, 1);
  });
  it('limits posts to 500 and links to 5', () => {
    assert.equal(threads.measure('', {}).limit, 500);
    assert.equal(threads.maxLinks, 5);
  });
});

describe('Other networks', () => {
  it('Instagram: 2,200 characters, 5 hashtags enforced, media required, links not clickable', () => {
    assert.equal(instagram.measure('x', {}).limit, 2200);
    assert.deepEqual(instagram.hashtagCap, { max: 5, severity: 'error', message: 'hashtag.too-many' });
    assert.equal(instagram.media.required, true);
    assert.deepEqual(instagram.links('https://nova.app'), []);
  });
  it('YouTube: description in UTF-8 bytes, title of 100', () => {
    assert.deepEqual(youtube.measure('é', {}), { length: 2, limit: 5000, fitsUntil: 1, unit: 'bytes' });
    assert.equal(youtube.titleLimit, 100);
  });
});
