import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Notifications (docs/notifications.md): one `deliveries` row per event and channel, computed
 * once by a set-based INSERT … SELECT (the audience) and then used as the work queue that workers
 * claim. Events gain `fanned_out_at` and `audience_size`.
 *
 * Deliberately lean, because a million rows go in at once (docs/decisions/004): no foreign keys
 * (PostgreSQL checks them with one trigger call per row per key: ~10 s of a 22 s million-row
 * fan-out, measured), so deleting a traveller or a channel deletes its deliveries explicitly;
 * no stored idempotency key (it is `delivery-{event_id}-{channel_id}`, derived); three indexes
 * besides the key: (event, channel) for per-event counts and for finding a channel's rows (one
 * probe per event: see deleteChannelDeliveries), the queue itself (only rows still queued), and
 * claims in flight for the sweeper. Each index costs about a second per million rows inserted.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema
    .createTable('deliveries')
    .addColumn('id', id, key)
    .addColumn('event_id', ref, (c) => c.notNull())
    .addColumn('traveller_id', ref, (c) => c.notNull())
    .addColumn('channel_id', ref, (c) => c.notNull())
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
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deliveries_event_channel', ['event_id', 'channel_id'])
    .execute();
  await db.schema.createIndex('deliveries_queue').on('deliveries').columns(['priority', 'next_attempt_at', 'id']).where(sql.ref('status'), '=', 'queued').execute();
  // The sweeper's lookup of abandoned claims: only rows being sent, a handful at any time.
  await db.schema.createIndex('deliveries_claims').on('deliveries').column('claimed_at').where(sql.ref('status'), '=', 'sending').execute();

  // 002-editorial created events with processed_at but neither of these.
  await db.schema.alterTable('events').addColumn('fanned_out_at', 'text').execute();
  await db.schema.alterTable('events').addColumn('audience_size', 'integer').execute();
  await db.schema.createIndex('events_pending_fan_out').on('events').columns(['fanned_out_at', 'id']).execute();
}
