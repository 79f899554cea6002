import { en, type MessageId } from './en';
import { fr } from './fr';

/** The languages every user-facing string exists in. */
export type Locale = 'en' | 'fr';

export const LOCALES: readonly Locale[] = ['en', 'fr'];

// Copies: `addMessages` adds the CLI's to them.
const catalogs: Record<Locale, Record<string, string>> = { en: { ...en }, fr: { ...fr } };

/** Adds messages to the catalogs: the CLI's own (src/cli/messages.ts), which the extension does not carry. */
export function addMessages(more: Record<Locale, Readonly<Record<string, string>>>): void {
  for (const locale of LOCALES) Object.assign(catalogs[locale], more[locale]);
}

/** Values a message placeholder may take; `{ id }` is itself translated (e.g. a unit). */
export type MessageParams = Readonly<Record<string, string | number | { readonly id: MessageId }>>;

/**
 * A localised message with its `{placeholders}` filled.
 *
 * @example message('fr', 'media.required', { platform: 'Instagram' })
 */
export function message(locale: Locale, id: MessageId, params: MessageParams = {}): string {
  const pieces = piecesOf(locale, id);
  if (pieces.length === 1) return pieces[0]!;
  let out = pieces[0]!;
  for (let i = 1; i < pieces.length; i += 2) {
    const name = pieces[i]!;
    const value = params[name];
    out += (value === undefined ? `{${name}}` : typeof value === 'object' ? catalogs[locale][value.id] : String(value)) + pieces[i + 1]!;
  }
  return out;
}

/**
 * A message's template cut once at its `{placeholders}`: text, name, text, … (a finding's message
 * is made for each of 10,000 posts; a replace with a callback cost more than the rule finding it).
 */
function piecesOf(locale: Locale, id: MessageId): readonly string[] {
  let pieces = templates[locale].get(id);
  if (!pieces) {
    const template = catalogs[locale][id];
    if (template === undefined) throw new Error(`no message ${id}: the CLI's are added by src/cli/messages.ts`);
    templates[locale].set(id, (pieces = template.split(/\{(\w+)\}/)));
  }
  return pieces;
}

const templates: Record<Locale, Map<MessageId, readonly string[]>> = { en: new Map(), fr: new Map() };

/**
 * Picks a supported locale from a BCP 47 tag or a POSIX `LANG` value (`fr_FR.UTF-8`).
 * Anything that is not French is English.
 */
export function toLocale(tag: string | undefined): Locale {
  return tag && /^fr\b|^fr[_-]/i.test(tag) ? 'fr' : 'en';
}

export type { MessageId };
