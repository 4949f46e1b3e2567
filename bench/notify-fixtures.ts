/**
 * Shared by the notification benchmarks: a throw-away database (a temporary SQLite file, or a
 * fresh PostgreSQL schema that is dropped afterwards) and travellers seeded with set-based SQL,
 * so that a million of them take seconds rather than the benchmark's whole budget.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { connect, withDefaultUser, type Store } from '../src/store/connect.ts';
import { migrate } from '../src/store/migrate.ts';
import { ADVISORY_PUBLISHED, writeEvent } from '../src/notify/events.ts';
import { advisoryPublishedPayload } from '../src/notify/advisory-payload.ts';

export interface BenchStore {
  store: Store;
  /** What `waypost worker` processes need in DATABASE_URL to reach the same data. */
  url: string;
  dispose(): Promise<void>;
}

export async function openBenchStore(engine: string, label: string): Promise<BenchStore> {
  if (engine === 'postgres') {
    const base = process.env.BENCH_DATABASE_URL ?? 'postgres://localhost/test';
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: withDefaultUser(base) });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const store = connect(base, { schema });
    await migrate(store);
    const separator = base.includes('?') ? '&' : '?';
    return {
      store,
      url: `${base}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      async dispose() {
        await store.close();
        const c = new pg.Client({ connectionString: withDefaultUser(base) });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  const url = `sqlite:${join(mkdtempSync(join(tmpdir(), `waypost-bench-${label}-`)), 'bench.db')}`;
  const store = connect(url);
  await migrate(store);
  return { store, url, dispose: () => store.close() };
}

export interface SeedOptions {
  travellers: number;
  /** Destination codes the trips go to, round-robin by traveller id. */
  destinations: string[];
  /** Every n-th traveller also subscribes to their destination (0 = nobody). */
  subscriberEvery?: number;
  /** Every n-th traveller has unsubscribed from everything (0 = nobody). */
  unsubscribedEvery?: number;
}

const T0 = '2026-01-01T00:00:00.000Z';

/**
 * Travellers 1..n, each with a confirmed e-mail channel and one open-ended trip. Runs in
 * chunks of 100,000 rows (one INSERT … SELECT per table per chunk) to keep transactions modest.
 */
export async function seedTravellers(store: Store, options: SeedOptions): Promise<void> {
  const { db } = store;
  const codes = options.destinations;
  const subscriberEvery = options.subscriberEvery ?? 0;
  const unsubscribedEvery = options.unsubscribedEvery ?? 0;
  // A numbered list of destinations to pick from: d.k = traveller id mod count.
  const picks = sql.join(codes.map((code, k) => sql`select ${sql.lit(k)} as k, ${code} as code`), sql` union all `);
  const chunk = 100_000;
  for (let from = 1; from <= options.travellers; from += chunk) {
    const to = Math.min(options.travellers, from + chunk - 1);
    const series = sql`with recursive n(i) as (select ${sql.lit(from)} union all select i + 1 from n where i < ${sql.lit(to)})`;
    await db.transaction().execute(async (trx) => {
      await sql`${series}
        insert into travellers (id, email, email_normalised, confirmed_by, created_at, confirmed_at, unsubscribed_at)
        select i, 'p' || i || '@example.org', 'p' || i || '@example.org', 'link', ${T0}, ${T0},
               case when ${sql.lit(unsubscribedEvery)} > 0 and i % ${sql.lit(Math.max(1, unsubscribedEvery))} = 0 then ${T0} end
        from n`.execute(trx);
      await sql`${series}
        insert into channels (id, traveller_id, kind, address, created_at, confirmed_at)
        select i, i, 'email', 'p' || i || '@example.org', ${T0}, ${T0} from n`.execute(trx);
      await sql`${series}
        insert into trips (id, traveller_id, start_date, end_date, created_at, updated_at)
        select i, i, '2026-01-01', null, ${T0}, ${T0} from n`.execute(trx);
      await sql`${series}
        insert into trip_destinations (trip_id, position, destination_code, region)
        select i, 1, d.code, null from n join (${picks}) d on d.k = i % ${sql.lit(codes.length)}`.execute(trx);
      if (subscriberEvery > 0) {
        await sql`${series}
          insert into subscriptions (traveller_id, kind, destination_code, topic, advisories, alerts, routine, frequency, created_at)
          select i, 'destination', d.code, 'destination:' || d.code, 1, 1, 1, 'immediate', ${T0}
          from n join (${picks}) d on d.k = i % ${sql.lit(codes.length)} where i % ${sql.lit(subscriberEvery)} = 0`.execute(trx);
      }
    });
  }
  if (store.engine === 'postgres') {
    // Explicit ids bypass the sequences; move them past the seeded rows, then refresh statistics.
    for (const table of ['travellers', 'channels', 'trips']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
    }
    await sql`analyze`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }
}

/** An `advisory.published` event for one destination, as publishing writes it. */
export async function addAdvisoryEvent(store: Store, code: string, name: string, urgent = true): Promise<number> {
  const payload = {
    ...advisoryPublishedPayload({
      code, revision: 2, level: 4, departureUrged: true, indicators: ['D', 'T'], previous: { revision: 1, level: 4 },
      changeType: 'major', changeNote: 'Reissued.', publishedAt: T0, urgent, headlines: ['wrongful detention updated'],
    }),
    name,
  };
  return writeEvent(store.db, { kind: ADVISORY_PUBLISHED, destinationCode: code, revision: 2, at: new Date(T0), payload });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
