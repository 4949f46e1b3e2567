import type { Kysely } from 'kysely';
import { missionContacts, type Mission } from '../domain/missions.ts';
import type { Database } from '../store/schema.ts';

/**
 * The published missions of destinations: those of each one's current revision (drafts are not
 * public). Destinations without a revision, or without missions, are absent from the map.
 */
export async function publishedMissions(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, Mission[]>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('destinations as d')
    .innerJoin('advisory_revisions as r', 'r.id', 'd.current_revision_id')
    .select(['d.code', 'r.missions'])
    .where('d.code', 'in', [...codes])
    .execute();
  return new Map(rows.map((row) => [row.code, JSON.parse(row.missions) as Mission[]] as const).filter(([, list]) => list.length > 0));
}

/** One line per mission of these destinations for a message or a CAP `contact`, in the order given. */
export async function contactsFor(db: Kysely<Database>, codes: readonly string[]): Promise<string[]> {
  const missions = await publishedMissions(db, codes);
  return codes.flatMap((code) => missionContacts(missions.get(code) ?? []));
}
