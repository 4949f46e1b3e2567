import type { Kysely } from 'kysely';
import { findByCode, normaliseName, type Destination } from '../domain/destinations.ts';
import { findPlace, findPlaceIn } from '../places/gazetteer.ts';
import { loadCapitals, loadSubdivisions, type Subdivision } from '../places/reference.ts';
import type { Database } from '../store/schema.ts';

/**
 * Regions of a destination a trip can name: an ISO 3166-2 subdivision (by code, "RU-MOW", or by
 * name, "Moskva"), an area the destination's current advisory names in its regional advice, or the
 * capital city. Anything else is an unknown region. A subdivision is stored as its code, so that
 * alerts and regional advice that carry codes match it; other areas are stored as spelled by
 * the advisory (or GeoNames for capitals).
 */

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

/**
 * Resolves what a traveller typed as a region of `destination`. Empty means the whole country.
 * Beyond ISO 3166-2 codes and names, advisory areas and the capital, any city or place the
 * gazetteer knows in that country counts, stored as its subdivision's code ("St Petersburg" →
 * RU-SPE) so that alerts and regional advice for the subdivision reach the trip.
 */
export function resolveRegion(destination: Destination, input: unknown, advisoryNames: readonly string[] = []): RegionResult {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: true, region: null };
  const list = subdivisionsOf(destination.code);
  // Only worked out when needed: the hint may search the whole gazetteer.
  const unknown = () => ({ ok: false as const, reason: unknownPlace(destination, text) });
  if (text.length > 100 || /[\p{Cc}<>]/u.test(text)) return unknown();
  if (/^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/.test(text)) {
    const code = text.toUpperCase();
    return list.some((s) => s.code === code) ? { ok: true, region: code } : unknown();
  }
  const key = normaliseName(text);
  for (const name of advisoryNames) if (normaliseName(name) === key) return { ok: true, region: name };
  const matches = list.filter((s) => nameKeys(s.name).includes(key));
  if (matches.length === 1) return { ok: true, region: matches[0]!.code };
  const capital = loadCapitals().get(destination.code);
  if (capital && normaliseName(capital) === key) return { ok: true, region: capital };
  const place = findPlaceIn(destination.code, text);
  if (place) return { ok: true, region: place.subdivision ?? place.name };
  return unknown();
}

/** Why a place is not found, in words, with examples from that country (its capital), or where it is instead. */
function unknownPlace(destination: Destination, text: string): string {
  const shown = text.slice(0, 60);
  const elsewhere = text.length <= 100 && !/^[A-Za-z]{2}-/.test(text) ? findPlace(text, true) : undefined;
  // One literal per wording (no text built from pieces): pages translate each by its pattern (src/http/account/reasons.ts).
  if (elsewhere && elsewhere.country !== destination.code) {
    const where = findByCode(elsewhere.country)?.name ?? elsewhere.country;
    if (elsewhere.subdivision) return `unknown region "${shown}" in ${destination.name}: we know it as ${elsewhere.name} (${elsewhere.subdivision}) in ${where}; choose ${where} as the destination, or check the spelling`;
    return `unknown region "${shown}" in ${destination.name}: we know it as ${elsewhere.name} in ${where}; choose ${where} as the destination, or check the spelling`;
  }
  const capital = loadCapitals().get(destination.code);
  const capitalCode = capitalSubdivision(destination.code);
  if (capital && capitalCode) return `unknown region "${shown}" in ${destination.name}: we know no city or region of that name there; type a city, a region or an ISO 3166-2 code such as ${capital} or ${capitalCode}, or leave it empty for the whole country`;
  if (capital) return `unknown region "${shown}" in ${destination.name}: we know no city or region of that name there; type a city, a region or an ISO 3166-2 code such as ${capital}, or leave it empty for the whole country`;
  return `unknown region "${shown}" in ${destination.name}: we know no city or region of that name there; type a city, a region or an ISO 3166-2 code, or leave it empty for the whole country`;
}
