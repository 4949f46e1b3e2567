import { sql, type Kysely } from 'kysely';
import { tally, type PersonState } from '../domain/crises.ts';
import type { Database } from '../store/schema.ts';
import { wavePending, type StoredCounts } from './counters.ts';

/**
 * A crisis's counts recomputed from the raw tables (population, answers, deliveries), with one SQL
 * expression for the rule `personState` (src/domain/crises.ts): the reference the stored counts
 * (counters.ts) are tested against. It reads every person, answer and delivery of the crisis:
 * about a second per 100,000 people, so nothing on a request path calls it.
 */

/** Each person (or each person and place, `byPlace`) of the crisis with their state. */
function states(db: Kysely<Database>, crisisId: number, pending: boolean, byPlace: boolean) {
  const people = byPlace
    ? db.selectFrom('crisis_people').select(['traveller_id', 'destination_code', 'region']).where('crisis_id', '=', crisisId)
    : db.selectFrom('crisis_people').select(['traveller_id', sql<string>`''`.as('destination_code'), sql<string>`''`.as('region')]).where('crisis_id', '=', crisisId).groupBy('traveller_id');
  const latest = db.selectFrom('crisis_answers').select((eb) => ['traveller_id', eb.fn.max('id').as('id')]).where('crisis_id', '=', crisisId).groupBy('traveller_id');
  const reached = db.selectFrom('deliveries as d').innerJoin('crisis_waves as w', 'w.event_id', 'd.event_id')
    .select('d.traveller_id').where('w.crisis_id', '=', crisisId).where('d.status', 'in', ['queued', 'sending', 'sent']).groupBy('d.traveller_id');
  return db
    .selectFrom(people.as('p'))
    .leftJoin(latest.as('l'), 'l.traveller_id', 'p.traveller_id')
    .leftJoin('crisis_answers as a', 'a.id', 'l.id')
    .leftJoin(reached.as('r'), 'r.traveller_id', 'p.traveller_id')
    .select([
      'p.traveller_id', 'p.destination_code', 'p.region',
      sql<PersonState>`case when a.answer is not null then a.answer when r.traveller_id is not null or ${sql.lit(pending ? 1 : 0)} = 1 then 'no_answer' else 'undeliverable' end`.as('state'),
    ]);
}

export async function recountCrisis(db: Kysely<Database>, crisisId: number): Promise<StoredCounts> {
  const pending = await wavePending(db, crisisId);
  const count = async (byPlace: boolean) => db
    .selectFrom(states(db, crisisId, pending, byPlace).as('s'))
    .select((eb) => ['s.destination_code', 's.region', 's.state', eb.fn.countAll<number>().as('n')])
    .groupBy(['s.destination_code', 's.region', 's.state'])
    .execute();
  const places = new Map<string, { destination: string; region: string; rows: { state: PersonState; n: number }[] }>();
  for (const row of await count(true)) {
    const key = `${row.destination_code}\u0000${row.region}`;
    if (!places.has(key)) places.set(key, { destination: row.destination_code, region: row.region, rows: [] });
    places.get(key)!.rows.push({ state: row.state, n: Number(row.n) });
  }
  return {
    counts: tally((await count(false)).map((r) => ({ state: r.state, n: Number(r.n) }))),
    byPlace: [...places.values()].map(({ destination, region, rows }) => ({ destination, region, counts: tally(rows) })),
  };
}
