import type { OutputDiagnostic, OutputPost, Prepared, Reporter, Sink, Summary } from './model';
import type { Spill } from './spill';

/**
 * The `--format json` contract (see README): posts, diagnostics, summary. Written as
 * `JSON.stringify(output, null, 2)` would, byte for byte, a post at a time; the findings, which
 * come after every post, wait in a `Spill`. Each entry is written as its `"file"` and the rest
 * (`restOf`): the rest does not depend on where edcal runs, so the cache keeps it as text.
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
    this.postEntry(JSON.stringify(p.file), postRest(p));
  }

  diagnostic(d: OutputDiagnostic): void {
    this.diagnosticEntry(JSON.stringify(d.file), diagnosticRest(d));
  }

  prepared(file: string, output: Prepared): void {
    const name = JSON.stringify(file);
    if (output.post !== undefined) this.postEntry(name, output.post);
    for (const rest of output.diagnostics) this.diagnosticEntry(name, rest);
  }

  async end(summary: Summary): Promise<void> {
    this.out.write(`${this.posts > 0 ? '\n  ' : ''}],\n  "diagnostics": [`);
    await this.later.replay(this.out);
    // `[\n  {…}\n]` without its brackets and the indent of the first line.
    this.out.write(`${this.diagnostics > 0 ? '\n  ' : ''}],\n  "summary": ${JSON.stringify([summary], null, 2).slice(4, -2)}\n}\n`);
  }

  private postEntry(name: string, rest: string | Uint8Array): void {
    this.out.write((this.posts++ === 0 ? '\n' : ',\n') + HEAD + name);
    this.out.write(rest);
  }

  private diagnosticEntry(name: string, rest: string | Uint8Array): void {
    this.later.add((this.diagnostics++ === 0 ? '\n' : ',\n') + HEAD + name);
    this.later.add(rest);
  }
}

/** How every entry of `posts` and `diagnostics` starts, up to its file's name (a JSON string). */
const HEAD = '    {\n      "file": ';

/**
 * A post's entry in `posts` after its file's name, as `JSON.stringify(output, null, 2)` writes it.
 *
 * @example postRest({ file: 'a.md', status: 'draft', platforms: {} }) // ',\n      "status": "draft",\n      "platforms": {}\n    }'
 */
export function postRest(p: Omit<OutputPost, 'file'>): string {
  return restOf({ file: '', title: p.title, date: p.date, status: p.status, platforms: p.platforms });
}

/** A finding's entry in `diagnostics` after its file's name (see `postRest`). */
export function diagnosticRest(d: Omit<OutputDiagnostic, 'file'>): string {
  const { line, column, endLine, endColumn, severity, code, platform, message } = d;
  return restOf({ file: '', line, column, endLine, endColumn, severity, code, platform, message });
}

/**
 * The finding of `file` whose entry after its name is `rest` (a `diagnosticRest` in UTF-8).
 * Throws on text that is not one (a cache file edited).
 */
export function diagnosticOf(file: string, rest: Uint8Array): OutputDiagnostic {
  const d = JSON.parse(`{"file":""${Buffer.from(rest.buffer, rest.byteOffset, rest.byteLength).toString()}`) as OutputDiagnostic;
  if (typeof d.line !== 'number' || typeof d.code !== 'string' || typeof d.message !== 'string') throw new SyntaxError('not a finding');
  return { ...d, file };
}

/** An entry (whose `file` is `''`, its first key) as written two levels deep, after `"file": ""`. */
function restOf(entry: object): string {
  return twoDeep(entry).slice(HEAD.length + 2);
}

/**
 * A value as `JSON.stringify(…, null, 2)` writes it two levels deep (an item of `posts`): the
 * native serialiser indents it inside two arrays, whose brackets are cut off (`[\n  [\n` and
 * `\n  ]\n]`), faster than re-indenting its lines.
 */
function twoDeep(value: unknown): string {
  return JSON.stringify([[value]], null, 2).slice(6, -6);
}
