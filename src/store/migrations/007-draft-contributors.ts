import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

/**
 * The two-person rule is about content, not names (docs/decisions/003-editorial-workflow.md):
 * `draft_contributors` keeps everyone who changed what a draft says since its base revision, with
 * the draft. Approval pins what was approved: `approved_version` is the version the reviewer saw,
 * `approved_digest` a fingerprint of the approved fields that publishing checks.
 *
 * Drafts already open keep their author and last editor as contributors: the closest record there
 * is of who wrote them, and what the rule refused before.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await db.schema
    .createTable('draft_contributors')
    .addColumn('draft_id', ref, (c) => c.notNull().references('drafts.id').onDelete('cascade'))
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id'))
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('draft_contributors_pk', ['draft_id', 'user_id'])
    .execute();

  await db.schema.alterTable('drafts').addColumn('approved_version', 'integer').execute();
  await db.schema.alterTable('drafts').addColumn('approved_digest', 'text').execute();

  await backfillContributors(db);
}

/** Open drafts' author and last editor become their contributors (exported for its test). */
export async function backfillContributors(db: Kysely<unknown>): Promise<void> {
  await sql`insert into draft_contributors (draft_id, user_id, first_at, last_at)
    select id, author_id, created_at, updated_at from drafts where status <> 'published'
    union
    select id, updated_by, updated_at, updated_at from drafts where status <> 'published' and updated_by <> author_id`.execute(db);
}
