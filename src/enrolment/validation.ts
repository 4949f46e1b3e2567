import { findByCode, findByName, type Destination } from '../domain/destinations.ts';
import { LOCALE_NAMES, LOCALES } from '../i18n/locales.ts';

/** Trimmed and lower-cased: the form addresses are compared and kept unique in. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@"(),:;<>[\]\\]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z][A-Za-z0-9-]{0,62}$/;

/** The address as typed (trimmed), or null when it cannot be an e-mail address. */
export function validEmail(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const email = input.trim();
  if (email.length > 254 || !EMAIL.test(email) || email.includes('..')) return null;
  return email;
}

/** A real calendar date written YYYY-MM-DD, or null. */
export function validDate(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return text;
}

/** A destination by ISO alpha-2, alpha-3 or any of its names. */
export function findDestination(input: unknown): Destination | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  if (!text || text.length > 100) return undefined;
  return (/^[A-Za-z]{2,3}$/.test(text) ? findByCode(text) : undefined) ?? findByName(text);
}

export type DateProblem = 'bad start date' | 'bad end date' | 'end before start' | 'trip wholly in the past';

/** Checks a trip's dates against each other and today; end null = residing abroad. */
export function checkTripDates(start: string | null, end: string | null, endGiven: boolean, today: string): DateProblem | null {
  if (!start) return 'bad start date';
  if (endGiven && !end) return 'bad end date';
  if (end && end < start) return 'end before start';
  if (end && end < today) return 'trip wholly in the past';
  return null;
}

const PHONE = /^\+?[0-9][0-9 ().-]{4,24}$/;

export function validPhone(input: string): boolean {
  return PHONE.test(input.trim());
}

/**
 * Languages a traveller may choose for their messages: those the interface and messages exist in
 * (src/i18n/locales.ts), each named in itself. A language stored before (say "es") still loads, and
 * is read as English where messages are written (src/i18n/translator.ts falls back to the default).
 */
export const LANGUAGES: Record<string, string> = Object.fromEntries(LOCALES.map((locale) => [locale, LOCALE_NAMES[locale]]));
