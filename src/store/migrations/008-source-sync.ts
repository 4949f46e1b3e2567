import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * The import and sync log (docs/sources.md): one row per run of `waypost import`, `waypost sync`
 * or the serve scheduler for a source, with when, the HTTP status, what it did and why it failed.
 * The ETag and Last-Modified of a successful run are what the next sync's conditional GET sends.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const count = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
  await db.schema
    .createTable('source_syncs')
    .addColumn('id', idColumnType(engine), key)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', count)
    .addColumn('created', 'integer', count)
    .addColumn('updated', 'integer', count)
    .addColumn('unchanged', 'integer', count)
    .addColumn('skipped', 'integer', count)
    .addColumn('merged', 'integer', count)
    .addColumn('unmapped', 'integer', count)
    .addColumn('events', 'integer', count)
    .addColumn('error', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .execute();
  await db.schema.createIndex('source_syncs_source').on('source_syncs').columns(['source', 'id']).execute();
}
