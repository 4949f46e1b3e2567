/**
 * Builds data/places/destination-centres.tsv from the `country-state-city` package (a dev
 * dependency; GeoNames-derived data, countries-states-cities database, ODbL-1.0): one point per
 * destination, where the world map puts the marker of a destination too small to draw
 * (src/site/map-markers.ts).
 *
 *   node scripts/build-destination-centres.ts
 */
import { writeFileSync } from 'node:fs';
import { Country } from 'country-state-city';
import { DESTINATIONS } from '../src/domain/destinations.ts';

const byCode = new Map(Country.getAllCountries().map((c) => [c.isoCode, c]));
const lines = ['# A point for each destination (latitude, longitude), from the country-state-city package (ODbL-1.0; GeoNames, CC BY 4.0). Built by scripts/build-destination-centres.ts.'];
for (const destination of DESTINATIONS) {
  const country = byCode.get(destination.code);
  const [lat, lon] = [Number(country?.latitude), Number(country?.longitude)];
  if (!country || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
  lines.push(`${destination.code}\t${lat.toFixed(2)}\t${lon.toFixed(2)}`);
}
writeFileSync(new URL('../data/places/destination-centres.tsv', import.meta.url), `${lines.join('\n')}\n`);
console.log(`${lines.length - 1} centres`);
