/**
 * Text built from pieces of a source file, remembering where each piece came from, so that a
 * position in what a network receives can be shown at the right place in the file.
 */
export class MappedText {
  private text = '';
  /** Parallel arrays: output offset, source offset, and whether the piece is verbatim source. */
  private readonly outStarts: number[] = [];
  private readonly srcStarts: number[] = [];
  private readonly verbatim: boolean[] = [];
  /** Where an empty text stands in the file (set by `slice`), so that even it can be pointed at. */
  private anchor = 0;

  /** An empty text that stands at `sourceOffset` in the file. */
  static emptyAt(sourceOffset: number): MappedText {
    const out = new MappedText();
    out.anchor = sourceOffset;
    return out;
  }

  /** Appends text copied from the source at `sourceOffset` (offsets inside it map one to one). */
  appendSource(text: string, sourceOffset: number): void {
    this.push(text, sourceOffset, true);
  }

  /** Appends another mapped text, keeping its mapping. */
  appendMapped(other: MappedText): void {
    for (let i = 0; i < other.outStarts.length; i++) {
      const end = i + 1 < other.outStarts.length ? other.outStarts[i + 1]! : other.text.length;
      this.push(other.text.slice(other.outStarts[i]!, end), other.srcStarts[i]!, other.verbatim[i]!);
    }
  }

  /** Appends generated text (e.g. a bullet); all of it maps to `sourceOffset`. */
  appendGenerated(text: string, sourceOffset: number): void {
    this.push(text, sourceOffset, false);
  }

  private push(text: string, sourceOffset: number, verbatim: boolean): void {
    if (text === '') return;
    const last = this.outStarts.length - 1;
    if (verbatim && last >= 0 && this.verbatim[last] && this.srcStarts[last]! + (this.text.length - this.outStarts[last]!) === sourceOffset) {
      this.text += text; // contiguous source: extend the previous piece
      return;
    }
    this.outStarts.push(this.text.length);
    this.srcStarts.push(sourceOffset);
    this.verbatim.push(verbatim);
    this.text += text;
  }

  get value(): string {
    return this.text;
  }

  /** The source offset of an output offset (the end of the text maps after its last piece). */
  toSource(offset: number): number {
    const n = this.outStarts.length;
    if (n === 0) return this.anchor;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.outStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const delta = offset - this.outStarts[lo]!;
    return this.verbatim[lo] ? this.srcStarts[lo]! + delta : this.srcStarts[lo]!;
  }

  /** A copy with leading and trailing blank lines and spaces removed, mapping kept. */
  trim(): MappedText {
    const start = this.text.length - this.text.trimStart().length;
    const end = this.text.trimEnd().length;
    return this.slice(start, Math.max(start, end));
  }

  /** The text between two output offsets, mapping kept. */
  slice(start: number, end: number): MappedText {
    const out = new MappedText();
    out.anchor = this.toSource(start);
    for (let i = 0; i < this.outStarts.length; i++) {
      const pieceStart = this.outStarts[i]!;
      const pieceEnd = i + 1 < this.outStarts.length ? this.outStarts[i + 1]! : this.text.length;
      const from = Math.max(start, pieceStart);
      const to = Math.min(end, pieceEnd);
      if (from >= to) continue;
      const piece = this.text.slice(from, to);
      if (this.verbatim[i]) out.appendSource(piece, this.srcStarts[i]! + (from - pieceStart));
      else out.appendGenerated(piece, this.srcStarts[i]!);
    }
    return out;
  }
}
