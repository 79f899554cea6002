import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/core/config';

describe('parseConfig', () => {
  it('reads the example calendar settings without problems', () => {
    const { config, diagnostics } = parseConfig(readFileSync(join(__dirname, '../../examples/calendar/.editorial.yaml'), 'utf8'));
    assert.deepEqual(diagnostics, []);
    assert.equal(config.timezone, 'Europe/Paris');
    assert.equal(config.locale, 'fr');
    assert.deepEqual(config.posts, ['posts/**/*.md']);
    assert.equal(config.platforms.mastodon?.maxCharacters, 500);
    assert.equal(config.platforms.x?.premium, false);
  });

  it('applies defaults to an empty file', () => {
    const { config, diagnostics } = parseConfig('');
    assert.deepEqual(diagnostics, []);
    assert.equal(config.timezone, 'UTC');
    assert.deepEqual(config.posts, ['posts/**/*.md']);
  });

  const problems: Array<[string, string, string, number]> = [
    ['an unknown time zone', 'timezone: Europe/Pariss\n', 'config.schema', 0],
    ['a misspelt setting', 'timezon: Europe/Paris\n', 'config.schema', 0],
    ['an unknown network', 'platforms:\n  twiter: {}\n', 'config.schema', 1],
    ['a list instead of settings', '- timezone: Europe/Paris\n', 'config.schema', 0],
    ['a wrong type', 'platforms:\n  mastodon:\n    maxCharacters: lots\n', 'config.schema', 2],
    ['broken YAML', 'timezone: [\n', 'config.yaml', 1],
    ['duplicate keys', 'locale: fr\nlocale: en\n', 'config.yaml', 1],
  ];
  for (const [name, text, code, line] of problems) {
    it(`reports ${name} where it is written`, () => {
      const { diagnostics } = parseConfig(text);
      assert.equal(diagnostics[0]?.code, code, JSON.stringify(diagnostics));
      assert.equal(diagnostics[0]!.range.start.line, line);
    });
  }

  it('suggests the setting that was meant, in French when the calendar is French', () => {
    const { diagnostics } = parseConfig('locale: fr\ntimezon: Europe/Paris\n');
    assert.match(diagnostics[0]!.message, /Vouliez-vous dire «\u00a0timezone\u00a0»/);
  });

  it('strips # from banned hashtags', () => {
    assert.deepEqual(parseConfig('bannedHashtags: ["#promo", f4f]\n').config.bannedHashtags, ['promo', 'f4f']);
  });
});

describe('config severities', () => {
  it('warns (does not fail) on unknown networks and settings', () => {
    assert.deepEqual(parseConfig('platforms:\n  twiter: {}\ntimezon: UTC\n').diagnostics.map((d) => d.severity), ['warning', 'warning']);
  });
});
