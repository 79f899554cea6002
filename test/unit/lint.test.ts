import assert from 'node:assert/strict';
import { lintBytes } from '../../src/core/lint';
import type { MediaStatus } from '../../src/core/model';
import { message } from '../../src/core/i18n/messages';
import { applyEdits, CONFIG, codes, lintText, NOW, postFile } from './helpers';

/** One row per diagnostic code: a file that triggers it, and the 1-based line where it points. */
const TABLE: Array<{ code: string; file: string; line: number; config?: Parameters<typeof lintText>[1]; media?: MediaStatus }> = [
  { code: 'frontmatter.missing', file: 'Just text\n', line: 1 },
  { code: 'frontmatter.unclosed', file: '---\ndate: 2026-12-01T09:30\nplatforms: [x]\nHello', line: 1 },
  { code: 'frontmatter.yaml', file: postFile({ title: '[unclosed' }), line: 5 },
  { code: 'frontmatter.yaml', file: postFile({ status: 'draft\nstatus: review' }), line: 5 },
  { code: 'frontmatter.schema', file: '---\n- a\n- list\n---\nHi', line: 2 },
  { code: 'frontmatter.schema', file: postFile({ plateforms: '[x]' }), line: 5 },
  { code: 'frontmatter.schema', file: postFile({ title: '[a, b]' }), line: 5 },
  { code: 'date.missing', file: postFile({ date: undefined }), line: 1 },
  { code: 'date.invalid', file: postFile({ date: '2026-02-30T09:00' }), line: 2 },
  { code: 'date.past', file: postFile({ date: '2026-11-20T09:30' }), line: 2 },
  { code: 'status.invalid', file: postFile({ status: 'aproved' }), line: 4 },
  { code: 'platform.none', file: postFile({ platforms: '[]' }), line: 3 },
  { code: 'platform.unknown', file: postFile({ platforms: '[x, linkdin]' }), line: 3 },
  { code: 'variant.unknown-platform', file: postFile({}, 'Hi\n\n:::bluesky\nHi Bluesky\n:::'), line: 8 },
  { code: 'variant.unknown-platform', file: postFile({}, 'Hi\n\n:::twiter\nHi\n:::'), line: 8 },
  { code: 'length.over-limit', file: postFile({}, 'a'.repeat(300)), line: 6 },
  { code: 'length.empty', file: postFile({}, ''), line: 6 },
  { code: 'hashtag.too-many', file: postFile({ platforms: '[instagram]', media: '[{ file: a.png, alt: Chat }]' }, '#a #b #c #d #e #f #g'), line: 7 },
  { code: 'hashtag.duplicate', file: postFile({}, 'Vive #Nova et #nova'), line: 6 },
  { code: 'hashtag.invalid', file: postFile({}, 'En #2026 !'), line: 6 },
  { code: 'hashtag.banned', file: postFile({}, 'Suivez #followback'), line: 6, config: { bannedHashtags: ['FollowBack'] } },
  { code: 'link.too-many', file: postFile({ platforms: '[threads]' }, 'https://a.com https://b.com https://c.com https://d.com https://e.com https://f.com'), line: 6 },
  { code: 'thread.unsupported', file: postFile({ platforms: '[linkedin]' }, 'Un\n\n---\n\nDeux'), line: 10 },
  { code: 'media.missing-file', file: postFile({ media: '[{ file: ../media/nope.png, alt: Rien }]' }), line: 5, media: 'missing' },
  { code: 'media.missing-file', file: postFile({ media: '\n  - file: ../media/folder.png\n    alt: Rien' }), line: 6, media: 'not-a-file' },
  { code: 'media.outside-calendar', file: postFile({ media: '[{ file: ../../../../etc/passwd, alt: Rien }]' }), line: 5, media: 'ok' },
  { code: 'media.outside-calendar', file: postFile({ media: "[{ file: '..\\..\\secret.png', alt: Rien }]" }), line: 5, media: 'ok' },
  { code: 'media.outside-calendar', file: postFile({ media: '[{ file: "file:///etc/passwd", alt: Rien }]' }), line: 5, media: 'ok' },
  { code: 'media.outside-calendar', file: postFile({ media: '[{ file: ../media/link.png, alt: Rien }]' }), line: 5, media: 'outside' },
  { code: 'media.alt-missing', file: postFile({ media: '\n  - file: a.png' }), line: 6 },
  { code: 'media.too-many', file: postFile({ media: '[a.mp4, b.mp4, c.mp4, d.mp4, e.mp4]' }), line: 5 },
  { code: 'media.required', file: postFile({ platforms: '[instagram]' }, 'Une légende'), line: 3 },
  { code: 'media.no-public-url', file: postFile({ platforms: '[threads]', media: '[{ file: ../media/a.png, alt: Chat }]' }), line: 5, config: { mediaBaseUrl: undefined } },
];

