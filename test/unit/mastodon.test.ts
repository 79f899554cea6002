import assert from 'node:assert/strict';
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
