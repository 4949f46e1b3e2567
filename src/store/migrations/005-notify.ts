import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Notifications (docs/notifications.md): one `deliveries` row per event and channel, computed
 * once by a set-based INSERT … SELECT (the audience) and then used as the work queue that workers
 * claim. `idempotency_key` is the Message-ID / webhook-id the receiver sees, so a copy re-sent
 * after a crash can be dropped by the receiver. Events gain `fanned_out_at` and `audience_size`.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema
    .createTable('deliveries')
    .addColumn('id', id, key)
    .addColumn('event_id', ref, (c) => c.notNull().references('events.id'))
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('channel_id', ref, (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('channel_kind', 'text', (c) => c.notNull())
    // 0 urgent, 1 routine, 2 digest: urgent travel alerts never wait behind routine mail.
    .addColumn('priority', 'integer', (c) => c.notNull().check(sql`priority between 0 and 2`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'sending', 'sent', 'failed', 'bounced')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deliveries_event_channel', ['event_id', 'channel_id'])
    .execute();
  await db.schema.createIndex('deliveries_queue').on('deliveries').columns(['status', 'priority', 'next_attempt_at', 'id']).execute();
  await db.schema.createIndex('deliveries_traveller').on('deliveries').column('traveller_id').execute();
  await db.schema.createIndex('deliveries_channel').on('deliveries').column('channel_id').execute();

  // 002-editorial created events with processed_at but neither of these.
  await db.schema.alterTable('events').addColumn('fanned_out_at', 'text').execute();
  await db.schema.alterTable('events').addColumn('audience_size', 'integer').execute();
  await db.schema.createIndex('events_pending_fan_out').on('events').columns(['fanned_out_at', 'id']).execute();
}
