import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('destinations')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('iso3', 'text', (c) => c.notNull().unique())
    .addColumn('numeric', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('current_revision_id', 'integer')
    .execute();

  await db.schema
    .createTable('advisory_revisions')
    .addColumn('id', idColumnType(engine), (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('destination_code', 'text', (c) => c.notNull().references('destinations.code'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 4`))
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('risks', 'text', (c) => c.notNull())
    .addColumn('regions', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('departure_urged', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('change_type', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('next_review_due', 'text')
    .addColumn('source_authority', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Revision numbers are per destination and never repeat: the database enforces it too.
    .addUniqueConstraint('advisory_revisions_destination_revision', ['destination_code', 'revision'])
    .execute();
}
