import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { nextDigestAt } from '../../src/notify/digest.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addAdvisoryEvent, addSubscription, addTraveller, addTrip } from '../helpers/notify.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'digest-test-secret-0123456789' };

describe('nextDigestAt', () => {
  it('is the next digest hour strictly after now, in UTC', () => {
    expect(nextDigestAt(new Date('2026-03-01T06:59:00Z'), 7).toISOString()).toBe('2026-03-01T07:00:00.000Z');
    expect(nextDigestAt(new Date('2026-03-01T07:00:00Z'), 7).toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(nextDigestAt(new Date('2026-12-31T23:30:00Z'), 0).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe.each(ENGINES)('daily digest on %s', (engine) => {
  let store: TestStore;
  let smtp: TestSmtpServer;
  let mail: MailTransport;
  let clock: Date;

  beforeEach(async () => {
    store = await createTestStore(engine);
    smtp = await startSmtpServer();
    mail = smtpTransport(smtp.url);
    clock = new Date('2026-03-01T10:00:00Z');
  });
  afterEach(async () => {
    await mail?.close();
    await smtp?.close();
    await store?.close();
  });

  const worker = () => new NotifyWorker({ store, config: CONFIG, mail, now: () => clock, settings: { digestHourUtc: 7, batchSize: 1 } });

  it('holds routine changes for digest readers until the digest hour, then sends them as one e-mail; others get them at once', async () => {
    const reader = await addTraveller(store.db, 'digest@example.org', { tripFrequency: 'digest' });
    await addTrip(store.db, reader.id, 'RU');
    await addSubscription(store.db, reader.id, 'destination', 'FR', { frequency: 'digest' });
    const prompt = await addTraveller(store.db, 'prompt@example.org');
    await addTrip(store.db, prompt.id, 'RU');
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    await addAdvisoryEvent(store.db, 'FR', 'France', { level: 2, previousLevel: 2 });

    // batchSize 1: the digest rows are claimed across rounds, yet the reader gets one e-mail.
    await worker().drain();
    expect(smtp.received.map((m) => m.to[0])).toEqual(['prompt@example.org']);
    const held = await store.db.selectFrom('deliveries').select(['status', 'next_attempt_at']).where('traveller_id', '=', reader.id).execute();
    expect(held).toEqual([{ status: 'queued', next_attempt_at: '2026-03-02T07:00:00.000Z' }, { status: 'queued', next_attempt_at: '2026-03-02T07:00:00.000Z' }]);

    clock = new Date('2026-03-02T06:59:00Z');
    expect(await worker().drain()).toBe(0);
    clock = new Date('2026-03-02T07:00:30Z');
    await worker().drain();
    const digests = smtp.received.filter((m) => m.to[0] === 'digest@example.org');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('Your Waypost digest: 2 updates');
    expect(digests[0]!.text).toContain('Russia: Level 3');
    expect(digests[0]!.text).toContain('France: Level 2');
    expect(digests[0]!.text).toContain('https://advice.example.org/destinations/russia');
    expect(digests[0]!.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const rows = await store.db.selectFrom('deliveries').select('status').where('traveller_id', '=', reader.id).execute();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('a refused digest is retried as a whole, and an alert that expired while held is left out', async () => {
    const reader = await addTraveller(store.db, 'digest@example.org', { tripFrequency: 'digest' });
    await addTrip(store.db, reader.id, 'RU');
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    await store.db.insertInto('events').values({
      kind: 'alert.published', destination_code: 'RU', revision: null, urgent: 0, created_at: '2026-03-01T09:00:00.000Z', processed_at: null,
      payload: JSON.stringify({ alertId: 1, code: 'RU', name: 'Russia', destinations: ['RU'], headline: 'Demonstration this afternoon', msgType: 'Alert', severity: 'Moderate', effective: '2026-03-01T09:00:00Z', expires: '2026-03-01T18:00:00Z', urgent: false }),
    }).execute();
    await worker().drain();
    expect(await store.db.selectFrom('deliveries').select('id').where('status', '=', 'queued').execute()).toHaveLength(3);

    clock = new Date('2026-03-02T07:00:30Z');
    smtp.refuse = () => 451;
    await worker().drain();
    expect(smtp.received).toHaveLength(0);
    const retried = await store.db.selectFrom('deliveries').select(['status', 'next_attempt_at', 'last_error']).where('traveller_id', '=', reader.id).orderBy('id').execute();
    // The expired alert is dropped; the two advisory changes wait together for the same retry.
    expect(retried.map((r) => r.status)).toEqual(['queued', 'queued', 'failed']);
    expect(retried[2]!.last_error).toBe('the alert expired before the digest went out');
    expect(retried[0]!.next_attempt_at).toBe(retried[1]!.next_attempt_at);

    smtp.refuse = undefined;
    clock = new Date('2026-03-02T08:00:00Z');
    await worker().drain();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe('Your Waypost digest: 2 updates');
    expect(smtp.received[0]!.text).not.toContain('Demonstration');
  });

  it('an urgent change never waits for the digest', async () => {
    const reader = await addTraveller(store.db, 'digest@example.org', { tripFrequency: 'digest' });
    await addTrip(store.db, reader.id, 'RU');
    await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 4, previousLevel: 3, departureUrged: true, urgent: true });
    await worker().drain();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe('Russia: Level 4 – Do Not Travel – citizens should leave immediately');
  });
});
