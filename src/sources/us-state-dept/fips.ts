import { readFileSync } from 'node:fs';

/**
 * The State Department tags each advisory with a FIPS 10-4 country code, not ISO 3166. Half the
 * codes collide with a different country's ISO code (AU is Austria, GM Germany, NI Nigeria), so the
 * tag must never be read as ISO: this table translates it, built from the GeoNames country table.
 */
const GEONAMES = new URL('../../../data/reference/geonames-countryInfo.txt', import.meta.url);

/**
 * Tags the State Department uses that are not FIPS 10-4 codes (or that it uses for a country other
 * than the FIPS one). A3 (French West Indies) is deliberately absent: it covers four ISO
 * territories, so it must not silently become one of them (see groups.ts, which applies it to all four).
 */
const EXTRA_TAGS: Readonly<Record<string, string>> = {
  A1: 'BQ', // Bonaire, Sint Eustatius and Saba, each tagged A1
  A2: 'GF', // French Guiana
  GZ: 'PS', // the Gaza Strip: FIPS 10-4 has its own code, GeoNames lists only WE (West Bank) for PS
  SR: 'CH', // Switzerland appears under SR as well as its FIPS code SZ; SR is Suriname's ISO code, hence the cross-check by name
};

/** Parses GeoNames countryInfo.txt (tab-separated, # comments) into FIPS → ISO alpha-2. */
export function parseGeonamesFips(text: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#') || !line.trim()) continue;
    const [iso, , , fips] = line.split('\t');
    if (iso && fips && /^[A-Z]{2}$/.test(iso) && /^[A-Z0-9]{2}$/.test(fips)) table.set(fips, iso);
  }
  return table;
}

let table: Map<string, string> | undefined;

/** The FIPS → ISO table, read from disk on first use only. */
function fipsTable(): Map<string, string> {
  if (!table) {
    table = parseGeonamesFips(readFileSync(GEONAMES, 'utf8'));
    for (const [tag, iso] of Object.entries(EXTRA_TAGS)) table.set(tag, iso);
  }
  return table;
}

/** The ISO alpha-2 code for a State Department country tag, or undefined when the tag is unknown. */
export function isoFromFips(tag: string): string | undefined {
  return fipsTable().get(tag.trim().toUpperCase());
}
