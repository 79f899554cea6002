import fc from 'fast-check';

/**
 * Random frontmatter YAML as people write it: block and flow maps and lists, every scalar style
 * (plain, quoted, block `|`/`>-`, empty `key:`), comments on lines of their own and after values
 * (`status: # todo`), anchors and aliases, quoted keys, compact and indented lists, 2 or 4 spaces.
 * Texts are built from a random tree; the few a tree renders invalid are filtered out by the test.
 */

type Scalar = { kind: 'scalar'; text: string } | { kind: 'empty' } | { kind: 'block'; header: string; lines: string[] } | { kind: 'alias' };
type Tree = Scalar | { kind: 'map'; flow: boolean; entries: Array<[string, Tree]> } | { kind: 'seq'; flow: boolean; items: Tree[] };

const SCALARS = [
  'Nova', 'review', 'draft', '2026-12-01T09:30', '2027-01-12', '42', '3.5', 'true', 'false', 'null', '~',
  '"2026"', "'true'", '""', "''", '"a: b"', "'l''été'", '"#Nova \\"2\\""', '"line\\nbreak"', 'Soirée ✨', '한국어', '"tab\\there"',
  'https://nova.app/a?b=c#d', "'  lead'", '-5', '0x1F', '.inf',
];
const KEYS = ['title', 'date', 'status', 'campaign', 'lang', 'media', 'approvals', 'results', 'tags', 'alt', 'by', 'at', 'id', 'x', 'note'];
const COMMENTS = ['# todo', '# à décider', '#c', '# id: 3 # nested'];

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SCALARS).map((text) => ({ kind: 'scalar' as const, text })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'empty' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('block' as const), header: fc.constantFrom('|', '>-', '|+', '>', '|-'), lines: fc.array(fc.constantFrom('Nova 2', 'ligne: deux', '# pas un commentaire', 'x'), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'alias' as const }) },
);

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: scalarArb },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('map' as const), flow: fc.boolean(), entries: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie('tree')), { maxLength: 4, selector: ([k]) => k }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('seq' as const), flow: fc.boolean(), items: fc.array(tie('tree'), { maxLength: 3 }) }) },
  ),
})).tree;

/** How a tree is written: random but reproducible choices. */
interface Style {
  readonly step: number;
  readonly choices: readonly number[];
}

class Writer {
  private i = 0;
  private anchorCount = 0;
  /** Indentation of the block line being written (flow collections spanning lines indent under it). */
  private indent = 0;
  constructor(private readonly style: Style) {}

  /** A random choice in [0, n). */
  private pick(n: number): number {
    const c = this.style.choices[this.i++ % this.style.choices.length]!;
    return c % n;
  }

  private key(k: string, flow = false): string {
    switch (this.pick(9)) {
      case 0:
        return `"${k}"`;
      case 1:
        return `'${k}'`;
      case 2:
        return `!!str ${k}`;
      case 3:
        return flow ? k : `&a${++this.anchorCount} ${k}`;
      default:
        return k;
    }
  }

  /** Between flow entries: a comma, sometimes with a comment and a line break. */
  private comma(indent: number): string {
    return this.pick(6) === 0 ? `, ${COMMENTS[this.pick(COMMENTS.length)]}\n${' '.repeat(indent + 2)}` : ', ';
  }

  private comment(): string {
    return this.pick(4) === 0 ? ` ${COMMENTS[this.pick(COMMENTS.length)]}` : '';
  }

  private anchor(): string {
    if (this.pick(7) !== 0) return '';
    return `&a${++this.anchorCount} `;
  }

  private alias(): string {
    return this.anchorCount > 0 ? `*a${1 + this.pick(this.anchorCount)}` : 'Nova';
  }

