import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RichText } from '@atproto/api';
import { isPlatformId } from '../../src/core/platforms/ids';
import { lintText, postFile, sharedConformanceFile } from './helpers';

/** One case of `../shared/conformance/peer-cases.json` (its README describes the format). */
interface PeerCase {
  readonly id: string;
  readonly source: string;
  readonly net: string;
  readonly check: ReadonlyArray<'length' | 'hashtags' | 'over'>;
  readonly description: string;
  /** What the network receives. */
  readonly text: string;
  /** With `via: 'escaped'`: the Markdown body that becomes `text`. */
  readonly body?: string;
  readonly via: 'verbatim' | 'escaped' | 'trimmed';
  /** With `via: 'trimmed'`: the suite's text, with the spaces at its ends a post body drops. */
  readonly original?: string;
  readonly documented: { readonly length?: number; readonly hashtags?: readonly string[]; readonly over?: boolean };
}

const EXPECTED_CASES = 276;
const MASTODON_DEFAULT_LIMIT = 500;
const file = sharedConformanceFile('peer-cases.json');

/**
 * The length a case expects: the suite's own figure (less the spaces a post body trims, which
 * weigh one each on every network), else (the atproto facet cases state none) what the network's
 * library counts, `@atproto/api`'s RichText.
 */
function expectedLength(c: PeerCase): number {
  if (c.documented.length !== undefined) {
    if (c.via !== 'trimmed') return c.documented.length;
    assert.equal(c.original!.trim(), c.text, 'the trimmed text is the original without its end spaces');
    return c.documented.length - (c.original!.length - c.text.length);
  }
  assert.equal(c.net, 'bluesky', `${c.id} checks a length but documents none`);
  return new RichText({ text: c.text }).graphemeLength;
}

/** Runs a case through the real pipeline (post file → lint → render) and checks what it lists. */
function runCase(c: PeerCase): void {
  assert.ok(isPlatformId(c.net), `unknown network ${c.net}`);
  const body = c.via === 'escaped' ? c.body! : c.text;
  const result = lintText(postFile({ platforms: `[${c.net}]` }, body));
  const render = result.renders.find((r) => r.platform === c.net);
  assert.ok(render, `no render for ${c.net}`);
  assert.equal(render.parts.length, 1, 'one part');
  const part = render.parts[0]!;
  assert.equal(part.text, c.text, 'the network receives the case text');
  for (const check of c.check) {
    if (check === 'length') assert.equal(part.length, expectedLength(c), 'length');
    if (check === 'hashtags') assert.deepEqual(part.hashtags, c.documented.hashtags, 'hashtags');
    if (check === 'over') {
      assert.equal(part.limit, MASTODON_DEFAULT_LIMIT, 'default limit');
      assert.equal(part.length > part.limit, c.documented.over, `over the limit (length ${part.length})`);
    }
  }
}

/** A title with its control and invisible characters (a newline, ZWSP…) written as `\u{…}`. */
function visible(title: string): string {
  return title.replace(/[\p{Cc}\p{Cf}]/gu, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

describe('peer cases (the networks’ own test suites, ../shared/conformance/peer-cases.json)', () => {
  if (!file) {
    it.skip('peer cases skipped: ../shared/conformance not found');
    return;
  }
  const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: PeerCase[] }).cases;
  let passed = 0;

  it(`holds the ${EXPECTED_CASES} cases`, () => assert.equal(cases.length, EXPECTED_CASES));
  for (const c of cases) {
    it(`${c.id}: ${visible(c.description)}`, () => {
      runCase(c);
      passed++;
    });
  }
  after(() => console.log(`      peer cases passing: ${passed}/${cases.length}`));
});
