import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addSubscription, addTraveller, addTrip, addWebhook } from '../helpers/notify.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { startWebhookReceiver } from '../helpers/webhook-receiver.ts';
import { demonstration, inHours } from '../helpers/alerts-setup.ts';
import { addStaff, apiCall } from '../helpers/editorial-setup.ts';

const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'alerts-secret-0123456789abcdef' };

/** A YYYY-MM-DD `days` from today (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES)('alerts notify the people in their area and time window on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let mail: MailTransport;
  let token: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    mail = smtpTransport(smtp.url);
  });
  afterAll(async () => {
    await mail?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    store = await createTestStore(engine);
    app = await buildApp({ store, config: { publicUrl: CONFIG.publicUrl } });
    token = (await addStaff(store, 'crisis@example.org', 'crisis')).token;
    smtp.received.length = 0;
  });
  afterEach(async () => {
    await app?.close();
    await store?.close();
  });

  async function issue(body: Record<string, unknown>, url = '/api/v1/alerts') {
    const response = await apiCall(app)('POST', url, token, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: number; identifier: string };
  }
  const drain = () => new NotifyWorker({ store, config: CONFIG, mail, allowPrivateWebhooks: true }).drain();
  const recipients = () => smtp.received.map((m) => m.to[0]).sort();

  /** Travellers placed in and around the alert's area and window. */
  async function enrolAround() {
    const add = async (email: string, code: string, options: Parameters<typeof addTrip>[3] = {}, alerts = 1) => {
      const t = await addTraveller(store.db, email);
      await store.db.updateTable('travellers').set({ trip_alerts: alerts }).where('id', '=', t.id).execute();
      await addTrip(store.db, t.id, code, options);
      return t;
    };
    await add('russia@example.org', 'RU', { start: day(-3), end: day(10) });
    await add('moscow@example.org', 'RU', { start: day(-3), end: null, region: 'RU-MOW' });
    await add('petersburg@example.org', 'RU', { start: day(-3), end: day(10), region: 'RU-SPE' });
    await add('arriving@example.org', 'RU', { start: day(1), end: day(5) });
    await add('later@example.org', 'RU', { start: day(20), end: day(30) });
    await add('left@example.org', 'RU', { start: day(-10), end: day(-1) });
    await add('cancelled@example.org', 'RU', { start: day(-1), end: day(5), cancelled: true });
    await add('france@example.org', 'FR', { start: day(-3), end: day(10) });
    await add('no-alerts@example.org', 'RU', { start: day(-3), end: day(10) }, 0);
    await addSubscription(store.db, (await addTraveller(store.db, 'subscriber@example.org')).id, 'destination', 'RU', { alerts: 1, advisories: 0 });
    await addSubscription(store.db, (await addTraveller(store.db, 'advisories-only@example.org')).id, 'destination', 'RU', { alerts: 0, advisories: 1 });
    await addSubscription(store.db, (await addTraveller(store.db, 'level4@example.org')).id, 'level4', null);
  }

  it('a demonstration in Moscow reaches trips in Russia overlapping its window (whole country or Moscow) and alert subscribers, nobody else', async () => {
    await enrolAround();
    const alert = await issue(demonstration({ effective: inHours(-1), expires: inHours(3 * 24) }));
    expect(await drain()).toBe(4);
    // Not: St Petersburg (another region), a trip starting after it expires, one already over, a cancelled one,
    // France, someone who chose no alert messages, an advisories-only subscriber, a Level 4 subscriber.
    expect(recipients()).toEqual(['arriving@example.org', 'moscow@example.org', 'russia@example.org', 'subscriber@example.org']);
    const message = smtp.received.find((m) => m.to[0] === 'russia@example.org')!;
    expect(message.subject).toBe('Russia: Alert – Demonstration in Moscow');
    expect(message.text).toContain('Security · Moderate · Demonstration');
    expect(message.text).toContain('Where: Moskva (RU-MOW), Russia');
    expect(message.text).toContain('What to do: Avoid the area around Pushkin Square and Tverskaya Street. Carry your passport.');
    expect(message.text).toContain(`Read the alert: ${CONFIG.publicUrl}/alerts/${alert.id}/`);
    expect(message.text).toContain(`${CONFIG.publicUrl}/feeds/alerts/${alert.id}.cap`);
    expect(message.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(message.header('Priority')).toBeUndefined();
    expect(message.html).toContain('<h1>Russia: Alert – Demonstration in Moscow</h1>');
  });

  it('a capital enrolled by name and its ISO 3166-2 code are one place: "Moscow" hears of RU-MOW, RU-MOW of "Moscow"', async () => {
    const add = async (email: string, code: string, region: string) => addTrip(store.db, (await addTraveller(store.db, email)).id, code, { start: day(-3), end: day(10), region });
    await add('by-name@example.org', 'RU', 'Moscow');
    await add('by-code@example.org', 'RU', 'RU-MOW');
    await add('elsewhere@example.org', 'RU', 'RU-SPE');
    await add('paris@example.org', 'FR', 'Paris');
    await issue(demonstration({ effective: inHours(-1), expires: inHours(24), regions: ['RU-MOW'] }));
    await drain();
    expect(recipients()).toEqual(['by-code@example.org', 'by-name@example.org']);
    smtp.received.length = 0;
    await issue(demonstration({ destinations: ['RU', 'FR'], effective: inHours(-1), expires: inHours(24), regions: ['Moscow', 'FR-75'], headline: 'Marches in Moscow and Paris' }));
    await drain();
    expect(recipients()).toEqual(['by-code@example.org', 'by-name@example.org', 'paris@example.org']);
  });

  it('a Severe alert is urgent: it reaches people who chose no alert messages, and is marked urgent', async () => {
    await enrolAround();
    await issue(demonstration({ severity: 'Extreme', headline: 'Explosion near Kursky station', event: 'Explosion', category: 'CBRNE', regions: [] }));
    await drain();
    expect(recipients()).toEqual(['advisories-only@example.org', 'arriving@example.org', 'moscow@example.org', 'no-alerts@example.org', 'petersburg@example.org', 'russia@example.org', 'subscriber@example.org']);
    const message = smtp.received[0]!;
    expect(message.subject).toBe('Russia: Alert – Explosion near Kursky station');
    expect(message.header('Priority')).toBe('urgent');
    const deliveries = await store.db.selectFrom('deliveries').select('priority').execute();
    expect(new Set(deliveries.map((d) => d.priority))).toEqual(new Set([0]));
  });

  it('an alert for later this month reaches only trips overlapping its window; several destinations are covered at once', async () => {
    await enrolAround();
    await issue(demonstration({ destinations: ['RU', 'FR'], regions: [], effective: inHours(24 * 21), expires: inHours(24 * 22), headline: 'Rail strike across Europe', event: 'Strike', category: 'Transport' }));
    await drain();
    expect(recipients()).toEqual(['later@example.org', 'moscow@example.org', 'subscriber@example.org']);
    expect(smtp.received[0]!.subject).toBe('Russia, France: Alert – Rail strike across Europe');
  });

  it('regions narrow only their own destination: Moscow in Russia, all of France', async () => {
    await enrolAround();
    const paris = await addTraveller(store.db, 'paris@example.org');
    await addTrip(store.db, paris.id, 'FR', { start: day(-1), end: day(3), region: 'FR-75' });
    await issue(demonstration({ destinations: ['RU', 'FR'], regions: ['RU-MOW'], headline: 'Protests in Moscow and France' }));
    await drain();
    expect(recipients()).toEqual(['arriving@example.org', 'france@example.org', 'moscow@example.org', 'paris@example.org', 'russia@example.org', 'subscriber@example.org']);
  });

  it('updates and cancellations reach the same people; webhooks carry the alert, signed', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const server = await startWebhookReceiver();
    const { received } = server;
    try {
      const traveller = await addTraveller(store.db, 'russia@example.org');
      await addTrip(store.db, traveller.id, 'RU', { start: day(-1), end: day(5) });
      await addWebhook(store.db, traveller.id, server.url, secret);
      const france = await addTraveller(store.db, 'france@example.org');
      await addTrip(store.db, france.id, 'FR', { start: day(-1), end: day(5) });

      const alert = await issue(demonstration());
      await drain();
      const update = await issue({ headline: 'Demonstration in Moscow moved to Sunday', expires: inHours(50) }, `/api/v1/alerts/${alert.id}/update`);
      await drain();
      await issue({ note: 'The demonstration was called off.' }, `/api/v1/alerts/${update.id}/cancel`);
      await drain();
      expect(smtp.received.map((m) => [m.to[0], m.subject])).toEqual([
        ['russia@example.org', 'Russia: Alert – Demonstration in Moscow'],
        ['russia@example.org', 'Russia: Alert updated – Demonstration in Moscow moved to Sunday'],
        ['russia@example.org', 'Russia: Alert cancelled – Demonstration in Moscow moved to Sunday'],
      ]);
      expect(smtp.received[2]!.text).toContain('This alert is cancelled. The demonstration was called off.');
      expect(received).toHaveLength(3);
      const last = received[2]!;
      const payload = new Webhook(secret).verify(last.body, {
        'webhook-id': String(last.headers['webhook-id']), 'webhook-timestamp': String(last.headers['webhook-timestamp']), 'webhook-signature': String(last.headers['webhook-signature']),
      }) as { type: string; urgent: boolean; alert: Record<string, unknown> };
      expect(payload.type).toBe('alert.published');
      expect(payload.urgent).toBe(false);
      expect(payload.alert).toMatchObject({
        msgType: 'Cancel', references: [update.id], status: 'Actual', destinations: ['RU'], regions: ['RU-MOW'], category: 'Security', event: 'Demonstration',
        severity: 'Moderate', headline: 'Demonstration in Moscow moved to Sunday', note: 'The demonstration was called off.', senderName: 'U.S. Embassy Moscow',
      });
      expect(String(payload.alert.url)).toMatch(/^https:\/\/advice\.example\.org\/alerts\/\d+\/$/);
      expect(String(payload.alert.capUrl)).toMatch(/^https:\/\/advice\.example\.org\/feeds\/alerts\/\d+\.cap$/);
    } finally {
      await server.close();
    }
  });

  it('Exercise and Test alerts notify nobody', async () => {
    await enrolAround();
    await issue(demonstration({ status: 'Exercise', severity: 'Extreme' }));
    await issue(demonstration({ status: 'Test' }));
    expect(await drain()).toBe(0);
    expect(smtp.received).toEqual([]);
  });
});
