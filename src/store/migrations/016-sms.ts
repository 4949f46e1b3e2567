import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

/**
 * SMS over SMPP (docs/notifications.md, "SMS"). `sms_parts`: one row per part the SMS centre
 * accepted, keyed by its message_id, so a delivery receipt (which names only that id) finds its
 * delivery; a receipt may arrive before the part is written, so either writer creates the row.
 * `sms_codes`: the verification code of an SMS number not yet confirmed (its hash, expiry and the
 * attempts and sends left), gone with its channel. An index finds a channel by its number, for
 * replies.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';
  await db.schema
    .createTable('sms_parts')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', ref)
    .addColumn('part', 'integer')
    .addColumn('parts', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('stat', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('receipt_at', 'text')
    .execute();
  await db.schema.createIndex('sms_parts_delivery').on('sms_parts').column('delivery_id').execute();
  await db.schema
    .createTable('sms_codes')
    .addColumn('channel_id', ref, (c) => c.primaryKey().references('channels.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sends', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channels_kind_address').on('channels').columns(['kind', 'address']).execute();
}
