import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

/**
 * Failed staff sign-ins are also limited per client across all accounts (password spraying,
 * src/staff/lockout.ts): that count looks failures up by client address and time alone, which the
 * existing index (account, client, time) cannot serve.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema.createIndex('sign_in_failures_client').on('sign_in_failures').columns(['ip', 'at']).execute();
}
