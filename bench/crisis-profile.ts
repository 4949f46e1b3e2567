/** Where a wave's time goes on PostgreSQL: every statement over 20 ms of sendWave (its fan-out included), with its duration. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { declareCrisis } from '../src/crises/declare.ts';
import { sendWave } from '../src/crises/waves.ts';
import { COMMAND_LINE } from '../src/publishing/context.ts';
import type { Database } from '../src/store/schema.ts';
import { withDefaultUser } from '../src/store/connect.ts';
import { openBenchStore, seedTravellers } from './notify-fixtures.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '200000' } } });
const bench = await openBenchStore('postgres', 'profile');
await seedTravellers(bench.store, { travellers: Number(values.people), destinations: ['RU'], unsubscribedEvery: 10 });
const pool = new pg.Pool({ connectionString: withDefaultUser(bench.url), max: 4 });
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (e) => { if (e.queryDurationMillis > 20) console.log(`${e.queryDurationMillis.toFixed(0).padStart(6)} ms  ${e.query.sql.replace(/\s+/g, ' ').slice(0, 160)}`); },
});
const ctx = { db, now: () => new Date() };
const crisis = await declareCrisis(ctx, COMMAND_LINE, { title: 'P', destinations: ['RU'], startedAt: new Date(Date.now() - 86_400_000).toISOString() });
const t = performance.now();
const wave = await sendWave(ctx, COMMAND_LINE, crisis.id);
console.log(`sendWave ${(performance.now() - t).toFixed(0)} ms`, wave);
await db.destroy();
if (process.env.KEEP) console.log(`kept: ${bench.url}`); else await bench.dispose();
