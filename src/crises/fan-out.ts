import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { CrisisWaveEvent } from '../notify/events.ts';
import { refreshReach } from './counters.ts';
import { insertUrgentDeliveries } from '../notify/urgent-deliveries.ts';
import type { Database } from '../store/schema.ts';

/**
 * Who a wave asks, as one SELECT of channels: of everyone the crisis has found in scope up to this
 * wave (its population, `crisis_people`, filled when each wave is sent), each confirmed, enabled
 * e-mail, webhook or verified SMS channel of a person not unsubscribed, and for a follow-up only
 * those with no answer yet. The population is a semi-join (EXISTS), so a channel comes once however
 * many places its person is listed at, with no grouping to undo the join (a million people: 2.9 s
 * against 4.7 s to select).
 */
function recipients(db: Kysely<Database>, crisisId: number, waveId: number, followUp: boolean) {
  return db
    .selectFrom('channels as c')
    .innerJoin('travellers as tr', 'tr.id', 'c.traveller_id')
    .where('tr.unsubscribed_at', 'is', null)
    .where('c.confirmed_at', 'is not', null)
    .where('c.disabled_at', 'is', null)
    .where('c.kind', 'in', ['email', 'webhook', 'sms'])
    .where((eb) => eb.exists(eb.selectFrom('crisis_people as p').select(sql.lit(1).as('one'))
      .where('p.crisis_id', '=', crisisId).whereRef('p.traveller_id', '=', 'c.traveller_id').where('p.first_wave_id', '<=', waveId)))
    .$if(followUp, (q) => q.where((eb) => eb.not(eb.exists(
      eb.selectFrom('crisis_answers as a').select(sql.lit(1).as('one')).whereRef('a.traveller_id', '=', 'c.traveller_id').where('a.crisis_id', '=', crisisId),
    ))));
}

/**
 * A wave's deliveries, all urgent, through the notification fan-out (src/notify/audience.ts) in the
 * transaction that sends the wave (waves.ts); the people asked are stored on the wave.
 */
export async function fanOutCrisisWave(trx: Kysely<Database>, event: CrisisWaveEvent, at: string): Promise<number> {
  const p = event.payload;
  // In channel order, the order of the (event, channel) key: PostgreSQL appends to that index
  // instead of writing all over it.
  const inserted = await insertUrgentDeliveries(trx, event.id, recipients(trx, p.crisisId, p.waveId, p.followUp).orderBy('c.id'), at);
  // The wave's progress starts as everything queued; triggers follow each change (migration 023).
  await trx.insertInto('crisis_wave_deliveries').values({ event_id: event.id, status: 'queued', slot: 0, n: inserted })
    .onConflict((oc) => oc.columns(['event_id', 'status', 'slot']).doUpdateSet({ n: sql`crisis_wave_deliveries.n + excluded.n` })).execute();
  // Without fresh statistics (autovacuum has not seen these rows yet) PostgreSQL plans the
  // reachability update below as a nested loop over the new rows: minutes at 100,000 people.
  if (inserted > 10_000 && trx.getExecutor().adapter instanceof PostgresAdapter) await sql`analyze deliveries`.execute(trx);
  // Who can be reached changed with these messages: the stored counts follow, in this transaction.
  await refreshReach(trx, p.crisisId, event.id);
  const asked = await trx.selectFrom('deliveries').select((eb) => eb.fn.count<number | string>('traveller_id').distinct().as('n')).where('event_id', '=', event.id).executeTakeFirstOrThrow();
  await trx.updateTable('crisis_waves').set({ people: Number(asked.n) }).where('id', '=', p.waveId).execute();
  return inserted;
}
