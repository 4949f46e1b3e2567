import type { Kysely } from 'kysely';
import { DESTINATIONS } from '../domain/destinations.ts';
import type { Database } from './schema.ts';

/**
 * Makes the destinations table match the ISO list the code ships with. Existing rows keep their
 * current revision; names, slugs and aliases follow the package (a renamed country gets its new name).
 */
export async function syncDestinations(db: Kysely<Database>): Promise<void> {
  const existing = new Map(
    (await db.selectFrom('destinations').select(['code', 'iso3', 'numeric', 'name', 'slug', 'aliases']).execute()).map(
      (row) => [row.code, row],
    ),
  );
  const stale = DESTINATIONS.filter((d) => {
    const row = existing.get(d.code);
    return !row || row.iso3 !== d.iso3 || row.numeric !== d.numeric || row.name !== d.name || row.slug !== d.slug
      || row.aliases !== JSON.stringify(d.aliases);
  });
  if (stale.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const d of stale) {
      const values = { iso3: d.iso3, numeric: d.numeric, name: d.name, slug: d.slug, aliases: JSON.stringify(d.aliases) };
      await trx
        .insertInto('destinations')
        .values({ code: d.code, ...values, current_revision_id: null })
        .onConflict((oc) => oc.column('code').doUpdateSet(values))
        .execute();
    }
  });
}
