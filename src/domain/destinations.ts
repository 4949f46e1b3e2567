import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { slugify } from './advisory.ts';

countries.registerLocale(english);

/** A country or territory, keyed by ISO 3166-1 alpha-2. */
export interface Destination {
  code: string;
  iso3: string;
  numeric: string;
  name: string;
  slug: string;
  /** Other names people and governments use for it (never including `name`). */
  aliases: string[];
}

/**
 * The names travellers and advisories use where the ISO short name is a formal one
 * ("Russian Federation" → "Russia"). Everything else takes the package's first English name.
 */
const DISPLAY_NAMES: Record<string, string> = {
  BO: 'Bolivia', BN: 'Brunei', CD: 'Democratic Republic of the Congo', CG: 'Republic of the Congo',
  CI: "Côte d'Ivoire", CZ: 'Czechia', FM: 'Micronesia', GB: 'United Kingdom', IR: 'Iran', KP: 'North Korea',
  KR: 'South Korea', LA: 'Laos', MD: 'Moldova', MK: 'North Macedonia', MO: 'Macau', PS: 'Palestinian Territories',
  RU: 'Russia', SY: 'Syria', TR: 'Türkiye', TW: 'Taiwan', TZ: 'Tanzania', US: 'United States', VA: 'Holy See',
  VE: 'Venezuela', VN: 'Vietnam', BQ: 'Bonaire, Sint Eustatius and Saba', MF: 'Saint Martin', SX: 'Sint Maarten',
};

/** Common and former names the package does not carry. */
const EXTRA_ALIASES: Record<string, string[]> = {
  MM: ['Burma'], SZ: ['Swaziland'], CV: ['Cabo Verde'], TL: ['East Timor'], VA: ['Vatican', 'Vatican City'],
  MO: ['Macao'], CD: ['DRC', 'Congo-Kinshasa', 'Congo (Kinshasa)'], CG: ['Congo-Brazzaville', 'Congo (Brazzaville)'],
  KP: ['Democratic People\'s Republic of Korea', 'DPRK'], CN: ['Mainland China', 'PRC'], PS: ['Palestine', 'West Bank', 'Gaza'],
  BS: ['The Bahamas', 'Bahamas, The'], GM: ['The Gambia', 'Gambia, The'], NL: ['Holland', 'The Netherlands'],
  MK: ['Macedonia'], FM: ['Federated States of Micronesia'], AE: ['UAE'], KN: ['Saint Kitts and Nevis', 'St. Kitts and Nevis'],
  LC: ['St. Lucia'], VC: ['St. Vincent and the Grenadines'], BL: ['St. Barthelemy', 'Saint Barthélemy'],
  PM: ['St. Pierre and Miquelon'], SH: ['St. Helena'], MF: ['St. Martin'], SX: ['St. Maarten'],
  IL: ['Israel, the West Bank and Gaza'], CW: ['Curacao'], RE: ['Reunion'], ST: ['Sao Tome and Principe'],
  BQ: ['Bonaire', 'Caribbean Netherlands'], TR: ['Turkey', 'Turkiye'], CZ: ['Czech Republic'],
};

function build(): Destination[] {
  const names = countries.getNames('en', { select: 'all' });
  return Object.entries(names)
    .map(([code, known]) => {
      const name = DISPLAY_NAMES[code] ?? known[0] ?? code;
      const aliases = [...new Set([...known, ...(EXTRA_ALIASES[code] ?? [])])].filter((alias) => alias !== name);
      return {
        code,
        iso3: countries.alpha2ToAlpha3(code) ?? code,
        numeric: countries.alpha2ToNumeric(code) ?? '',
        name,
        slug: slugify(name),
        aliases,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** Every ISO 3166-1 country and territory (plus Kosovo's user-assigned XK), sorted by name. */
export const DESTINATIONS: readonly Destination[] = build();

const byAlpha2 = new Map(DESTINATIONS.map((d) => [d.code, d]));
const byAlpha3 = new Map(DESTINATIONS.map((d) => [d.iso3, d]));
const bySlug = new Map(DESTINATIONS.map((d) => [d.slug, d]));

/** Folds a name for matching: no accents, no punctuation, no leading "the", lower case. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bst\.?\s/g, 'saint ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^the /, '')
    .trim();
}

const byName = new Map<string, Destination>();
for (const destination of DESTINATIONS) {
  for (const name of [destination.name, ...destination.aliases]) {
    const key = normaliseName(name);
    // Ambiguous names ("Congo") must not silently pick one of two countries.
    if (byName.has(key) && byName.get(key) !== destination) byName.set(key, undefined as never);
    else byName.set(key, destination);
  }
}

/** Looks a destination up by ISO alpha-2 or alpha-3, in any case. */
export function findByCode(code: string): Destination | undefined {
  const upper = code.toUpperCase();
  return upper.length === 2 ? byAlpha2.get(upper) : upper.length === 3 ? byAlpha3.get(upper) : undefined;
}

export function findBySlug(slug: string): Destination | undefined {
  return bySlug.get(slug);
}

/** Looks a destination up by its name or any alias, ignoring case, accents and punctuation. */
export function findByName(name: string): Destination | undefined {
  return byName.get(normaliseName(name)) ?? undefined;
}