describe('lint', () => {
  for (const row of TABLE) {
    it(`${row.code} (line ${row.line})`, () => {
      const result = lintText(row.file, row.config, 'posts/p.md', row.media === undefined ? undefined : () => row.media);
      const found = result.diagnostics.find((d) => d.code === row.code);
      assert.ok(found, `expected ${row.code}, got ${JSON.stringify(codes(result))}`);
      assert.equal(found.range.start.line + 1, row.line, found.message);
    });
  }

  it('finds nothing in a clean post', () => {
    const text = postFile({ platforms: '[x, bluesky, mastodon, threads, linkedin, facebook]', title: 'Nova 2', media: '\n  - file: ../media/a.png\n    alt: "Capture de Nova 2"' }, 'Nova 2 arrive ✨ #Nova\nhttps://nova.app/launch');
    assert.deepEqual(lintText(text, { mediaBaseUrl: 'https://cdn.nova.app/calendar/' }, 'posts/p.md', () => 'ok').diagnostics, []);
  });

  it('points an over-limit diagnostic at the first character X would cut', () => {
    const body = 'a'.repeat(279) + 'éb';
    const d = lintText(postFile({}, body)).diagnostics[0]!;
    assert.equal(d.code, 'length.over-limit');
    assert.deepEqual(d.range, { start: { line: 5, character: 280 }, end: { line: 5, character: 281 } });
    assert.equal(d.platform, 'x');
    assert.match(d.message, /^X: 281\/280 weighted characters, 1 over the limit\.$/);
  });

  it('checks each thread part on its own', () => {
    const result = lintText(postFile({}, 'a'.repeat(200) + '\n\n---\n\n' + 'b'.repeat(300)));
    assert.deepEqual(codes(result), ['length.over-limit']);
    assert.match(result.diagnostics[0]!.message, /part 2/);
    assert.equal(result.renders[0]!.parts.length, 2);
  });

  it('uses a variant instead of the default text for its network only', () => {
    const result = lintText(postFile({ platforms: '[x, bluesky]' }, 'b'.repeat(290) + '\n\n:::x\nShort for X\n:::'));
    assert.deepEqual(result.renders.map((r) => [r.platform, r.parts[0]!.text.length, r.fromVariant]), [['x', 11, true], ['bluesky', 290, false]]);
    assert.deepEqual(codes(result), []);
  });

  it('speaks French when the calendar does', () => {
    const d = lintText(postFile({ platforms: '[x, linkdin]' }), { locale: 'fr' }).diagnostics[0]!;
    assert.equal(d.message, '«\u00a0linkdin\u00a0» n’est pas un réseau connu. Vouliez-vous dire «\u00a0linkedin\u00a0»\u202f?');
  });

  it('reports a duplicate hashtag once even when several networks share the text', () => {
    const result = lintText(postFile({ platforms: '[x, bluesky, mastodon]' }, '#Nova et #nova'));
    assert.equal(codes(result).filter((c) => c === 'hashtag.duplicate').length, 1);
  });

  describe('fixes', () => {
    const fix = (text: string, code: string, config = {}) => {
      const d = lintText(text, config).diagnostics.find((x) => x.code === code);
      assert.ok(d?.fixes?.[0], `no fix for ${code}`);
      return applyEdits(text, d.fixes[0].edits);
    };
    it('removes a duplicate hashtag and its space', () => {
      assert.equal(fix(postFile({}, 'Vive #Nova et #nova !'), 'hashtag.duplicate'), postFile({}, 'Vive #Nova et !'));
    });
    it('drops the hashtags over the Instagram limit', () => {
      const media = '[{ file: a.png, alt: Chat }]';
      assert.equal(fix(postFile({ platforms: '[instagram]', media }, 'Photo #a #b #c #d #e #f #g'), 'hashtag.too-many'), postFile({ platforms: '[instagram]', media }, 'Photo #a #b #c #d #e'));
    });
    it('replaces an unknown network with the suggestion', () => {
      assert.equal(fix(postFile({ platforms: '[x, twitter]' }), 'platform.unknown'), postFile({ platforms: '[x, x]' }));
    });
    it('fixes a misspelt status', () => {
      assert.equal(fix(postFile({ status: 'aproved' }), 'status.invalid'), postFile({ status: 'approved' }));
    });
    it('adds an alt placeholder under a block media item, in its indentation', () => {
      const out = fix(postFile({ media: '\n  - file: a.png   # hero' }), 'media.alt-missing');
      assert.ok(out.includes('  - file: a.png   # hero\n    alt: "TODO: describe the image"\n'), out);
      assert.deepEqual(codes(lintText(out)), []);
    });
    it('adds an alt placeholder to a bare media path', () => {
      const out = fix(postFile({ media: '\n  - a.png' }), 'media.alt-missing');
      assert.ok(out.includes('  - file: a.png\n    alt: "TODO: describe the image"'), out);
      assert.deepEqual(codes(lintText(out)), []);
    });
    it('adds an alt placeholder to a flow media item', () => {
      const out = fix(postFile({ media: '[{ file: a.png }]' }), 'media.alt-missing');
      assert.ok(out.includes('[{ file: a.png, alt: "TODO: describe the image" }]'), out);
    });
    it('keeps CRLF line endings in inserted lines', () => {
      const out = fix(postFile({ media: '\n  - file: a.png' }).replace(/\n/g, '\r\n'), 'media.alt-missing');
      assert.ok(out.includes('a.png\r\n    alt:'), JSON.stringify(out));
    });
  });

  describe('bad input never crashes and never hides the rest', () => {
    const inputs: Array<[string, string]> = [
      ['empty file', ''],
      ['only a fence', '---'],
      ['broken YAML', '---\ndate: [\n---\nHi'],
      ['a scalar frontmatter', '---\njust text\n---\n'],
      ['duplicate keys', '---\ndate: 2026-12-01\ndate: 2026-12-02\n---\n'],
      ['BOM and CRLF', '\ufeff---\r\ndate: 2026-12-01T09:30\r\nplatforms: [x]\r\n---\r\nBonjour\r\n'],
      ['anchors and aliases', '---\na: &x [x]\nplatforms: *x\ndate: 2026-12-01T09:30\n---\nHi'],
      ['a map for platforms', '---\nplatforms: { x: true }\ndate: 2026-12-01T09:30\n---\nHi'],
      ['numbers everywhere', '---\ntitle: 12\ndate: 20261201\nplatforms: [1, 2]\nstatus: 3\nmedia: 4\n---\n'],
      ['an unclosed variant', postFile({}, ':::x\nHi')],
      ['nested lists in media', postFile({ media: '[[a, b], {alt: x}]' })],
      ['lone surrogates', postFile({}, '\ud800 #a\udc00b')],
      ['a very long line', postFile({}, '#a'.repeat(20000))],
    ];
    for (const [name, text] of inputs) {
      it(name, () => {
        const result = lintText(text);
        for (const d of result.diagnostics) {
          assert.ok(d.code && d.message && d.range, JSON.stringify(d));
          assert.ok(d.range.start.line <= d.range.end.line);
        }
      });
    }

    it('reads a BOM + CRLF post like any other', () => {
      const result = lintText('\ufeff---\r\ndate: 2026-12-01T09:30\r\nplatforms: [x]\r\n---\r\nBonjour\r\nà tous\r\n');
      assert.deepEqual(codes(result), []);
      assert.equal(result.renders[0]!.parts[0]!.text, 'Bonjour\nà tous');
    });

    const deep: Array<[string, string]> = [
      ['1,000 nested lists', `a: ${'['.repeat(1000)}${']'.repeat(1000)}`],
      ['1,000 nested flow maps', `a: ${'{a: '.repeat(1000)}1${'}'.repeat(1000)}`],
      ['1,000 nested block maps', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + `\n${' '.repeat(1000)}x: 1`],
      ['10,000 nested compact lists', `a:\n  ${'- '.repeat(10_000)}x`],
      ['10,000 anchors', `a: ${'&x '.repeat(10_000)}x`],
    ];
    for (const [name, yaml] of deep) {
      it(`refuses a frontmatter of ${name} with frontmatter.yaml, without overflowing the stack`, () => {
        const result = lintText(`---\ndate: 2026-12-01T09:30\nplatforms: [x]\n${yaml}\n---\nBonjour\n`);
        assert.deepEqual(codes(result), ['frontmatter.yaml']);
        assert.match(result.diagnostics[0]!.message, /more than 64 levels deep/);
      });
    }

    it('says so in French too', () => {
      const result = lintText(`---\na: ${'['.repeat(100)}\n---\n`, { locale: 'fr' });
      assert.equal(result.diagnostics[0]!.message, 'L’en-tête imbrique des listes et des suites de champs sur plus de 64\u00a0niveaux\u00a0: il n’est pas lu.');
    });

    it('turns a rule that fails into one file.internal-error finding and keeps the others', () => {
      const file = postFile({ media: '[{ file: a.png }]' }, 'Vive #Nova et #nova');
      const result = lintText(file, {}, 'posts/p.md', () => {
        throw new Error('EACCES: permission denied');
      });
      assert.deepEqual(codes(result).sort(), ['file.internal-error', 'hashtag.duplicate', 'media.alt-missing']);
      assert.match(result.diagnostics.find((d) => d.code === 'file.internal-error')!.message, /internal error .*EACCES: permission denied/);
    });

    it('turns any other failure into the file\'s one file.internal-error diagnostic (lintBytes never throws)', () => {
      const bytes = new TextEncoder().encode(postFile());
      const result = lintBytes('posts/x.md', bytes, { config: { ...CONFIG, timezone: 'Not/AZone' }, now: NOW });
      assert.deepEqual(result.diagnostics.map((d) => [d.code, d.severity]), [['file.internal-error', 'error']]);
      assert.equal(result.post?.text ?? '', '', 'nothing of the text is trusted');
    });

    const bytes: Array<[string, Uint8Array, string]> = [
      ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), 'file.binary'],
      ['not UTF-8', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x41]), 'file.encoding'],
      ['huge', new Uint8Array(2 * 1024 * 1024).fill(0x61), 'file.too-large'],
    ];
    for (const [name, data, code] of bytes) {
      it(`refuses a ${name} file with ${code}`, () => {
        const result = lintBytes('posts/x.md', data, { config: CONFIG, now: NOW });
        assert.deepEqual(result.diagnostics.map((d) => d.code), [code]);
      });
    }
  });
});

