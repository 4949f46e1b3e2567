import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Timed follow-ups, emergency-contact escalation and a drawn area for crises (docs/crises.md).
 *
 * - `crises.follow_up_every_minutes`: the worker sends a follow-up wave (to those with no answer)
 *   when this long has passed since the last wave. `crisis_waves.due_at` is the due time a timed
 *   follow-up answers, unique per crisis: two workers that find the same follow-up due write one.
 * - `crises.escalate_after_minutes`: after this long without an answer since a person was first
 *   asked, each emergency contact they agreed may be asked gets one e-mail. `crisis_contact_asks`
 *   holds those e-mails (unique per crisis, person and contact: once, whatever workers run), their
 *   sending state (claimed like deliveries) and the contact's reply.
 * - `crises.area_polygon`, `crises.area_circle`: CAP polygon and circle, shown, not used for scope
 *   (trips carry no coordinates).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema.alterTable('crises').addColumn('follow_up_every_minutes', 'integer').execute();
  await db.schema.alterTable('crises').addColumn('escalate_after_minutes', 'integer').execute();
  await db.schema.alterTable('crises').addColumn('area_polygon', 'text').execute();
  await db.schema.alterTable('crises').addColumn('area_circle', 'text').execute();
  await db.schema.alterTable('crisis_waves').addColumn('due_at', 'text').execute();
  // Nulls are distinct on both engines: waves staff send (no due time) never collide.
  await db.schema.createIndex('crisis_waves_due').unique().on('crisis_waves').columns(['crisis_id', 'due_at']).execute();

  await db.schema
    .createTable('crisis_contact_asks')
    .addColumn('id', id, key)
    .addColumn('crisis_id', ref, (c) => c.notNull().references('crises.id').onDelete('cascade'))
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    // The contact's place in the traveller's list, and what it said when the ask was written.
    .addColumn('contact_index', 'integer', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'sending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('heard_safe', 'heard_need_help', 'not_heard')`))
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('crisis_contact_asks_once', ['crisis_id', 'traveller_id', 'contact_index'])
    .execute();
  await db.schema.createIndex('crisis_contact_asks_status').on('crisis_contact_asks').columns(['status', 'id']).execute();
  await db.schema.createIndex('crisis_contact_asks_traveller').on('crisis_contact_asks').column('traveller_id').execute();
}
