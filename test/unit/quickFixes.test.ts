import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { parseConfig, type CalendarConfig } from '../../src/core/config';
import { editsOfFixes } from '../../src/core/frontmatter/fix';
import { lint, type LintResult } from '../../src/core/lint';
import type { Fix } from '../../src/core/model';
import { parsePost } from '../../src/core/post';
import { renderPost } from '../../src/core/render';
import type { RuleContext } from '../../src/core/rules/rule';
import { RULES } from '../../src/core/rules';
import { applyEdits, CONFIG, NOW, postFile } from './helpers';

/**
 * The rule of the codebase: a quick fix never adds an error. Every fix the rules offer, on the
 * example calendar, on one post per fixable code and on random posts, is applied (alone, as "fix
 * all of this kind" and as `source.fixAll`), the post checked again, and no error may be new.
 */

const calendarRoot = join(__dirname, '../../examples/calendar');
const EXAMPLE = parseConfig(readFileSync(join(calendarRoot, '.editorial.yaml'), 'utf8')).config;
const TEST: CalendarConfig = { ...CONFIG, bannedHashtags: ['followback'], approvals: { ...CONFIG.approvals, required: 1 } };
const media = () => 'ok' as const;
const check = (text: string, config: CalendarConfig) => lint('posts/p.md', text, { config, now: NOW, media });

/**
 * Errors counted by code and network, before findings shared by networks are merged into one
 * diagnostic (whose message then names them all): one more of any is a new error.
 */
function errorCounts(text: string, config: CalendarConfig): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (f: { severity: string; code: string; platform?: string }) => {
    if (f.severity === 'error') counts.set(`${f.code}|${f.platform ?? ''}`, (counts.get(`${f.code}|${f.platform ?? ''}`) ?? 0) + 1);
  };
  const post = parsePost('posts/p.md', text, config);
  post.problems.forEach(add);
  const context: RuleContext = { post, renders: renderPost(post, config), config, now: NOW, media, report: add, wants: () => true };
  for (const rule of RULES) rule.run(context);
  return counts;
}

const applied = new Map<string, number>();

/** Fixes that correct what a name says; `source.fixAll` may hold some. */
const NAME_CORRECTIONS = ['platform.unknown', 'variant.unknown-platform', 'frontmatter.schema', 'source.fixAll'];

/** The networks a post names after a fix and did not before: new in `platforms`, or given a variant. */
function networksNamed(before: LintResult, after: LintResult): Set<string> {
  const named = (ids: (r: LintResult) => readonly string[]) => ids(after).filter((id) => !ids(before).includes(id));
  return new Set([...named((r) => r.post.meta.platforms), ...named((r) => r.post.body.variants.map((v) => v.id))]);
}

/** Applies each fix of the post, each fix-all, and source.fixAll; throws on a new error. */
function checkEveryFix(text: string, config: CalendarConfig): void {
  const before = check(text, config);
  const counts = errorCounts(text, config);
  const attempt = (what: string, code: string, edits: readonly { start: number; end: number; newText: string }[]) => {
    if (edits.length === 0) return;
    const fixed = applyEdits(text, edits);
    const result = check(fixed, config);
    const after = errorCounts(fixed, config);
    // Correcting a name (`twiter` → `x`, `:::twiter` → `:::x`) makes the post say what was meant:
    // what is then found about that network was hidden by the typo, not added by the fix.
    const named = NAME_CORRECTIONS.includes(code) ? networksNamed(before, result) : new Set<string>();
    const added = [...after].filter(([key, n]) => n > (counts.get(key) ?? 0) && !named.has(key.split('|')[1]!)).map(([key]) => key);
    assert.deepEqual(added, [], `${what} (${code}) added errors.\n--- before\n${text}\n--- after\n${fixed}`);
    applied.set(code, (applied.get(code) ?? 0) + 1);
  };
  const fixable = before.diagnostics.filter((d) => (d.fixes ?? []).some((f) => f.edits.length > 0));
  for (const d of fixable) for (const fix of d.fixes!) attempt(fix.title, d.code, fix.edits);
  for (const code of new Set(fixable.map((d) => d.code))) {
    const firsts = fixable.filter((d) => d.code === code).map((d) => d.fixes![0]!);
    if (firsts.length > 1) attempt('fix all', code, editsOfFixes(text, firsts));
  }
  const preferred: Fix[] = fixable.flatMap((d) => d.fixes!.filter((f) => f.preferred));
  if (preferred.length > 1) attempt('source.fixAll', 'source.fixAll', editsOfFixes(text, preferred));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.md') ? [path] : [];
  });
}

