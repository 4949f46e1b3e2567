import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Other governments' advice (docs/sources.md, "Other governments"): one row per version a peer
 * source published for a destination, kept apart from our own advisory revisions so that importing
 * the UK or Canada never changes what our authority publishes. Each source keeps its own history;
 * the newest version per source × destination is the one compared.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  await db.schema
    .createTable('peer_advice')
    .addColumn('id', idColumnType(engine), key)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('native_label', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    // JSON: [{ name, code?, level, nativeLabel }] and [{ slug, title, body }] (Markdown).
    .addColumn('regions', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('peer_advice_version').on('peer_advice').columns(['source', 'code', 'version']).unique().execute();
  await db.schema.createIndex('peer_advice_code').on('peer_advice').columns(['code', 'source']).execute();
}
