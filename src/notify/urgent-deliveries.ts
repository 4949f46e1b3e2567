import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../store/schema.ts';

/** 0 urgent, 1 routine, 2 digest: the order workers claim in. */
export const PRIORITY = { urgent: 0, routine: 1, digest: 2 } as const;

/** A delivery row's columns, in the order every fan-out's INSERT … SELECT writes them. */
export const DELIVERY_COLUMNS = ['event_id', 'traveller_id', 'channel_id', 'channel_kind', 'priority', 'next_attempt_at', 'created_at'] as const;

/**
 * Writes one urgent delivery, due at once, for each channel (aliased `c`) that `channels` selects,
 * with ONE INSERT … SELECT, and returns how many: the fan-out of events addressed to people already
 * known (a crisis's population, a trip's traveller) rather than to subscribers (audience.ts). Run
 * inside the transaction that marks the event fanned out; the (event, channel) key of `deliveries`
 * makes a second copy impossible. A message that is not urgent (an organisation's) passes `PRIORITY.routine`.
 */
export async function insertUrgentDeliveries<DB, TB extends keyof DB>(
  trx: Kysely<Database>, eventId: number, channels: SelectQueryBuilder<DB, TB, object>, at: string, priority: number = PRIORITY.urgent,
): Promise<number> {
  const rows = channels.select([
    sql<number>`${sql.lit(eventId)}`.as('event_id'),
    sql<number>`c.traveller_id`.as('traveller_id'),
    sql<number>`c.id`.as('channel_id'),
    sql<string>`c.kind`.as('channel_kind'),
    sql<number>`${sql.lit(priority)}`.as('priority'),
    sql<string>`cast(${at} as text)`.as('next_attempt_at'),
    sql<string>`cast(${at} as text)`.as('created_at'),
  ]);
  const result = await trx.insertInto('deliveries').columns(DELIVERY_COLUMNS).expression(rows).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** People and messages (one per channel) a fan-out would reach. */
export interface Reach {
  people: number;
  deliveries: number;
}

/**
 * How many messages and people the channels (aliased `c`) that `channels` selects would get, by the
 * same SELECT `insertUrgentDeliveries` writes from, writing nothing: what a wave's 202 and an
 * organisation's message form say before anything is sent.
 */
export async function countReach<DB, TB extends keyof DB>(trx: Kysely<Database>, channels: SelectQueryBuilder<DB, TB, object>): Promise<Reach> {
  const rows = channels.select([sql<number>`c.id`.as('channel_id'), sql<number>`c.traveller_id`.as('traveller_id')]);
  const result = await sql<{ deliveries: number | string; people: number | string }>`select count(*) as deliveries, count(distinct r.traveller_id) as people from (${rows}) as r`.execute(trx);
  const row = result.rows[0]!;
  return { people: Number(row.people), deliveries: Number(row.deliveries) };
}
