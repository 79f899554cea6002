import type { Position, Range } from '../model';

/**
 * Converts UTF-16 offsets of a text into zero-based line/character positions.
 * `\r\n`, `\n` and a lone `\r` each end a line, as in VS Code.
 *
 * @example new LineIndex('a\nbc').position(3) // { line: 1, character: 1 }
 */
export class LineIndex {
  // Found on first use: most posts are read, checked and reported without a finding to place.
  private found: number[] | undefined;

  constructor(private readonly text: string) {}

  private get starts(): number[] {
    if (this.found) return this.found;
    const { text } = this;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return (this.found = starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(position: Position): number {
    const starts = this.starts;
    const line = Math.max(0, Math.min(position.line, starts.length - 1));
    return Math.min(starts[line]! + position.character, this.text.length);
  }
}
