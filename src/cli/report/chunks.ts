/**
 * Text and bytes gathered into buffers of `size` bytes, each handed to `out` once full: a few
 * large writes instead of one per post, text encoded once (straight into the buffer), and bytes
 * (the cache's) copied as they are, never decoded. `out` may keep what it is given.
 */
export class Chunks {
  private buffer: Buffer;
  private used = 0;

  constructor(
    private readonly size: number,
    private readonly out: (bytes: Buffer) => void,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  add(data: string | Uint8Array): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const most = typeof data === 'string' ? data.length * 3 : data.length;
    if (most > this.size - this.used) {
      this.flush();
      if (most > this.size) {
        this.out(Buffer.from(data as string));
        return;
      }
    }
    if (typeof data === 'string') this.used += this.buffer.write(data, this.used);
    else {
      this.buffer.set(data, this.used);
      this.used += data.length;
    }
  }

  /** Hands what is gathered to `out`. */
  flush(): void {
    if (this.used === 0) return;
    this.out(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(this.size);
    this.used = 0;
  }
}
