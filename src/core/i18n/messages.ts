import { en, type MessageId } from './en';
import { fr } from './fr';

/** The languages every user-facing string exists in. */
export type Locale = 'en' | 'fr';

export const LOCALES: readonly Locale[] = ['en', 'fr'];

const catalogs: Record<Locale, Record<MessageId, string>> = { en, fr };

/** Values a message placeholder may take; `{ id }` is itself translated (e.g. a unit). */
export type MessageParams = Readonly<Record<string, string | number | { readonly id: MessageId }>>;

/**
 * A localised message with its `{placeholders}` filled.
 *
 * @example message('fr', 'media.required', { platform: 'Instagram' })
 */
export function message(locale: Locale, id: MessageId, params: MessageParams = {}): string {
  const template = catalogs[locale][id];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? catalogs[locale][value.id] : String(value);
  });
}

/**
 * Picks a supported locale from a BCP 47 tag or a POSIX `LANG` value (`fr_FR.UTF-8`).
 * Anything that is not French is English.
 */
export function toLocale(tag: string | undefined): Locale {
  return tag && /^fr\b|^fr[_-]/i.test(tag) ? 'fr' : 'en';
}

export type { MessageId };