describe('split into a thread', () => {
  const sentence = (n: number) => `Phrase numéro ${n} qui parle de Nova et de ses rituels d’équipe, avec un peu de détail.`;
  const body = Array.from({ length: 8 }, (_, i) => sentence(i + 1)).join(' ');

  it('cuts at sentence ends so every network reading the text fits, and the result lints clean', () => {
    const text = postFile({ platforms: '[x, bluesky, mastodon]' }, body);
    const over = lintText(text).diagnostics.filter((x) => x.code === 'length.over-limit');
    assert.deepEqual(over.map((d) => d.platform), ['x', 'bluesky', 'mastodon']);
    // One split for the three: Mastodon's alone would leave X's parts over 280.
    const fix = over[2]!.fixes![0]!;
    assert.equal(fix, over[0]!.fixes![0]);
    assert.match(fix.title, /^Split into a thread of \d posts$/);
    const after = lintText(applyEdits(text, fix.edits));
    assert.deepEqual(codes(after), []);
    for (const part of after.renders.find((r) => r.platform === 'x')!.parts) assert.match(part.text, /\.$/);
  });

  it('puts the thread in variants when the text also goes to a network without threads', () => {
    const text = postFile({ platforms: '[x, mastodon, linkedin]' }, body);
    const d = lintText(text).diagnostics.find((x) => x.code === 'length.over-limit' && x.platform === 'x')!;
    const fix = d.fixes![0]!;
    assert.equal(fix.title, 'Split into a thread for X and Mastodon only, in variants (the text stays whole for LinkedIn)');
    const out = applyEdits(text, fix.edits);
    const after = lintText(out);
    assert.deepEqual(codes(after), []);
    assert.ok(out.startsWith(text), 'the default text is left as written');
    const parts = (id: string) => after.renders.find((r) => r.platform === id)!.parts.map((p) => p.text);
    assert.deepEqual(parts('linkedin'), [body]);
    assert.equal(parts('x').length, 3);
    assert.equal(parts('mastodon').length, 2, 'each network split for its own limit');
    assert.equal(parts('x').join(' '), body);
    assert.equal(lintText(text.replace(/\n/g, '\r\n')).diagnostics[0]!.fixes![0]!.edits[0]!.newText.includes('\r\n:::x\r\n'), true);
    assert.equal(message('fr', 'fix.split-thread-variants', { platforms: 'X', others: 'LinkedIn' }), 'Découper en fil pour X seulement, en variantes (le texte reste entier pour LinkedIn)');
  });

  it('leaves a network whose parts fit on the default text', () => {
    const text = postFile({ platforms: '[x, mastodon, linkedin]' }, body.slice(0, 400));
    const out = applyEdits(text, lintText(text).diagnostics[0]!.fixes![0]!.edits);
    assert.deepEqual(codes(lintText(out)), []);
    assert.match(out, /:::x\n/);
    assert.doesNotMatch(out, /:::mastodon/);
  });

  it('offers no split for networks without threads', () => {
    const text = postFile({ platforms: '[linkedin]' }, 'a '.repeat(1600));
    assert.equal(lintText(text).diagnostics.find((x) => x.code === 'length.over-limit')!.fixes, undefined);
  });
});

