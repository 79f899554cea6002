import assert from 'node:assert/strict';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileIn } from './writeFileIn';

const CLI = join(__dirname, '../../dist/cli.js');
const CACHE = '.edcal-cache/check-v2';
/** As long as `frontmatter.schema`, so that a record tampered with still holds together. */
const TAMPERED = 'TAMPERED__________';

function edcal(dir: string, args: string[]) {
  const format = args.includes('--format') ? [] : ['--format', 'json'];
  const r = spawnSync(process.execPath, [CLI, 'check', ...format, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LANG: 'C' } });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return r.stdout;
}

/** Where the record of `file` starts in the cache (its line of fields). */
function recordAt(dir: string, file: string): { text: string; at: number } {
  const text = readFileSync(join(dir, CACHE), 'utf8');
  const at = text.indexOf('\n' + JSON.stringify(join(dir, file)) + '\t');
  assert.ok(at > 0, `${file} is cached`);
  return { text, at: at + 1 };
}

/**
 * Makes the cached output of `file` say something no check would: a run that prints it reused
 * the cache, a run that does not checked the file again. `sameLength: false` makes the record
 * no longer hold together (its lengths are wrong).
 */
function tamper(dir: string, file: string, sameLength = true): void {
  const { text, at } = recordAt(dir, file);
  const code = text.indexOf('"code": "frontmatter.schema"', at);
  assert.ok(code > at);
  const start = code + '"code": "'.length;
  writeFileSync(join(dir, CACHE), text.slice(0, start) + (sameLength ? TAMPERED : 'TAMPERED') + text.slice(start + 'frontmatter.schema'.length));
}
const untampered = (out: string) => out.replaceAll(TAMPERED, 'frontmatter.schema');

// `mood` is an unknown field: each post has a `frontmatter.schema` finding for `tamper` to change.
const post = (date: string, extra = '') => `---\ndate: ${date}\nplatforms: [x, instagram]\nstatus: draft\nmood: sunny\n${extra}---\nHello #Nova\n`;

