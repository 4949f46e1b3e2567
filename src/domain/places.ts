import { findByCode, findByName } from './destinations.ts';

/**
 * Where something applies, as alerts and crises both name it: destinations (ISO 3166-1 alpha-2 or
 * alpha-3 in any case, or a name or alias as the public site spells it; at least one) and
 * optional regions within them (ISO 3166-2 codes or area names, resolved by the caller against
 * what trips store). A region narrows only the destination
 * it belongs to; the others count whole.
 */

export interface FieldError {
  field: string;
  message: string;
}

/** Resolves a region a client named to what trips store, or says why it cannot. */
export type RegionResolver = (destinations: readonly string[], region: string) => { ok: true; region: string; destination: string } | { ok: false; reason: string };

export interface Places {
  destinations: string[];
  regions: string[];
  /** Which destinations the regions narrow. */
  regionDestinations: string[];
  /** Each region with its destination and how it reads ("Moskva (RU-MOW)"). */
  labels: { region: string; destination: string; label: string }[];
}

export interface PlaceOptions {
  resolveRegion: RegionResolver;
  regionLabel?: (region: string) => string;
}

/** Reads `destinations` and `regions` of a client's body; every problem goes to `fail` with its field. */
export function checkPlaces(body: Record<string, unknown>, options: PlaceOptions, fail: (field: string, message: string) => void): Places {
  const destinations: string[] = [];
  const rawDestinations = typeof body.destinations === 'string' ? [body.destinations] : body.destinations;
  if (!Array.isArray(rawDestinations) || rawDestinations.length === 0) fail('destinations', 'name at least one destination (a name such as Russia or an ISO 3166-1 code such as RU)');
  else if (rawDestinations.length > 60) fail('destinations', 'at most 60 destinations');
  else {
    rawDestinations.forEach((code, i) => {
      // Staff type names ("Russia", "Côte d'Ivoire") as often as codes; both are stored as the code.
      const found = typeof code === 'string' ? findByCode(code.trim()) ?? findByName(code) : undefined;
      if (!found) fail(`destinations.${i}`, `no destination is called "${String(code).slice(0, 40)}": use its name as on the public site (Russia) or its ISO 3166-1 code (RU)`);
      else if (!destinations.includes(found.code)) destinations.push(found.code);
    });
  }

  const regions: string[] = [];
  const regionDestinations: string[] = [];
  const labels: Places['labels'] = [];
  const rawRegions = typeof body.regions === 'string' ? [body.regions] : body.regions ?? [];
  if (!Array.isArray(rawRegions)) fail('regions', 'must be a list of ISO 3166-2 codes or area names');
  else if (rawRegions.length > 100) fail('regions', 'at most 100 regions');
  else if (destinations.length > 0) {
    rawRegions.forEach((region, i) => {
      if (typeof region !== 'string' || !region.trim()) {
        fail(`regions.${i}`, 'must be an ISO 3166-2 code (RU-MOW) or an area name');
        return;
      }
      const resolved = options.resolveRegion(destinations, region.trim());
      if (!resolved.ok) fail(`regions.${i}`, resolved.reason);
      else if (!regions.includes(resolved.region)) {
        regions.push(resolved.region);
        if (!regionDestinations.includes(resolved.destination)) regionDestinations.push(resolved.destination);
        labels.push({ region: resolved.region, destination: resolved.destination, label: options.regionLabel?.(resolved.region) ?? resolved.region });
      }
    });
  }
  return { destinations, regions, regionDestinations, labels };
}

/** "Moscow (RU-MOW), Russia; France" from the destinations and regions. */
export function describeArea(destinations: readonly string[], regions: readonly { region: string; destination: string; label: string }[]): string {
  return destinations.map((code) => {
    const name = findByCode(code)?.name ?? code;
    const mine = regions.filter((r) => r.destination === code).map((r) => r.label);
    return mine.length ? `${mine.join(', ')}, ${name}` : name;
  }).join('; ');
}
