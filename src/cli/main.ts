import './messages';
import { message, toLocale } from '../core/i18n/messages';
import { UsageError } from './args';
import { printable, safeLineStart } from './report/escape';
import { check, type CommandResult } from './check';
import { runWorkerIfAny } from './lintFiles';
import { Chunks } from './report/chunks';
import type { Sink } from './report/model';

declare const EDCAL_VERSION: string;

/**
 * Standard output for reports written as they go: written in chunks of 64 KB, and `drained`
 * waits while a pipe is full, so that a slow reader holds back the run, not memory. `drained`
 * leaves a partial chunk buffered (one write per post cost 7% of a check); `end` writes it.
 */
class StdoutSink implements Sink {
  private full = false;
  private readonly chunks = new Chunks(1 << 16, (bytes) => {
    if (!process.stdout.write(bytes)) this.full = true;
  });

  write(data: string | Uint8Array): void {
    this.chunks.add(data);
  }

  drained(): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((done) =>
      process.stdout.once('drain', () => {
        this.full = false;
        done();
      }),
    );
  }

  /** Writes what is buffered and waits until it has gone out. */
  end(): Promise<void> {
    this.chunks.flush();
    return this.drained();
  }
}
const stdout = new StdoutSink();

/**
 * The command table: each command takes its arguments and returns what to print. Commands other
 * than `check` are loaded when run (`require`: see `lintFile` in lintFiles.ts), so that
 * `edcal check`, in CI on every push, does not initialise them.
 */
const COMMANDS: Record<string, (argv: readonly string[]) => Promise<CommandResult>> = {
  check: (argv) => check(argv, process.cwd(), process.env, Boolean(process.stdout.isTTY), stdout),
  approve: (argv) => (require('./approve') as typeof import('./approve')).approve(argv, process.cwd(), process.env),
  ical: (argv) => (require('./ical') as typeof import('./ical')).ical(argv, process.cwd(), process.env),
  publish: (argv) => (require('./publish') as typeof import('./publish')).publish(argv, process.cwd(), process.env, (line) => process.stderr.write(safeLines(line) + '\n')),
  calendar: (argv) => (require('./calendar') as typeof import('./calendar')).calendar(argv, process.cwd(), process.env),
  diff: (argv) => (require('./diff') as typeof import('./diff')).diff(argv, process.cwd(), process.env),
  contest: (argv) => (require('./contest') as typeof import('./contest')).contest(argv, process.cwd(), process.env, (line) => process.stderr.write(safeLines(line) + '\n')),
  metrics: (argv) => (require('./metrics') as typeof import('./metrics')).metrics(argv, process.cwd(), process.env),
  report: (argv) => (require('./reportCommand') as typeof import('./reportCommand')).report(argv, process.cwd(), process.env),
};

async function main(argv: readonly string[]): Promise<number> {
  const locale = toLocale(process.env['LC_ALL'] || process.env['LANG']);
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(message(locale, 'cli.help') + '\n');
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${EDCAL_VERSION}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`edcal: ${message(locale, 'cli.unknown-command', { command })}\n`);
    return 2;
  }
  try {
    const result = await run(rest);
    await stdout.end();
    if (result.stderr) process.stderr.write(safeLines(result.stderr) + '\n');
    // Nothing at all when written to a file (--out); a feed ends with its own CRLF (raw).
    if (result.stdout !== '') await write(result.raw ? result.stdout : result.stdout + '\n');
    return result.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`edcal: ${safeLines(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * Messages for stderr, each of their lines escaped (they quote paths and values given), none able
 * to start a workflow command.
 */
function safeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => safeLineStart(printable(line)))
    .join('\n');
}

/** Writes to stdout and waits until it is flushed (pipes are asynchronous; large JSON must not be cut). */
function write(text: string): Promise<void> {
  return new Promise((done) => {
    if (process.stdout.write(text)) done();
    else process.stdout.once('drain', () => done());
  });
}

if (!runWorkerIfAny()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`edcal: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
