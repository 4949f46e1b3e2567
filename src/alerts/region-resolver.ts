import type { Kysely } from 'kysely';
import type { RegionResolver } from '../domain/alerts.ts';
import { findByCode } from '../domain/destinations.ts';
import { advisoryRegionNames, resolveRegion } from '../enrolment/regions.ts';
import type { Database } from '../store/schema.ts';

/** A region the client named, resolved against each of the alert's destinations in turn. */
export async function regionResolver(db: Kysely<Database>, input: unknown): Promise<RegionResolver> {
  const codes = Array.isArray((input as { destinations?: unknown })?.destinations)
    ? ((input as { destinations: unknown[] }).destinations).map((c) => (typeof c === 'string' ? findByCode(c)?.code : undefined)).filter((c): c is string => !!c)
    : [];
  const names = await advisoryRegionNames(db, codes);
  return (destinations, region) => {
    const reasons: string[] = [];
    for (const code of destinations) {
      const destination = findByCode(code)!;
      const result = resolveRegion(destination, region, names.get(code) ?? []);
      if (result.ok && result.region) return { ok: true, region: result.region, destination: code };
      if (!result.ok) reasons.push(result.reason);
    }
    return { ok: false, reason: destinations.length === 1 ? reasons[0] ?? `unknown region "${region.slice(0, 60)}"` : `unknown region "${region.slice(0, 60)}" in ${destinations.join(', ')}: give an ISO 3166-2 code such as RU-MOW or an area name` };
  };
}
