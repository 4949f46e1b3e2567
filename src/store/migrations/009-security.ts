import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

/**
 * Failed staff sign-ins stop keeping what was typed (docs/security.md):
 *
 * - `sign_in_failures` counted failures per typed address; it now counts them per `account_key`, a
 *   digest of the address (src/staff/lockout.ts). Its rows only live for the lock-out window, so
 *   they are dropped rather than converted: lock-outs in progress start again.
 * - `sign_in_refusals` lets a flood of refused (rate-limited) attempts share one audit entry per
 *   account (or "unknown account") and client per window, with a count, instead of one each.
 * - Earlier audit entries of failed sign-ins name what was typed, sometimes a password: those
 *   that name no staff account get the same marker new ones get.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';

  await sql`delete from sign_in_failures`.execute(db);
  await db.schema.alterTable('sign_in_failures').renameColumn('email', 'account_key').execute();

  await db.schema
    .createTable('sign_in_refusals')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('audit_id', ref)
    .addPrimaryKeyConstraint('sign_in_refusals_key', ['subject', 'ip'])
    .execute();

  await sql`
    update audit_log set subject = 'unknown account', actor_label = 'unknown account'
    where action = 'sign-in-failed' and subject not in (select email from users)`.execute(db);
}
