import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { idColumnType } from './columns.ts';

/**
 * The editorial workflow (docs/decisions/003-editorial-workflow.md): staff accounts, their console
 * sessions and API tokens, drafts, the audit log, settings, and the `events` outbox that the
 * notifications work reads. One open draft per destination is a partial unique index, so it holds
 * under concurrency on both engines; published drafts stay as the record of who wrote, approved
 * and published each revision.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = idColumnType(engine);
  const key = (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  // Foreign keys to an auto-increment key must have the same type on PostgreSQL (bigint).
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema
    .createTable('users')
    .addColumn('id', id, key)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('editor', 'reviewer', 'admin', 'crisis')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', id, key)
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('sign_in_failures')
    .addColumn('id', id, key)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_failures_key').on('sign_in_failures').columns(['email', 'ip', 'at']).execute();

  await db.schema
    .createTable('drafts')
    .addColumn('id', id, key)
    .addColumn('destination_code', 'text', (c) => c.notNull().references('destinations.code'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted', 'approved', 'scheduled', 'published')`))
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 4`))
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('risks', 'text', (c) => c.notNull())
    .addColumn('regions', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('departure_urged', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('change_type', 'text', (c) => c.check(sql`change_type in ('major', 'minor')`))
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('next_review_due', 'text')
    .addColumn('base_revision', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('author_id', ref, (c) => c.notNull().references('users.id'))
    .addColumn('updated_by', ref, (c) => c.notNull().references('users.id'))
    .addColumn('submitted_by', ref, (c) => c.references('users.id'))
    .addColumn('approved_by', ref, (c) => c.references('users.id'))
    .addColumn('scheduled_by', ref, (c) => c.references('users.id'))
    .addColumn('published_by', ref, (c) => c.references('users.id'))
    .addColumn('comment', 'text')
    .addColumn('publish_at', 'text')
    .addColumn('published_revision', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  // One open draft per destination: a partial unique index (both engines have them).
  await sql`create unique index drafts_one_open on drafts (destination_code) where status <> 'published'`.execute(db);
  await db.schema.createIndex('drafts_status').on('drafts').columns(['status', 'publish_at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, key)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', ref)
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('destination_code', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_destination').on('audit_log').columns(['destination_code', 'id']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'id']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', id, key)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('destination_code', 'text')
    .addColumn('revision', 'integer')
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute();
  await db.schema.createIndex('events_unprocessed').on('events').columns(['processed_at', 'id']).execute();
}
