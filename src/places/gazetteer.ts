import { readFileSync } from 'node:fs';
import { looseKey, matchRank, placeKey, typoBudget, editDistance } from '../domain/place-names.ts';
import { PLACE_ALIASES } from './aliases.ts';
import { loadCapitals, loadSubdivisions } from './reference.ts';

/**
 * The gazetteer: about 150,000 cities (data/places/cities.tsv) and every ISO 3166-2 subdivision
 * by its ISO and English names, each resolved to its country and subdivision, plus the aliases
 * people use. Loaded once, on first use, and kept: a look-up is a map read, a prefix range or a
 * bounded typo scan, never a file read.
 */

export interface Place {
  name: string;
  country: string;
  /** ISO 3166-2 code, or null where the data does not say. */
  subdivision: string | null;
  lat: number;
  lon: number;
}

interface Entry {
  place: Place;
  key: string;
  loose: string;
  /** Tie-break, lower first: capitals and cities named as their subdivision, then subdivisions, then the rest. */
  weight: number;
}

interface Index {
  entries: Entry[];
  byKey: Map<string, Entry[]>;
  byLoose: Map<string, Entry[]>;
  /** Distinct keys, sorted, for prefix ranges. */
  keys: string[];
  /** Distinct loose keys by length, for the typo scan. */
  byLength: Map<number, string[]>;
}

let index: Index | undefined;

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function dataFile(name: string): string {
  return readFileSync(new URL(`../../data/places/${name}`, import.meta.url), 'utf8');
}

/** Builds the index (once); exported for the start-up benchmark. */
export function loadGazetteer(): void {
  if (index) return;
  const entries: Entry[] = [];
  const add = (place: Place, name: string, weight: number) => entries.push({ place, key: placeKey(name), loose: looseKey(name), weight });
  const capitals = loadCapitals();
  const subdivisionCentres = new Map<string, { lat: number; lon: number }>();
  const subdivisionKeys = new Map<string, Set<string>>();
  const noteName = (code: string, name: string) => {
    const set = subdivisionKeys.get(code) ?? new Set<string>();
    set.add(placeKey(name)).add(placeKey(name.split(',')[0]!));
    subdivisionKeys.set(code, set);
  };
  const english = dataFile('subdivision-names.tsv').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t') as [string, string, string, string]);
  for (const [code, name, lat, lon] of english) {
    subdivisionCentres.set(code, { lat: Number(lat), lon: Number(lon) });
    noteName(code, name);
  }
  for (const [country, list] of loadSubdivisions()) {
    for (const s of list) {
      noteName(s.code, s.name);
      const centre = subdivisionCentres.get(s.code);
      // A subdivision the English table lacks has no centre to give: it is still found by resolveRegion's ISO rules.
      if (!centre) continue;
      add({ name: s.name, country, subdivision: s.code, ...centre }, s.name, 1);
      if (s.name.includes(',')) add({ name: s.name, country, subdivision: s.code, ...centre }, s.name.split(',')[0]!, 1);
    }
  }
  for (const [code, name] of english) add({ name, country: code.slice(0, 2), subdivision: code, ...subdivisionCentres.get(code)! }, name, 1);

  let country = '';
  let subdivision: string | null = null;
  for (const line of dataFile('cities.tsv').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('=')) {
      const group = line.slice(1);
      country = group.slice(0, 2);
      subdivision = group.length > 2 ? group : null;
      continue;
    }
    const [name, lat, lon] = line.split('\t') as [string, string, string];
    const key = placeKey(name);
    const major = capitals.get(country) === name || (subdivision !== null && subdivisionKeys.get(subdivision)?.has(key) === true);
    add({ name, country, subdivision, lat: Number(lat), lon: Number(lon) }, name, major ? 0 : 2);
  }

  const byKey = new Map<string, Entry[]>();
  const byLoose = new Map<string, Entry[]>();
  for (const entry of entries) {
    push(byKey, entry.key, entry);
    push(byLoose, entry.loose, entry);
  }
  for (const alias of PLACE_ALIASES) {
    const target = alias.city ? byKey.get(placeKey(alias.city))?.find((e) => e.place.country === alias.country && e.weight !== 1)?.place : undefined;
    const centre = alias.subdivision ? subdivisionCentres.get(alias.subdivision) : undefined;
    const place = target ?? (alias.subdivision && centre ? { name: alias.alias, country: alias.country, subdivision: alias.subdivision, ...centre } : undefined);
    if (!place) continue;
    const entry: Entry = { place, key: placeKey(alias.alias), loose: looseKey(alias.alias), weight: 0 };
    entries.push(entry);
    push(byKey, entry.key, entry);
    push(byLoose, entry.loose, entry);
  }
  const byLength = new Map<number, string[]>();
  for (const loose of byLoose.keys()) {
    const list = byLength.get(loose.length);
    if (list) list.push(loose);
    else byLength.set(loose.length, [loose]);
  }
  index = { entries, byKey, byLoose, keys: [...byKey.keys()].sort(), byLength };
}

