import { describe, expect, it } from 'vitest';
import { startWorker } from '../../src/notify/worker.ts';
import { smsDeliveryState } from '../../src/sms/parts.ts';
import { ENGINES } from '../helpers/databases.ts';
import { day } from '../helpers/crises-setup.ts';
import { addAdvisoryEvent, addTraveller, addTrip } from '../helpers/notify.ts';
import { addSmsNumber, eventually, smsSuite, type SmsSuite } from '../helpers/sms-setup.ts';

/** A crisis in Russia with `n` people on trips there, each with a verified SMS number. */
async function crisisWithPeople(suite: SmsSuite, n: number): Promise<{ crisisId: number; numbers: string[] }> {
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const traveller = await addTraveller(suite.store.db, `p${i}@example.org`);
    await addTrip(suite.store.db, traveller.id, 'RU', { start: day(-3), end: day(10) });
    const number = `+4477009${String(i).padStart(5, '0')}`;
    await addSmsNumber(suite.store.db, traveller.id, number);
    numbers.push(number);
  }
  const declared = await suite.call('POST', '/api/v1/crises', suite.crisisStaff.token, { title: 'Unrest in Moscow', destinations: ['RU'] });
  expect(declared.statusCode, declared.body).toBe(201);
  return { crisisId: (declared.json() as { id: number }).id, numbers };
}

async function sendWave(suite: SmsSuite, crisisId: number): Promise<void> {
  const response = await suite.call('POST', `/api/v1/crises/${crisisId}/waves`, suite.crisisStaff.token);
  expect(response.statusCode, response.body).toBe(202);
}

const smsRows = (suite: SmsSuite) => suite.store.db.selectFrom('deliveries').select(['id', 'status', 'last_error']).where('channel_kind', '=', 'sms').orderBy('id').execute();

