import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Trip briefings (docs/enrolment.md "Told at once"): when a trip is enrolled or changed while a
 * destination is at Level 3–4, under a departure directive, or covered by active alerts, the
 * traveller is sent one urgent `trip.briefing` event. A row here records each state a trip was
 * briefed about: `state_key` names the advisory revisions and alert ids the message held, unique
 * per trip, so re-saving the same trip in the same state sends nothing new. Rows go with their trip.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';
  await db.schema
    .createTable('trip_briefings')
    .addColumn('id', id, key)
    .addColumn('trip_id', ref, (c) => c.notNull().references('trips.id').onDelete('cascade'))
    .addColumn('state_key', 'text', (c) => c.notNull())
    .addColumn('event_id', ref, (c) => c.references('events.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('trip_briefings_state', ['trip_id', 'state_key'])
    .execute();
}