const sentence = (n: number) => `Phrase ${n} sur Nova et ses rituels d’équipe, avec un peu de détail.`;
const long = Array.from({ length: 9 }, (_, i) => sentence(i + 1)).join(' ');

/** One post (at least) for every code that offers a fix, in the shapes that were once wrong. */
const FIXTURES: Array<[string, string]> = [
  ['unknown field', postFile({ titel: 'Nova' })],
  ['status typo', postFile({ status: 'reveiw # to check' })],
  ['status typo meaning approved, approvals optional', postFile({ status: 'aproved' })],
  ['network typo', postFile({ platforms: '[x, twiter]' })],
  ['variant typo', postFile({}, 'Bonjour\n\n:::twiter\nSalut\n:::')],
  ['thread for x, mastodon and linkedin', postFile({ platforms: '[x, mastodon, linkedin]' }, long)],
  ['thread for every network', postFile({ platforms: '[x, bluesky, mastodon, threads, linkedin, facebook, webhook]' }, long)],
  ['thread already split, linkedin too', postFile({ platforms: '[x, linkedin]' }, `${long}\n\n---\n\nSuite.`)],
  ['thread in a variant', postFile({ platforms: '[x, linkedin]' }, `Court.\n\n:::x\n${long}\n:::`)],
  ['list thread', postFile({ platforms: '[x, mastodon, linkedin]' }, ['Le programme :', '', ...[1, 2, 3, 4, 5].map((n) => `- ${sentence(n)}`)].join('\n'))],
  ['CRLF thread', postFile({ platforms: '[bluesky, linkedin]' }, long).replace(/\n/g, '\r\n')],
  ['no final line break', postFile({ platforms: '[x, linkedin]' }, long).slice(0, -1)],
  ['variant typo for a network with its block', postFile({}, 'Bonjour\n\n:::x\nSalut\n:::\n\n:::twiter\nSalut\n:::')],
  ['only banned hashtags', postFile({ platforms: '[x, pinterest]' }, '#followback')],
  ['a long paragraph whose lines end and start with a space', postFile({ platforms: '[x, linkedin]' }, `${long} \n Bonjour.`)],
  ['duplicate hashtag', postFile({}, 'Bonjour #Nova #nova')],
  ['banned hashtag', postFile({}, 'Bonjour #followback')],
  ['too many hashtags', postFile({ platforms: '[instagram]', media: '[{ file: a.png, alt: Chat }]' }, '#a #b #c #d #e #f #g')],
  ['missing alt', postFile({ media: '[a.png]' })],
  ['stale approval', postFile({ status: 'approved', approvals: '[{ by: "Léa <lea@nova.app>", at: 2026-11-20T10:00, hash: "sha256:00" }]' })],
];