describe.each(ENGINES)('SMS over SMPP (%s)', (engine) => {
  const suite = smsSuite(engine);

  it('submits a check-in with a receipt asked for, and the receipt makes the delivery delivered', async () => {
    const { crisisId, numbers } = await crisisWithPeople(suite, 2);
    await sendWave(suite, crisisId);
    await suite.worker().drain();
    const messages = await suite.smsc.waitFor(2);
    expect(messages.map((m) => m.to).sort()).toEqual(numbers);
    expect(messages[0]!.text).toMatch(/^Are you safe\? Unrest in Moscow\. Reply 1 SAFE, 2 HELP or 3 LEFT\. Need help\? Tell us more: https:\/\/advice\.example\.org\/check-in\/\S+$/);
    expect(messages[0]!.dataCoding).toBe(0);
    const rows = await smsRows(suite);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    for (const row of rows) await eventually(async () => (await smsDeliveryState(suite.store.db, row.id)) === 'delivered', 5000, 'the delivery receipt');
    expect(suite.smsc.binds).toBe(1);
  });

  it('a departure\'s message reaches its people\'s verified numbers too: where and when to meet', async () => {
    const { crisisId, numbers } = await crisisWithPeople(suite, 2);
    const travellers = await suite.store.db.selectFrom('travellers').select('id').orderBy('id').execute();
    const at = new Date().toISOString();
    const request = await suite.store.db.insertInto('departure_requests').values({
      crisis_id: crisisId, traveller_id: travellers[0]!.id, party_size: 1, dependants: 0, citizenships: '["US"]', passports: '["US"]',
      special_needs: null, location: 'Hotel Metropol', phone: null, via: 'account', departure_id: null, boarded_at: null, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    const departure = (await suite.call('POST', `/api/v1/crises/${crisisId}/departures`, suite.crisisStaff.token, {
      mode: 'bus', label: 'Bus 1 to Riga', capacity: 40, meetingPoint: 'Embassy car park', meetingAt: new Date(Date.now() + 20 * 3_600_000).toISOString(),
    })).json() as { id: number };
    expect((await suite.call('POST', `/api/v1/departures/${departure.id}/assignments`, suite.crisisStaff.token, { requests: [Number(request.id)] })).statusCode).toBe(200);
    const sent = await suite.call('POST', `/api/v1/departures/${departure.id}/message`, suite.crisisStaff.token, { text: 'Bring water and your passport.' });
    expect(sent.statusCode, sent.body).toBeLessThan(300);
    await suite.worker().drain();
    const [text] = await suite.smsc.waitFor(1);
    expect(text!.to).toBe(numbers[0]);
    expect(text!.text).toMatch(/^Bus 1 to Riga: meet at Embassy car park, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\. Bring water and your passport\. https:\/\/advice\.example\.org\/account#departures$/);
    await new Promise((r) => setTimeout(r, 200));
    expect(suite.smsc.messages).toHaveLength(1);
  });

  it('a delivery sent but not recorded (the worker died) is not texted again when retried', async () => {
    const { crisisId } = await crisisWithPeople(suite, 3);
    await sendWave(suite, crisisId);
    await suite.worker().drain();
    await suite.smsc.waitFor(3);
    // As the sweeper leaves it after a crash between the SMSC's answer and the record: queued again.
    await suite.store.db.updateTable('deliveries').set({ status: 'queued', next_attempt_at: '2000-01-01T00:00:00.000Z' }).where('channel_kind', '=', 'sms').execute();
    expect(await suite.worker().drain()).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(suite.smsc.messages).toHaveLength(3);
    expect((await smsRows(suite)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('a failure receipt fails the delivery, and the crisis counts that person undeliverable', async () => {
    suite.smsc.stat = () => 'UNDELIV';
    const { crisisId } = await crisisWithPeople(suite, 1);
    await suite.store.db.deleteFrom('channels').where('kind', '=', 'email').execute();
    await sendWave(suite, crisisId);
    await suite.worker().drain();
    await suite.smsc.waitFor(1);
    const [row] = await eventually(async () => {
      const rows = await smsRows(suite);
      return rows[0]?.status === 'failed' ? rows : undefined;
    }, 5000, 'the failed receipt');
    expect(row!.last_error).toBe('SMS centre receipt: UNDELIV');
    const counts = (await suite.call('GET', `/api/v1/crises/${crisisId}`, suite.crisisStaff.token)).json() as { counts: Record<string, number> };
    expect(counts.counts).toMatchObject({ undeliverable: 1, noAnswer: 0 });
  });

  it('UCS-2 text and a 400-character message arrive whole, in parts joined by their header', async () => {
    const russian = 'Посольство рекомендует немедленно покинуть Москву. '.repeat(4).trim();
    const long = `${'Level 4: leave now by any commercial means. '.repeat(10)}`.slice(0, 400);
    expect(long).toHaveLength(400);
    const [a, b] = await Promise.all([
      suite.sms.send({ to: '+79161234567', text: russian, id: 'ucs2' }),
      suite.sms.send({ to: '+447700900001', text: long, id: 'long' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const messages = await suite.smsc.waitFor(2);
    const ru = messages.find((m) => m.to === '+79161234567')!;
    const en = messages.find((m) => m.to === '+447700900001')!;
    expect(ru).toMatchObject({ text: russian, dataCoding: 8, parts: Math.ceil(russian.length / 67) });
    expect(en).toMatchObject({ text: long, dataCoding: 0, parts: 3 });
    expect(suite.smsc.parts.filter((p) => p.to === '+447700900001').map((p) => p.text.length)).toEqual([153, 153, 94]);
  });

  it('keeps at most `window` submit_sm unanswered at once', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => suite.sms.send({ to: `+4477009${String(i).padStart(5, '0')}`, text: `message ${i}`, id: `w${i}` })));
    expect(suite.smsc.messages).toHaveLength(40);
    expect(suite.sms.link.peakInFlight).toBeGreaterThan(1);
    expect(suite.sms.link.peakInFlight).toBeLessThanOrEqual(10);
  });

  it('only Level 3–4 and directives go by SMS; Level 2 stays on e-mail', async () => {
    const traveller = await addTraveller(suite.store.db, 'sub@example.org');
    await addTrip(suite.store.db, traveller.id, 'RU', { start: day(-3), end: day(10) });
    await addSmsNumber(suite.store.db, traveller.id, '+447700900111');
    await addSmsNumber(suite.store.db, traveller.id, '+447700900222', false);
    await addAdvisoryEvent(suite.store.db, 'RU', 'Russia', { level: 2 });
    await addAdvisoryEvent(suite.store.db, 'RU', 'Russia', { level: 4, previousLevel: 3, departureUrged: true, urgent: true });
    await suite.worker().drain();
    const messages = await suite.smsc.waitFor(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(suite.smsc.messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ to: '+447700900111' });
    expect(messages[0]!.text).toBe('Russia: Level 4 – Do Not Travel – citizens should leave immediately. https://advice.example.org/destinations/russia');
  });
});

describe.each(ENGINES)('SMS centre down, then up (%s)', (engine) => {
  const suite = smsSuite(engine, { queueTimeoutMs: 300 });

  it('delivers every message after the reconnect, none twice', async () => {
    const { crisisId, numbers } = await crisisWithPeople(suite, 12);
    await eventually(async () => suite.sms.link.bound, 5000, 'the first bind');
    await suite.smsc.stop();
    await sendWave(suite, crisisId);
    const running = startWorker({ store: suite.store, config: { publicUrl: 'https://advice.example.org', secret: 'sms-test-secret-0123456789abcdef0123' }, mail: (await import('../../src/mail/transport.ts')).createMailTransport(undefined, suite.store.db), sms: suite.sms, settings: { retryBaseMs: 20, maxAttempts: 100, pollMs: 20 } });
    try {
      // While the SMSC is away, sends wait and then go back to the queue with a temporary error.
      await eventually(async () => (await smsRows(suite)).some((r) => r.last_error !== null), 5000, 'a temporary failure');
      expect(suite.smsc.parts).toHaveLength(0);
      await suite.smsc.start();
      await suite.smsc.waitFor(12, 15_000);
      await eventually(async () => (await smsRows(suite)).every((r) => r.status === 'sent'), 10_000, 'every delivery sent');
    } finally {
      await running.stop();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(suite.smsc.messages.map((m) => m.to).sort()).toEqual(numbers);
    expect(suite.smsc.binds).toBeGreaterThanOrEqual(2);
  });
});