describe('review fixes', () => {
  const fixOf = (text: string, code: string, config = {}) => {
    const d = lintText(text, config).diagnostics.find((x) => x.code === code);
    assert.ok(d?.fixes?.[0], `no fix for ${code}: ${JSON.stringify(codes(lintText(text, config)))}`);
    return applyEdits(text, d.fixes[0].edits);
  };
  const cases: Array<[string, string, string]> = [
    ['an empty alt: is filled in place', '\n  - file: a.png\n    alt:', '\n  - file: a.png\n    alt: "TODO: describe the image"'],
    ['an empty alt: "" is filled in place', '\n  - file: a.png\n    alt: ""', '\n  - file: a.png\n    alt: "TODO: describe the image"'],
    ['alt before file', '\n  - alt:\n    file: a.png', '\n  - alt: "TODO: describe the image"\n    file: a.png'],
    ['a bare path in a flow list', '[a.png, b.png]', '[{ file: a.png, alt: "TODO: describe the image" }, b.png]'],
  ];
  for (const [name, media, fixed] of cases) {
    it(`alt fix: ${name}`, () => {
      const out = fixOf(postFile({ media }), 'media.alt-missing');
      assert.equal(out, postFile({ media: fixed }));
      assert.ok(!codes(lintText(out)).includes('frontmatter.yaml'));
    });
  }

  it('drops extra hashtags across a line break without overlapping edits', () => {
    const media = '[{ file: a.png, alt: Chat }]';
    const body = 'Photo #un #deux #trois #quatre #cinq\n#six #sept';
    const out = fixOf(postFile({ platforms: '[instagram]', media }, body), 'hashtag.too-many');
    assert.equal(out, postFile({ platforms: '[instagram]', media }, 'Photo #un #deux #trois #quatre #cinq\n'));
  });

  it('settings can make caps stricter, never looser', () => {
    const media = '[{ file: a.png, alt: Chat }]';
    const seven = postFile({ platforms: '[instagram]', media }, '#a #b #c #d #e #f #g');
    const loose = lintText(seven, { platforms: { instagram: { maxHashtags: 10 } } });
    assert.equal(loose.diagnostics.find((d) => d.code === 'hashtag.too-many')?.severity, 'error');
    const strict = lintText(postFile({ platforms: '[x]' }, '#a #b #c'), { platforms: { x: { maxHashtags: 2 } } });
    assert.equal(strict.diagnostics.find((d) => d.code === 'hashtag.too-many')?.severity, 'warning');
    const images = postFile({ media: '[a.mp4, b.mp4, c.mp4, d.mp4, e.mp4, f.mp4]' });
    assert.ok(codes(lintText(images, { platforms: { x: { maxMedia: 10 } } })).includes('media.too-many'));
  });

  it('explains the French colon in YAML values, and hashtags read as comments', () => {
    const colon = lintText(postFile({ title: "Nova 2 : c'est parti" })).diagnostics[0]!;
    assert.equal(colon.code, 'frontmatter.yaml');
    assert.match(colon.message, /Put the value in quotes/);
    const tag = lintText(postFile({ title: 'Soirée #Nova' })).diagnostics[0]!;
    assert.deepEqual([tag.code, tag.severity, tag.range.start.character], ['frontmatter.yaml', 'warning', 14]);
    assert.deepEqual(codes(lintText(postFile({ title: 'Soirée # Nova', status: 'draft # relu' }))), []);
  });

  it('names every network once when they share a finding', () => {
    const result = lintText(postFile({ platforms: '[x, mastodon, linkedin]' }, 'En #2026 !'));
    assert.deepEqual(result.diagnostics.map((d) => d.message), ['#2026 will not be a hashtag on X, Mastodon, and LinkedIn.']);
  });

  it('points an empty thread part at the separator before it', () => {
    const d = lintText(postFile({}, 'a\n\n---\n\nb\n\n---\n\n')).diagnostics[0]!;
    assert.deepEqual([d.code, d.range.start.line + 1], ['length.empty', 12]);
  });

  it('reports a stray ::: line', () => {
    const d = lintText(postFile({}, 'Texte\n:::\nSuite')).diagnostics[0]!;
    assert.deepEqual([d.code, d.severity, d.range.start.line + 1], ['variant.unclosed', 'warning', 7]);
  });

  it('reports approvals and results of the wrong shape', () => {
    const bad = lintText(postFile({ approvals: '[Léa]', results: '{ x: 12, twitter: {} }' }));
    assert.deepEqual(codes(bad), ['frontmatter.schema', 'frontmatter.schema', 'frontmatter.schema']);
  });

  it('suggests through aliases, and not from a single character', () => {
    assert.match(lintText(postFile({ platforms: '[twiter]' })).diagnostics[0]!.message, /Did you mean "x"\?/);
    assert.doesNotMatch(lintText(postFile({ platforms: '[5]' })).diagnostics[0]!.message, /Did you mean/);
    // Slack and Discord are reached through a webhook.
    for (const name of ['slack', 'discord']) assert.match(lintText(postFile({ platforms: `[${name}]` })).diagnostics[0]!.message, /Did you mean "webhook"\?/);
  });

  it('takes a year before 1000 for a typo', () => {
    assert.deepEqual(codes(lintText(postFile({ date: '0026-12-01T09:30' }))), ['date.invalid']);
  });
});

describe('split into a thread, with Markdown', () => {
  it('cuts between list items, where the file has line breaks', () => {
    const item = (n: number) => `- ${n} minutes : chacun note en silence ce qui a marché et ce qui a coincé pendant le sprint`;
    const body = `La rétro express :\n\n${[1, 2, 3, 4].map(item).join('\n')}\n\nLe modèle est prêt ✨ https://nova.app/modeles`;
    const text = postFile({ platforms: '[x, mastodon]' }, body);
    const d = lintText(text).diagnostics.find((x) => x.code === 'length.over-limit')!;
    assert.ok(d.fixes?.[0], 'a split is offered');
    const out = applyEdits(text, d.fixes[0]!.edits);
    assert.deepEqual(codes(lintText(out)), []);
    assert.match(out, /\n\n---\n\n- \d minutes/);
  });
});