describe('every quick fix adds no error', () => {
  after(() => console.log(`      fixes applied and re-checked: ${[...applied].map(([c, n]) => `${c} ${n}`).join(', ')}`));

  describe('on the example calendar', () => {
    for (const file of files(calendarRoot)) it(relative(calendarRoot, file), () => checkEveryFix(readFileSync(file, 'utf8'), EXAMPLE));
  });

  describe('on a post for each fixable code', () => {
    it('offers no fix to approved where approvals are required (approving gives them)', () => {
      const status = (config: CalendarConfig) => check(postFile({ status: 'aproved' }), config).diagnostics.find((d) => d.code === 'status.invalid')!;
      assert.equal(status(TEST).fixes, undefined);
      assert.match(status(TEST).message, /approved/);
      assert.equal(status(CONFIG).fixes?.[0]?.title, 'Replace with "approved"');
    });
    // Where a fix would add an error, none is offered; every other fixture has one.
    const NO_FIX = ['variant typo for a network with its block', 'only banned hashtags'];
    for (const [name, text] of FIXTURES) {
      it(name, () => {
        const config = name.includes('approvals optional') ? CONFIG : TEST;
        checkEveryFix(text, config);
        const offered = check(text, config).diagnostics.some((d) => (d.fixes ?? []).some((f) => f.edits.length > 0));
        assert.equal(offered, !NO_FIX.includes(name), 'a fix is offered');
      });
    }
  });

  describe('on random posts', () => it('property', function () {
    this.timeout(120_000);
    fc.assert(fc.property(randomPost, (text) => checkEveryFix(text, TEST)), { numRuns: 300, seed: 13 });
  }));

  // Mocha runs a suite's own tests before its nested suites: this one is in the last suite.
  describe('coverage', () => it('was tried on a fix of every rule that offers one', () => {
    // A rule file that builds a fix must have had one of its codes fixed above.
    const rulesDir = join(__dirname, '../../src/core/rules');
    const offering = readdirSync(rulesDir)
      .map((name) => readFileSync(join(rulesDir, name), 'utf8'))
      .filter((source) => /lazyFix\(|frontmatterFix\(|edits: \[/.test(source))
      .map((source) => /codes: \[([^\]]*)\]/.exec(source)![1]!.match(/'[^']+'/g)!.map((c) => c.slice(1, -1)));
    assert.ok(offering.length >= 7, `${offering.length} rules offer fixes`);
    for (const codes of offering) assert.ok(codes.some((c) => applied.has(c)), `no fix of ${codes.join(', ')} was tried`);
    assert.ok(RULES.every((r) => r.codes.length > 0));
    for (const code of ['frontmatter.schema', 'status.invalid', 'platform.unknown']) assert.ok(applied.has(code), `${code} (read with the post) was not tried`);
  }));
});

const NETWORKS = ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram', 'facebook', 'youtube', 'tiktok', 'pinterest', 'webhook', 'twiter', 'linkdin', 'instagarm'];
const piece = fc.oneof(
  fc.constantFrom('Bonjour.', 'Nova 2 est là ✨', 'https://nova.app/blog', '#Nova', '#nova', '#followback', '#2026', '@lea@mastodon.social', '**fort**', '- un point', '> citation'),
  fc.integer({ min: 1, max: 9 }).map(sentence),
  fc.constant(long),
  fc.constantFrom('\n', '\n\n', '\n\n---\n\n', ' '),
  fc.constantFrom('x', 'linkedin', 'mastodon', 'twiter', 'instagram').map((id) => `\n\n:::${id}\n${long}\n:::\n`),
);
const randomPost = fc
  .record({
    platforms: fc.subarray(NETWORKS, { minLength: 1, maxLength: 6 }),
    status: fc.constantFrom('draft', 'review', 'aproved', 'approved', 'idea'),
    media: fc.constantFrom(undefined, '[a.png]', '[{ file: a.png, alt: Chat }]', '[a.png, b.mp4]'),
    extra: fc.constantFrom<Record<string, string>>({}, { titel: 'Nova' }, { approvals: '[{ by: "Léa <lea@nova.app>", at: 2026-11-20T10:00, hash: "sha256:00" }]' }),
    body: fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(' ')),
    crlf: fc.boolean(),
  })
  .map(({ platforms, status, media: m, extra, body, crlf }) => {
    const text = postFile({ platforms: `[${platforms.join(', ')}]`, status, media: m, ...extra }, body);
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });
