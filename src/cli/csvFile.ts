import type { Locale } from '../core/i18n/messages';
import { message } from '../core/i18n/messages';
import { FileError } from '../core/ports';
import { UsageError } from './args';
import { printable } from './report/escape';
import { workspace } from './tasks';

/** A CSV the CLI is given (a dashboard's export, a contest's entrants) is a few thousand rows. */
const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** The text of a CSV file given on the command line (`shown` as the user wrote it); a usage error saying why when it cannot be read as UTF-8. */
export async function readCsvFile(path: string, shown: string, locale: Locale): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await workspace.read(path, MAX_CSV_BYTES));
  } catch (error) {
    throw new UsageError(message(locale, 'cli.metrics-import-unreadable', { file: printable(shown), reason: error instanceof FileError ? error.code : (error as Error).message }));
  }
}
