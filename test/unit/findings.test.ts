import assert from 'node:assert/strict';
import { FindingSet, MAX_FINDINGS_PER_CODE } from '../../src/core/findings';
import type { Finding } from '../../src/core/post';
import { codes, lintText, postFile } from './helpers';

const ALL = '[x, bluesky, mastodon, threads, linkedin, instagram, facebook, youtube, tiktok, pinterest]';

describe('findings per code are capped', () => {
  it('lists 100 duplicate hashtags of a 300 KB post of "#a #a …", then one finding for the rest', () => {
    const body = '#a '.repeat(100_000);
    const result = lintText(postFile({ platforms: ALL, media: '[{ file: a.mp4, alt: Film }]' }, body));
    const duplicates = result.diagnostics.filter((d) => d.code === 'hashtag.duplicate');
    assert.equal(duplicates.length, MAX_FINDINGS_PER_CODE + 1);
    assert.ok(result.diagnostics.length < 130, String(result.diagnostics.length));
    // The first ones in the file are listed, each naming every network once…
    const listed = duplicates.slice(0, MAX_FINDINGS_PER_CODE);
    assert.deepEqual(listed.map((d) => d.range.start.character), Array.from({ length: 100 }, (_, i) => 3 * (i + 1)));
    assert.ok(listed.every((d) => d.message === '#a is already used in this text.' && d.fixes?.length === 1));
    // …and the last says how many places are not listed, from where.
    const summary = duplicates[MAX_FINDINGS_PER_CODE]!;
    assert.equal(summary.message, `${100_000 - 1 - 100} more problems of this kind in this file are not listed.`);
    assert.equal(summary.severity, 'warning');
    assert.equal(summary.range.start.character, 3 * 101);
    assert.equal(summary.fixes, undefined);
  });

  it('says so in French, in the singular for one', () => {
    const result = lintText(postFile({ platforms: '[mastodon]' }, '#a '.repeat(102)), { locale: 'fr' });
    assert.deepEqual(codes(result), Array(101).fill('hashtag.duplicate'));
    assert.equal(result.diagnostics[100]!.message, '1\u00a0autre problème de ce type dans ce fichier n’est pas listé.');
  });

  it('keeps the first by position whatever order the rules report them in', () => {
    const set = new FindingSet(3);
    const at = (start: number, platform?: 'x' | 'bluesky'): Finding => ({ code: 'c.d', severity: start === 1 ? 'error' : 'warning', id: 'hashtag.duplicate', params: { tag: 'a' }, start, end: start + 1, ...(platform ? { platform } : {}) });
    for (const start of [50, 40, 30, 20, 10]) set.add(at(start, 'x'));
    for (const start of [10, 20, 30, 40, 50, 1]) set.add(at(start, 'bluesky'));
    assert.deepEqual([...set.groups()].map((g) => [g.finding.start, g.platforms.join()]).sort((a, b) => Number(a[0]) - Number(b[0])), [[1, 'bluesky'], [10, 'x,bluesky'], [20, 'x,bluesky']]);
    // Left out: 30, 40 and 50, each counted once although two networks reported them.
    assert.deepEqual(set.omitted(), [{ code: 'c.d', count: 3, severity: 'warning', start: 30, end: 31 }]);
  });

  it('caps what reading the frontmatter finds too', () => {
    const fields: Record<string, string> = {};
    for (let i = 0; i < 250; i++) fields[`field${i}`] = 'x';
    const result = lintText(postFile(fields));
    assert.deepEqual(codes(result), Array(101).fill('frontmatter.schema'));
    assert.match(result.diagnostics[100]!.message, /^150 more problems/);
    assert.equal(result.diagnostics[100]!.range.start.line, 104);
  });
});
