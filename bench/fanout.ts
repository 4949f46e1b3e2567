/**
 * Fan-out speed (issue 6): N travellers with current trips to one destination (every 5th also
 * subscribed to it, every 10th unsubscribed); a major change is published; how long until every
 * delivery is queued? `fanOutEvent` (src/notify/audience.ts, built with Kysely) against the bare
 * INSERT … SELECT written by hand, same database, same run, alternating rounds; the deliveries
 * table is emptied (untimed) before each round. Prints medians, their ratio and the process's
 * peak RSS (the work happens in the database, so it must stay flat however many travellers).
 *
 *   node bench/fanout.ts [--travellers 1000000] [--rounds 3] [--database sqlite|postgres]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { fanOutEvent } from '../src/notify/audience.ts';
import { addAdvisoryEvent, median, openBenchStore, seedTravellers } from './notify-fixtures.ts';

const { values: options } = parseArgs({
  options: {
    travellers: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '3' },
    database: { type: 'string', default: 'sqlite' },
  },
});
const N = Number(options.travellers);
const rounds = Number(options.rounds);
const NOW = new Date('2026-03-01T10:00:00Z');

const bench = await openBenchStore(options.database, 'fanout');
const { store } = bench;
const db = store.db;
let seconds = performance.now();
await seedTravellers(store, { travellers: N, destinations: ['RU'], subscriberEvery: 5, unsubscribedEvery: 10 });
console.log(`${store.engine}: seeded ${N.toLocaleString('en')} travellers in ${((performance.now() - seconds) / 1000).toFixed(1)} s`);

async function emptyQueue(): Promise<void> {
  await (store.engine === 'postgres' ? sql`truncate deliveries` : sql`delete from deliveries`).execute(db);
}

async function waypost(): Promise<{ ms: number; rows: number }> {
  await emptyQueue();
  const id = await addAdvisoryEvent(store, 'RU', 'Russia');
  const started = performance.now();
  const result = await fanOutEvent(db, id, NOW);
  return { ms: performance.now() - started, rows: result?.inserted ?? 0 };
}

async function raw(): Promise<{ ms: number; rows: number }> {
  await emptyQueue();
  const id = await addAdvisoryEvent(store, 'RU', 'Russia');
  const at = NOW.toISOString();
  const started = performance.now();
  const result = await sql`
    insert into deliveries (event_id, traveller_id, channel_id, channel_kind, priority, next_attempt_at, created_at)
    select ${sql.lit(id)}, c.traveller_id, c.id, c.kind, 0, cast(${at} as text), cast(${at} as text)
    from (
      select t.traveller_id from trips t join trip_destinations td on td.trip_id = t.id
      where td.destination_code = 'RU' and t.cancelled_at is null and (t.end_date is null or t.end_date >= '2026-03-01')
      union
      select s.traveller_id from subscriptions s where s.kind = 'destination' and s.destination_code = 'RU'
    ) m
    join travellers tr on tr.id = m.traveller_id
    join channels c on c.traveller_id = tr.id
    where tr.unsubscribed_at is null and c.confirmed_at is not null and c.disabled_at is null and c.kind in ('email', 'webhook')`.execute(db);
  return { ms: performance.now() - started, rows: Number(result.numAffectedRows ?? 0n) };
}

const ours: number[] = [];
const theirs: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const a = await waypost();
  const b = await raw();
  if (a.rows !== b.rows) throw new Error(`fanOutEvent queued ${a.rows} deliveries, the hand-written SQL ${b.rows}`);
  ours.push(a.ms);
  theirs.push(b.ms);
  console.log(`round ${round}: fanOutEvent ${a.rows.toLocaleString('en')} deliveries in ${a.ms.toFixed(0)} ms · hand-written SQL in ${b.ms.toFixed(0)} ms`);
}
seconds = median(ours) / 1000;
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(`${store.engine}, ${N.toLocaleString('en')} travellers: fanOutEvent median ${median(ours).toFixed(0)} ms (${Math.round((N * 0.9) / seconds).toLocaleString('en')} deliveries/s), hand-written median ${median(theirs).toFixed(0)} ms; ratio ${(median(ours) / median(theirs)).toFixed(2)} (1.00 = no overhead); peak RSS ${rssMb.toFixed(0)} MB`);
await bench.dispose();
