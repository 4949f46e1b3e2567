import type { Kysely } from 'kysely';

/**
 * Translations of an advisory's summary and sections (issue 16, src/domain/advisory-translations.ts):
 * JSON text on drafts and revisions beside the other content columns, as missions and quick facts
 * were added (migration 021, docs/decisions/005-missions-in-advisories.md), so they are reviewed and
 * published with the advice and every revision keeps the ones it was published with.
 * Existing rows have none (null).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['advisory_revisions', 'drafts']) {
    await db.schema.alterTable(table).addColumn('translations', 'text').execute();
  }
}
