import { DESTINATIONS } from '../../domain/destinations.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import { LOCALES } from '../../i18n/locales.ts';

/**
 * What a traveller typed for a destination, as the enrolment domain reads it: a name in one of
 * our languages ("Russie") becomes its code; anything else goes on as typed (English names and
 * codes are the domain's own, and its errors quote what was typed).
 */
const BY_NAME = new Map<string, string>(
  LOCALES.filter((locale) => locale !== 'en').flatMap((locale) => DESTINATIONS.map((d) => [destinationName(d.code, locale).toLocaleLowerCase(locale), d.code] as const)),
);

export function destinationInput(typed: string): string;
export function destinationInput(typed: string | undefined): string | undefined;
export function destinationInput(typed: string | undefined): string | undefined {
  if (typed === undefined) return undefined;
  return BY_NAME.get(typed.trim().toLocaleLowerCase()) ?? typed;
}
