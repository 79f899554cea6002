import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diagnosticOf, diagnosticRest, JsonReporter, postRest } from '../../src/cli/report/json';
import { StringSink, type CheckOutput } from '../../src/cli/report/model';
import { Spill } from '../../src/cli/report/spill';

const text = fc.string({ unit: 'binary', maxLength: 12 });
const parts = fc.array(fc.record({ length: fc.nat(), limit: fc.nat(), hashtags: fc.array(text, { maxLength: 3 }) }), { maxLength: 3 });
const post = fc.record(
  { file: text, title: text, date: text, status: text, platforms: fc.dictionary(fc.constantFrom('x', 'bluesky', 'linkedin'), fc.record({ parts })) },
  { requiredKeys: ['file', 'platforms'] },
);
const diagnostic = fc.record(
  { file: text, line: fc.nat(), column: fc.nat(), endLine: fc.nat(), endColumn: fc.nat(), severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const), code: text, platform: text, message: text },
  { requiredKeys: ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message'] },
);
const output = fc.record({ posts: fc.array(post, { maxLength: 4 }), diagnostics: fc.array(diagnostic, { maxLength: 4 }), summary: fc.record({ files: fc.nat(), posts: fc.nat(), errors: fc.nat(), warnings: fc.nat() }) });

describe('the JSON report, written a post at a time', () => {
  it('is byte for byte JSON.stringify(output, null, 2) (property)', async () => {
    await fc.assert(
      fc.asyncProperty(output, async (o: CheckOutput) => {
        const sink = new StringSink();
        const r = new JsonReporter(sink, new Spill());
        for (const p of o.posts) r.post(p);
        for (const d of o.diagnostics) r.diagnostic(d);
        await r.end(o.summary);
        const expected = JSON.stringify({ posts: o.posts.map((p) => ({ file: p.file, title: p.title, date: p.date, status: p.status, platforms: p.platforms })), diagnostics: o.diagnostics, summary: o.summary }, null, 2);
        assert.equal(sink.toString(), expected + '\n');
      }),
      { numRuns: 500 },
    );
  });

  it('is the same written from the texts the cache keeps, and each finding reads back (property)', async () => {
    await fc.assert(
      fc.asyncProperty(output, async (o: CheckOutput) => {
        const direct = new StringSink();
        const fromCache = new StringSink();
        const a = new JsonReporter(direct, new Spill());
        const b = new JsonReporter(fromCache, new Spill());
        const bytes = (text: string) => Buffer.from(text);
        for (const p of o.posts) {
          a.post(p);
          b.prepared(p.file, { post: bytes(postRest(p)), diagnostics: [], errors: 0, warnings: 0 });
        }
        for (const d of o.diagnostics) {
          a.diagnostic(d);
          b.prepared(d.file, { diagnostics: [bytes(diagnosticRest(d))], errors: 0, warnings: 0 });
          assert.deepEqual(diagnosticOf(d.file, bytes(diagnosticRest(d))), { ...d });
        }
        await a.end(o.summary);
        await b.end(o.summary);
        assert.equal(fromCache.toString(), direct.toString());
      }),
      { numRuns: 500 },
    );
  });
});
