import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Organisations start unverified (docs/security.md, "Organisations"): a staff admin verifies one
 * (`verified_at`, `verified_by`) or withdraws the verification (`withdrawn_at`, `withdrawn_by`),
 * each change also in the audit log. Existing organisations become unverified too: nobody checked
 * who they are. People who already have an account are invited, not attached: an invitation and
 * the trips it would add wait in `organisation_invitations` and `invitation_trips` until they
 * accept; a declined one stays (with `declined_at`) so a re-import neither invites again nor
 * reports anything different from an address without an account. `organisation_daily_counts` holds what each organisation imported and mailed per UTC day
 * (ORG_DAILY_IMPORT_LIMIT).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema.alterTable('organisations').addColumn('created_by', ref, (c) => c.references('travellers.id').onDelete('set null')).execute();
  await db.schema.alterTable('organisations').addColumn('verified_at', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('verified_by', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('withdrawn_by', 'text').execute();

  await db.schema
    .createTable('organisation_invitations')
    .addColumn('id', id, key)
    .addColumn('organisation_id', ref, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('traveller_id', ref, (c) => c.notNull().references('travellers.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('declined_at', 'text')
    .addUniqueConstraint('organisation_invitations_once', ['organisation_id', 'traveller_id'])
    .execute();
  await db.schema.createIndex('organisation_invitations_traveller').on('organisation_invitations').column('traveller_id').execute();

  await db.schema
    .createTable('invitation_trips')
    .addColumn('id', id, key)
    .addColumn('invitation_id', ref, (c) => c.notNull().references('organisation_invitations.id').onDelete('cascade'))
    .addColumn('import_key', 'text', (c) => c.notNull().unique())
    .addColumn('destination_code', 'text', (c) => c.notNull().references('destinations.code'))
    .addColumn('region', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addCheckConstraint('invitation_trips_dates', sql`end_date is null or end_date >= start_date`)
    .execute();
  await db.schema.createIndex('invitation_trips_invitation').on('invitation_trips').column('invitation_id').execute();

  await db.schema
    .createTable('organisation_daily_counts')
    .addColumn('organisation_id', ref, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('organisation_daily_counts_pk', ['organisation_id', 'day'])
    .execute();
}
