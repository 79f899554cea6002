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
    ['a webhook format that does not exist', 'platforms:\n  webhook:\n    url: https://hooks.nova.example/edcal\n    format: teams\n', 'config.schema', 3],
    ['a webhook URL that is not http(s)', 'platforms:\n  webhook:\n    url: ftp://hooks.nova.example/edcal\n', 'config.schema', 2],
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

  it('reads a webhook\'s URL exactly as written, path and query kept, and its format', () => {
    const { config, diagnostics } = parseConfig('platforms:\n  webhook:\n    url: https://hooks.nova.example/edcal/?team=com\n    format: slack\n');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(config.platforms.webhook, { url: 'https://hooks.nova.example/edcal/?team=com', format: 'slack' });
    assert.match(parseConfig('locale: fr\nplatforms:\n  webhook:\n    format: teams\n').diagnostics[0]!.message, /json, slack ou discord/);
  });

  it('strips # from banned hashtags', () => {
    assert.deepEqual(parseConfig('bannedHashtags: ["#promo", f4f]\n').config.bannedHashtags, ['promo', 'f4f']);
  });
});

describe('config that cannot be read safely', () => {
  it('refuses YAML nested 1,000 levels deep with config.yaml, keeping every default', () => {
    for (const text of [`platforms: ${'['.repeat(1000)}${']'.repeat(1000)}\n`, `platforms: ${'{a: '.repeat(1000)}1${'}'.repeat(1000)}\n`, `timezone: Europe/Paris\nposts:\n  ${'- '.repeat(10_000)}x\n`]) {
      const { config, diagnostics } = parseConfig(text, 'fr');
      assert.deepEqual(diagnostics.map((d) => d.code), ['config.yaml']);
      assert.match(diagnostics[0]!.message, /plus de 64\u00a0niveaux/);
      assert.equal(config.timezone, 'UTC');
      assert.equal(config.locale, 'fr');
    }
  });

  it('turns an unexpected failure into file.internal-error instead of throwing', () => {
    // A host passing something that is not text stands for any bug on this path.
    const { config, diagnostics } = parseConfig(undefined as unknown as string);
    assert.deepEqual(diagnostics.map((d) => d.code), ['file.internal-error']);
    assert.equal(config.timezone, 'UTC');
  });
});

describe('config severities', () => {
  it('warns (does not fail) on unknown networks and settings', () => {
    assert.deepEqual(parseConfig('platforms:\n  twiter: {}\ntimezon: UTC\n').diagnostics.map((d) => d.severity), ['warning', 'warning']);
  });
});
