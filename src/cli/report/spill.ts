import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chunks } from './chunks';
import type { Sink } from './model';

/** Kept in memory up to this many bytes, then moved to a temporary file. */
const IN_MEMORY = 1 << 22;
const CHUNK = 1 << 16;

/**
 * Text written now and needed later, in order: the JSON format's findings, which come after every
 * post. A big run's (50 MB at 100,000 posts) goes to a temporary file instead of memory.
 */
export class Spill {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private file: { dir: string; fd: number } | undefined;
  private readonly chunks = new Chunks(CHUNK, (bytes) => this.keep(bytes));

  add(data: string | Uint8Array): void {
    this.chunks.add(data);
  }

  /** Writes everything added to `out`, a chunk at a time, then forgets it. */
  async replay(out: Sink): Promise<void> {
    this.chunks.flush();
    if (!this.file) {
      for (const bytes of this.held) out.write(bytes);
      this.held = [];
      return;
    }
    const { dir, fd } = this.file;
    try {
      for (let position = 0; ; ) {
        const buffer = Buffer.allocUnsafe(CHUNK);
        const n = readSync(fd, buffer, 0, CHUNK, position);
        if (n === 0) break;
        position += n;
        // Bytes as they are: a character cut between two chunks is whole again in `out`.
        out.write(buffer.subarray(0, n));
        await out.drained();
      }
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
      this.file = undefined;
    }
  }

  private keep(bytes: Buffer): void {
    if (!this.file) {
      this.held.push(bytes);
      this.heldBytes += bytes.length;
      if (this.heldBytes < IN_MEMORY) return;
      const dir = mkdtempSync(join(tmpdir(), 'edcal-'));
      this.file = { dir, fd: openSync(join(dir, 'spill'), 'w+', 0o600) };
      bytes = Buffer.concat(this.held);
      this.held = [];
    }
    writeSync(this.file.fd, bytes);
  }
}
