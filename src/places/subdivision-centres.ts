import { readFileSync } from 'node:fs';

/**
 * A point for each ISO 3166-2 subdivision ("RU-MOW"), where the map puts the marker of an alert
 * given only by its regions (src/site/map-alerts.ts). The point is the subdivision's own centre
 * from the bundled table (data/places/subdivision-names.tsv); a subdivision the table lacks gets
 * the mean of its cities in the gazetteer (data/places/cities.tsv), read only then. Kept apart
 * from the gazetteer itself so that the home page does not load 150,000 cities to place a marker.
 */

type LonLat = [number, number];

let centres: Map<string, LonLat> | undefined;
/** Means of the cities of subdivisions the table lacks, computed once on first need. */
let cityMeans: Map<string, LonLat> | undefined;

const dataFile = (name: string) => readFileSync(new URL(`../../data/places/${name}`, import.meta.url), 'utf8');

function tableCentres(): Map<string, LonLat> {
  centres ??= new Map(dataFile('subdivision-names.tsv').split('\n').filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'))
    .map(([code, , lat, lon]): [string, LonLat] => [code!, [Number(lon), Number(lat)]])
    .filter(([, [lon, lat]]) => Number.isFinite(lon) && Number.isFinite(lat)));
  return centres;
}

/** The mean point of each subdivision's cities ("=RU-MOW" groups in cities.tsv). */
function meansOfCities(): Map<string, LonLat> {
  if (cityMeans) return cityMeans;
  const sums = new Map<string, { lon: number; lat: number; n: number }>();
  let group: { lon: number; lat: number; n: number } | undefined;
  for (const line of dataFile('cities.tsv').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('=')) {
      const code = line.slice(1);
      group = code.length > 2 ? sums.get(code) ?? { lon: 0, lat: 0, n: 0 } : undefined;
      if (group) sums.set(code, group);
      continue;
    }
    if (!group) continue;
    const [, lat, lon] = line.split('\t');
    group.lat += Number(lat);
    group.lon += Number(lon);
    group.n += 1;
  }
  cityMeans = new Map([...sums].filter(([, s]) => s.n > 0).map(([code, s]): [string, LonLat] => [code, [s.lon / s.n, s.lat / s.n]]));
  return cityMeans;
}

/** [longitude, latitude] of an ISO 3166-2 subdivision, or undefined for a code the bundled data does not know. */
export function subdivisionCentre(code: string): LonLat | undefined {
  if (!/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code)) return undefined;
  return tableCentres().get(code) ?? meansOfCities().get(code);
}
