import type { Kysely } from 'kysely';

/**
 * Embassies and consulates, and quick facts, as part of an advisory's content
 * (docs/decisions/005-missions-in-advisories.md): JSON text on drafts and revisions like the
 * other content columns, so they are versioned, reviewed and published with the advice.
 * Existing rows have no missions (`[]`) and no quick facts (null).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['advisory_revisions', 'drafts']) {
    await db.schema.alterTable(table).addColumn('missions', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    await db.schema.alterTable(table).addColumn('quick_facts', 'text').execute();
  }
}
