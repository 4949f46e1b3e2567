import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { tally, type CrisisCounts, type PersonState } from '../domain/crises.ts';
import type { Database } from '../store/schema.ts';
import { SLOTS } from '../store/migrations/018-crisis-counters.ts';

/**
 * The stored counts of a crisis (migration 018, docs/crises.md "Counts"): kept here, set-based, when
 * a wave adds people and when a wave's fan-out changes who can be reached; kept by triggers when
 * answers come in and deliveries fail, bounce or go. `recountCrisis` (recount.ts) is the reference.
 */

const COUNTED: readonly [keyof CrisisCounts, string, PersonState][] = [
  ['safe', 'n_safe', 'safe'], ['needHelp', 'n_need_help', 'need_help'], ['left', 'n_left', 'left'],
  ['noAnswer', 'n_no_answer', 'no_answer'], ['undeliverable', 'n_undeliverable', 'undeliverable'],
];
const COLUMNS = COUNTED.map(([, column]) => column).join(', ');
const state = (p: string) => `coalesce(${p}.answer, case when ${p}.unreachable = 1 then 'undeliverable' else 'no_answer' end)`;
const sums = (p: string) => COUNTED.map(([, column, s]) => `sum(case when ${state(p)} = '${s}' then 1 else 0 end) as ${column}`).join(', ');
const LIVE = sql`('queued', 'sending', 'sent')`;
const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * After a wave added people (`first_wave_id` = the wave): their rows take the state the person
 * already has (a new place of someone counted before; an answer given before), and the counts
 * grow by them: per place, and once per person not counted before. The upsert takes the counter
 * rows it updates one after another, in the order of its rows: the answer triggers' key order
 * (`lockCounterRows`).
 */
export async function countNewPeople(trx: Kysely<Database>, crisisId: number, waveId: number): Promise<void> {
  const c = sql.lit(crisisId);
  const w = sql.lit(waveId);
  const known = await sql<{ one: number }>`select 1 as one from crisis_answers where crisis_id = ${c}
    union all select 1 from crisis_waves where crisis_id = ${c} and id < ${w} limit 1`.execute(trx);
  const older = sql`exists (select 1 from crisis_people o where o.crisis_id = ${c} and o.traveller_id = p.traveller_id and o.first_wave_id < ${w})`;
  if (known.rows.length > 0) {
    await sql`update crisis_people as p set
        answer_id = (select max(a.id) from crisis_answers a where a.crisis_id = ${c} and a.traveller_id = p.traveller_id),
        unreachable = coalesce((select max(o.unreachable) from crisis_people o where o.crisis_id = ${c} and o.traveller_id = p.traveller_id and o.first_wave_id < ${w}), 0)
      where p.crisis_id = ${c} and p.first_wave_id = ${w}
        and (${older} or exists (select 1 from crisis_answers a where a.crisis_id = ${c} and a.traveller_id = p.traveller_id))`.execute(trx);
    await sql`update crisis_people as p set answer = (select a.answer from crisis_answers a where a.id = p.answer_id)
      where p.crisis_id = ${c} and p.first_wave_id = ${w} and p.answer_id is not null`.execute(trx);
  }
  const add = sql.raw(COUNTED.map(([, column]) => `${column} = crisis_counts.${column} + excluded.${column}`).join(', '));
  // Counted first (MATERIALIZED), then sorted: asked to sort the union itself, PostgreSQL sorts the
  // million rows before grouping them (0.55 s more, EXPLAIN ANALYZE) instead of the few dozen after.
  await sql`with counted as materialized (
      select ${c} as crisis_id, p.destination_code, p.region, p.traveller_id % ${sql.lit(SLOTS)} as slot, ${sql.raw(sums('p'))}
      from crisis_people p where p.crisis_id = ${c} and p.first_wave_id = ${w}
      group by p.destination_code, p.region, p.traveller_id % ${sql.lit(SLOTS)}
      union all
      select ${c}, '', '', p.slot, ${sql.raw(sums('p'))}
      from (select p.traveller_id % ${sql.lit(SLOTS)} as slot, max(p.answer) as answer, max(p.unreachable) as unreachable
            from crisis_people p where p.crisis_id = ${c} and p.first_wave_id = ${w}${known.rows.length > 0 ? sql` and not ${older}` : sql``}
            group by p.traveller_id) p
      group by p.slot
    )
    insert into crisis_counts (crisis_id, destination_code, region, slot, ${sql.raw(COLUMNS)})
    select * from counted where true order by destination_code, region, slot
    on conflict (crisis_id, destination_code, region, slot) do update set ${add}`.execute(trx);
}

/**
 * After a wave's fan-out: everyone of the population with no live message (none queued, being sent
 * or sent) is unreachable, everyone with one is not. Only the rows that change are written, and
 * the counts move by them (an answered person's state is their answer either way).
 */
