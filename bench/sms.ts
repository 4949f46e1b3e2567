/**
 * SMS throughput (issue 14): messages per second through Waypost's SMPP provider
 * (src/sms/smpp-provider.ts: splitting, encoding choice, UDH, the window, its queue) to a real
 * SMPP server on loopback in its own process (bench/smsc-server.ts), against the bare `smpp`
 * client sending the same submit_sm with the same window to the same server: what SMPP over one
 * bind allows with none of Waypost's work. Medians of 5 runs, alternating which goes first.
 *
 *   node bench/sms.ts [--messages 5000] [--window 10] [--runs 5] [--long]
 *
 * `--long` sends a 400-character text (3 parts each) instead of a one-part check-in.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import smpp, { type PDU } from 'smpp';
import { splitSms } from '../src/domain/sms-text.ts';
import { SmppSmsProvider } from '../src/sms/smpp-provider.ts';
import { parseSmppUrl, type SmppTarget } from '../src/sms/smpp-url.ts';

const { values: options } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    window: { type: 'string', default: '10' },
    runs: { type: 'string', default: '5' },
    long: { type: 'boolean', default: false },
  },
});
const N = Number(options.messages);
const WINDOW = Number(options.window);
const RUNS = Number(options.runs);
const TEXT = options.long
  ? `${'Level 4: leave now by any commercial means while they remain. '.repeat(7)}`.slice(0, 400)
  : 'Are you safe? Unrest in Moscow. Reply 1 SAFE, 2 HELP or 3 LEFT. Need help? Tell us more: https://advice.example.org/check-in/abc';
const PARTS = splitSms(TEXT).parts.length;
const number = (i: number) => `+4477${String(i).padStart(8, '0')}`;

const server = fork(new URL('./smsc-server.ts', import.meta.url).pathname, [], { stdio: 'inherit' });
const ask = async <T>(message: string): Promise<T> => {
  if (message) server.send(message);
  return (await once(server, 'message'))[0] as T;
};
const { url } = await ask<{ url: string }>('');
const target = parseSmppUrl(url)!;

/** The bare client: one bind, N submit_sm with at most WINDOW unanswered, the same fields and texts. */
async function bare(t: SmppTarget): Promise<number> {
  const session = smpp.connect({ host: t.host, port: t.port });
  session.on('deliver_sm', (pdu: PDU) => session.send(pdu.response()));
  await once(session, 'connect');
  await new Promise<void>((resolve) => session.bind_transceiver({ system_id: t.systemId, password: t.password }, () => resolve()));
  const split = splitSms(TEXT);
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    let done = 0;
    let inFlight = 0;
    const total = N * split.parts.length;
    const pump = () => {
      while (inFlight < WINDOW && sent < total) {
        const i = Math.floor(sent / split.parts.length);
        const part = sent % split.parts.length;
        sent++;
        inFlight++;
        session.submit_sm({
          dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: number(i).slice(1), registered_delivery: 1, data_coding: 0,
          short_message: split.parts.length === 1 ? TEXT : { udh: Buffer.from([5, 0, 3, i & 0xff, split.parts.length, part + 1]), message: split.parts[part] },
        }, () => {
          inFlight--;
          if (++done === total) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const elapsed = performance.now() - start;
  await new Promise<void>((resolve) => session.unbind({}, () => resolve()));
  session.destroy();
  return (N / elapsed) * 1000;
}

/** Waypost's provider: N sends at once, its own queue and window doing the pacing. */
async function waypost(t: SmppTarget): Promise<number> {
  const provider = new SmppSmsProvider(t, { window: WINDOW, queueTimeoutMs: 600_000 });
  while (!provider.link.bound) await new Promise((r) => setTimeout(r, 5));
  const start = performance.now();
  const results = await Promise.all(Array.from({ length: N }, (_, i) => provider.send({ to: number(i), text: TEXT, id: `bench-${i}` })));
  const elapsed = performance.now() - start;
  await provider.close();
  const failed = results.filter((r) => !r.ok).length;
  if (failed) throw new Error(`${failed} sends failed`);
  return (N / elapsed) * 1000;
}

async function counted(run: (t: SmppTarget) => Promise<number>): Promise<number> {
  await ask('reset');
  const rate = await run(target);
  const { parts } = await ask<{ parts: number }>('count');
  if (parts !== N * PARTS) throw new Error(`the SMSC received ${parts} parts, expected ${N * PARTS}`);
  return rate;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rates = { bare: [] as number[], waypost: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  const order = run % 2 === 0 ? (['bare', 'waypost'] as const) : (['waypost', 'bare'] as const);
  for (const which of order) rates[which].push(await counted(which === 'bare' ? bare : waypost));
  console.log(`run ${run + 1}: bare ${rates.bare.at(-1)!.toFixed(0)}/s, waypost ${rates.waypost.at(-1)!.toFixed(0)}/s`);
}
const b = median(rates.bare);
const w = median(rates.waypost);
console.log(`${N} messages of ${PARTS} part(s), window ${WINDOW}, ${RUNS} runs (medians):`);
console.log(`  bare smpp client: ${b.toFixed(0)} messages/s`);
console.log(`  Waypost provider: ${w.toFixed(0)} messages/s`);
console.log(`  ratio Waypost / bare: ${(w / b).toFixed(2)}`);
server.kill();
