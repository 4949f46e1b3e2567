/**
 * The languages the interface, e-mails and SMS are written in. Only languages whose catalogues are
 * complete are offered (a test holds every catalogue to the English one's keys): adding one means
 * adding its messages/*.<code>.ts files, then its code here.
 */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself, as a language menu shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A stored or typed tag ("fr", "fr-CA", "FR") as one of ours, or null. */
export function localeOf(tag: unknown): Locale | null {
  if (typeof tag !== 'string') return null;
  const lower = tag.trim().toLowerCase();
  if (isLocale(lower)) return lower;
  const primary = lower.split('-')[0];
  return isLocale(primary) ? primary : null;
}
