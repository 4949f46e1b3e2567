import { readFileSync } from 'node:fs';

/**
 * The reference tables places are checked against, each read once: ISO 3166-2 subdivisions
 * (Debian's iso-codes) and each country's capital (GeoNames' country table).
 */

export interface Subdivision {
  code: string;
  name: string;
}

let subdivisions: Map<string, Subdivision[]> | undefined;
let capitals: Map<string, string> | undefined;

/** Subdivisions by country code. */
export function loadSubdivisions(): ReadonlyMap<string, readonly Subdivision[]> {
  if (subdivisions) return subdivisions;
  subdivisions = new Map();
  const text = readFileSync(new URL('../enrolment/data/iso-3166-2.tsv', import.meta.url), 'utf8');
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

/** Capital city names by country code. */
export function loadCapitals(): ReadonlyMap<string, string> {
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
