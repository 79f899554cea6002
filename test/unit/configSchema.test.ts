import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { parseConfig } from '../../src/core/config';
import { PLATFORM_IDS } from '../../src/core/model';

const schema = JSON.parse(readFileSync(join(__dirname, '../../media/schemas/editorial-config.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

/** The shipped JSON Schema (used by editors) and the reader in src/core/config.ts must agree. */
describe('.editorial.yaml JSON Schema', () => {
  it('lists every network, and only those', () => {
    assert.deepEqual(Object.keys(schema.properties.platforms.properties), [...PLATFORM_IDS]);
  });

  const samples: Array<[string, string]> = [
    ['the example calendar', readFileSync(join(__dirname, '../../examples/calendar/.editorial.yaml'), 'utf8')],
    ['an empty network entry', 'platforms:\n  x:\n'],
    ['a list of globs', 'posts: [posts/**/*.md, drafts/*.md]\n'],
    ['a misspelt setting', 'timezon: Europe/Paris\n'],
    ['a wrong type', 'platforms:\n  mastodon:\n    maxCharacters: lots\n'],
    ['an unknown network', 'platforms:\n  twiter: {}\n'],
    ['an unknown network setting', 'platforms:\n  x:\n    premum: true\n'],
    ['a bad locale', 'locale: de\n'],
    ['an approval policy', 'approvals:\n  required: 2\n  selfApproval: false\n  approvers: ["*@nova.example"]\n  campaigns:\n    nova-launch: { required: 3 }\n'],
    ['an approval policy with a wrong count', 'approvals: { required: -1 }\n'],
    ['an approval policy with a misspelt key', 'approvals: { requierd: 1 }\n'],
    ['a PDS in clear text', 'platforms:\n  bluesky: { service: "http://pds.example" }\n'],
    ['a local PDS', 'platforms:\n  bluesky: { service: "http://127.0.0.1:2583" }\n'],
    ['a publishing window', 'publishWindow: 90m\n'],
    ['a bad publishing window', 'publishWindow: soon\n'],
    ['a Mastodon visibility', 'platforms:\n  mastodon: { visibility: unlisted }\n'],
    ['a media base URL', 'mediaBaseUrl: https://cdn.nova.app/calendar/\n'],
    ['a media base URL without its scheme', 'mediaBaseUrl: cdn.nova.app/calendar/\n'],
    ['a media base URL with a query', 'mediaBaseUrl: https://cdn.nova.app/calendar/?sig=1\n'],
    ['a webhook', 'platforms:\n  webhook:\n    url: https://hooks.nova.example/edcal?team=com\n    format: discord\n'],
    ['a webhook format that does not exist', 'platforms:\n  webhook:\n    format: teams\n'],
    ['a webhook URL that is not http(s)', 'platforms:\n  webhook:\n    url: ftp://hooks.nova.example/edcal\n'],
    ['a cadence', 'cadence: { instagram: 3/week, linkedin: 2 / semaine, x: 1/day, facebook: 8/month }\n'],
    ['a cadence of nothing', 'cadence: { instagram: 0/week }\n'],
    ['a cadence without its unit', 'cadence: { instagram: 3 }\n'],
    ['a cadence for a network that does not exist', 'cadence: { instagramm: 3/week }\n'],
  ];
  for (const [name, text] of samples) {
    it(`accepts exactly what the reader accepts: ${name}`, () => {
      const readerOk = parseConfig(text).diagnostics.length === 0;
      const schemaOk = validate(parse(text) ?? {});
      assert.equal(schemaOk, readerOk, JSON.stringify(validate.errors));
    });
  }
});
