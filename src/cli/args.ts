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
