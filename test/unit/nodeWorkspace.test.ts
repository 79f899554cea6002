import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FileError } from '../../src/core/ports';
import { NodeWorkspace } from '../../src/node/workspace';

describe('NodeWorkspace.read', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'edcal-ws-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const blocking of [true, false]) {
    describe(blocking ? 'blocking (the CLI)' : 'non-blocking (the extension host)', () => {
      const ws = new NodeWorkspace({ blocking });

      it('gives back every byte of files of any size around the one-read size, read a few at a time (property)', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 70_000 }).chain((n) => fc.constantFrom(n, 65_535, 65_536, 65_537, 0, 1)), { minLength: 1, maxLength: 6 }), async (sizes) => {
            const files = sizes.map((size, i) => {
              const path = join(dir, `f${i}.md`);
              const bytes = Buffer.alloc(size, i + 1);
              bytes.write(`${size}:${i}`.slice(0, size));
              writeFileSync(path, bytes);
              return { path, bytes };
            });
            // In flight together, as the CLI reads them: no read may see another's bytes.
            const read = await Promise.all(files.map((f) => ws.read(f.path, 1 << 20)));
            read.forEach((r, i) => assert.ok(Buffer.from(r).equals(files[i]!.bytes), `file ${i} of ${sizes[i]} bytes`));
          }),
          { numRuns: 40 },
        );
      });

      it('refuses a file over the limit, with its size, and one of the limit exactly is read', async () => {
        const path = join(dir, 'big.md');
        writeFileSync(path, Buffer.alloc(70_001, 97));
        await assert.rejects(ws.read(path, 70_000), (e: unknown) => e instanceof FileError && e.code === 'too-large' && e.size === 70_001);
        assert.equal((await ws.read(path, 70_001)).length, 70_001);
        writeFileSync(path, Buffer.alloc(300, 97));
        await assert.rejects(ws.read(path, 299), (e: unknown) => e instanceof FileError && e.code === 'too-large');
      });

      it('says a folder, a FIFO and a device are not files, without hanging', async () => {
        mkdirSync(join(dir, 'folder.md'), { recursive: true });
        await assert.rejects(ws.read(join(dir, 'folder.md'), 1 << 20), (e: unknown) => e instanceof FileError && e.code === 'not-a-file');
        await assert.rejects(ws.read('/dev/zero', 1 << 20), (e: unknown) => e instanceof FileError && e.code === 'not-a-file');
        const fifo = join(dir, `pipe-${blocking}.md`);
        if (spawnSync('mkfifo', [fifo]).status === 0) await assert.rejects(ws.read(fifo, 1 << 20), (e: unknown) => e instanceof FileError && e.code === 'not-a-file');
      });

      it('reads an empty file as empty', async () => {
        writeFileSync(join(dir, 'empty.md'), '');
        assert.equal((await ws.read(join(dir, 'empty.md'), 1 << 20)).length, 0);
      });
    });
  }
});
