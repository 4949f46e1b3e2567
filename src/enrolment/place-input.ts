import { findByCode, type Destination } from '../domain/destinations.ts';
import { findMajorPlace, findPlace } from '../places/gazetteer.ts';
import { findDestination } from './validation.ts';

/**
 * A trip stop as people write it: a country and a region ("Russia", "St Petersburg"), a city alone
 * in the region field (its country is the gazetteer's), or a well-known city in the destination
 * field ("St Petersburg" in a CSV's destination column). The region text is then resolved within
 * the destination by resolveRegion, as ever.
 */
export function stopPlace(destinationInput: unknown, regionInput: unknown): { destination: Destination | undefined; region: unknown } {
  const destination = findDestination(destinationInput);
  if (destination) return { destination, region: regionInput };
  const typed = typeof destinationInput === 'string' ? destinationInput.trim() : '';
  const region = typeof regionInput === 'string' ? regionInput.trim() : '';
  if (typed && !region && typed.length <= 100) {
    const place = findMajorPlace(typed);
    if (place) return { destination: findByCode(place.country), region: typed };
  }
  if (!typed && region && region.length <= 100) {
    const place = findPlace(region);
    if (place) return { destination: findByCode(place.country), region };
  }
  return { destination: undefined, region: regionInput };
}
