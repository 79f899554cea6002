import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { cliEn } from '../../src/core/i18n/cliEn';
import { cliFr } from '../../src/core/i18n/cliFr';
import { en as coreEn, type MessageId } from '../../src/core/i18n/en';
import { fr as coreFr } from '../../src/core/i18n/fr';
import { message, type Locale } from '../../src/core/i18n/messages';
import '../../src/cli/messages';
import { LOOKS } from '../../src/webview/preview/looks';

// Both catalogs, the CLI's own included.
const en: Record<MessageId, string> = { ...coreEn, ...cliEn };
const fr: Record<MessageId, string> = { ...coreFr, ...cliFr };

const root = join(__dirname, '../..');
const read = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));

/** Every string the extension shows exists in French (the first users are French). */
describe('extension localisation', () => {
  it('translates every vscode.l10n.t() string', () => {
    const dir = join(root, 'src/extension');
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const source = readFileSync(join(dir, f), 'utf8');
      for (const m of source.matchAll(/l10n\.t\('((?:[^'\\]|\\.)*)'/g)) used.add(m[1]!.replace(/\\'/g, "'"));
      // The webview's strings are translated by the extension from this list.
      const list = /(?:WEBVIEW|PREVIEW)_STRINGS = \[([\s\S]*?)\];/.exec(source)?.[1] ?? '';
      for (const m of list.matchAll(/'((?:[^'\\]|\\.)*)'/g)) used.add(m[1]!);
    }
    const fr = read('l10n/bundle.l10n.fr.json');
    assert.deepEqual([...used].filter((s) => !(s in fr)), []);
    assert.deepEqual(Object.keys(fr).filter((s) => !used.has(s)), [], 'unused translations');
  });

  it('sends each webview every string it draws', () => {
    const listed = (file: string, name: string) => {
      const list = new RegExp(`${name} = \\[([\\s\\S]*?)\\];`).exec(readFileSync(join(root, file), 'utf8'))![1]!;
      return new Set([...list.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!));
    };
    const drawn = (dir: string) => {
      const out = new Set<string>();
      for (const f of readdirSync(join(root, dir)).filter((x) => x.endsWith('.ts'))) {
        for (const m of readFileSync(join(root, dir, f), 'utf8').matchAll(/\bt\('((?:[^'\\]|\\.)*)'/g)) out.add(m[1]!);
      }
      return out;
    };
    const preview = listed('src/extension/previewPanel.ts', 'PREVIEW_STRINGS');
    const looks = Object.values(LOOKS).flatMap((l) => [l.more, ...l.actions.flatMap((a) => (a.label ? [a.label] : []))]);
    assert.deepEqual([...drawn('src/webview/preview'), ...looks].filter((s) => !preview.has(s)), []);
    const calendar = listed('src/extension/calendarPanel.ts', 'WEBVIEW_STRINGS');
    assert.deepEqual([...drawn('src/webview/calendar')].filter((s) => !calendar.has(s)), []);
  });

  it('translates every %key% of package.json', () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const keys = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
    const en = read('package.nls.json');
    const fr = read('package.nls.fr.json');
    for (const k of keys) {
      assert.ok(k in en, `package.nls.json lacks ${k}`);
      assert.ok(k in fr, `package.nls.fr.json lacks ${k}`);
    }
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
  });
});

describe('core messages', () => {
  it('fills every message of both catalogs as a replace of each {placeholder} would (property)', () => {
    const ids = Object.keys(en) as MessageId[];
    const value = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constantFrom('$&', "$'", '{x}', '$1'), fc.constantFrom(...ids).map((id) => ({ id })));
    fc.assert(
      fc.property(fc.constantFrom<Locale>('en', 'fr'), fc.constantFrom(...ids), fc.dictionary(fc.constantFrom('platform', 'count', 'value', 'field', 'max', 'limit', 'tag', 'suggestion', 'x'), value), (locale, id, params) => {
        const catalog = locale === 'en' ? en : fr;
        const expected = catalog[id].replace(/\{(\w+)\}/g, (whole, name: string) => {
          const v = params[name];
          return v === undefined ? whole : typeof v === 'object' ? catalog[v.id] : String(v);
        });
        assert.equal(message(locale, id, params), expected);
      }),
      { numRuns: 3000 },
    );
  });
});
