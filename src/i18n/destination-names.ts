import countries from 'i18n-iso-countries';
import french from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import { findByCode } from '../domain/destinations.ts';
import type { Locale } from './locales.ts';

countries.registerLocale(french);

/**
 * Short French names where the package's first one is the formal name or reads oddly in a
 * sentence ("Fédération de Russie" → "Russie"), as the English list does in src/domain/destinations.ts.
 */
const FRENCH_DISPLAY: Record<string, string> = {
  RU: 'Russie', US: 'États-Unis', GB: 'Royaume-Uni', KP: 'Corée du Nord', KR: 'Corée du Sud', IR: 'Iran', SY: 'Syrie',
  BO: 'Bolivie', VE: 'Venezuela', TZ: 'Tanzanie', LA: 'Laos', MD: 'Moldavie', VN: 'Viêt Nam', TW: 'Taïwan',
  PS: 'Territoires palestiniens', CD: 'République démocratique du Congo', CG: 'République du Congo', MK: 'Macédoine du Nord',
  CZ: 'Tchéquie', FM: 'Micronésie', VA: 'Saint-Siège', TR: 'Türkiye', BN: 'Brunei', MO: 'Macao',
};

/** A destination's name in the reader's language; the English name where no translation is known. */
export function destinationName(code: string, locale: Locale): string {
  const english = findByCode(code)?.name ?? code;
  if (locale === 'en') return english;
  return FRENCH_DISPLAY[code] ?? countries.getName(code, locale, { select: 'official' }) ?? english;
}
