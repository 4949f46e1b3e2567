/**
 * Send throughput (issue 6): real `waypost worker` processes deliver to a local SMTP sink running
 * in its own process (bench/smtp-sink.ts). Reference in the same run: nodemailer alone sending the
 * same number of pre-built messages through a pool of the same size to the same sink, which is
 * what the SMTP path allows with no database, no fan-out and no templates.
 *
 *   node bench/send.ts [--messages 20000] [--workers 1] [--concurrency 10] [--database sqlite|postgres]
 *   node bench/send.ts --spread --messages 1000000 --database postgres --workers 2
 *
 * `--spread` puts the travellers on trips across every destination and publishes one event per
 * destination at once ("every country published at once"); otherwise all go to Russia and one
 * event is published. The run checks the sink received every message exactly once.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { smtpTransport } from '../src/mail/transport.ts';
import { eventEmail } from '../src/notify/messages.ts';
import { ADVISORY_PUBLISHED } from '../src/notify/events.ts';
import { advisoryPublishedPayload } from '../src/notify/advisory-payload.ts';
import { addAdvisoryEvent, openBenchStore, seedTravellers } from './notify-fixtures.ts';

const { values: options } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '10' },
    database: { type: 'string', default: 'sqlite' },
    spread: { type: 'boolean', default: false },
  },
});
const N = Number(options.messages);
const workers = Number(options.workers);
const concurrency = Number(options.concurrency);
const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'bench-secret-0123456789abcdef' };

// --- the sink, in its own process ---
const sink = fork(new URL('./smtp-sink.ts', import.meta.url).pathname, [], { stdio: 'inherit' });
const ask = async <T>(message: string): Promise<T> => {
  sink.send(message);
  const [reply] = (await once(sink, 'message')) as [T];
  return reply;
};
const [{ port }] = (await once(sink, 'message')) as [{ port: number }];
const smtpUrl = `smtp://127.0.0.1:${port}`;

// --- the database ---
const bench = await openBenchStore(options.database, 'send');
const { store } = bench;
const codes = options.spread
  ? (await store.db.selectFrom('destinations').select(['code', 'name']).orderBy('code').execute())
  : [{ code: 'RU', name: 'Russia' }];
let t = performance.now();
await seedTravellers(store, { travellers: N, destinations: codes.map((d) => d.code) });
console.log(`${store.engine}: seeded ${N.toLocaleString('en')} travellers over ${codes.length} destination(s) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// --- reference: nodemailer alone, same pool size, same sink (capped at 20,000 messages) ---
const referenceCount = Math.min(N, 20_000);
const payload = advisoryPublishedPayload({
  code: 'RU', revision: 2, level: 4, departureUrged: true, indicators: ['D', 'T'], previous: { revision: 1, level: 4 },
  changeType: 'major', changeNote: 'Reissued.', publishedAt: '2026-03-01T09:00:00Z', urgent: true, headlines: ['wrongful detention updated'],
});
const prebuilt = Array.from({ length: referenceCount }, (_, i) => eventEmail(CONFIG, { id: 0, kind: ADVISORY_PUBLISHED, urgent: true, payload }, { to: `r${i}@example.org`, travellerId: i + 1, idempotencyKey: `ref-${i}` }));
const reference = smtpTransport(smtpUrl, { maxConnections: concurrency * workers });
t = performance.now();
await Promise.all(Array.from({ length: concurrency * workers }, async () => {
  for (let m = prebuilt.shift(); m; m = prebuilt.shift()) await reference.send(m);
}));
const referenceRate = referenceCount / ((performance.now() - t) / 1000);
await reference.close();
await ask('reset');

// --- the workers: real processes, started and idle before anything is published ---
const bin = new URL('../bin/waypost.js', import.meta.url).pathname;
const children: ChildProcess[] = [];
for (let i = 0; i < workers; i++) {
  const child = spawn(process.execPath, [bin, 'worker', '--concurrency', String(concurrency)], {
    env: { ...process.env, ...(process.env.WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.WORKER_NODE_OPTIONS } : {}), DATABASE_URL: bench.url, SMTP_URL: smtpUrl, PUBLIC_URL: CONFIG.publicUrl, WAYPOST_SECRET: CONFIG.secret, NOTIFY_POLL_MS: '100', NOTIFY_BATCH_SIZE: '200' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  if (!line.toString().includes('delivering through')) throw new Error(`worker did not start: ${line.toString()}`);
}

// --- publish, then wait until nothing is pending ---
t = performance.now();
for (const { code, name } of codes) await addAdvisoryEvent(store, code, name);
const pending = async () => {
  const row = await sql<{ events: number; queue: number }>`
    select (select count(*) from events where fanned_out_at is null) as events,
           (select count(*) from deliveries where status = 'queued') + (select count(*) from deliveries where status = 'sending') as queue`.execute(store.db);
  return { events: Number(row.rows[0]!.events), queue: Number(row.rows[0]!.queue) };
};
let lastReport = t;
for (;;) {
  const { events, queue } = await pending();
  if (events === 0 && queue === 0) break;
  if (performance.now() - lastReport > 10_000) {
    lastReport = performance.now();
    const { received } = await ask<{ received: number }>('stats');
    console.log(`  ${((lastReport - t) / 1000).toFixed(0)} s: ${received.toLocaleString('en')} received, ${queue.toLocaleString('en')} queued or sending, ${events} events not yet fanned out`);
  }
  // Counting a million-row queue costs the database real work: look rarely while it is long.
  await new Promise((r) => setTimeout(r, queue > 50_000 ? 2000 : 100));
}
const seconds = (performance.now() - t) / 1000;
const stats = await ask<{ received: number; distinct: number }>('stats');
for (const child of children) child.kill('SIGTERM');
await Promise.all(children.map((child) => once(child, 'exit')));
const sent = await store.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();
await bench.dispose();
sink.disconnect();

const rate = stats.received / seconds;
console.log(`${store.engine}, ${codes.length} event(s), ${N.toLocaleString('en')} travellers, ${workers} worker process(es) × ${concurrency} connections: ` +
  `${stats.received.toLocaleString('en')} messages (${stats.distinct.toLocaleString('en')} distinct Message-IDs, ${Number(sent.n).toLocaleString('en')} recorded sent) ` +
  `in ${seconds.toFixed(1)} s (${(seconds / 60).toFixed(1)} min) = ${Math.round(rate).toLocaleString('en')}/s; ` +
  `nodemailer alone ${Math.round(referenceRate).toLocaleString('en')}/s; ratio ${(rate / referenceRate).toFixed(2)}`);
if (stats.distinct !== N || Number(sent.n) !== N) {
  console.error(`expected ${N} distinct messages recorded as sent`);
  process.exitCode = 1;
}
