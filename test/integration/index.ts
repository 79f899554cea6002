// Entry point of the integration suite inside a real VS Code extension host. Both launchers use
// it: code-server (test/vscode/run.mjs, through the URL payload) and @vscode/test-electron
// (runElectron.ts). Resolves when every test passed, rejects otherwise.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false });
  // Prefix mocha's own output so the launcher can pick it out of the extension host's log.
  (Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void }).consoleLog = (...a: unknown[]) => console.log('[mocha]', format(...a));
  // dailyUse before calendar: its preview closes just before the calendar opens, which once left the
  // calendar blank for 30 s (see calendar.test.ts, the last test). EDCAL_TEST_FILES=a.test.js,b.test.js
  // runs only those files, in that order.
  for (const file of (process.env['EDCAL_TEST_FILES']?.split(',') ?? ['diagnostics.test.js', 'commands.test.js', 'dailyUse.test.js', 'calendar.test.js', 'preview.test.js', 'trust.test.js', 'publish.test.js', 'approve.test.js', 'staleMedia.test.js', 'compare.test.js', 'report.test.js'])) mocha.addFile(join(__dirname, file));
  const results = { passed: [] as string[], failed: [] as Array<{ title: string; error: string }> };
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      const file = process.env['EDCAL_TEST_RESULTS'];
      if (file) writeFileSync(file, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    })
      .on('pass', (t) => results.passed.push(t.fullTitle()))
      .on('fail', (t, err: Error) => results.failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
  });
}
