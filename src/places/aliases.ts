/**
 * Names people use that the gazetteer's data does not carry: English exonyms, former spellings
 * still on tickets and in company systems, and regions known by a short name. Each points at a
 * city the data has (by its name in that country) or at an ISO 3166-2 subdivision.
 *
 * Crimea is UA-43 (Avtonomna Respublika Krym) and Sevastopol UA-40, as ISO 3166-2 codes them:
 * this service follows ISO 3166 and the UN General Assembly (resolution 68/262), not the 2014
 * annexation. An alert or advisory for Crimea is therefore issued for Ukraine, UA-43.
 */
export interface PlaceAlias {
  alias: string;
  country: string;
  /** A city of that country, by the gazetteer's name for it. */
  city?: string;
  /** Or a subdivision, by its ISO 3166-2 code. */
  subdivision?: string;
}

export const PLACE_ALIASES: readonly PlaceAlias[] = [
  { alias: 'Crimea', country: 'UA', subdivision: 'UA-43' },
  { alias: 'Krym', country: 'UA', subdivision: 'UA-43' },
  { alias: 'Crimean Peninsula', country: 'UA', subdivision: 'UA-43' },
  { alias: 'Republic of Crimea', country: 'UA', subdivision: 'UA-43' },
  { alias: 'Kiev', country: 'UA', city: 'Kyiv' },
  { alias: 'Odessa', country: 'UA', city: 'Odesa' },
  { alias: 'Kharkov', country: 'UA', city: 'Kharkiv' },
  { alias: 'Lvov', country: 'UA', city: 'Lviv' },
  { alias: 'Moskva', country: 'RU', city: 'Moscow' },
  { alias: 'Sankt-Peterburg', country: 'RU', city: 'Saint Petersburg' },
  { alias: 'Leningrad', country: 'RU', city: 'Saint Petersburg' },
  { alias: 'Petersburg', country: 'RU', city: 'Saint Petersburg' },
  { alias: 'Bombay', country: 'IN', city: 'Mumbai' },
  { alias: 'Calcutta', country: 'IN', city: 'Kolkata' },
  { alias: 'Madras', country: 'IN', city: 'Chennai' },
  { alias: 'Peking', country: 'CN', city: 'Beijing' },
  { alias: 'Canton', country: 'CN', city: 'Guangzhou' },
  { alias: 'Saigon', country: 'VN', city: 'Ho Chi Minh City' },
  { alias: 'Rangoon', country: 'MM', city: 'Yangon' },
  { alias: 'Mexico City', country: 'MX', city: 'Ciudad de México' },
];
