// Tricky posts drawn for every network: the parts, the spans each network links (with what its app
// shows for a link), the length it counts, where its feed folds and where it would cut. Expected
// values are worked out by hand from each network's documented behaviour (see the comments).
import assert from 'node:assert/strict';
import { buildPreviews, type PlatformPreview } from '../../src/core/preview';
import type { PlatformId } from '../../src/core/model';
import { CONFIG, lintText, postFile } from './helpers';

const NETWORKS = ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram', 'facebook'] as const;
type Network = (typeof NETWORKS)[number];

/** What one network shows of one part: linked spans as `kind text` (links: `link url → display`). */
interface PartView {
  text?: string;
  length: number;
  entities?: string[];
  fold?: number;
  cut?: number;
}

interface Fixture {
  name: string;
  body: string;
  /** Per network, its parts; `all` for the networks not listed. */
  expect: Partial<Record<Network | 'all', PartView[]>>;
}

const URL = 'https://www.nova.app/blog/2026/12/remote-rituals-for-hybrid-teams?utm_source=x&utm_medium=social';
const PARAGRAPH = 'Nova arrive bientôt avec des rituels pour les équipes. '.repeat(10).trim();
const LINES = 'Ligne 1\nLigne 2\nLigne 3\nLigne 4\nLigne 5\nLigne 6\nLigne 7\nLigne 8';

const FIXTURES: Fixture[] = [
  {
    // X weighs an emoji sequence 2; Threads counts an emoji's UTF-8 bytes (👩‍💻 11, 👨‍👩‍👧 18, 🇫🇷 8);
    // the others count grapheme clusters.
    name: 'emoji ZWJ sequences and a flag',
    body: 'Équipe 👩‍💻👨‍👩‍👧 prête 🇫🇷 #NovaLaunch !',
    expect: {
      x: [{ length: 34, entities: ['hashtag #NovaLaunch'] }],
      threads: [{ length: 65, entities: ['hashtag #NovaLaunch'] }],
      all: [{ length: 31, entities: ['hashtag #NovaLaunch'] }],
    },
  },
  {
    // X weighs CJK characters 2 (Arabic 1); hashtags in any script are linked; Threads links only
    // its one topic tag, the first.
    name: 'CJK and right-to-left text with hashtags',
    body: '新しい機能 #ノバ と مرحبا بكم #مرحبا',
    expect: {
      x: [{ length: 36, entities: ['hashtag #ノバ', 'hashtag #مرحبا'] }],
      threads: [{ length: 28, entities: ['hashtag #ノバ'] }],
      all: [{ length: 28, entities: ['hashtag #ノバ', 'hashtag #مرحبا'] }],
    },
  },
  {
    // X and Mastodon count any link as 23; X shows 23 characters of it, Mastodon 30, Bluesky the
    // host and 13 characters of the path; Instagram links nothing in a caption.
    name: 'a long URL with a query',
    body: `Lisez ${URL} et partagez.`,
    expect: {
      x: [{ length: 42, entities: [`link ${URL} → nova.app/blog/2026/12/r…`] }],
      mastodon: [{ length: 42, entities: [`link ${URL} → nova.app/blog/2026/12/remote-r…`] }],
      bluesky: [{ length: 19 + URL.length, entities: [`link ${URL} → www.nova.app/blog/2026/12...`] }],
      instagram: [{ length: 19 + URL.length, entities: [] }],
      all: [{ length: 19 + URL.length, entities: [`link ${URL} → nova.app/blog/2026/12/remote-rituals-for-hybrid-teams?utm_s…`] }],
    },
  },
  {
    // X links @handles of 15 word characters, not a Fediverse address; Bluesky only handles that
    // are domains; Mastodon links local and remote accounts and counts a remote one as `@user`;
    // LinkedIn and Facebook link a mention only in their own tagged form, never a plain `@name`.
    name: 'mentions of three kinds',
    body: 'Merci @lea@mastodon.social, @nova_app et @alice.bsky.social !',
    expect: {
      x: [{ length: 61, entities: ['mention @nova_app', 'mention @alice'] }],
      bluesky: [{ length: 61, entities: ['mention @alice.bsky.social'] }],
      mastodon: [{ length: 45, entities: ['mention @lea@mastodon.social', 'mention @nova_app', 'mention @alice.bsky.social'] }],
      threads: [{ length: 61, entities: ['mention @lea', 'mention @nova_app', 'mention @alice.bsky.social'] }],
      instagram: [{ length: 61, entities: ['mention @lea', 'mention @nova_app', 'mention @alice.bsky.social'] }],
      linkedin: [{ length: 61, entities: [] }],
      facebook: [{ length: 61, entities: [] }],
    },
  },
  {
    // Trailing punctuation is never part of a tag and digits alone never make one; Bluesky and
    // Mastodon need a space (or the start) before `#`, so `(#Nova2` stays text there.
    name: 'hashtags next to punctuation',
    body: '(#Nova2, #été) #2026 #café! #a_b.',
    expect: {
      bluesky: [{ length: 33, entities: ['hashtag #été', 'hashtag #café', 'hashtag #a_b'] }],
      mastodon: [{ length: 33, entities: ['hashtag #été', 'hashtag #café', 'hashtag #a_b'] }],
      threads: [{ length: 33, entities: ['hashtag #Nova2'] }],
      all: [{ length: 33, entities: ['hashtag #Nova2', 'hashtag #été', 'hashtag #café', 'hashtag #a_b'] }],
    },
  },
  {
    // `---` splits a thread; networks without threads get the parts too, and a problem says so.
    name: 'a thread of three parts',
    body: 'Premier message 🧵\n\n---\n\nDeuxième avec #Nova\n\n---\n\nFin.',
    expect: {
      x: [{ text: 'Premier message 🧵', length: 18 }, { text: 'Deuxième avec #Nova', length: 19, entities: ['hashtag #Nova'] }, { text: 'Fin.', length: 4 }],
      threads: [{ text: 'Premier message 🧵', length: 20 }, { text: 'Deuxième avec #Nova', length: 19, entities: ['hashtag #Nova'] }, { text: 'Fin.', length: 4 }],
      all: [{ text: 'Premier message 🧵', length: 17 }, { text: 'Deuxième avec #Nova', length: 19, entities: ['hashtag #Nova'] }, { text: 'Fin.', length: 4 }],
    },
  },
  {
    // Feeds fold at the end of their last line shown: LinkedIn and Instagram 3, Facebook 5,
    // Threads 6; X, Bluesky and Mastodon show a post whole.
    name: 'eight short lines',
    body: LINES,
    expect: {
      linkedin: [{ length: 63, fold: 23 }],
      instagram: [{ length: 63, fold: 23 }],
      facebook: [{ length: 63, fold: 39 }],
      threads: [{ length: 63, fold: 47 }],
      all: [{ length: 63 }],
    },
  },
  {
    // Without line breaks, at the last space before 125 (Instagram), 210 (LinkedIn), 280
    // (Threads), 480 (Facebook) characters; over the limit, the cut is the first character past it.
    name: 'one long paragraph',
    body: PARAGRAPH,
    expect: {
      x: [{ length: 549, cut: 280 }],
      bluesky: [{ length: 549, cut: 300 }],
      mastodon: [{ length: 549, cut: 500 }],
      threads: [{ length: 549, fold: 279, cut: 500 }],
      linkedin: [{ length: 549, fold: 210 }],
      instagram: [{ length: 549, fold: 121 }],
      facebook: [{ length: 549, fold: 476 }],
    },
  },
];

