import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * "Message my people" (docs/enrolment.md): what a verified organisation's admin told its members,
 * each one `organisation.message` event the worker fans out once per person and channel. The rows
 * are the history on the organisation's page and what its daily message limit counts. They go with
 * their organisation (ON DELETE CASCADE); the sender's account may go first (SET NULL).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';
  await db.schema
    .createTable('organisation_messages')
    .addColumn('id', id, key)
    .addColumn('organisation_id', ref, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('event_id', ref, (c) => c.unique().references('events.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // 'all' members, or only those 'travelling' now; `destinations` (JSON array of ISO codes) narrows the latter.
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('destinations', 'text', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('deliveries', 'integer', (c) => c.notNull())
    .addColumn('sent_by', ref, (c) => c.references('travellers.id').onDelete('set null'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisation_messages_sent').on('organisation_messages').columns(['organisation_id', 'sent_at']).execute();
}
