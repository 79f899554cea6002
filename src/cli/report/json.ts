import type { OutputDiagnostic, OutputPost, Prepared, Reporter, Sink, Summary } from './model';
import type { Spill } from './spill';

/**
 * The `--format json` contract (see README): posts, diagnostics, summary. Written as
 * `JSON.stringify(output, null, 2)` would, byte for byte, a post at a time; the findings, which
 * come after every post, wait in a `Spill`. Each entry is written as its `"file"` and the rest
 * (`postRest`, `diagnosticRest`): the rest does not depend on where edcal runs, so the cache keeps it as text.
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
 * A post's entry in `posts` after its file's name, as `JSON.stringify(output, null, 2)` writes it
 * (written out here for the entry's known shape: the native serialiser with indentation cost a
 * twentieth of a 10,000-post check; a property test holds the two equal).
 *
 * @example postRest({ file: 'a.md', status: 'draft', platforms: {} }) // ',\n      "status": "draft",\n      "platforms": {}\n    }'
 */
export function postRest(p: Omit<OutputPost, 'file'>): string {
  let out = '';
  if (p.title !== undefined) out += `,\n      "title": ${str(p.title)}`;
  if (p.date !== undefined) out += `,\n      "date": ${str(p.date)}`;
  if (p.status !== undefined) out += `,\n      "status": ${str(p.status)}`;
  if (p.platforms !== undefined) out += `,\n      "platforms": ${platformsJson(p.platforms)}`;
  return out + '\n    }';
}

/** A finding's entry in `diagnostics` after its file's name (see `postRest`). */
export function diagnosticRest(d: Omit<OutputDiagnostic, 'file'>): string {
  return (
    `,\n      "line": ${num(d.line)},\n      "column": ${num(d.column)},\n      "endLine": ${num(d.endLine)},\n      "endColumn": ${num(d.endColumn)}` +
    `,\n      "severity": ${str(d.severity)},\n      "code": ${str(d.code)}` +
    (d.platform !== undefined ? `,\n      "platform": ${str(d.platform)}` : '') +
    `,\n      "message": ${str(d.message)}\n    }`
  );
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

const str = JSON.stringify as (s: string) => string;
/** A number as JSON writes it (`null` for what it cannot). */
const num = (n: number) => (Number.isFinite(n) ? String(n) : 'null');

/** `platforms` three levels deep: each network, its parts, their counts and hashtags. */
function platformsJson(platforms: OutputPost['platforms']): string {
  let out = '';
  for (const [id, platform] of Object.entries(platforms)) {
    if (platform === undefined) continue;
    out += `${out === '' ? '' : ','}\n        ${str(id)}: {\n          "parts": `;
    if (platform.parts.length === 0) out += '[]';
    else {
      out += '[';
      platform.parts.forEach((part, i) => {
        out += `${i === 0 ? '' : ','}\n            {\n              "length": ${num(part.length)},\n              "limit": ${num(part.limit)},\n              "hashtags": `;
        out += part.hashtags.length === 0 ? '[]' : `[\n${part.hashtags.map((h) => `                ${str(h)}`).join(',\n')}\n              ]`;
        out += '\n            }';
      });
      out += '\n          ]';
    }
    out += '\n        }';
  }
  return out === '' ? '{}' : `{${out}\n      }`;
}
