// Entry point of the suites run in a browser's worker extension host (node test/vscode/run.mjs
// web): one CommonJS file, as that host requires nothing but `vscode`. The runner comes first, so
// that `describe` and `it` exist when the suites load. Results go to the console as one
// `[web-results]` line, which the launcher reads (a worker writes no file).
import { runAll } from './runner';
import './web.test';
import '../integration/diagnostics.test';
import '../integration/commands.test';
import '../integration/dailyUse.test';
import '../integration/calendar.test';
import '../integration/preview.test';

export async function run(): Promise<void> {
  const results = await runAll((line) => console.log('[mocha]', line));
  console.log('[web-results]', JSON.stringify(results));
  if (results.failed.length > 0 || results.passed.length === 0) throw new Error(`${results.failed.length} tests failed in the worker`);
}
