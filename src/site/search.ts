import { searchPlaces, type Place } from '../places/gazetteer.ts';
import { normaliseName, type Destination } from '../domain/destinations.ts';
import { destinationName } from '../i18n/destination-names.ts';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n/locales.ts';

/** Every name a destination answers to, in every language the site speaks ("Allemagne" finds Germany on the English pages too). */
function namesOf(destination: Destination): string[] {
  return [...new Set([destination.name, ...destination.aliases, ...LOCALES.map((locale) => destinationName(destination.code, locale))])];
}

/** Longest query we look at; the form says so too (maxlength). */
export const MAX_QUERY_LENGTH = 100;

/**
 * Destinations matching what someone typed: an ISO code ("ru", "RUS"), a name or an alias
 * ("Burma" finds Myanmar), whole or in part, ignoring case, accents and punctuation. Best first:
 * exact code, exact name, name starting with the query, a word of it starting so, anything containing it.
 */
export function searchDestinations<T extends { destination: Destination }>(views: readonly T[], query: string): T[] {
  const wanted = normaliseName(query);
  if (!wanted) return [];
  const code = query.trim().toUpperCase();
  const ranked: { view: T; rank: number }[] = [];
  for (const view of views) {
    const { destination } = view;
    const rank = destination.code === code || destination.iso3 === code
      ? 0
      : Math.min(...namesOf(destination).map((name) => nameRank(normaliseName(name), wanted)));
    if (rank < Infinity) ranked.push({ view, rank });
  }
  return ranked.sort((a, b) => a.rank - b.rank).map((entry) => entry.view);
}

function nameRank(name: string, wanted: string): number {
  if (name === wanted) return 1;
  if (name.startsWith(wanted)) return 2;
  if (name.includes(` ${wanted}`)) return 3;
  if (name.includes(wanted)) return 4;
  return Infinity;
}

/** The words the static search page's script matches against, for one destination. */
export function searchTerms(destination: Destination, locale: Locale = DEFAULT_LOCALE): string {
  // The page's own language first; the default language's list stays as it always was.
  const names = locale === DEFAULT_LOCALE ? [destination.name, ...destination.aliases] : [destinationName(destination.code, locale), ...namesOf(destination)];
  return [destination.code, destination.iso3, ...names].map(normaliseName).join('|');
}

/**
 * Cities and regions that answer the query, each with the destination it lies in ("moscow" →
 * Moscow, Russia): a search for a place leads to its country's advisory. At most five.
 */
export function placesFor<T extends { destination: Destination }>(views: readonly T[], query: string): { place: Place; view: T }[] {
  if (query.replace(/[^\p{L}\p{N}]/gu, '').length < 2) return [];
  const byCode = new Map(views.map((view) => [view.destination.code, view]));
  return searchPlaces(query, 8).flatMap((place) => {
    const view = byCode.get(place.country);
    return view ? [{ place, view }] : [];
  }).slice(0, 5);
}
