/**
 * Crisis accountability at size (issue 14, "Measured"): N travellers in scope of one crisis.
 *
 * 1. Wave: `sendWave` (the wave, its population, the stored counts, the event and its fan-out:
 *    every delivery queued, reachability counted, in one transaction), against a plain
 *    INSERT … SELECT of the same number of delivery rows (the reference). Each
 *    round is a fresh crisis over the same travellers; the previous round's rows are removed untimed.
 * 2. Counts: `crisisSummary` (stored counts, what the console and the API read) and GET
 *    /api/v1/crises/{id} on a running server, against `recountCrisis` (the raw-table recount).
 * 3. Answers: autocannon POSTs pre-signed one-click links (`/check-in/{token}`, JSON), each once,
 *    to `waypost serve --no-worker`, against GET /healthz on the same server; then the answers
 *    stored must equal the 201s received, and the stored counts the recount.
 *
 *   node bench/crisis.ts [--people 1000000] [--engine sqlite|postgres] [--rounds 3] [--answers 20000] [--connections 20] [--warm-up 1000]
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { readCounts, wavePending } from '../src/crises/counters.ts';
import { crisisSummary, withPlaces } from '../src/crises/dashboard.ts';
import { declareCrisis } from '../src/crises/declare.ts';
import { checkInToken } from '../src/crises/links.ts';
import { recountCrisis } from '../src/crises/recount.ts';
import { sendWave } from '../src/crises/waves.ts';
import { CRISIS_ANSWERS } from '../src/domain/crises.ts';
import { fanOutEvent } from '../src/notify/audience.ts';
import { COMMAND_LINE } from '../src/publishing/context.ts';
import { createToken as createApiToken } from '../src/staff/tokens.ts';
import { addUser } from '../src/staff/users.ts';
import { median, openBenchStore, seedTravellers } from './notify-fixtures.ts';
import { adopt } from './servers.ts';

const { values: options } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' },
    engine: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '3' },
    answers: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '20' },
    'warm-up': { type: 'string', default: '1000' },
    port: { type: 'string', default: '3917' },
  },
});
const N = Number(options.people);
const rounds = Number(options.rounds);
const SECRET = 'bench-crisis-secret-0123456789abcdef';
const bench = await openBenchStore(options.engine, 'crisis');
const { store } = bench;
const db = store.db;
const ms = (from: number) => performance.now() - from;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

let started = performance.now();
await seedTravellers(store, { travellers: N, destinations: ['RU'], unsubscribedEvery: 10 });
console.log(`${store.engine}: seeded ${fmt(N)} travellers (every 10th unsubscribed) in ${(ms(started) / 1000).toFixed(1)} s`);

async function clear(): Promise<void> {
  for (const table of ['deliveries', 'crisis_counts', 'crisis_people']) {
    await (store.engine === 'postgres' ? sql`truncate ${sql.table(table)}` : sql`delete from ${sql.table(table)}`).execute(db);
  }
  if (store.engine === 'postgres') await sql`vacuum analyze`.execute(db);
}

const ctx = { db, now: () => new Date() };
const startedAt = new Date(Date.now() - 86_400_000).toISOString();
const waves: number[] = [];
const references: number[] = [];
let crisisId = 0;
let waveId = 0;
for (let round = 1; round <= rounds; round++) {
  await clear();
  const at = new Date().toISOString();
  started = performance.now();
  const reference = await sql`insert into deliveries (event_id, traveller_id, channel_id, channel_kind, priority, next_attempt_at, created_at)
    select ${sql.lit(-round)}, c.traveller_id, c.id, c.kind, 0, cast(${at} as text), cast(${at} as text) from channels c`.execute(db);
  references.push(ms(started));
  await clear();
  crisisId = (await declareCrisis(ctx, COMMAND_LINE, { title: `Bench ${round}`, destinations: ['RU'], startedAt })).id;
  started = performance.now();
  const wave = await sendWave(ctx, COMMAND_LINE, crisisId);
  waves.push(ms(started));
  waveId = wave.waveId;
  // Every delivery the 202 reports is in the queue, and a worker finding the wave adds none.
  const queued = await db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number | string>().as('n')).where('event_id', '=', wave.eventId).where('status', '=', 'queued').executeTakeFirstOrThrow();
  const again = await fanOutEvent(db, wave.eventId, new Date());
  if (Number(queued.n) !== wave.deliveries || again?.inserted !== 0) throw new Error(`the wave reported ${wave.deliveries} deliveries; ${queued.n} are queued; a second fan-out added ${again?.inserted}`);
  console.log(`round ${round}: wave to ${fmt(wave.added)} people, ${fmt(wave.deliveries)} deliveries queued in ${fmt(waves.at(-1)!)} ms · reference INSERT … SELECT of ${fmt(Number(reference.numAffectedRows))} rows ${fmt(references.at(-1)!)} ms`);
}
const wave = median(waves);
console.log(`wave: median ${fmt(wave)} ms, reference ${fmt(median(references))} ms, ratio ${(wave / median(references)).toFixed(2)}`);

// The server answers the links; the bench process keeps its own connection for counting.
const port = Number(options.port);
// BENCH_SERVER_PROFILE=dir: the server writes a CPU profile there when it stops.
const profiling = process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SERVER_PROFILE] : [];
const server = adopt(spawn(process.execPath, [...profiling, new URL('../bin/waypost.js', import.meta.url).pathname, 'serve', '--port', String(port), '--no-worker'], {
  env: { ...process.env, DATABASE_URL: bench.url, WAYPOST_SECRET: SECRET, PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'inherit'],
}));
await new Promise<void>((resolve, reject) => {
  server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Waypost is serving') && resolve());
  server.once('exit', (code) => reject(new Error(`waypost exited with ${code}`)));
});
const base = `http://127.0.0.1:${port}`;
const { token } = await createToken();

async function createToken(): Promise<{ token: string }> {
  const { user } = await addUser(db, { email: 'bench@example.org', role: 'crisis', password: 'bench-password-0123456789' }, COMMAND_LINE);
  return createApiToken(db, user, 'bench', COMMAND_LINE);
}

/**
 * autocannon, timed from its start to its last response: autocannon itself notices that it has
 * sent its `amount` only on a whole-second tick, so its own duration (and our clock around it)
 * rounded every run up to the next second (5,000 answers always took "5.02 s").
 */
