import { sql, type Kysely } from 'kysely';

/**
 * "Tell me when another government changes its advice for my destinations"
 * (docs/notifications.md): a choice per traveller, off for everyone until they turn it on
 * (existing accounts included), and delivered in the daily digest unless they choose otherwise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('travellers').addColumn('peer_changes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('travellers').addColumn('peer_frequency', 'text', (c) => c.notNull().defaultTo('digest').check(sql`peer_frequency in ('immediate', 'digest')`)).execute();
}
