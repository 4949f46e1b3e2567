import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Departure assistance (docs/crises.md "Departure assistance"). `departure_requests`: a person in a
 * crisis's population asking for help to leave — one per person and crisis (a second submission
 * updates it), its `departure_id` the one departure it is assigned to (so never two) and
 * `boarded_at` once they boarded. `departures`: a flight, bus or ship staff organise for a crisis,
 * with its capacity in persons. `departure_messages`: what staff told a departure's people, each
 * one `departure.message` event the worker fans out once per person and channel. Requests go with
 * their traveller (ON DELETE CASCADE) and their crisis.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema
    .createTable('departures')
    .addColumn('id', id, key)
    .addColumn('crisis_id', ref, (c) => c.notNull().references('crises.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('flight', 'bus', 'ship', 'other')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('meeting_point', 'text', (c) => c.notNull())
    .addColumn('meeting_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status in ('planned', 'boarding', 'departed', 'cancelled')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('departures_crisis').on('departures').column('crisis_id').execute();

  await db.schema
    .createTable('departure_requests')
    .addColumn('id', id, key)
    .addColumn('crisis_id', ref, (c) => c.notNull().references('crises.id').onDelete('cascade'))
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('party_size', 'integer', (c) => c.notNull().check(sql`party_size > 0`))
    .addColumn('dependants', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON arrays of ISO 3166-1 alpha-2 codes.
    .addColumn('citizenships', 'text', (c) => c.notNull())
    .addColumn('passports', 'text', (c) => c.notNull())
    .addColumn('special_needs', 'text')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    // How it last came: 'link' (a check-in message's signed link) or 'account'.
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('departure_id', ref, (c) => c.references('departures.id').onDelete('set null'))
    .addColumn('boarded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('departure_requests_person', ['crisis_id', 'traveller_id'])
    .execute();
  await db.schema.createIndex('departure_requests_departure').on('departure_requests').column('departure_id').execute();
  await db.schema.createIndex('departure_requests_traveller').on('departure_requests').column('traveller_id').execute();

  await db.schema
    .createTable('departure_messages')
    .addColumn('id', id, key)
    .addColumn('departure_id', ref, (c) => c.notNull().references('departures.id').onDelete('cascade'))
    .addColumn('event_id', ref, (c) => c.unique().references('events.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .execute();
}
