import type { OutputDiagnostic, OutputPost, Reporter, Sink, Summary } from './model';
import type { Spill } from './spill';

/**
 * The `--format json` contract (see README): posts, diagnostics, summary. Written as
 * `JSON.stringify(output, null, 2)` would, byte for byte, a post at a time; the findings, which
 * come after every post, wait in a `Spill`.
 */
export class JsonReporter implements Reporter {
  private posts = 0;
  private diagnostics = 0;

  constructor(
    private readonly out: Sink,
    private readonly later: Spill,
  ) {
    out.write('{\n  "posts": [');
  }

  post(p: OutputPost): void {
    const item = { file: p.file, title: p.title, date: p.date, status: p.status, platforms: p.platforms };
    this.out.write((this.posts++ === 0 ? '\n' : ',\n') + twoDeep(item));
  }

  diagnostic(d: OutputDiagnostic): void {
    this.later.add((this.diagnostics++ === 0 ? '\n' : ',\n') + twoDeep(d));
  }

  async end(summary: Summary): Promise<void> {
    this.out.write(`${this.posts > 0 ? '\n  ' : ''}],\n  "diagnostics": [`);
    await this.later.replay(this.out);
    // `[\n  {…}\n]` without its brackets and the indent of the first line.
    this.out.write(`${this.diagnostics > 0 ? '\n  ' : ''}],\n  "summary": ${JSON.stringify([summary], null, 2).slice(4, -2)}\n}\n`);
  }
}

/**
 * A value as `JSON.stringify(…, null, 2)` writes it two levels deep (an item of `posts`): the
 * native serialiser indents it inside two arrays, whose brackets are cut off (`[\n  [\n` and
 * `\n  ]\n]`), faster than re-indenting its lines.
 */
function twoDeep(value: unknown): string {
  return JSON.stringify([[value]], null, 2).slice(6, -6);
}
