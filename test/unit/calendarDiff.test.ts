import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffCalendars, diffJson, isEmptyDiff } from '../../src/core/review/calendarDiff';
import { changedMonths } from '../../src/core/review/diffMonths';
import type { PostSnapshot } from '../../src/core/review/snapshot';
import { shortWordDiff, type WordPiece } from '../../src/core/review/wordDiff';

const side = (pieces: readonly WordPiece[], drop: 'added' | 'removed') => pieces.map((p) => (p.kind === 'gap' ? '…' : p.kind === drop ? '' : p.text)).join('');

const words = fc.array(fc.constantFrom('Nova', 'arrive', 'le', '12', 'janvier', '🎉', '#Nova', 'l’équipe', ' ', '  ', '\n', '\n\n', 'https://nova.app'), { maxLength: 40 }).map((w) => w.join(' '));

describe('shortWordDiff', () => {
  it('gives back both texts when nothing is left out (random texts)', () => {
    fc.assert(
      fc.property(words, words, (before, after) => {
        const pieces = shortWordDiff(before, after, Number.MAX_SAFE_INTEGER);
        assert.ok(pieces.every((p) => p.kind !== 'gap'));
        assert.equal(side(pieces, 'added'), before);
        assert.equal(side(pieces, 'removed'), after);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps every change and at most `context` words around each (random texts)', () => {
    fc.assert(
      fc.property(words, words, fc.integer({ min: 0, max: 4 }), (before, after, context) => {
        const full = shortWordDiff(before, after, Number.MAX_SAFE_INTEGER).filter((p) => p.kind !== 'same');
        const short = shortWordDiff(before, after, context);
        assert.deepEqual(short.filter((p) => p.kind === 'added' || p.kind === 'removed'), full);
        for (const p of short) if (p.kind === 'same') assert.ok(p.text.split(/\s+/).filter(Boolean).length <= 2 * context || !short.some((q) => q.kind === 'gap'));
      }),
      { numRuns: 2000 },
    );
  });

  it('elides the unchanged middle of a long text, and stops context at a line break', () => {
    const before = 'one two three four five six seven eight nine ten\nEleven twelve thirteen';
    const pieces = shortWordDiff(before, before.replace('six', '6'), 2);
    assert.deepEqual(pieces, [{ kind: 'gap' }, { kind: 'same', text: ' four five ' }, { kind: 'removed', text: 'six' }, { kind: 'added', text: '6' }, { kind: 'same', text: ' seven eight ' }, { kind: 'gap' }]);
    assert.deepEqual(shortWordDiff('a b\nc', 'a x\nc', 5).filter((p) => p.kind === 'gap'), [], 'short stretches are kept whole');
  });
});

const snapshot = (file: string, over: Partial<PostSnapshot> = {}): PostSnapshot => ({
  file,
  title: file,
  date: '2026-12-22T10:00:00+01:00',
  time: Date.UTC(2026, 11, 22, 9),
  status: 'draft',
  platforms: ['x', 'bluesky'],
  sent: { x: ['Hello'], bluesky: ['Hello'] },
  approvals: [],
  problems: 0,
  ...over,
});

describe('diffCalendars', () => {
  it('finds nothing between a calendar and itself, and mirrors additions and removals (random calendars)', () => {
    const post = fc.record({ file: fc.constantFrom('a.md', 'b.md', 'c.md', 'd.md'), day: fc.integer({ min: 1, max: 28 }), text: fc.constantFrom('Hello', 'Bonjour'), status: fc.constantFrom('draft' as const, 'review' as const) });
    const calendar = fc.uniqueArray(post, { selector: (p) => p.file, maxLength: 4 }).map((ps) => ps.map((p) => snapshot(p.file, { date: `2026-12-${String(p.day).padStart(2, '0')}`, status: p.status, sent: { x: [p.text], bluesky: [p.text] } })));
    fc.assert(
      fc.property(calendar, calendar, (a, b) => {
        assert.ok(isEmptyDiff(diffCalendars(a, a)));
        const there = diffCalendars(a, b);
        const back = diffCalendars(b, a);
        assert.deepEqual(there.added, back.removed);
        assert.deepEqual(there.removed, back.added);
        assert.deepEqual(there.rescheduled.map((r) => [r.file, r.from, r.to]), back.rescheduled.map((r) => [r.file, r.to, r.from]));
        assert.deepEqual(there.text.map((t) => t.file), back.text.map((t) => t.file));
      }),
    );
  });

  it('follows renames, and tells networks added from text changed', () => {
    const base = [snapshot('posts/old.md'), snapshot('posts/gone.md')];
    const head = [snapshot('posts/new.md', { platforms: ['x', 'bluesky', 'mastodon'], sent: { x: ['Hello!'], bluesky: ['Hello'], mastodon: ['Hello'] }, date: '2026-12-23' }), snapshot('posts/fresh.md', { date: undefined, time: undefined })];
    const diff = diffCalendars(base, head, new Map([['posts/new.md', 'posts/old.md']]));
    assert.deepEqual(JSON.parse(diffJson(diff)), {
      added: [{ file: 'posts/fresh.md', title: 'posts/fresh.md', date: null }],
      removed: [{ file: 'posts/gone.md', title: 'posts/gone.md', date: '2026-12-22T10:00:00+01:00' }],
      renamed: [{ file: 'posts/new.md', from: 'posts/old.md' }],
      rescheduled: [{ file: 'posts/new.md', from: '2026-12-22T10:00:00+01:00', to: '2026-12-23' }],
      platforms: [{ file: 'posts/new.md', added: ['mastodon'], removed: [] }],
      text: [{ file: 'posts/new.md', platforms: ['x'] }],
      status: [],
      approvals: [],
    });
    assert.deepEqual(changedMonths(diff), ['2026-12']);
  });

  it('counts approvals given and those the change made stale, not those stale already', () => {
    const base = [snapshot('a.md', { approvals: [{ key: 'lea', stale: false }, { key: 'old', stale: true }] })];
    const head = [snapshot('a.md', { approvals: [{ key: 'lea', stale: true }, { key: 'old', stale: true }, { key: 'tom', stale: false }] })];
    assert.deepEqual(diffCalendars(base, head).approvals, [{ file: 'a.md', added: 1, stale: 1 }]);
  });
});
