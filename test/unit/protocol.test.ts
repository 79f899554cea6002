import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, addMonths, dayKey, isDay, monthGrid, timeOfDay, weekStartDay } from '../../src/core/calendar';
import { PLATFORM_IDS, STATUSES } from '../../src/core/model';
import { buildPreviews } from '../../src/core/preview';
import { applyPreviewChanges, applySplice, previewChanges, splice } from '../../src/webview/previewDelta';
import { isFromPreview, isFromWebview, isToPreview, isViewState, type PreviewSnapshot, type ToPreview } from '../../src/webview/protocol';
import { CONFIG, lintText, postFile } from './helpers';

const state = { view: 'month', anchor: '2026-12-01', filters: {} };

describe('webview messages are checked field by field', () => {
  const accepted: unknown[] = [
    { type: 'ready' },
    { type: 'open', id: 'file:///cal/posts/a.md' },
    { type: 'reschedule', id: 'file:///cal/posts/a.md', day: '2026-02-28', time: '23:59' },
    { type: 'create', day: '2028-02-29' },
    { type: 'state', state: { ...state, filters: { platforms: ['x'], statuses: ['draft'], campaigns: ['c'], tags: [], text: 'nova' }, calendar: 'file:///cal' } },
    { type: 'rendered', ms: 12.5, chips: 40 },
    { type: 'publish', id: 'file:///cal/posts/a.md' },
    { type: 'approve', id: 'file:///cal/posts/a.md' },
  ];
  const refused: Array<[string, unknown]> = [
    ['a day that does not exist', { type: 'reschedule', id: 'x', day: '2026-02-30' }],
    ['a year under 1000', { type: 'create', day: '0999-12-31' }],
    ['a year past 9999', { type: 'create', day: '10000-01-01' }],
    ['month 13', { type: 'create', day: '2026-13-01' }],
    ['24:00', { type: 'create', day: '2026-01-01', time: '24:00' }],
    ['09:60', { type: 'create', day: '2026-01-01', time: '09:60' }],
    ['a state without a view', { type: 'state', state: { anchor: '2026-12-01', filters: {} } }],
    ['a state with a bad anchor', { type: 'state', state: { ...state, anchor: '275760-01-01' } }],
    ['a state with an unknown view', { type: 'state', state: { ...state, view: 'year' } }],
    ['filters that are not lists', { type: 'state', state: { ...state, filters: { platforms: 'x' } } }],
    ['an unknown network in filters', { type: 'state', state: { ...state, filters: { platforms: ['myspace'] } } }],
    ['an unknown status in filters', { type: 'state', state: { ...state, filters: { statuses: ['lost'] } } }],
    ['a calendar that is not a string', { type: 'state', state: { ...state, calendar: 3 } }],
    ['an id that is not a string', { type: 'open', id: { toString: 'x' } }],
    ['an empty id', { type: 'preview', id: '' }],
    ['a publish without an id', { type: 'publish' }],
    ['an approve without an id', { type: 'approve' }],
    ['an approve with a number for an id', { type: 'approve', id: 3 }],
    ['NaN in a render report', { type: 'rendered', ms: Number.NaN, chips: 1 }],
    ['an unknown type', { type: 'eval', code: 'x' }],
    ['an array', ['ready']],
    ['null', null],
  ];
  for (const m of accepted) it(`accepts ${JSON.stringify(m)}`, () => assert.ok(isFromWebview(m)));
  for (const [name, m] of refused) it(`refuses ${name}`, () => assert.equal(isFromWebview(m), false));

  it('takes from the preview only a network name to open, never a URL', () => {
    assert.ok(isFromPreview({ type: 'openPublished', file: 'posts/a.md', version: 3, platform: 'bluesky' }));
    assert.equal(isFromPreview({ type: 'openPublished', file: 'posts/a.md', version: 3, platform: 'x'.repeat(33) }), false);
    assert.equal(isFromPreview({ type: 'openPublished', file: 'posts/a.md', version: -1, platform: 'x' }), false);
    assert.equal(isFromPreview({ type: 'openPublished', file: 'posts/a.md', version: 3 }), false);
  });

  it('refuses preview reveals that are not offsets', () => {
    assert.ok(isFromPreview({ type: 'reveal', file: 'posts/a.md', version: 3, start: 1, end: 4 }));
    for (const bad of [{ start: -1, end: 2 }, { start: 5, end: 2 }, { start: 1.5, end: 2 }, { start: Number.POSITIVE_INFINITY, end: 2 }]) {
      assert.equal(isFromPreview({ type: 'reveal', file: 'posts/a.md', version: 3, ...bad }), false, JSON.stringify(bad));
    }
  });

  it('never throws, and what it accepts has the shape it claims (property)', () => {
    const day = fc.oneof(fc.constantFrom('2026-12-01', '2026-02-29', '0000-01-01', '9999-12-31', '1000-01-01', ''), fc.string({ maxLength: 12 }));
    const anything = fc.oneof(
      fc.anything(),
      fc.record({ type: fc.constantFrom('ready', 'open', 'preview', 'reschedule', 'create', 'state', 'rendered'), id: fc.anything(), day, time: fc.oneof(fc.string({ maxLength: 6 }), fc.anything()), ms: fc.anything(), chips: fc.anything(), state: fc.oneof(fc.anything(), fc.record({ view: fc.string(), anchor: day, filters: fc.anything(), calendar: fc.anything() })) }, { requiredKeys: ['type'] }),
    );
    fc.assert(
      fc.property(anything, (m) => {
        isFromPreview(m); // must not throw either
        if (!isFromWebview(m)) return;
        const msg = m as Record<string, unknown>;
        if ('day' in msg && (msg['type'] === 'create' || msg['type'] === 'reschedule')) assert.ok(isDay(msg['day']));
        if (msg['type'] === 'state') {
          const s = msg['state'] as { view: string; filters: { platforms?: string[]; statuses?: string[] } };
          assert.ok(isViewState(s));
          assert.ok((s.filters.platforms ?? []).every((p) => (PLATFORM_IDS as readonly string[]).includes(p)));
          assert.ok((s.filters.statuses ?? []).every((p) => (STATUSES as readonly string[]).includes(p)));
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('calendar days at the edges of years 1000–9999 never throw', () => {
  it('stays within the calendar moving days and months', () => {
    assert.equal(addDays('9999-12-31', 1), '9999-12-31');
    assert.equal(addDays('1000-01-01', -1), '1000-01-01');
    assert.equal(addMonths('9999-12-15', 1), '9999-12-31');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('0050-01-01', 1), '1000-01-01', 'never read as 1950');
    assert.equal(addDays('not a day', 1), 'not a day');
    assert.equal(addDays('2026-01-01', Number.NaN), '2026-01-01');
    assert.deepEqual(monthGrid(9999, 12).slice(-1), ['9999-12-31']);
    assert.equal(monthGrid(1000, 1)[0], weekStartDay('1000-01-01'));
  });
  it('puts any instant on a day of the calendar, NaN and ±8.64e15 ms included', () => {
    for (const time of [Number.NaN, 8.64e15, -8.64e15, Number.POSITIVE_INFINITY, Date.UTC(12000, 0, 1), Date.UTC(500, 0, 1)]) {
      assert.ok(isDay(dayKey(time, 'Europe/Paris')), String(time));
      assert.match(timeOfDay(time, 'Pacific/Apia'), /^\d{2}:\d{2}$/);
    }
  });
  it('never throws on any year or count (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300000, max: 300000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -1e9, max: 1e9 }), (year, month, n) => {
        const day = `${year}-${String(month).padStart(2, '0')}-01`;
        const moved = addDays(day, n);
        const months = addMonths(day, n);
        if (isDay(day)) {
          assert.ok(isDay(moved), moved);
          assert.ok(isDay(months), months);
        }
        if (year >= 1000 && year <= 9999) assert.ok(monthGrid(year, month).length % 7 === 0);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('preview deltas: only what changed, checked, and the same snapshot again', () => {
  const config = { ...CONFIG, platforms: { x: { account: { name: 'Nova', handle: '@nova_app' } } } };
  const snapshotOf = (text: string, version: number, activeParts: Record<string, number> = {}): PreviewSnapshot => {
    const result = lintText(text, config);
    return {
      file: 'posts/p.md',
      version,
      title: result.post.meta.title ?? 'posts/p.md',
      when: '1 déc. 2026, 09:30',
      previews: buildPreviews(result, config),
      problems: result.diagnostics.map((d) => ({ platform: d.platform ?? '', message: d.message, severity: d.severity, start: d.range.start.character, end: d.range.end.character })),
      activeParts,
      mediaUris: {},
    };
  };
  const sentence = 'Nova planifie les rituels de votre équipe avec @nova_app : https://nova.app/rituels #Nova #Rituels 🎉\n';
  const post = (body: string) => postFile({ title: 'Bench', platforms: '[x, bluesky, mastodon, threads, linkedin, instagram, facebook]' }, body);
  const body = sentence.repeat(20).slice(0, 2000);

  it('sends a keystroke as splices of the parts it touched, a small fraction of the snapshot', () => {
    const a = snapshotOf(post(body), 1);
    const b = snapshotOf(post(body + 'a'), 2);
    const changes = previewChanges(a, b)!;
    assert.deepEqual(Object.keys(changes).sort(), ['previews', 'problems', 'version']);
    const splices = changes.previews!.flatMap((c) => ('parts' in c ? c.parts.map((p) => p.splice) : []));
    assert.ok(splices.length >= 5 && splices.every((s) => s.insert === 'a' && s.remove === 0), JSON.stringify(splices));
    const delta: ToPreview = { type: 'previewDelta', base: 1, seq: 2, changes };
    assert.ok(isToPreview(delta));
    assert.ok(JSON.stringify(delta).length * 4 < JSON.stringify(b).length, `${JSON.stringify(delta).length} of ${JSON.stringify(b).length}`);
    assert.deepEqual(applyPreviewChanges(a, changes), b);
  });

  it('gives back the next snapshot for any edit, thread split or cursor move (property)', function () {
    this.timeout(60_000);
    const edit = fc.record({ at: fc.nat(400), remove: fc.nat(8), insert: fc.constantFrom('a', ' #Nova', '\n\n---\n\n', 'https://nova.app/x ', '🎉', '', ':::x\nCourt\n:::\n') });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.record({ x: fc.nat(3) }), (edits, active) => {
        let text = body.slice(0, 600);
        let before = snapshotOf(post(text), 1);
        edits.forEach((e, i) => {
          text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
          const after = snapshotOf(post(text), i + 2, active);
          const changes = previewChanges(before, after);
          if (changes) {
            assert.ok(isToPreview({ type: 'previewDelta', base: i + 1, seq: i + 2, changes }));
            assert.deepEqual(applyPreviewChanges(before, changes), after);
          } else assert.notEqual(before.previews.length, 0);
          before = after;
        });
      }),
      { numRuns: 60, seed: 4 },
    );
  });

  it('sends a whole snapshot for another post or other networks, and refuses a delta that does not fit', () => {
    const a = snapshotOf(post('Bonjour'), 1);
    assert.equal(previewChanges(a, { ...a, file: 'posts/b.md' }), undefined);
    assert.equal(previewChanges(a, snapshotOf(postFile({}, 'Bonjour'), 2)), undefined);
    assert.equal(applyPreviewChanges(a, { previews: [{ index: 9, parts: [] }] }), undefined);
    assert.equal(applyPreviewChanges(a, { previews: [{ index: 0, parts: [{ index: 0, splice: { at: 5, remove: 9, insert: '' }, part: { ...a.previews[0]!.parts[0]!, text: undefined } as never }] }] }), undefined);
    assert.deepEqual(splice('abcd', 'abXcd'), { at: 2, remove: 0, insert: 'X' });
    assert.deepEqual(splice('aaa', 'aa'), { at: 2, remove: 1, insert: '' });
    assert.equal(applySplice('abcd', splice('abcd', 'xyz')), 'xyz');
  });

  it('checks messages to the preview field by field, and never throws (property)', () => {
    const a = snapshotOf(post('Bonjour #Nova https://nova.app'), 1);
    assert.ok(isToPreview({ type: 'preview', seq: 0, snapshot: a, strings: { Tabs: 'Onglets' } }));
    assert.ok(isToPreview({ type: 'preview', seq: 3, snapshot: undefined, strings: {} }));
    const rejected: unknown[] = [
      { type: 'preview', seq: -1, snapshot: a, strings: {} },
      { type: 'preview', seq: 1, snapshot: { ...a, title: 3 }, strings: {} },
      { type: 'preview', seq: 1, snapshot: { ...a, previews: [{ ...a.previews[0]!, platform: 'myspace' }] }, strings: {} },
      { type: 'preview', seq: 1, snapshot: a, strings: { Tabs: 1 } },
      { type: 'previewDelta', base: 1, seq: 2, changes: { title: 5 } },
      { type: 'previewDelta', base: 1, seq: 2, changes: { previews: [{ index: 0, parts: [{ index: 0, splice: { at: -1, remove: 0, insert: 'a' }, part: a.previews[0]!.parts[0] }] }] } },
      { type: 'previewDelta', base: 1, seq: 2, changes: { previews: [{ index: 0, parts: [{ index: 0, splice: { at: 0, remove: 0, insert: 'a' }, part: { ...a.previews[0]!.parts[0]!, entities: [{ kind: 'script', start: 0, end: 1, display: 'x' }] } }] }] } },
      { type: 'previewDelta', base: 1, seq: 2 },
      { type: 'other' },
    ];
    for (const m of rejected) assert.equal(isToPreview(m), false, JSON.stringify(m).slice(0, 200));
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.record({ type: fc.constantFrom('preview', 'previewDelta'), seq: fc.anything(), base: fc.anything(), changes: fc.anything(), snapshot: fc.anything(), strings: fc.anything() })), (m) => void isToPreview(m)), { numRuns: 3000 });
    assert.ok(isFromPreview({ type: 'resync' }));
  });
});
