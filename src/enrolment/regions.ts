import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { normaliseName, type Destination } from '../domain/destinations.ts';
import type { Database } from '../store/schema.ts';

/**
 * Regions of a destination a trip can name: an ISO 3166-2 subdivision (by code, "RU-MOW", or by
 * name, "Moskva"), an area the destination's current advisory names in its regional advice, or the
 * capital city. Anything else is an unknown region. A subdivision is stored as its code, so that
 * alerts and regional advice that carry codes match it; other areas are stored as spelled by
 * the advisory (or GeoNames for capitals).
 */

interface Subdivision {
  code: string;
  name: string;
}

let subdivisions: Map<string, Subdivision[]> | undefined;
let capitals: Map<string, string> | undefined;

function loadSubdivisions(): Map<string, Subdivision[]> {
  if (subdivisions) return subdivisions;
  subdivisions = new Map();
  const text = readFileSync(new URL('./data/iso-3166-2.tsv', import.meta.url), 'utf8');
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [code, name] = line.split('\t') as [string, string];
    const country = code.slice(0, 2);
    const list = subdivisions.get(country) ?? [];
    list.push({ code, name });
    subdivisions.set(country, list);
  }
  return subdivisions;
}

function loadCapitals(): Map<string, string> {
  if (capitals) return capitals;
  capitals = new Map();
  try {
    const text = readFileSync(new URL('../../data/reference/geonames-countryInfo.txt', import.meta.url), 'utf8');
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const columns = line.split('\t');
      if (columns[0] && columns[5]) capitals.set(columns[0], columns[5]);
    }
  } catch {
    // Without the GeoNames table, capitals are simply not known by name.
  }
  return capitals;
}

/** "Moskovskaja oblast'" → keys for "moskovskaja oblast" and "moskovskaja"; "Adygeja, Respublika" → "adygeja". */
export function nameKeys(name: string): string[] {
  const keys = new Set<string>();
  for (const part of name.split(/\s+\/\s+/)) {
    keys.add(normaliseName(part));
    keys.add(normaliseName(part.split(',')[0]!));
  }
  keys.delete('');
  return [...keys];
}

/**
 * Capitals that are a subdivision of their own under a name the ISO list spells differently
 * ("Moskva"); the others are found by name (Paris = FR-75, Berlin = DE-BE, Kyiv = UA-30).
 */
const CAPITAL_SUBDIVISION_BY_ANOTHER_NAME: Readonly<Record<string, string>> = { RU: 'RU-MOW' };

/** The ISO 3166-2 subdivision that is exactly the destination's capital city, if there is one. */
export function capitalSubdivision(country: string): string | undefined {
  const capital = loadCapitals().get(country);
  if (!capital) return undefined;
  const known = CAPITAL_SUBDIVISION_BY_ANOTHER_NAME[country];
  if (known) return known;
  const key = normaliseName(capital);
  const matches = subdivisionsOf(country).filter((s) => nameKeys(s.name).includes(key));
  return matches.length === 1 ? matches[0]!.code : undefined;
}

/**
 * The ways one place may be stored: a trip to "Moscow" (the capital, by name) and an alert for
 * RU-MOW (the subdivision) mean the same city, and each must find the other.
 */
export function equivalentRegions(country: string, region: string): string[] {
  const capital = loadCapitals().get(country);
  const subdivision = capitalSubdivision(country);
  if (!capital || !subdivision) return [region];
  const same = region.toUpperCase() === subdivision || normaliseName(region) === normaliseName(capital);
  return same ? [...new Set([region, subdivision, capital])] : [region];
}

export function subdivisionsOf(code: string): readonly Subdivision[] {
  return loadSubdivisions().get(code) ?? [];
}

export function subdivisionName(code: string): string | undefined {
  return subdivisionsOf(code.slice(0, 2)).find((s) => s.code === code)?.name;
}

/** How a stored region reads on a page: "Moskva (RU-MOW)" or the area's name. */
export function regionLabel(region: string | null): string | null {
  if (!region) return null;
  const name = /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(region) ? subdivisionName(region) : undefined;
  return name ? `${name} (${region})` : region;
}

export type RegionResult = { ok: true; region: string | null } | { ok: false; reason: string };

/** Areas named by the current advisories' regional advice, per destination code. */
export async function advisoryRegionNames(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (codes.length === 0) return result;
  const rows = await db
    .selectFrom('destinations')
    .innerJoin('advisory_revisions', 'advisory_revisions.id', 'destinations.current_revision_id')
    .select(['destinations.code', 'advisory_revisions.regions'])
    .where('destinations.code', 'in', [...new Set(codes)])
    .execute();
  for (const row of rows) {
    try {
      const regions = JSON.parse(row.regions) as { name?: unknown }[];
      result.set(row.code, regions.map((r) => r.name).filter((n): n is string => typeof n === 'string'));
    } catch {
      result.set(row.code, []);
    }
  }
  return result;
}

/** Resolves what a traveller typed as a region of `destination`. Empty means the whole country. */
export function resolveRegion(destination: Destination, input: unknown, advisoryNames: readonly string[] = []): RegionResult {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: true, region: null };
  const list = subdivisionsOf(destination.code);
  const capital = loadCapitals().get(destination.code);
  const example = list[0] ? ` such as ${list[0].code} or "${list[0].name}"${capital ? `, or the capital, ${capital}` : ''}` : '';
  const unknown = { ok: false as const, reason: `unknown region "${text.slice(0, 60)}" in ${destination.name}: give an ISO 3166-2 code or a region name${example}` };
  if (text.length > 100 || /[\p{Cc}<>]/u.test(text)) return unknown;
  if (/^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/.test(text)) {
    const code = text.toUpperCase();
    return list.some((s) => s.code === code) ? { ok: true, region: code } : unknown;
  }
  const key = normaliseName(text);
  for (const name of advisoryNames) if (normaliseName(name) === key) return { ok: true, region: name };
  const matches = list.filter((s) => nameKeys(s.name).includes(key));
  if (matches.length === 1) return { ok: true, region: matches[0]!.code };
  if (capital && normaliseName(capital) === key) return { ok: true, region: capital };
  return unknown;
}
