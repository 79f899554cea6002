import assert from 'node:assert/strict';
import { newPostPath, newPostText, slugify } from '../../src/core/newPost';
import { codes, lintText } from './helpers';

describe('new posts', () => {
  it('makes ASCII slugs from French titles', () => {
    assert.equal(slugify('Lancement de Nova 2 : J-3 !'), 'lancement-de-nova-2-j-3');
    assert.equal(slugify('Été à Noël — ça marche'), 'ete-a-noel-ca-marche');
    assert.equal(slugify('🎄🎄'), 'post');
  });

  it('puts a post under posts/YYYY/MM/DD-slug.md', () => {
    assert.equal(newPostPath('2026-12-03T09:30', 'Lancement'), 'posts/2026/12/03-lancement.md');
  });

  it('writes a post that lints clean once it has text', () => {
    const text = newPostText({ title: 'Nova "2"', dateText: '2026-12-03T09:30', platforms: ['x', 'bluesky'] });
    assert.deepEqual(codes(lintText(text + 'Bonjour')), []);
    // Both networks lack text: one finding names them both.
    const empty = lintText(text).diagnostics;
    assert.deepEqual(empty.map((d) => [d.code, d.message, d.platform]), [['length.empty', 'X and Bluesky: there is no text to publish.', undefined]]);
  });
});