function gazetteer(): Index {
  loadGazetteer();
  return index!;
}

/** Keys starting with `prefix`, at most `max`, from the sorted list. */
function prefixKeys(keys: readonly string[], prefix: string, max: number): string[] {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keys[mid]! < prefix) low = mid + 1;
    else high = mid;
  }
  const found: string[] = [];
  for (let i = low; i < keys.length && found.length < max && keys[i]!.startsWith(prefix); i += 1) found.push(keys[i]!);
  return found;
}

/** Entries that answer `text`, each with its rank (see matchRank); prefixes only when asked. */
function candidates(text: string, withPrefixes: boolean): { entry: Entry; rank: number }[] {
  const { byKey, byLoose, keys, byLength } = gazetteer();
  const typed = { key: placeKey(text), loose: looseKey(text) };
  if (!typed.key) return [];
  const found = new Map<Entry, number>();
  const take = (list: readonly Entry[] | undefined, rank: number) => {
    for (const entry of list ?? []) if (!found.has(entry) || found.get(entry)! > rank) found.set(entry, rank);
  };
  take(byKey.get(typed.key), 0);
  take(byLoose.get(typed.loose), 1);
  if (withPrefixes && typed.key.length >= 3) for (const key of prefixKeys(keys, typed.key, 200)) take(byKey.get(key), 2);
  const budget = typoBudget(typed.loose.length);
  if (found.size === 0 || (withPrefixes && found.size < 10)) {
    if (budget > 0) {
      for (let length = typed.loose.length - budget; length <= typed.loose.length + budget; length += 1) {
        for (const loose of byLength.get(length) ?? []) if (editDistance(typed.loose, loose, budget) <= budget) take(byLoose.get(loose), 3);
      }
    }
  }
  return [...found].map(([entry, rank]) => ({ entry, rank: Math.min(rank, matchRank(typed, entry)) }));
}

function best(list: { entry: Entry; rank: number }[]): Place[] {
  list.sort((a, b) => a.rank - b.rank || a.entry.weight - b.entry.weight || a.entry.place.name.length - b.entry.place.name.length || a.entry.place.name.localeCompare(b.entry.place.name));
  const seen = new Set<string>();
  const places: Place[] = [];
  for (const { entry } of list) {
    const id = `${entry.place.country}|${entry.place.subdivision}|${placeKey(entry.place.name)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    places.push(entry.place);
  }
  return places;
}

/** What the place search offers for what someone is typing: best first, at most `limit`. */
export function searchPlaces(text: string, limit = 10): Place[] {
  return best(candidates(text, true)).slice(0, limit);
}

/** The one place `text` names within `country` (exact, variant spelling or a small typo; never a mere prefix). */
export function findPlaceIn(country: string, text: string): Place | undefined {
  return best(candidates(text, false).filter((c) => c.entry.place.country === country))[0];
}

/** The place `text` names anywhere, when it names one; `exact` leaves typos out (for a hint: "Crimea is in Ukraine"). */
export function findPlace(text: string, exact = false): Place | undefined {
  return best(candidates(text, false).filter((c) => !exact || c.rank <= 1))[0];
}

/**
 * A place well known enough to stand in for a country where one is asked for ("St Petersburg" in a
 * CSV's destination column): a capital, a city named as its subdivision, or an alias; spelled
 * exactly or in a variant, never guessed from a typo, so "Atlantis" stays an unknown destination.
 */
export function findMajorPlace(text: string): Place | undefined {
  const list = candidates(text, false).filter((c) => c.rank <= 1 && c.entry.weight === 0);
  return best(list)[0];
}
