import { readSync } from 'node:fs';

/** Bytes read from the cache file at a time. */
const CHUNK = 1 << 20;

/** How many fields a record's first line has (see `CheckCache`); the last is the byte length of its texts. */
export const FIELDS = 11;

/** One record of the cache file: a line of fields, then its texts and a line break. */
export interface CacheRecord {
  /** The file's path as JSON: records are matched on it without decoding it. */
  readonly key: string;
  readonly fields: readonly string[];
  /** The whole record, as it stands in the file (written again as is when it still holds). */
  readonly bytes: Buffer;
  /** Where the record starts in the file. */
  readonly offset: number;
  /** Where its texts start in `bytes`. */
  readonly textStart: number;
}

/**
 * The cache file read front to back a chunk at a time, never whole (it is about the size of the
 * JSON report: 160 MB at 100,000 posts). A record that does not parse, or is cut short, ends the
 * reading: what follows is not trusted.
 */
export class RecordReader {
  private buffer = Buffer.alloc(0);
  /** The next unread byte in `buffer`. */
  private at = 0;
  /** Where `buffer` starts in the file. */
  private base = 0;
  private ended = false;
  /** True once something that is not a record was met (a cache edited, or cut short). */
  broken = false;

  constructor(private readonly fd: number) {}

  /** The first line (the settings the cache was made with), undefined when there is none. */
  firstLine(): string | undefined {
    const end = this.lineEnd();
    if (end < 0) return undefined;
    const line = this.buffer.toString('utf8', this.at, end);
    this.at = end + 1;
    return line;
  }

  /** How far the file has been read. */
  get offset(): number {
    return this.base + this.at;
  }

  /** The next record; undefined at the end of the file, or where it stops making sense (`broken`). */
  next(): CacheRecord | undefined {
    if (this.broken) return undefined;
    const end = this.lineEnd();
    if (end < 0) {
      this.broken = this.buffer.length > this.at;
      return undefined;
    }
    const fields = this.buffer.toString('utf8', this.at, end).split('\t');
    const textBytes = Number(fields[FIELDS - 1]);
    const head = end + 1 - this.at;
    const size = head + textBytes + 1;
    if (fields.length !== FIELDS || !Number.isSafeInteger(textBytes) || textBytes < 0 || !this.ensure(size) || this.buffer[this.at + size - 1] !== 0x0a) {
      this.broken = true;
      return undefined;
    }
    const record = { key: fields[0]!, fields, bytes: this.buffer.subarray(this.at, this.at + size), offset: this.offset, textStart: head };
    this.at += size;
    return record;
  }

  /** The end (a `\n`) of the line at `at` in `buffer`, reading on as needed; -1 at the end of the file. */
  private lineEnd(): number {
    let from = this.at;
    for (;;) {
      const i = this.buffer.indexOf(0x0a, from);
      if (i >= 0) return i;
      const searched = this.buffer.length - this.at;
      if (!this.more(0)) return -1;
      from = searched;
    }
  }

  /** Whether `size` bytes from `at` are in `buffer`, reading on as needed. */
  private ensure(size: number): boolean {
    while (this.buffer.length - this.at < size) if (!this.more(size)) return false;
    return true;
  }

  /** Reads the next chunk (at least `min` bytes of room) after the unread bytes, which move to the front. */
  private more(min: number): boolean {
    if (this.ended) return false;
    const kept = this.buffer.length - this.at;
    const next = Buffer.allocUnsafe(Math.max(CHUNK, min, kept * 2));
    this.buffer.copy(next, 0, this.at);
    const n = readSync(this.fd, next, kept, next.length - kept, this.base + this.buffer.length);
    this.base += this.at;
    this.at = 0;
    this.buffer = next.subarray(0, kept + n);
    if (n === 0) this.ended = true;
    return n > 0;
  }
}
