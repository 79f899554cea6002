import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { parseConfig } from '../../src/core/config';
import { drawWinners, entrantKey, type Entrant } from '../../src/core/contest/draw';
import { lint } from '../../src/core/lint';
import { parsePost } from '../../src/core/post';

const entrant = fc.record({ network: fc.constantFrom('mastodon', 'bluesky', 'x' as const), handle: fc.stringMatching(/^@?[a-z][a-z0-9_.]{0,12}$/) }) as fc.Arbitrary<Entrant>;

/** The draw written again from its description, on Node's own SHA-256: the reference the core is held to. */
function reference(entries: readonly Entrant[], seed: string, winners: number, exclude: readonly string[] = []): string[] {
  const norm = (h: string) => h.trim().replace(/^@/, '').toLowerCase();
  const keys = [...new Set(entries.filter((e) => !exclude.map(norm).includes(norm(e.handle))).map(entrantKey))].sort();
  const list = 'sha256-' + createHash('sha256').update(keys.join('\n')).digest('hex');
  const left = [...keys];
  const out: string[] = [];
  for (let i = 0; i < winners && left.length > 0; i++) {
    const n = BigInt(left.length);
    const limit = 2n ** 64n - ((2n ** 64n) % n);
    for (let round = 0; ; round++) {
      const digest = createHash('sha256').update(round === 0 ? `${seed}\n${list}\n${i}` : `${seed}\n${list}\n${i}\n${round}`).digest();
      const value = digest.readBigUInt64BE(0);
      if (value < limit) {
        out.push(left.splice(Number(value % n), 1)[0]!);
        break;
      }
    }
  }
  return out;
}

describe('contest draws', () => {
  it('gives the winners the published recipe gives, whatever the order of the list', () => {
    fc.assert(
      fc.property(fc.array(entrant, { maxLength: 40 }), fc.string(), fc.integer({ min: 0, max: 5 }), fc.integer(), (entries, seed, winners, shuffle) => {
        const drawn = drawWinners(entries, { seed, winners });
        assert.deepEqual(drawn.winners.map(entrantKey), reference(entries, seed, winners));
        const shuffled = [...entries].sort((a, b) => ((entrantKey(a).length * 31 + shuffle) % 7) - ((entrantKey(b).length * 31 + shuffle) % 7));
        assert.deepEqual(drawWinners(shuffled, { seed, winners }).winners.map(entrantKey), drawn.winners.map(entrantKey));
      }),
    );
  });

  it('records the seed, the entrant count and the list’s hash, so that anyone can run it again', () => {
    const entries: Entrant[] = [
      { network: 'mastodon', handle: '@lea@mastodon.social' },
      { network: 'bluesky', handle: 'karim.bsky.social' },
      { network: 'x', handle: 'camille_r' },
    ];
    const r = drawWinners(entries, { seed: 'nova-2026-12-15', winners: 1 });
    assert.equal(r.entrants, 3);
    assert.equal(r.listHash, 'sha256-' + createHash('sha256').update(['bluesky:karim.bsky.social', 'mastodon:lea@mastodon.social', 'x:camille_r'].join('\n')).digest('hex'));
    assert.deepEqual(r.winners.map(entrantKey), reference(entries, 'nova-2026-12-15', 1));
  });

  it('counts a person once across networks and handles written differently, and never lets the brand win', () => {
    const entries: Entrant[] = [
      { network: 'mastodon', handle: '@Lea@Mastodon.social', person: 'lea@example.org' },
      { network: 'bluesky', handle: 'lea.bsky.social', person: 'LEA@example.org ' },
      { network: 'mastodon', handle: 'lea@mastodon.social' },
      { network: 'bluesky', handle: '@nova.bsky.social' },
      { network: 'x', handle: 'Nova_App' },
    ];
    const r = drawWinners(entries, { seed: 's', winners: 10, exclude: ['nova.bsky.social', '@nova_app'] });
    assert.equal(r.entrants, 2, 'the same person twice, the same handle twice, the brand twice');
    assert.equal(r.winners.length, 2);
    fc.assert(
      fc.property(fc.array(entrant, { maxLength: 30 }), fc.string(), (list, seed) => {
        const brand = list.slice(0, 3).map((e) => e.handle);
        const drawn = drawWinners(list, { seed, winners: 3, exclude: brand });
        const norm = (h: string) => h.replace(/^@/, '').toLowerCase();
        assert.ok(drawn.winners.every((w) => !brand.map(norm).includes(norm(w.handle))));
        assert.equal(new Set(drawn.winners.map(entrantKey)).size, drawn.winners.length, 'nobody wins twice');
      }),
    );
  });

  it('gives each entrant the same chance (3,000 seeds over 3 entrants)', () => {
    const entries: Entrant[] = ['a', 'b', 'c'].map((handle) => ({ network: 'x', handle }));
    const wins = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const w = drawWinners(entries, { seed: `seed-${i}`, winners: 1 }).winners[0]!.handle;
      wins.set(w, (wins.get(w) ?? 0) + 1);
    }
    for (const h of ['a', 'b', 'c']) assert.ok(Math.abs(wins.get(h)! - 1000) < 100, `${h}: ${wins.get(h)}`);
  });
});

