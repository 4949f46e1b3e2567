/**
 * Builds data/places/ from the `country-state-city` package (a dev dependency; its data is
 * GeoNames-derived, via the countries-states-cities database, ODbL-1.0): cities with coordinates
 * grouped under the ISO 3166-2 subdivision they lie in, and English names of subdivisions.
 * Every subdivision code is checked against Debian's ISO 3166-2 list the app already ships; a city
 * whose state code is not a real ISO 3166-2 code is kept under its country alone.
 *
 *   node scripts/build-gazetteer.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { City, State } from 'country-state-city';

const iso = new Set(readFileSync(new URL('../src/enrolment/data/iso-3166-2.tsv', import.meta.url), 'utf8')
  .split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[0]!));

/**
 * csc files Sevastopol under RU with state code "UA-40"; ISO 3166-2 (and this app) place it in
 * Ukraine. The same state code also carries Irkutsk villages in csc, so a city is moved to another
 * country's subdivision only inside Crimea's bounding box; elsewhere it stays under its country.
 */
function subdivisionOf(country: string, state: string, lat?: number, lon?: number): { country: string; code: string } {
  const code = state.includes('-') ? state : `${country}-${state}`;
  if (!iso.has(code)) return { country, code: '' };
  const inCrimea = lat === undefined || lon === undefined || (lat > 44.2 && lat < 46.3 && lon > 32.4 && lon < 36.7);
  if (code.slice(0, 2) !== country && code.startsWith('UA-') && !inCrimea) return { country, code: '' };
  return { country: code.slice(0, 2), code };
}

const clean = (text: string) => text.replace(/[\t\n\r]/g, ' ').trim();
const groups = new Map<string, Map<string, string>>();
let dropped = 0;
for (const city of City.getAllCities()) {
  const lat = Number(city.latitude);
  const lon = Number(city.longitude);
  if (!city.name || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
  const place = subdivisionOf(city.countryCode, city.stateCode, lat, lon);
  if (!place.code) dropped += 1;
  const key = place.code || place.country;
  const group = groups.get(key) ?? new Map<string, string>();
  const name = clean(city.name);
  if (!group.has(name)) group.set(name, `${name}\t${lat.toFixed(2)}\t${lon.toFixed(2)}`);
  groups.set(key, group);
}

const header = [
  '# Cities by ISO 3166-2 subdivision ("=RU-SPE") or country alone ("=RU"): name, latitude, longitude (2 decimals).',
  '# Built by scripts/build-gazetteer.ts from the country-state-city package (GeoNames-derived data,',
  '# countries-states-cities-database, ODbL-1.0; GeoNames, CC BY 4.0). See data/README.md.',
];
const lines = [...header];
for (const key of [...groups.keys()].sort()) {
  lines.push(`=${key}`);
  for (const line of [...groups.get(key)!.values()].sort()) lines.push(line);
}
writeFileSync(new URL('../data/places/cities.tsv', import.meta.url), `${lines.join('\n')}\n`);

const names: string[] = ['# English names of ISO 3166-2 subdivisions, from the country-state-city package (ODbL-1.0). Columns: code, name, latitude, longitude.'];
for (const state of State.getAllStates()) {
  const place = subdivisionOf(state.countryCode, state.isoCode);
  if (place.code) names.push(`${place.code}\t${clean(state.name)}\t${Number(state.latitude ?? 0).toFixed(2)}\t${Number(state.longitude ?? 0).toFixed(2)}`);
}
writeFileSync(new URL('../data/places/subdivision-names.tsv', import.meta.url), `${names.slice(0, 1).concat(names.slice(1).sort()).join('\n')}\n`);
console.log(`${groups.size} groups, ${dropped} cities without a valid ISO 3166-2 subdivision, ${names.length - 1} subdivision names`);