  /** A flow node (inside `[…]`/`{…}` or after a key on one line). */
  flow(tree: Tree): string {
    switch (tree.kind) {
      case 'scalar':
        return /^["']/.test(tree.text) || !/[,\[\]{}#]/.test(tree.text) ? tree.text : JSON.stringify(tree.text);
      case 'empty':
      case 'block':
        return '""';
      case 'alias':
        return this.alias();
      case 'map': {
        const inner = tree.entries.map(([k, v]) => `${this.key(k, true)}: ${this.anchor()}${this.flow(v)}`).join(this.comma(this.indent));
        const spaced = this.pick(2) === 0 && inner !== '';
        const trailing = this.pick(8) === 0 && inner !== '' ? ', ' : '';
        return spaced ? `{ ${inner}${trailing} }` : `{${inner}${trailing}}`;
      }
      case 'seq': {
        const inner = tree.items.map((v) => this.flow(v)).join(this.comma(this.indent));
        return `[${inner}${this.pick(8) === 0 && inner !== '' ? ', ' : ''}]`;
      }
    }
  }

  /** Lines of a block map at `indent`. */
  map(entries: Array<[string, Tree]>, indent: number): string[] {
    const lines: string[] = [];
    for (const [k, v] of entries) {
      if (this.pick(6) === 0) lines.push(`${' '.repeat(indent)}${COMMENTS[this.pick(COMMENTS.length)]}`);
      const head = `${' '.repeat(indent)}${this.key(k)}:`;
      lines.push(...this.value(head, v, indent));
    }
    return lines;
  }

  /** `head` (a `key:` or `-`) followed by the value, on one line or the lines after. */
  private value(head: string, v: Tree, indent: number): string[] {
    const inner = indent + this.style.step;
    this.indent = inner;
    switch (v.kind) {
      case 'empty':
        return [`${head}${this.comment()}`];
      case 'scalar':
        return [`${head} ${this.anchor()}${v.text}${this.comment()}`];
      case 'alias':
        return [`${head} ${this.alias()}${this.comment()}`];
      case 'block':
        return [`${head} ${this.anchor()}${v.header}${this.comment()}`, ...v.lines.map((l) => `${' '.repeat(inner)}${l}`)];
      case 'map':
        if (v.flow || v.entries.length === 0) return [`${head} ${this.anchor()}${this.flow(v)}${this.comment()}`];
        return [`${head}${this.anchor() ? ` &a${this.anchorCount}` : ''}${this.comment()}`, ...this.map(v.entries, inner)];
      case 'seq': {
        if (v.flow || v.items.length === 0) return [`${head} ${this.anchor()}${this.flow(v)}${this.comment()}`];
        // Lists under a key may sit at the key's own indentation ("compact"), or deeper.
        const at = head.trimStart().endsWith(':') && this.pick(2) === 0 ? indent : inner;
        return [`${head}${this.comment()}`, ...this.seq(v.items, at)];
      }
    }
  }

  /** Lines of a block list at `indent`. */
  seq(items: Tree[], indent: number): string[] {
    const lines: string[] = [];
    for (const item of items) {
      const dash = `${' '.repeat(indent)}-`;
      if (item.kind === 'map' && !item.flow && item.entries.length > 0 && this.pick(2) === 0) {
        // `- key: value` with the other keys under the first.
        const [first, ...rest] = this.map(item.entries, indent + 2);
        lines.push(`${dash} ${first!.trimStart()}`, ...rest);
      } else lines.push(...this.value(dash, item, indent));
    }
    return lines;
  }
}

/** A frontmatter YAML text (ending with a line break, or empty) from a random tree. */
export const frontmatterYaml: fc.Arbitrary<string> = fc
  .tuple(
    fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), treeArb), { maxLength: 6, selector: ([k]) => k }),
    fc.constantFrom(2, 4),
    fc.array(fc.nat(1000), { minLength: 16, maxLength: 64 }),
    fc.nat(9),
  )
  .map(([entries, step, choices, shape]) => {
    const writer = new Writer({ step, choices });
    if (shape === 0) return entries.length === 0 ? '' : `${writer.flow({ kind: 'map', flow: true, entries })}\n`;
    const lines = writer.map(entries, 0);
    if (shape === 1) lines.unshift('# leading comment');
    if (shape === 2) lines.push('# trailing comment');
    return lines.length === 0 ? '' : lines.join('\n') + '\n';
  });

/** A whole post file: frontmatter, LF or CRLF, maybe a BOM, and a body. */
export const postFileText: fc.Arbitrary<{ text: string; crlf: boolean; bom: boolean }> = fc
  .tuple(frontmatterYaml, fc.boolean(), fc.boolean(), fc.constantFrom('Bonjour #Nova\n', '', 'a\n---\nb: c\n', 'key: not yaml\n'))
  .map(([yaml, crlf, bom, body]) => {
    let text = `---\n${yaml}---\n${body}`;
    if (crlf) text = text.replace(/\n/g, '\r\n');
    return { text: (bom ? '\ufeff' : '') + text, crlf, bom };
  });

/** Keys a change may add, some needing quotes. */
export const NEW_KEYS = ['status', 'bluesky', 'id', 'approvals', 'note', 'new key', '2026', 'true', 'a: b', 'é'];

/** Values a change may write: every scalar type, strings that need quoting, and flat maps. */
export const newValue = fc.oneof(
  fc.constantFrom('review', '2027-01-12T09:30', '2026', 'true', '', ' lead', 'a: b', '#tag', 'x # y', "l'été", 'line\nbreak', 'tab\t', '- item', '[x]', '{a}', '*ref', '&anchor', '!tag', '@at', '%', '`', '|', '>', "'", '"', 'null', '~', '\u0085', '\u2028', '✨', 'Ω'),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.constantFrom('by', 'at', 'note', 'file', 'alt', 'a b'), fc.oneof(fc.constantFrom('Léa <lea@nova.app>', '2026-12-01T15:02+01:00', '1', 'x: y'), fc.integer(), fc.boolean()), { minKeys: 1, maxKeys: 3 }),
);
