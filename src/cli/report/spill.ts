import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sink } from './model';

/** Kept in memory up to this many characters, then moved to a temporary file. */
const IN_MEMORY = 1 << 22;
const CHUNK = 1 << 16;

/**
 * Text written now and needed later, in order: the JSON format's findings, which come after every
 * post. A big run's (50 MB at 100,000 posts) goes to a temporary file instead of memory.
 */
export class Spill {
  private chunks: string[] = [];
  private length = 0;
  private file: { dir: string; fd: number } | undefined;

  add(text: string): void {
    this.chunks.push(text);
    this.length += text.length;
    if (this.length >= IN_MEMORY) this.flush();
  }

  /** Writes everything added to `out`, a chunk at a time, then forgets it. */
  async replay(out: Sink): Promise<void> {
    if (!this.file) {
      for (const text of this.chunks) out.write(text);
      this.chunks = [];
      return;
    }
    this.flush();
    const { dir, fd } = this.file;
    try {
      const buffer = Buffer.alloc(CHUNK);
      const decoder = new TextDecoder();
      for (let position = 0; ; ) {
        const n = readSync(fd, buffer, 0, CHUNK, position);
        if (n === 0) break;
        position += n;
        out.write(decoder.decode(buffer.subarray(0, n), { stream: true }));
        await out.drained();
      }
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
      this.file = undefined;
    }
  }

  private flush(): void {
    if (!this.file) {
      const dir = mkdtempSync(join(tmpdir(), 'edcal-'));
      this.file = { dir, fd: openSync(join(dir, 'spill'), 'w+', 0o600) };
    }
    writeSync(this.file.fd, this.chunks.join(''));
    this.chunks = [];
    this.length = 0;
  }
}
