import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Crises and check-in waves (docs/crises.md). A crisis names its area (destinations, optional
 * regions), when it began, whether it is an exercise, and optionally the alert or advisory revision
 * it answers. Each wave of "Are you safe?" messages is a row and one `crisis.wave` event (written in
 * the same transaction), so the notification worker's exactly-once-per-event-and-channel key makes
 * a wave reach each channel once. `crisis_people` is the population the waves asked (one row per
 * person and place, added when a wave finds them in scope): the dashboard counts and follow-ups
 * read it instead of recomputing who was there. Like `deliveries` (migration 005) it has no foreign
 * keys but its crisis's: PostgreSQL checks each with a trigger call per row, half of a 100,000-person
 * wave (4.7 s → 2.4 s, measured); deleting a traveller deletes their rows explicitly
 * (src/enrolment/privacy.ts). `crisis_answers` keeps every answer; the latest
 * (highest id) is the person's state. A link answer carries `link_key` (wave, person, answer), unique,
 * so the same answer link used twice records one answer.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema
    .createTable('crises')
    .addColumn('id', id, key)
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON arrays: ISO 3166-1 alpha-2 codes; ISO 3166-2 codes or area names; the destinations the regions narrow.
    .addColumn('destinations', 'text', (c) => c.notNull())
    .addColumn('regions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('region_destinations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('area_desc', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'closed')`))
    .addColumn('exercise', 'integer', (c) => c.notNull().defaultTo(0).check(sql`exercise in (0, 1)`))
    .addColumn('alert_id', ref, (c) => c.references('alerts.id').onDelete('set null'))
    .addColumn('advisory_revision_id', ref, (c) => c.references('advisory_revisions.id').onDelete('set null'))
    .addColumn('created_by', ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', ref, (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('crisis_waves')
    .addColumn('id', id, key)
    .addColumn('crisis_id', ref, (c) => c.notNull().references('crises.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('initial', 'follow-up')`))
    // Set in the transaction that adds the wave, once its event (whose payload names the wave) is written.
    .addColumn('event_id', ref, (c) => c.unique().references('events.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('crisis_waves_number', ['crisis_id', 'number'])
    .execute();

  await db.schema
    .createTable('crisis_people')
    .addColumn('crisis_id', ref, (c) => c.notNull().references('crises.id').onDelete('cascade'))
    .addColumn('traveller_id', ref, (c) => c.notNull())
    .addColumn('destination_code', 'text', (c) => c.notNull())
    // '' = the whole country (a key column cannot be null on PostgreSQL).
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('organisation_id', ref)
    .addColumn('first_wave_id', ref, (c) => c.notNull())
    .addPrimaryKeyConstraint('crisis_people_pk', ['crisis_id', 'traveller_id', 'destination_code', 'region'])
    .execute();
  await db.schema.createIndex('crisis_people_traveller').on('crisis_people').column('traveller_id').execute();

  await db.schema
    .createTable('crisis_answers')
    .addColumn('id', id, key)
    .addColumn('crisis_id', ref, (c) => c.notNull().references('crises.id').onDelete('cascade'))
    .addColumn('wave_id', ref, (c) => c.references('crisis_waves.id').onDelete('set null'))
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('safe', 'need_help', 'left')`))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('party_size', 'integer')
    .addColumn('note', 'text')
    .addColumn('details_at', 'text')
    .addColumn('link_key', 'text', (c) => c.unique())
    .execute();
  // The latest answer of each person in a crisis: max(id) per (crisis, traveller).
  await db.schema.createIndex('crisis_answers_person').on('crisis_answers').columns(['crisis_id', 'traveller_id', 'id']).execute();
  await db.schema.createIndex('crisis_answers_traveller').on('crisis_answers').column('traveller_id').execute();
}