function timedCannon(opts: autocannon.Options): Promise<autocannon.Result & { seconds: number }> {
  return new Promise((resolve, reject) => {
    const from = performance.now();
    let last = from;
    const instance = autocannon(opts, (error, result) => (error ? reject(error) : resolve({ ...result, seconds: (last - from) / 1000 })));
    instance.on('response', () => { last = performance.now(); });
  });
}

async function timeCounts(label: string, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const from = performance.now();
    await run();
    times.push(ms(from));
  }
  console.log(`${label}: median ${median(times).toFixed(1)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  return median(times);
}

async function counts(): Promise<void> {
  const only = await timeCounts('counts alone (stored counts, by place, labelled)', async () => withPlaces(await readCounts(db, crisisId, await wavePending(db, crisisId))));
  const stored = await timeCounts('counts, crisisSummary (stored, with each wave\'s delivery progress)', () => crisisSummary(db, crisisId));
  const api = await timeCounts('counts, GET /api/v1/crises/{id}', async () => {
    const response = await fetch(`${base}/api/v1/crises/${crisisId}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET /api/v1/crises/${crisisId}: ${response.status}`);
    await response.json();
  });
  const recount = await timeCounts('counts, recountCrisis (reference)', () => recountCrisis(db, crisisId));
  console.log(`counts: alone ${only.toFixed(1)} ms, with waves ${stored.toFixed(1)} ms, API ${api.toFixed(1)} ms, recount ${fmt(recount)} ms; ratio alone/recount ${(only / recount).toFixed(4)}`);
}
await counts();

// A warm-up round first (--warm-up answers, untimed but counted in the totals): the first requests
// pay for the server's JIT and each connection's first plans, and /healthz is as slow in them.
const warmUp = Number(options['warm-up']);
const perRound = Math.min(Number(options.answers), Math.floor((N * 0.9 - warmUp) / rounds));
const connections = Number(options.connections);
const rates: number[] = [];
const healthRates: number[] = [];
let sentTotal = 0;
let traveller = 1;

/** One round: `count` fresh links answered once each, then four times as many GET /healthz. */
async function answerRound(count: number) {
  // Travellers not unsubscribed (every 10th is), each answered once by one of their three links.
  const links: string[] = [];
  for (; links.length < count; traveller++) {
    const t = traveller;
    if (t % 10 === 0) continue;
    links.push(`/check-in/${checkInToken({ secret: SECRET }, { waveId, travellerId: t, answer: CRISIS_ANSWERS[t % 3]!, channel: 'email' })}`);
  }
  let next = 0;
  const result = await timedCannon({
    url: base, connections, amount: links.length, timeout: 120,
    requests: [{ method: 'POST', headers: { accept: 'application/json' }, setupRequest: (request) => ({ ...request, path: links[next++]! }) }],
  });
  // Each 201 is an answer recorded (and acknowledged); a link used again is answered 200 ("already
  // recorded") and records nothing: there should be none.
  const created = result.statusCodeStats?.['201']?.count ?? 0;
  const repeated = result.statusCodeStats?.['200']?.count ?? 0;
  sentTotal += created;
  if (created + repeated !== links.length || result.errors > 0) throw new Error(`${links.length} answers sent: ${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors`);
  const health = await timedCannon({ url: `${base}/healthz`, connections, amount: links.length * 4 });
  return { created, repeated, seconds: result.seconds, p99: result.latency.p99, health: health.requests.total / health.seconds };
}

if (warmUp > 0) {
  const w = await answerRound(warmUp);
  console.log(`answers warm-up (not timed): ${fmt(w.created)} recorded, ${fmt(w.created / w.seconds)} answers/s · GET /healthz ${fmt(w.health)} req/s`);
}
for (let round = 0; round < rounds; round++) {
  const r = await answerRound(perRound);
  rates.push(r.created / r.seconds);
  healthRates.push(r.health);
  console.log(`answers round ${round + 1}: ${fmt(r.created)} recorded (${r.repeated} repeated requests) in ${r.seconds.toFixed(2)} s = ${fmt(rates.at(-1)!)} answers/s (p99 ${r.p99} ms) · GET /healthz ${fmt(r.health)} req/s`);
}
const stored = await db.selectFrom('crisis_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('crisis_id', '=', crisisId).executeTakeFirstOrThrow();
const summary = await crisisSummary(db, crisisId);
const answered = summary.counts.safe + summary.counts.needHelp + summary.counts.left;
const recount = await recountCrisis(db, crisisId);
console.log(`answers: median ${fmt(median(rates))}/s with ${connections} connections, /healthz ${fmt(median(healthRates))}/s, ratio ${(median(rates) / median(healthRates)).toFixed(2)}; `
  + `recorded (201) ${fmt(sentTotal)}, stored ${fmt(Number(stored.n))}, counted ${fmt(answered)}; stored counts ${JSON.stringify(summary.counts) === JSON.stringify(recount.counts) ? 'equal' : 'DIFFER FROM'} the recount`);
if (Number(stored.n) !== sentTotal || answered !== sentTotal) throw new Error('answers lost');
await counts();
const exited = new Promise((resolve) => server.once('exit', resolve));
server.kill('SIGTERM');
await exited;
await bench.dispose();
