import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * Assistance and consular cases (docs/cases.md), and the staff role that works them.
 *
 * The `users.role` check of migration 002 lists the roles; `consular` joins them. PostgreSQL
 * replaces the check. SQLite cannot change a check in place, so the table is rebuilt the way
 * SQLite's documentation prescribes (foreign keys off, copy, drop, rename, `foreign_key_check`):
 * Kysely runs SQLite migrations outside a transaction, which is what lets `foreign_keys = OFF`
 * take effect, and dropping the old table then deletes nothing that refers to it.
 *
 * A case's traveller links (`cases.traveller_id`, `case_people.traveller_id`) are set null when
 * the traveller deletes their account: the case is the consulate's record, and goes by its own
 * retention (closed cases are deleted after CASE_RETENTION_DAYS). `help_key` ("crisis:traveller")
 * is unique, so a person asking for help twice in one crisis has one case however the answers race.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await allowConsularRole(db, engine);
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema
    .createTable('cases')
    .addColumn('id', id, key)
    .addColumn('title', 'text', (c) => c.notNull())
    // Null until triage: a case opened by an "I need help" answer has no type yet.
    .addColumn('type', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'in_progress', 'closed')`))
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal').check(sql`priority in ('urgent', 'high', 'normal', 'low')`))
    .addColumn('outcome', 'text')
    // ISO 3166-1 alpha-2: where the case is (the host country of the dual-national flag).
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('crisis_id', ref, (c) => c.references('crises.id').onDelete('set null'))
    .addColumn('traveller_id', ref, (c) => c.references('travellers.id').onDelete('set null'))
    .addColumn('help_key', 'text', (c) => c.unique())
    .addColumn('assignee_id', ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['status', 'closed_at']).execute();
  await db.schema.createIndex('cases_traveller').on('cases').column('traveller_id').execute();

  const child = (name: string) => db.schema
    .createTable(name)
    .addColumn('id', id, key)
    .addColumn('case_id', ref, (c) => c.notNull().references('cases.id').onDelete('cascade'));

  await child('case_notes')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('note', 'check-in', 'system')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await child('case_contacts')
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('incoming', 'outgoing')`))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('contacted_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await child('case_people')
    .addColumn('traveller_id', ref, (c) => c.references('travellers.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull().check(sql`relation in ('traveller', 'party_member', 'next_of_kin')`))
    .addColumn('consent', 'integer', (c) => c.notNull().defaultTo(0).check(sql`consent in (0, 1)`))
    // JSON array of ISO 3166-1 alpha-2 codes.
    .addColumn('citizenships', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await child('case_access')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('requested', 'granted', 'denied', 'visit')`))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  for (const table of ['case_notes', 'case_contacts', 'case_people', 'case_access']) {
    await db.schema.createIndex(`${table}_case`).on(table).column('case_id').execute();
  }
  await db.schema.createIndex('case_people_traveller').on('case_people').column('traveller_id').execute();
}

const ROLES = sql`role in ('editor', 'reviewer', 'admin', 'crisis', 'consular')`;

async function allowConsularRole(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    const checks = await sql<{ name: string }>`select con.conname as name from pg_constraint con join pg_class rel on rel.oid = con.conrelid
      where rel.relname = 'users' and rel.relnamespace = current_schema()::regnamespace and con.contype = 'c' and pg_get_constraintdef(con.oid) like '%role%'`.execute(db);
    for (const { name } of checks.rows) await sql`alter table users drop constraint ${sql.id(name)}`.execute(db);
    await sql`alter table users add constraint users_role_check check (${ROLES})`.execute(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    await sql`create table users_015 (
      id integer primary key autoincrement, email text not null unique, name text not null default '',
      role text not null check (${ROLES}), password_hash text not null, created_at text not null, disabled integer not null default 0)`.execute(db);
    await sql`insert into users_015 (id, email, name, role, password_hash, created_at, disabled)
      select id, email, name, role, password_hash, created_at, disabled from users`.execute(db);
    await sql`drop table users`.execute(db);
    await sql`alter table users_015 rename to users`.execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length) throw new Error(`rebuilding users broke ${broken.rows.length} references`);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
