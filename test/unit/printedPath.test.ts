import assert from 'node:assert/strict';
import { relative } from 'node:path';
import fc from 'fast-check';
import { printedPath } from '../../src/cli/check';

describe('printedPath', () => {
  it('prints what path.relative prints, for paths inside, above and beside the folder (property)', () => {
    const segment = fc.constantFrom('posts', '2026', 'a.md', '.', '..', '', 'é t', '.edcal', '...', 'posts2');
    const path = fc.array(segment, { maxLength: 6 }).map((s) => '/' + s.join('/'));
    fc.assert(
      fc.property(path, path, (cwd, file) => {
        const normalCwd = relative('/', cwd) === '' ? '/' : '/' + relative('/', cwd);
        assert.equal(printedPath(normalCwd)(file), relative(normalCwd, file) || '.', `${normalCwd} ${file}`);
      }),
      { numRuns: 5000 },
    );
  });
});