describe('edcal check --cache', () => {
  let dir: string;
  const write = (path: string, text: string) => writeFileIn(dir, path, text);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edcal-cache-'));
    write('.editorial.yaml', 'timezone: Europe/Paris\nlocale: en\n');
    write('media/a.png', 'png');
    write('posts/a.md', post('2026-12-10T09:00', 'media:\n  - file: ../media/a.png\n    alt: A\n'));
    write('posts/b.md', post('2026-12-20T09:00'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cold = (args: string[] = []) => edcal(dir, ['--now', '2026-12-01T00:00Z', ...args]);
  const warm = (args: string[] = []) => edcal(dir, ['--now', '2026-12-01T00:00Z', '--cache', ...args]);

  it('prints what a run without it prints, and reuses the reports of unchanged files', () => {
    assert.equal(warm(), cold());
    assert.ok(existsSync(join(dir, CACHE)));
    assert.equal(warm(), cold());
    tamper(dir, 'posts/a.md');
    assert.match(warm(), /TAMPERED/, 'reused');
  });

  it('checks a changed post again', () => {
    warm();
    tamper(dir, 'posts/a.md');
    tamper(dir, 'posts/b.md');
    write('posts/a.md', post('2026-12-11T09:00', 'media:\n  - file: ../media/a.png\n    alt: A\n'));
    const out = warm();
    assert.equal(out.match(/TAMPERED/g)?.length, 1, 'b.md reused, a.md checked again');
    assert.equal(untampered(out), cold());
  });

  it('checks a post again when only its time changes (same size)', () => {
    warm();
    tamper(dir, 'posts/b.md');
    utimesSync(join(dir, 'posts/b.md'), new Date(), new Date(Date.now() + 5000));
    assert.equal(warm(), cold());
  });

  it('checks again the posts of a media file that went missing', () => {
    warm();
    tamper(dir, 'posts/a.md');
    tamper(dir, 'posts/b.md');
    unlinkSync(join(dir, 'media/a.png'));
    const out = warm();
    assert.equal(out.match(/TAMPERED/g)?.length, 1, 'b.md has no media: reused');
    assert.match(out, /media\.missing-file/);
    assert.equal(untampered(out), cold());
  });

  it('checks everything again when the settings change', () => {
    warm();
    tamper(dir, 'posts/a.md');
    write('.editorial.yaml', 'timezone: Europe/Paris\nlocale: en\nmediaBaseUrl: https://cdn.example.com/\n');
    assert.equal(warm(), cold());
  });

  it('checks everything again with another language (--lang)', () => {
    warm();
    tamper(dir, 'posts/a.md');
    assert.equal(warm(['--lang', 'fr']), cold(['--lang', 'fr']));
  });

  it('checks everything again under another version of edcal', () => {
    warm();
    tamper(dir, 'posts/a.md');
    const text = readFileSync(join(dir, CACHE), 'utf8');
    writeFileSync(join(dir, CACHE), text.replace(/^\{"version":"[^"]*"/, '{"version":"0.0.0-older"'));
    assert.equal(warm(), cold());
  });

  it('checks a post again when --now moves past its date, and only then', () => {
    warm();
    tamper(dir, 'posts/a.md');
    tamper(dir, 'posts/b.md');
    // 2026-12-05: both still in the future, as at 2026-12-01: reused.
    assert.equal(edcal(dir, ['--now', '2026-12-05T00:00Z', '--cache']).match(/TAMPERED/g)?.length, 2);
    // 2026-12-15: a.md (the 10th) is now past, b.md (the 20th) is not.
    const now = ['--now', '2026-12-15T00:00Z'];
    const out = edcal(dir, [...now, '--cache']);
    assert.equal(out.match(/TAMPERED/g)?.length, 1);
    assert.match(out, /date\.past/);
    assert.equal(untampered(out), edcal(dir, now));
  });

  it('forgets files removed, and an unreadable cache is no cache', () => {
    warm();
    unlinkSync(join(dir, 'posts/b.md'));
    assert.equal(warm(), cold());
    assert.doesNotMatch(readFileSync(join(dir, CACHE), 'utf8'), /b\.md/);
    writeFileSync(join(dir, CACHE), '\u0000garbage\n"x"\t{');
    assert.equal(warm(), cold());
  });

  it('reuses the cache in every format, whichever format filled it', () => {
    warm();
    tamper(dir, 'posts/a.md');
    for (const format of ['text', 'github', 'json']) {
      const out = warm(['--format', format]);
      assert.equal(out.match(/TAMPERED/g)?.length, 1, format);
      assert.equal(untampered(out), cold(['--format', format]), format);
    }
    rmSync(join(dir, '.edcal-cache'), { recursive: true });
    warm(['--format', 'text']);
    tamper(dir, 'posts/b.md');
    assert.equal(untampered(warm()), cold());
    assert.match(warm(), /TAMPERED/);
  });

  it('writes nothing when nothing changed', () => {
    warm();
    const before = readFileSync(join(dir, CACHE));
    utimesSync(join(dir, CACHE), new Date(0), new Date(0));
    assert.equal(warm(), cold());
    assert.equal(statSync(join(dir, CACHE)).mtimeMs, 0, 'not written again');
    write('posts/c.md', post('2026-12-30T09:00'));
    assert.equal(warm(), cold());
    assert.ok(readFileSync(join(dir, CACHE)).length > before.length, 'c.md added');
  });

  it('trusts no record cut short or that does not hold together, nor what follows it', () => {
    write('posts/c.md', post('2026-12-30T09:00'));
    warm();
    tamper(dir, 'posts/a.md');
    const { text, at } = recordAt(dir, 'posts/b.md');
    const whole = Buffer.from(text);
    const b = Buffer.byteLength(text.slice(0, at));
    const fields = whole.indexOf('\n', b);
    const c = Buffer.byteLength(text.slice(0, recordAt(dir, 'posts/c.md').at));
    const expected = cold();
    // Cut in b.md's line of fields, after it, in its texts, before its last line break, in c.md's
    // record: a.md's record, whole, is used; none after the cut.
    for (const cut of [b, b + 5, fields, fields + 1, Math.floor((fields + c) / 2), c - 1, c + 10, whole.length - 1]) {
      writeFileSync(join(dir, CACHE), whole.subarray(0, cut));
      const out = warm();
      assert.equal(out.match(/TAMPERED/g)?.length, 1, `cut at ${cut}`);
      assert.equal(untampered(out), expected, `cut at ${cut}`);
      writeFileSync(join(dir, CACHE), whole);
    }
    tamper(dir, 'posts/b.md', false);
    const out = warm();
    assert.equal(out.match(/TAMPERED/g)?.length, 1, 'a.md reused, b.md (and c.md after it) checked');
    assert.equal(untampered(out), cold());
    const again = warm(['--format', 'text']);
    assert.equal(again.match(/TAMPERED/g)?.length, 1, 'the cache written again holds');
    assert.equal(untampered(again), cold(['--format', 'text']));
  });

  it('checks a post changed after a run that reused it', () => {
    warm();
    assert.equal(warm(), cold());
    write('posts/b.md', post('2026-12-21T09:00', 'title: Changed\n'));
    assert.equal(warm(), cold());
    assert.match(warm(), /Changed/);
  });

  it('is not walked as posts, and is not written without --cache', () => {
    cold();
    assert.ok(!existsSync(join(dir, '.edcal-cache')));
    warm();
    write('.edcal-cache/stray.md', post('nope'));
    assert.equal(warm(), cold());
  });

  it('prints what a cold run prints after any edits, touches, removals and runs in between (property)', async function () {
    this.timeout(240_000);
    const posts = ['posts/a.md', 'posts/b.md', 'posts/c.md', 'posts/more/d.md'];
    // Edits keep the size (days of two digits): only the modification time tells them apart.
    const step = fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('edit' as const), file: fc.constantFrom(...posts), day: fc.integer({ min: 1, max: 28 }), media: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('touch' as const), file: fc.constantFrom(...posts), seconds: fc.integer({ min: 1, max: 100 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), file: fc.constantFrom(...posts) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('media' as const), present: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('none' as const) }) },
    );
    const run = fc.record({ now: fc.constantFrom('2026-12-01T00:00Z', '2026-12-12T00:00Z', '2026-12-25T00:00Z'), format: fc.constantFrom('json', 'text', 'github'), only: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(step, run), { minLength: 1, maxLength: 5 }), async (steps) => {
        rmSync(join(dir, '.edcal-cache'), { recursive: true, force: true });
        write('posts/more/d.md', post('2026-12-15T09:00'));
        warm();
        for (const [s, r] of steps) {
          if (s.op === 'edit') write(s.file, post(`2026-12-${String(s.day).padStart(2, '0')}T09:00`, s.media ? 'media:\n  - file: ../media/a.png\n    alt: A\n' : ''));
          else if (s.op === 'touch' && existsSync(join(dir, s.file))) utimesSync(join(dir, s.file), new Date(), new Date(Date.now() + s.seconds * 1000));
          else if (s.op === 'remove') rmSync(join(dir, s.file), { force: true });
          else if (s.op === 'media') s.present ? write('media/a.png', 'png') : rmSync(join(dir, 'media/a.png'), { force: true });
          else if (s.op === 'cut' && existsSync(join(dir, CACHE))) {
            const whole = readFileSync(join(dir, CACHE));
            writeFileSync(join(dir, CACHE), whole.subarray(0, Math.floor(whole.length * s.at)));
          }
          if (!['posts/a.md', 'posts/b.md', 'posts/c.md'].some((f) => existsSync(join(dir, f)))) write('posts/a.md', post('2026-12-10T09:00'));
          const args = ['--now', r.now, '--format', r.format, ...(r.only ? ['posts'] : [])];
          assert.equal(edcal(dir, [...args, '--cache']), edcal(dir, args), JSON.stringify({ s, r }));
        }
      }),
      { numRuns: 20 },
    );
  });
});
