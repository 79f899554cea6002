import assert from 'node:assert/strict';
import { RichText } from '@atproto/api';
import fc from 'fast-check';
import { blueskyRecords } from '../../src/core/publish/bluesky';
import { littleText } from '../../src/core/publish/linkedin';
import { publishRequests } from '../../src/core/publish/requests';
import { CONFIG, lintText, postFile } from './helpers';

const utf8 = new TextEncoder();
const slice = (text: string, start: number, end: number) => new TextDecoder().decode(utf8.encode(text).slice(start, end));

describe('what each network receives (publish requests)', () => {
  describe('Bluesky records', () => {
    it('shortens links as the app does, with the full URI in the facet, and tags by UTF-8 byte offsets', () => {
      const result = lintText(postFile({ platforms: '[bluesky]', lang: 'fr' }, 'Été ✨ https://nova.app/blog/remote-...-that-work #Nova2 et #Rétro'));
      const [record] = blueskyRecords(result.renders[0]!.parts, result.post.meta, { createdAt: '2026-12-01T08:30:00.000Z' });
      assert.equal(record!.text, 'Été ✨ nova.app/blog/remote-... #Nova2 et #Rétro');
      assert.deepEqual(record!.langs, ['fr']);
      const shown = record!.facets!.map((f) => [slice(record!.text, f.index.byteStart, f.index.byteEnd), f.features[0]]);
      assert.deepEqual(shown, [
        ['nova.app/blog/remote-...', { $type: 'app.bsky.richtext.facet#link', uri: 'https://nova.app/blog/remote-...-that-work' }],
        ['#Nova2', { $type: 'app.bsky.richtext.facet#tag', tag: 'Nova2' }],
        ['#Rétro', { $type: 'app.bsky.richtext.facet#tag', tag: 'Rétro' }],
      ]);
    });

    it('keeps a mention it cannot resolve as plain text, and links one it can', () => {
      const result = lintText(postFile({ platforms: '[bluesky]' }, 'Merci @lea.bsky.social et @nobody.bsky.social !'));
      const did = (h: string) => (h === 'lea.bsky.social' ? 'did:plc:lea' : undefined);
      const [record] = blueskyRecords(result.renders[0]!.parts, result.post.meta, { createdAt: 'x', did });
      assert.deepEqual(record!.facets!.map((f) => [slice(record!.text, f.index.byteStart, f.index.byteEnd), f.features[0]]), [['@lea.bsky.social', { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:lea' }]]);
    });

    it('puts tags where @atproto/api finds them in the text sent (property)', () => {
      const word = fc.constantFrom('Nova', '#Nova2', '#été', 'été', '✨', '👩🏽‍💻', '#日本', 'fin.', '$NOVA', '#a_b', '(#tag)', 'https://nova.app/a/b/c/d/e/f', 'nova.app');
      fc.assert(
        fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (words) => {
          const body = words.join(' ');
          const result = lintText(postFile({ platforms: '[bluesky]' }, body));
          const [record] = blueskyRecords(result.renders[0]!.parts, result.post.meta, { createdAt: 'x' });
          const rt = new RichText({ text: record!.text });
          rt.detectFacetsWithoutResolution();
          const theirs = (rt.facets ?? []).filter((f) => f.features[0]!.$type !== 'app.bsky.richtext.facet#link').map((f) => [f.index.byteStart, f.index.byteEnd, (f.features[0] as { tag?: string }).tag]);
          const ours = (record!.facets ?? []).filter((f) => f.features[0]!.$type === 'app.bsky.richtext.facet#tag').map((f) => [f.index.byteStart, f.index.byteEnd, (f.features[0] as { tag: string }).tag]);
          assert.deepEqual(ours, theirs, record!.text);
        }),
        { numRuns: 500 },
      );
    });

    it('sends a thread as one record per part, each replying to the one before', () => {
      const result = lintText(postFile({ platforms: '[bluesky]', media: '[{ file: ../media/a.png, alt: "Un chat" }]' }, 'Un\n\n---\n\nDeux\n\n---\n\nTrois'));
      const records = publishRequests(result, CONFIG).bluesky as Array<{ text: string; reply?: unknown; embed?: unknown }>;
      assert.deepEqual(records.map((r) => r.text), ['Un', 'Deux', 'Trois']);
      assert.deepEqual(records.map((r) => r.reply), [undefined, { root: { part: 1 }, parent: { part: 1 } }, { root: { part: 1 }, parent: { part: 2 } }]);
      assert.deepEqual(records[0]!.embed, { $type: 'app.bsky.embed.images', images: [{ alt: 'Un chat', image: { file: '../media/a.png' } }] });
      assert.equal(records[1]!.embed, undefined);
    });
  });

  describe('LinkedIn little text', () => {
    const cases: Array<[string, string]> = [
      ['Nova 2 (enfin) !', 'Nova 2 \\(enfin\\) !'],
      ['a_b *c* ~d~ <e> [f] {g} |h| @i \\j', 'a\\_b \\*c\\* \\~d\\~ \\<e\\> \\[f\\] \\{g\\} \\|h\\| \\@i \\\\j'],
    ];
    for (const [text, expected] of cases) it(JSON.stringify(text), () => assert.equal(littleText(text, []), expected));

    it('writes hashtags in LinkedIn markup, from the check\'s own hashtags', () => {
      const result = lintText(postFile({ platforms: '[linkedin]' }, 'Nova 2 (enfin) #Lancement #SaaS_FR'));
      const [body] = publishRequests(result, CONFIG).linkedin as Array<{ commentary: string }>;
      assert.equal(body!.commentary, 'Nova 2 \\(enfin\\) {hashtag|\\#|Lancement} {hashtag|\\#|SaaS\\_FR}');
    });

    it('leaves no reserved character unescaped (property)', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (text) => {
          const out = littleText(text, []);
          // Every reserved character is preceded by an odd run of backslashes.
          for (let i = 0; i < out.length; i++) {
            if (!'|{}@[]()<>#*_~'.includes(out[i]!)) continue;
            let n = 0;
            while (i - 1 - n >= 0 && out[i - 1 - n] === '\\') n++;
            assert.equal(n % 2, 1, `${JSON.stringify(text)} → ${JSON.stringify(out)}`);
          }
          assert.equal(out.replace(/\\(.)/g, '$1'), text, 'unescaping gives the text back');
        }),
        { numRuns: 1000 },
      );
    });
  });

  it('gives Mastodon and X one body per part, media on the first, replies after', () => {
    const result = lintText(postFile({ platforms: '[x, mastodon]', lang: 'fr', media: '[{ file: ../media/a.png, alt: "Un chat" }]' }, 'Un\n\n---\n\nDeux'));
    const requests = publishRequests(result, CONFIG);
    assert.deepEqual(requests.mastodon, [
      { status: 'Un', language: 'fr', visibility: 'public', media_ids: [{ file: '../media/a.png', description: 'Un chat' }] },
      { status: 'Deux', language: 'fr', visibility: 'public', in_reply_to_id: { part: 1 } },
    ]);
    assert.deepEqual(requests.x, [{ text: 'Un', media: { media_ids: [{ file: '../media/a.png', alt: 'Un chat' }] } }, { text: 'Deux', reply: { in_reply_to_tweet_id: { part: 1 } } }]);
  });

  it('gives Mastodon the calendar\'s visibility and the post\'s content warning', () => {
    const result = lintText(postFile({ platforms: '[mastodon]', contentWarning: '"Spoiler : la date de Nova 3"' }, 'Nova 3 arrive en mars'));
    const [status] = publishRequests(result, { ...CONFIG, platforms: { mastodon: { visibility: 'unlisted' } } }).mastodon as Array<Record<string, unknown>>;
    assert.deepEqual([status!['visibility'], status!['spoiler_text']], ['unlisted', 'Spoiler : la date de Nova 3']);
    assert.deepEqual(result.diagnostics.filter((d) => d.code === 'frontmatter.unknown-field'), []);
  });
});
