import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { PeerChangeEvent } from './events.ts';
import { DELIVERY_COLUMNS, PRIORITY } from './urgent-deliveries.ts';

/**
 * Who hears that another government changed its advice (docs/notifications.md, "Other
 * governments' advice"): only travellers who turned it on (`travellers.peer_changes`, off by
 * default), about their destinations — a trip there that is not cancelled and not over, or a
 * subscription to it — on their confirmed, enabled e-mail and webhook channels (never SMS: it is
 * not urgent), unless they stopped all messages. Held for the digest unless they chose immediate.
 */
export async function fanOutPeerChange(trx: Kysely<Database>, event: PeerChangeEvent, at: string, digestAt: string): Promise<number> {
  const code = event.payload.code;
  const today = at.slice(0, 10);
  const destinations = trx.selectFrom('trips as t').innerJoin('trip_destinations as td', 'td.trip_id', 't.id').select('t.traveller_id as traveller_id')
    .where('td.destination_code', '=', code).where('t.cancelled_at', 'is', null)
    .where((eb) => eb.or([eb('t.end_date', 'is', null), eb('t.end_date', '>=', today)]))
    .union(trx.selectFrom('subscriptions as s').select('s.traveller_id as traveller_id').where('s.kind', '=', 'destination').where('s.destination_code', '=', code));
  const digest = sql<boolean>`tr.peer_frequency = 'digest'`;
  const rows = trx.selectFrom(destinations.as('m'))
    .innerJoin('travellers as tr', 'tr.id', 'm.traveller_id')
    .innerJoin('channels as c', 'c.traveller_id', 'tr.id')
    .where('tr.peer_changes', '=', 1)
    .where('tr.unsubscribed_at', 'is', null)
    .where('c.confirmed_at', 'is not', null)
    .where('c.disabled_at', 'is', null)
    .where('c.kind', 'in', ['email', 'webhook'])
    .select([
      sql<number>`${sql.lit(event.id)}`.as('event_id'),
      'c.traveller_id as traveller_id',
      'c.id as channel_id',
      'c.kind as channel_kind',
      sql<number>`case when ${digest} then ${sql.lit(PRIORITY.digest)} else ${sql.lit(PRIORITY.routine)} end`.as('priority'),
      sql<string>`case when ${digest} then cast(${digestAt} as text) else cast(${at} as text) end`.as('next_attempt_at'),
      sql<string>`cast(${at} as text)`.as('created_at'),
    ]);
  const result = await trx.insertInto('deliveries').columns(DELIVERY_COLUMNS).expression(rows).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
