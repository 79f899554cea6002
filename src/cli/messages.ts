// The CLI's own messages, added once to the core's catalogs: imported first by main.ts and by
// args.ts (every command reads its arguments there), so that no command speaks before they are in.
import { cliEn } from '../core/i18n/cliEn';
import { cliFr } from '../core/i18n/cliFr';
import { addMessages } from '../core/i18n/messages';

addMessages({ en: cliEn, fr: cliFr });