/** What the preview model gives, in the fixtures' terms (only the fields the fixture states). */
function view(preview: PlatformPreview, expected: PartView[]): PartView[] {
  return preview.parts.map((part, i) => {
    const want = expected[i] ?? { length: -1 };
    const got: PartView = { length: part.length };
    if (want.text !== undefined) got.text = part.text;
    if (want.entities !== undefined || part.entities.length > 0) {
      got.entities = part.entities.map((e) => `${e.kind} ${part.text.slice(e.start, e.end)}${e.kind === 'link' ? ` → ${e.display}` : ''}`);
    }
    if (part.fold !== undefined) got.fold = part.fold;
    if (part.cut !== undefined) got.cut = part.cut;
    return got;
  });
}

describe('previews of tricky posts, network by network', () => {
  for (const fixture of FIXTURES) {
    describe(fixture.name, () => {
      const file = postFile({ platforms: `[${NETWORKS.join(', ')}]`, media: '[{ file: a.png, alt: Affiche }]' }, fixture.body);
      const previews = buildPreviews(lintText(file), CONFIG);
      for (const network of NETWORKS) {
        it(network, () => {
          const expected = fixture.expect[network] ?? fixture.expect.all;
          assert.ok(expected, `no expectation for ${network}`);
          const preview = previews.find((p) => p.platform === (network as PlatformId));
          assert.ok(preview, `no preview for ${network}`);
          assert.deepEqual(view(preview, expected), expected);
          // Every span sits inside its text, and each part points at its own text in the file
          // (these posts are plain text: what is sent is what is written).
          for (const part of preview.parts) {
            for (const e of part.entities) assert.ok(e.start < e.end && e.end <= part.text.length);
            assert.equal(file.slice(part.sourceStart, part.sourceEnd), part.text);
          }
        });
      }
    });
  }

  it('a link to a site root shows only its host on Bluesky', () => {
    const [bluesky] = buildPreviews(lintText(postFile({ platforms: '[bluesky]' }, 'Voir https://nova.app/ !')), CONFIG);
    assert.equal(bluesky!.parts[0]!.entities[0]!.display, 'nova.app');
  });
});