describe('contest: in the frontmatter', () => {
  const { config } = parseConfig('timezone: Europe/Paris\n');
  const read = (contest: string) => parsePost('posts/c.md', `---\ndate: 2026-12-01T09:30\nplatforms: [x]\nstatus: draft\ncontest: ${contest}\n---\nGagnez\n`, config);

  it('reads its end (a day alone: its end), prize, rules, entry, winners and a recorded draw', () => {
    const post = read('{ ends: 2026-12-15T18:00, prize: Un an de Nova, rules: "https://nova.app/r", entry: repost, winners: 3, draw: { seed: abc, entrants: 12, listHash: sha256-1, at: 2026-12-16T09:00:00.000Z, winners: ["x:lea", "bluesky:karim.bsky.social"] } }');
    assert.deepEqual(post.problems, []);
    assert.deepEqual(post.meta.contest, {
      ends: Date.parse('2026-12-15T17:00:00Z'),
      endsText: '2026-12-15T18:00',
      prize: 'Un an de Nova',
      rules: 'https://nova.app/r',
      entry: 'repost',
      winners: 3,
      draw: { seed: 'abc', entrants: 12, listHash: 'sha256-1', at: '2026-12-16T09:00:00.000Z', winners: ['x:lea', 'bluesky:karim.bsky.social'] },
    });
    assert.equal(read('{ ends: 2026-12-15 }').meta.contest?.ends, Date.parse('2026-12-15T23:00:00Z') - 1, 'the whole day, in the calendar’s zone');
    assert.equal(read('{ ends: 2026-12-15 }').meta.contest?.winners, 1);
    assert.equal(read('{ entry: hashtag, hashtag: "#NovaNoël" }').meta.contest?.hashtag, 'NovaNoël', 'without its #');
    assert.equal(read('{ entry: hashtag, hashtag: Nova_2026 }').meta.contest?.hashtag, 'Nova_2026');
  });

  it('reports a contest not written as one, and knows the field', () => {
    for (const bad of ['yes', '{ entry: share }', '{ winners: 0 }', '{ ends: next week }', '{ prize: [a, b] }', '{ draw: { seed: 1 } }', '{ hashtag: "Nova Noel" }', '{ hashtag: [a] }', '{ hashtag: "#" }']) {
      assert.deepEqual(read(bad).problems.map((p) => p.code), ['frontmatter.schema'], bad);
      assert.equal(read(bad).meta.contest, undefined);
    }
    assert.ok(!read('{ winners: 2 }').problems.some((p) => p.code === 'frontmatter.unknown-field'));
  });
});

describe('contest rules', () => {
  const { config } = parseConfig('timezone: Europe/Paris\n');
  const codes = (platforms: string, contest: string, body: string) =>
    lint('posts/c.md', `---\ndate: 2026-12-07T09:00\nplatforms: [${platforms}]\nstatus: draft\ncontest: ${contest}\n---\n${body}\n`, { config, now: Date.parse('2026-12-01T00:00Z') })
      .diagnostics.filter((d) => d.code.startsWith('contest.'))
      .map((d) => [d.code, d.severity, d.platform ?? '']);

  it('wants the entries to close after the post is out, and a rules link', () => {
    assert.deepEqual(codes('mastodon', '{ ends: 2026-12-07T09:00, rules: "https://nova.app/r" }', 'Gagnez'), [['contest.ends-before-date', 'error', '']]);
    assert.deepEqual(codes('mastodon', '{ ends: 2026-12-07T09:01 }', 'Gagnez'), [['contest.no-rules', 'warning', '']]);
    assert.deepEqual(codes('mastodon', '{ ends: 2026-12-14, rules: "https://nova.app/r" }', 'Gagnez'), []);
  });

  it('asks Instagram and Facebook posts for Meta’s disclaimer, in English or French', () => {
    const contest = '{ ends: 2026-12-14, rules: "https://nova.app/r", entry: reply }';
    assert.deepEqual(codes('instagram, facebook, mastodon', contest, 'Gagnez un an de Nova'), [
      ['contest.meta-disclaimer', 'warning', 'instagram'],
      ['contest.meta-disclaimer', 'warning', 'facebook'],
    ]);
    assert.deepEqual(codes('instagram', contest, 'Gagnez un an de Nova. Ce concours n’est ni sponsorisé ni administré par Instagram.'), []);
    assert.deepEqual(codes('facebook', contest, 'Win a year of Nova! This promotion is in no way sponsored, endorsed or administered by, or associated with, Facebook.'), []);
    // Naming the network elsewhere is not the disclaimer.
    assert.deepEqual(codes('facebook', contest, 'Suivez-nous sur Facebook. Concours sponsorisé par Nova.'), [['contest.meta-disclaimer', 'warning', 'facebook']]);
  });

  it('refuses sharing or tagging friends as a way to enter on Facebook, not on Instagram', () => {
    const disclaimer = 'Concours non associé à Facebook ni à Instagram, qui ne le sponsorisent pas.';
    assert.deepEqual(codes('facebook', '{ ends: 2026-12-14, rules: "https://nova.app/r", entry: repost }', disclaimer), [['contest.facebook-entry', 'error', 'facebook']]);
    assert.deepEqual(codes('facebook, instagram', '{ ends: 2026-12-14, rules: "https://nova.app/r", entry: reply }', `Pour participer, identifiez deux amis en commentaire ! ${disclaimer}`), [['contest.facebook-entry', 'error', 'facebook']]);
    assert.deepEqual(codes('facebook', '{ ends: 2026-12-14, rules: "https://nova.app/r", entry: reply }', `Share it on your timeline to enter. ${disclaimer}`), [['contest.facebook-entry', 'error', 'facebook']]);
    assert.deepEqual(codes('instagram', '{ ends: 2026-12-14, rules: "https://nova.app/r", entry: reply }', `Identifiez deux amis en commentaire ! ${disclaimer}`), []);
  });
});
