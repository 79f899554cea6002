import './messages';
import { parsePostDate } from '../core/dates';
import { message, toLocale, type Locale } from '../core/i18n/messages';

/** A tiny argument parser: `--name value`, `--name=value`, boolean flags and positionals. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string | true>;
}

export class UsageError extends Error {}

/**
 * Splits `argv` by the option names a command accepts; `valued` options take a value.
 * Throws `UsageError` on an unknown option or a missing value.
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[], unknown: (option: string) => string, missing: (option: string) => string): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (valued.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(missing(name));
      options.set(name, value);
    } else if (flags.includes(name) && eq < 0) {
      options.set(name, true);
    } else {
      throw new UsageError(unknown(name));
    }
  }
  return { positionals, options };
}

/** A command's arguments with the options every command shares read: the language and `--now`. */
export interface CommandArgs extends ParsedArgs {
  /** The language of messages: `--lang`, else `$LC_ALL`/`$LANG`. */
  readonly locale: Locale;
  /** `--lang` when given (it then wins over the calendar's `locale`). */
  readonly lang?: Locale;
  /** `--now` as written, checked to be a date (read in the calendar's zone by the command). */
  readonly now?: string;
}

/**
 * Parses a command's arguments (`--lang` and `--now` are accepted by every command) and checks
 * the shared ones, with usage errors in the user's language.
 */
export function parseCommandArgs(argv: readonly string[], command: string, env: NodeJS.ProcessEnv, valued: readonly string[], flags: readonly string[]): CommandArgs {
  const fromEnv = toLocale(env['LC_ALL'] || env['LANG']);
  const args = parseArgs(
    argv,
    [...valued, '--lang', '--now'],
    [...flags, '--help', '-h'],
    (option) => message(fromEnv, 'cli.unknown-option', { option, command }),
    (option) => message(fromEnv, 'cli.missing-value', { option }),
  );
  const lang = args.options.get('--lang');
  if (typeof lang === 'string' && lang !== 'en' && lang !== 'fr') throw new UsageError(message(fromEnv, 'cli.bad-choice', { option: '--lang', allowed: 'en, fr', value: lang }));
  const locale: Locale = typeof lang === 'string' ? lang : fromEnv;
  const now = args.options.get('--now');
  if (typeof now === 'string' && parsePostDate(now, 'UTC') === undefined) throw new UsageError(message(locale, 'cli.bad-now', { value: now }));
  return { ...args, locale, ...(typeof lang === 'string' ? { lang } : {}), ...(typeof now === 'string' ? { now } : {}) };
}
