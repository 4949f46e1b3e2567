import { findByCode, findByName } from '../../domain/destinations.ts';

/**
 * GOV.UK's country slugs whose names are not an ISO 3166 name or alias, mapped by hand. A slug
 * missing here and matching no destination name is reported as not mapped, never guessed.
 */
export const UK_SLUGS: Readonly<Record<string, string>> = {
  'the-occupied-palestinian-territories': 'PS',
  usa: 'US',
  'south-korea': 'KR',
  'north-korea': 'KP',
  'democratic-republic-of-the-congo': 'CD',
  congo: 'CG',
  'ivory-coast': 'CI',
  'cote-d-ivoire': 'CI',
  'st-kitts-and-nevis': 'KN',
  'st-lucia': 'LC',
  'st-vincent-and-the-grenadines': 'VC',
  'st-maarten': 'SX',
  'st-martin': 'MF',
  'st-barthelemy': 'BL',
  'st-pierre-and-miquelon': 'PM',
  'st-helena-ascension-and-tristan-da-cunha': 'SH',
  'bonaire-st-eustatius-saba': 'BQ',
  'british-virgin-islands': 'VG',
  'cape-verde': 'CV',
  'east-timor': 'TL',
  'timor-leste': 'TL',
  'the-gambia': 'GM',
  gambia: 'GM',
  micronesia: 'FM',
  'pitcairn-island': 'PN',
  'south-georgia-and-south-sandwich-islands': 'GS',
  'vatican-city': 'VA',
  kosovo: 'XK',
  burma: 'MM',
  macao: 'MO',
  'hong-kong': 'HK',
  turkey: 'TR',
  'sao-tome-and-principe': 'ST',
  'czech-republic': 'CZ',
  eswatini: 'SZ',
  'north-macedonia': 'MK',
  'united-arab-emirates': 'AE',
  'falkland-islands': 'FK',
  'cayman-islands': 'KY',
  'turks-and-caicos-islands': 'TC',
};

/** ISO 3166-1 alpha-2 for a GOV.UK country: the explicit table, then the name (synonyms such as "Ibiza" name places, not countries). */
export function ukCountryCode(country: { slug?: unknown; name?: unknown; synonyms?: unknown }): string | undefined {
  const slug = typeof country.slug === 'string' ? country.slug : '';
  const explicit = UK_SLUGS[slug];
  if (explicit && findByCode(explicit)) return explicit;
  const name = typeof country.name === 'string' ? country.name : '';
  return findByName(name)?.code;
}