export async function refreshReach(trx: Kysely<Database>, crisisId: number, eventId: number): Promise<void> {
  const c = sql.lit(crisisId);
  const events = sql`select event_id from crisis_waves where crisis_id = ${c} and event_id is not null`;
  // PostgreSQL turns EXISTS into a hash (anti-)join; SQLite builds NOT IN's list once.
  const live = isPostgres(trx)
    ? sql`exists (select 1 from deliveries d where d.event_id in (${events}) and d.traveller_id = p.traveller_id and d.status in ${LIVE})`
    : sql`p.traveller_id in (select d.traveller_id from deliveries d where d.event_id in (${events}) and d.status in ${LIVE})`;
  type Changed = { traveller_id: number; destination_code: string; region: string; answer: string | null };
  // Only the new messages can make someone reachable again (the triggers follow re-queued ones).
  const fresh = isPostgres(trx)
    ? sql`exists (select 1 from deliveries d where d.event_id = ${sql.lit(eventId)} and d.traveller_id = p.traveller_id)`
    : sql`p.traveller_id in (select d.traveller_id from deliveries d where d.event_id = ${sql.lit(eventId)})`;
  const anyUnreachable = await sql`select 1 as one from crisis_people where crisis_id = ${c} and unreachable = 1 limit 1`.execute(trx);
  const found = anyUnreachable.rows.length === 0 ? { rows: [] as Changed[] } : await sql<Changed>`update crisis_people as p set unreachable = 0
    where p.crisis_id = ${c} and p.unreachable = 1 and ${fresh} returning traveller_id, destination_code, region, answer`.execute(trx);
  const lost = await sql<Changed>`update crisis_people as p set unreachable = 1 where p.crisis_id = ${c} and p.unreachable = 0 and not ${live}
    returning traveller_id, destination_code, region, answer`.execute(trx);
  // Deltas of "undeliverable" (−"no answer") per counter row; a person counts once in everyone's row.
  const deltas = new Map<string, number>();
  const people = new Map<number, number>();
  const add = (rows: Changed[], by: number) => {
    for (const r of rows) {
      if (r.answer !== null) continue;
      const key = `${r.destination_code}\u0000${r.region}\u0000${Number(r.traveller_id) % SLOTS}`;
      deltas.set(key, (deltas.get(key) ?? 0) + by);
      people.set(Number(r.traveller_id), by);
    }
  };
  add(lost.rows, 1);
  add(found.rows, -1);
  for (const [traveller, by] of people) {
    const key = `\u0000\u0000${traveller % SLOTS}`;
    deltas.set(key, (deltas.get(key) ?? 0) + by);
  }
  const moves = [...deltas].filter(([, by]) => by !== 0).map(([key, by]) => {
    const [destination, region, slot] = key.split('\u0000') as [string, string, string];
    return { destination, region, slot: Number(slot), by };
  });
  await lockCounterRows(trx, crisisId, moves);
  for (const { destination, region, slot, by } of moves) {
    await trx.updateTable('crisis_counts')
      .set({ n_undeliverable: sql`n_undeliverable + ${by}`, n_no_answer: sql`n_no_answer - ${by}` })
      .where('crisis_id', '=', crisisId).where('destination_code', '=', destination).where('region', '=', region).where('slot', '=', slot)
      .execute();
  }
}

/**
 * Takes the row locks of these counter rows on PostgreSQL in the order the answer triggers take
 * theirs (destination, region, slot, as the database sorts them: slot 7 before 10, its collation
 * for text), so a wave and an answer never each hold a row the other waits for. Sorting the keys
 * in JavaScript would not do: strings put slot '10' before '7', and code units are not the
 * database's collation. SQLite locks the whole database and needs nothing.
 */
async function lockCounterRows(trx: Kysely<Database>, crisisId: number, keys: { destination: string; region: string; slot: number }[]): Promise<void> {
  if (!isPostgres(trx) || keys.length === 0) return;
  await sql`select 1 from crisis_counts k
    join unnest(${keys.map((k) => k.destination)}::text[], ${keys.map((k) => k.region)}::text[], ${keys.map((k) => k.slot)}::int[]) as u(destination_code, region, slot)
      on u.destination_code = k.destination_code and u.region = k.region and u.slot = k.slot
    where k.crisis_id = ${crisisId} order by k.destination_code, k.region, k.slot for update of k`.execute(trx);
}

export interface StoredCounts {
  counts: CrisisCounts;
  byPlace: { destination: string; region: string; counts: CrisisCounts }[];
}

/**
 * The counts as stored: a few rows per place whatever the crisis's size. While a wave waits for its
 * fan-out nobody counts as undeliverable yet (its messages may reach them).
 */
export async function readCounts(db: Kysely<Database>, crisisId: number, pending: boolean): Promise<StoredCounts> {
  const rows = await db.selectFrom('crisis_counts')
    .select((eb) => ['destination_code', 'region', ...COUNTED.map(([, column]) => eb.fn.sum<number | string>(column as 'n_safe').as(column))])
    .where('crisis_id', '=', crisisId)
    .groupBy(['destination_code', 'region'])
    .execute();
  const read = (row: Record<string, unknown>): CrisisCounts => {
    const counts = tally(COUNTED.map(([, column, s]) => ({ state: s, n: Number(row[column] ?? 0) })));
    return pending ? { ...counts, noAnswer: counts.noAnswer + counts.undeliverable, undeliverable: 0 } : counts;
  };
  const everyone = rows.find((r) => r.destination_code === '');
  return {
    counts: everyone ? read(everyone) : tally([]),
    byPlace: rows.filter((r) => r.destination_code !== '' && COUNTED.some(([, column]) => Number((r as Record<string, unknown>)[column]) > 0))
      .map((r) => ({ destination: r.destination_code, region: r.region, counts: read(r) })),
  };
}

/** A wave still waiting for the worker's fan-out: until it has run, nobody counts as undeliverable. */
export async function wavePending(db: Kysely<Database>, crisisId: number): Promise<boolean> {
  const row = await db.selectFrom('crisis_waves as w').innerJoin('events as e', 'e.id', 'w.event_id')
    .select('w.id').where('w.crisis_id', '=', crisisId).where('e.fanned_out_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}
