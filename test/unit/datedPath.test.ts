import assert from 'node:assert/strict';
import { rescheduledPath } from '../../src/core/datedPath';

describe('a post whose file name carries its date follows it', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ['posts/2026/12/09-guide.md', '2026-12-09', '2026-12-11', 'posts/2026/12/11-guide.md'],
    ['posts/2026/12/09-guide.md', '2026-12-09', '2027-01-04', 'posts/2027/01/04-guide.md'],
    ['posts/2026-12-09-guide.md', '2026-12-09', '2026-12-11', 'posts/2026-12-11-guide.md'],
    ['posts/2026/2026-12-09-guide.md', '2026-12-09', '2027-01-02', 'posts/2026/2027-01-02-guide.md'],
    ['posts/2026/12/2026-12-09-guide.md', '2026-12-09', '2027-01-02', 'posts/2027/01/2027-01-02-guide.md'],
    ['posts/2026/12/guide.md', '2026-12-09', '2027-03-01', 'posts/2027/03/guide.md'],
    ['posts/2026-12/09_guide.md', '2026-12-09', '2026-12-10', 'posts/2026-12/10_guide.md'],
    // Nothing to follow: no date in the name, the same day, or numbers that are not the post's day.
    ['posts/guide.md', '2026-12-09', '2026-12-11', undefined],
    ['posts/2026/12/09-guide.md', '2026-12-09', '2026-12-09', undefined],
    ['posts/2026/12/10-guide.md', '2026-12-09', '2026-12-11', undefined],
    ['posts/2026/03/09-guide.md', '2026-12-09', '2026-12-11', undefined],
    ['posts/12/09-guide.md', '2026-12-09', '2026-12-11', undefined],
    // A day only counts right under its month's folder.
    ['posts/2026/12/top-10/09-guide.md', '2026-12-09', '2026-12-11', undefined],
    ['posts/2026/12/top-10/09-guide.md', '2026-12-09', '2027-01-11', 'posts/2027/01/top-10/09-guide.md'],
    ['posts/2026/12/2026-12-091.md', '2026-12-09', '2026-12-11', undefined],
  ];
  for (const [path, from, to, expected] of cases) {
    it(`${path}: ${from} → ${to}`, () => assert.equal(rescheduledPath(path, from, to), expected));
  }
});
