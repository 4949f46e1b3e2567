/**
 * Where an answer's time goes on PostgreSQL, without HTTP: `batchedAnswers` (the group commit the
 * check-in route uses) fed by `--clients` callers that each record one answer after another, as
 * autocannon's connections do. Prints answers/s and, per SQL statement, calls and total time.
 *
 *   node bench/crisis-answers-profile.ts [--people 20000] [--answers 5000] [--clients 20] [--writers 4]
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { batchedAnswers } from '../src/crises/answer-batch.ts';
import { declareCrisis } from '../src/crises/declare.ts';
import type { CheckInLink } from '../src/crises/links.ts';
import { sendWave } from '../src/crises/waves.ts';
import { CRISIS_ANSWERS } from '../src/domain/crises.ts';
import { COMMAND_LINE } from '../src/publishing/context.ts';
import type { Database } from '../src/store/schema.ts';
import { withDefaultUser } from '../src/store/connect.ts';
import { openBenchStore, seedTravellers } from './notify-fixtures.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '20000' }, answers: { type: 'string', default: '5000' }, clients: { type: 'string', default: '20' }, writers: { type: 'string' } } });
const bench = await openBenchStore('postgres', 'answers');
await seedTravellers(bench.store, { travellers: Number(values.people), destinations: ['RU'], unsubscribedEvery: 10 });
const statements = new Map<string, { calls: number; ms: number }>();
const pool = new pg.Pool({ connectionString: withDefaultUser(bench.url), max: 10 });
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (e) => {
    const key = e.query.sql.replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)*/g, '…').slice(0, 90);
    const s = statements.get(key) ?? { calls: 0, ms: 0 };
    s.calls++;
    s.ms += e.queryDurationMillis;
    statements.set(key, s);
  },
});
const ctx = { db, now: () => new Date() };
const crisis = await declareCrisis(ctx, COMMAND_LINE, { title: 'P', destinations: ['RU'], startedAt: new Date(Date.now() - 86_400_000).toISOString() });
const wave = await sendWave(ctx, COMMAND_LINE, crisis.id);
statements.clear();
const links: CheckInLink[] = [];
for (let t = 1; links.length < Number(values.answers); t++) if (t % 10 !== 0) links.push({ waveId: wave.waveId, travellerId: t, answer: CRISIS_ANSWERS[t % 3]!, channel: 'email' as const });
// --writers: batches in flight at once (the route's default unless given).
const recorder = values.writers ? batchedAnswers(db, 200, Number(values.writers)) : batchedAnswers(db);
let next = 0;
const started = performance.now();
await Promise.all(Array.from({ length: Number(values.clients) }, async () => {
  while (next < links.length) {
    const r = await recorder.record(links[next++]!, new Date());
    if (!r.recorded) throw new Error('not recorded');
  }
}));
const seconds = (performance.now() - started) / 1000;
console.log(`${links.length} answers in ${seconds.toFixed(2)} s = ${Math.round(links.length / seconds)}/s with ${values.clients} clients`);
for (const [key, s] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) console.log(`${s.ms.toFixed(0).padStart(7)} ms ${String(s.calls).padStart(6)}×  ${key}`);
await db.destroy();
if (process.env.KEEP) console.log(`kept: ${bench.url}`); else await bench.dispose();
