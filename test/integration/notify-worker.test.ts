import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { connect } from '../../src/store/connect.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addAdvisoryEvent, addTraveller, addTrip, addWebhook } from '../helpers/notify.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'notify-test-secret-0123456789' };
const FAST = { retryBaseMs: 5, leaseMs: 60_000, batchSize: 20, pollMs: 10 };

/** Runs worker rounds until `done` holds (retries become due after a few ms), or fails after `ms`. */
async function until(workers: NotifyWorker[], done: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('deliveries did not settle in time');
    const handled = await Promise.all(workers.map((w) => w.runOnce()));
    if (handled.every((n) => n === 0)) await new Promise((r) => setTimeout(r, 10));
  }
}

function countBy<T>(items: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

describe.each(ENGINES)('delivery worker on %s', (engine) => {
  let store: TestStore;
  let smtp: TestSmtpServer;
  let mail: MailTransport;

  beforeEach(async () => {
    store = await createTestStore(engine);
    smtp = await startSmtpServer();
    mail = smtpTransport(smtp.url, { maxConnections: 3 });
  });
  afterEach(async () => {
    await mail?.close();
    await smtp?.close();
    await store?.close();
  });

  const enrol = async (n: number, code = 'RU') => {
    for (let i = 0; i < n; i++) {
      const t = await addTraveller(store.db, `traveller${i}@example.org`);
      await addTrip(store.db, t.id, code);
    }
  };
  const statuses = async () => Object.fromEntries(
    (await store.db.selectFrom('deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute()).map((r) => [r.status, Number(r.n)]),
  );
  const allSent = (n: number) => async () => (await statuses()).sent === n;

  it('fans out and delivers each message exactly once, with subject, links and unsubscribe headers', async () => {
    await enrol(12);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 4, previousLevel: 4, departureUrged: true, urgent: true });
    const worker = new NotifyWorker({ store, config: CONFIG, mail, settings: FAST });
    await until([worker], allSent(12));
    expect(await worker.drain()).toBe(0);
    expect(smtp.received).toHaveLength(12);
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(12);
    expect(ids.every((id) => /^<delivery-\d+-\d+@advice\.example\.org>$/.test(id ?? ''))).toBe(true);
    const first = smtp.received.find((m) => m.to[0] === 'traveller0@example.org')!;
    expect(first.subject).toBe('Russia: Level 4 – Do Not Travel – citizens should leave immediately');
    expect(first.text).toContain('What changed: Reissued with updates to the wrongful detention section.');
    expect(first.text).toContain('https://advice.example.org/destinations/russia');
    expect(first.header('List-Unsubscribe')).toMatch(/^<https:\/\/advice\.example\.org\/unsubscribe\?token=/);
    expect(first.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(first.text).toContain('https://advice.example.org/preferences?token=');
    expect(typeof first.html === 'string' && first.html.includes('<a href="https://advice.example.org/destinations/russia">')).toBe(true);
  });

  it('30 % of messages refused with 451: all delivered after retries, each Message-ID once', async () => {
    await enrol(30);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    let refused = 0;
    let n = 0;
    smtp.refuse = () => (n++ % 10 < 3 ? (refused++, 451) : undefined);
    const worker = new NotifyWorker({ store, config: CONFIG, mail, settings: FAST });
    await until([worker], allSent(30));
    expect(refused).toBeGreaterThanOrEqual(9);
    const counts = countBy(smtp.received.map((m) => m.messageId));
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    const retried = await store.db.selectFrom('deliveries').select('attempts').where('attempts', '>', 1).execute();
    expect(retried.length).toBeGreaterThan(0);
  });

  it('a permanent 550 bounces the delivery and disables the channel; the others go', async () => {
    await enrol(3);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    smtp.refuse = ({ to }) => (to[0] === 'traveller1@example.org' ? 550 : undefined);
    const worker = new NotifyWorker({ store, config: CONFIG, mail, settings: FAST });
    await until([worker], allSent(2));
    expect(await statuses()).toEqual({ sent: 2, bounced: 1 });
    const channel = await store.db.selectFrom('channels').select(['disabled_at', 'disabled_reason']).where('address', '=', 'traveller1@example.org').executeTakeFirstOrThrow();
    expect(channel.disabled_at).not.toBeNull();
    expect(channel.disabled_reason).toMatch(/^bounced: 550/);
  });

  it('a relay refusing us (554 sending paused) is retried and disables nobody; the backlog goes once the relay accepts', async () => {
    await enrol(3);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    let paused = true;
    smtp.refuse = () => (paused ? { code: 554, message: 'Sending paused for this account' } : undefined);
    const worker = new NotifyWorker({ store, config: CONFIG, mail, settings: FAST });
    await until([worker], async () => Number((await store.db.selectFrom('deliveries').select((eb) => eb.fn.max('attempts').as('n')).executeTakeFirstOrThrow()).n) >= 2);
    expect(smtp.received).toHaveLength(0);
    const disabled = await store.db.selectFrom('channels').select('id').where('disabled_at', 'is not', null).execute();
    expect(disabled).toEqual([]);
    paused = false;
    await until([worker], allSent(3));
    expect(await statuses()).toEqual({ sent: 3 });
  });

  it('a claim that outlives its lease is kept alive while its batch is still being sent: no second worker sends it', async () => {
    await enrol(4);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    // A slow relay: each message takes longer than the lease, and the batch holds all four.
    const slow = { ...FAST, leaseMs: 150, batchSize: 4 };
    const delays: Promise<void>[] = [];
    const slowMail: MailTransport = {
      description: 'slow relay',
      async send(message) {
        const wait = new Promise<void>((r) => setTimeout(r, 250));
        delays.push(wait);
        await wait;
        await mail.send(message);
      },
      close: async () => {},
    };
    const first = new NotifyWorker({ store, config: CONFIG, mail: slowMail, settings: slow, concurrency: 1 });
    const second = new NotifyWorker({ store, config: CONFIG, mail, settings: slow });
    const sending = first.runOnce();
    // While the first worker works through its batch, the second sweeps and claims repeatedly.
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 120));
      await second.runOnce();
    }
    await sending;
    await until([first, second], allSent(4));
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toHaveLength(4);
  });

  it('temporary failures stop after NOTIFY_MAX_ATTEMPTS: the delivery is failed', async () => {
    await enrol(1);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    smtp.refuse = () => 421;
    const worker = new NotifyWorker({ store, config: CONFIG, mail, settings: { ...FAST, maxAttempts: 3 } });
    await until([worker], async () => (await statuses()).failed === 1);
    const row = await store.db.selectFrom('deliveries').select(['attempts', 'last_error']).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(3);
    expect(row.last_error).toMatch(/^421/);
  });

  it('server down, then up: the backlog drains', async () => {
    await enrol(10);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    const port = smtp.port;
    await mail.close();
    await smtp.close();
    mail = smtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: 2 });
    const worker = new NotifyWorker({ store, config: CONFIG, mail, settings: { ...FAST, maxAttempts: 50 } });
    for (let i = 0; i < 3; i++) await worker.runOnce();
    expect((await statuses()).sent).toBeUndefined();
    const errors = await store.db.selectFrom('deliveries').select('last_error').execute();
    expect(errors.every((e) => e.last_error !== null)).toBe(true);
    smtp = await startSmtpServer(port);
    await until([worker], allSent(10));
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(10);
    expect(smtp.received).toHaveLength(10);
  });

  it('a claim abandoned by a dead worker is re-queued by the sweeper after the lease', async () => {
    await enrol(4);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    let clock = new Date('2026-03-01T10:00:00Z');
    const dead = new NotifyWorker({ store, config: CONFIG, mail, settings: FAST, now: () => clock, id: 'dead' });
    await dead.runOnce(); // fans out and delivers all 4
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    const { fanOutPending } = await import('../../src/notify/audience.ts');
    await fanOutPending(store.db, clock);
    expect(await dead.claim(3)).toHaveLength(3); // never more than asked for ...
    expect(await dead.claim()).toHaveLength(1); // ... and dies before sending
    const live = new NotifyWorker({ store, config: CONFIG, mail, settings: FAST, now: () => clock, id: 'live' });
    expect(await live.runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 61_000);
    expect(await live.sweep()).toBe(4);
    expect(await live.sweep()).toBe(0);
    await until([live], allSent(8));
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(8);
  });

  it('urgent deliveries are claimed before routine ones queued earlier', async () => {
    await enrol(3);
    const routine = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    const urgent = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 4, previousLevel: 3, departureUrged: true, urgent: true });
    const { fanOutPending } = await import('../../src/notify/audience.ts');
    await fanOutPending(store.db);
    const worker = new NotifyWorker({ store, config: CONFIG, mail, settings: FAST });
    const first = await worker.claim(3);
    expect(first.map((d) => d.event_id)).toEqual([urgent, urgent, urgent]);
    expect((await worker.claim(10)).map((d) => d.event_id)).toEqual([routine, routine, routine]);
  });

  it('someone who unsubscribes after the fan-out is not sent the queued message', async () => {
    await enrol(2);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    const { fanOutPending } = await import('../../src/notify/audience.ts');
    await fanOutPending(store.db);
    await store.db.updateTable('travellers').set({ unsubscribed_at: new Date().toISOString() }).where('email', '=', 'traveller0@example.org').execute();
    const worker = new NotifyWorker({ store, config: CONFIG, mail, settings: FAST });
    await worker.drain();
    expect(await statuses()).toEqual({ sent: 1, failed: 1 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(['traveller1@example.org']);
    const failed = await store.db.selectFrom('deliveries').select('last_error').where('status', '=', 'failed').executeTakeFirstOrThrow();
    expect(failed.last_error).toBe('traveller unsubscribed');
  });

  it('webhooks are signed with Standard Webhooks and carry the idempotency key as webhook-id', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    let fail = 1;
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = fail-- > 0 ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const t = await addTraveller(store.db, 'org@example.org', { emailConfirmed: false });
      await addTrip(store.db, t.id, 'RU');
      const channel = await addWebhook(store.db, t.id, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, secret);
      const event = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 4, previousLevel: 3, departureUrged: true, urgent: true });
      const worker = new NotifyWorker({ store, config: CONFIG, mail, settings: FAST, allowPrivateWebhooks: true });
      await until([worker], allSent(1));
      expect(received).toHaveLength(2);
      expect(received[0]!.headers['webhook-id']).toBe(`delivery-${event}-${channel}`);
      expect(received[1]!.headers['webhook-id']).toBe(`delivery-${event}-${channel}`);
      const last = received[1]!;
      const payload = new Webhook(secret).verify(last.body, {
        'webhook-id': String(last.headers['webhook-id']), 'webhook-timestamp': String(last.headers['webhook-timestamp']), 'webhook-signature': String(last.headers['webhook-signature']),
      }) as { type: string; advisory: { code: string; level: number; departureUrged: boolean; url: string } };
      expect(payload.type).toBe('advisory.published');
      expect(payload.advisory).toMatchObject({ code: 'RU', level: 4, departureUrged: true, url: 'https://advice.example.org/destinations/russia' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it.skipIf(engine !== 'postgres')('two workers with separate connections never send a Message-ID twice', async () => {
    await enrol(80);
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    const other = connect(store.url, { poolSize: 4 });
    const otherSmtp = smtpTransport(smtp.url, { maxConnections: 3 });
    let sentByB = 0;
    const otherMail: MailTransport = { description: 'b', send: async (m) => { await otherSmtp.send(m); sentByB++; }, close: () => otherSmtp.close() };
    try {
      const a = new NotifyWorker({ store, config: CONFIG, mail, settings: { ...FAST, batchSize: 7 }, id: 'a' });
      const b = new NotifyWorker({ store: other, config: CONFIG, mail: otherMail, settings: { ...FAST, batchSize: 7 }, id: 'b' });
      await until([a, b], allSent(80));
      const counts = countBy(smtp.received.map((m) => m.messageId));
      expect(counts.size).toBe(80);
      expect(smtp.received).toHaveLength(80);
      expect(sentByB).toBeGreaterThan(0);
      expect(sentByB).toBeLessThan(80);
      const fanOuts = await store.db.selectFrom('events').select('audience_size').execute();
      expect(fanOuts).toEqual([{ audience_size: 80 }]);
    } finally {
      await otherMail.close();
      await other.close();
    }
  });
});

afterAll(() => {});
