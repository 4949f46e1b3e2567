import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Travellers, their trips, subscriptions and channels, and the organisations that enrol them
 * (docs/enrolment.md). Relational on purpose: notification audiences are computed with set-based
 * SQL joins over these tables. Everything that belongs to a traveller is deleted with them
 * (ON DELETE CASCADE), so deleting the `travellers` row deletes the account.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  // Foreign keys to an auto-increment key must have the same type on PostgreSQL (bigint).
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema
    .createTable('organisations')
    .addColumn('id', id, key)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_normalised', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('travellers')
    .addColumn('id', id, key)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalised', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('emergency_contacts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('trip_advisories', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('trip_alerts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('trip_routine', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('trip_frequency', 'text', (c) => c.notNull().defaultTo('immediate').check(sql`trip_frequency in ('immediate', 'digest')`))
    .addColumn('confirmed_by', 'text', (c) => c.notNull().check(sql`confirmed_by in ('link', 'organisation')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('unsubscribed_at', 'text')
    .execute();

  await db.schema
    .createTable('traveller_citizenships')
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('country_code', 'text', (c) => c.notNull().references('destinations.code'))
    .addPrimaryKeyConstraint('traveller_citizenships_pk', ['traveller_id', 'country_code'])
    .execute();
  await db.schema.createIndex('traveller_citizenships_country').on('traveller_citizenships').column('country_code').execute();

  await db.schema
    .createTable('sign_in_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalised', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('sign_in_links_email').on('sign_in_links').columns(['email_normalised', 'created_at']).execute();

  await db.schema
    .createTable('traveller_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('traveller_sessions_traveller').on('traveller_sessions').column('traveller_id').execute();

  await db.schema
    .createTable('organisation_members')
    .addColumn('organisation_id', ref, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organisation_members_pk', ['organisation_id', 'traveller_id'])
    .execute();
  await db.schema.createIndex('organisation_members_traveller').on('organisation_members').column('traveller_id').execute();

  await db.schema
    .createTable('trips')
    .addColumn('id', id, key)
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('organisation_id', ref, (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('import_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addCheckConstraint('trips_dates', sql`end_date is null or end_date >= start_date`)
    .execute();
  await db.schema.createIndex('trips_traveller').on('trips').column('traveller_id').execute();
  await db.schema.createIndex('trips_end_date').on('trips').column('end_date').execute();
  await db.schema.createIndex('trips_organisation').on('trips').column('organisation_id').execute();

  await db.schema
    .createTable('trip_destinations')
    .addColumn('id', id, key)
    .addColumn('trip_id', ref, (c) => c.notNull().references('trips.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('destination_code', 'text', (c) => c.notNull().references('destinations.code'))
    .addColumn('region', 'text')
    .addUniqueConstraint('trip_destinations_position', ['trip_id', 'position'])
    .execute();
  await db.schema.createIndex('trip_destinations_destination').on('trip_destinations').columns(['destination_code', 'trip_id']).execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', id, key)
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('destination', 'level4')`))
    .addColumn('destination_code', 'text', (c) => c.references('destinations.code'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('advisories', 'integer', (c) => c.notNull())
    .addColumn('alerts', 'integer', (c) => c.notNull())
    .addColumn('routine', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('immediate', 'digest')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('subscriptions_topic', ['traveller_id', 'topic'])
    .addCheckConstraint('subscriptions_destination', sql`(kind = 'destination') = (destination_code is not null)`)
    .execute();
  await db.schema.createIndex('subscriptions_destination').on('subscriptions').column('destination_code').execute();
  await db.schema.createIndex('subscriptions_kind').on('subscriptions').column('kind').execute();

  await db.schema
    .createTable('channels')
    .addColumn('id', id, key)
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email', 'webhook', 'sms')`))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('disabled_reason', 'text')
    .addUniqueConstraint('channels_address', ['traveller_id', 'kind', 'address'])
    .execute();
  await db.schema.createIndex('channels_traveller').on('channels').column('traveller_id').execute();

  await db.schema
    .createTable('enrolment_counts')
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('enrolment_counts_pk', ['metric', 'day'])
    .execute();
}
