import { Webhook } from 'standardwebhooks';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { crisisScope, tripInScope } from '../../src/domain/crises.ts';
import { equivalentRegions } from '../../src/enrolment/regions.ts';
import { ENGINES } from '../helpers/databases.ts';
import { answerLink, CONFIG, countsOf, crisisSuite, day, declare, enrol, mailTo, post, wave } from '../helpers/crises-setup.ts';
import { addTraveller, addTrip, addWebhook } from '../helpers/notify.ts';
import { startWebhookReceiver } from '../helpers/webhook-receiver.ts';

/** Who a wave reaches, and how: the scope query against the rule, exercises, webhooks, the undeliverable. */
describe.each(ENGINES)('who check-in waves reach on %s', (engine) => {
  const suite = crisisSuite(engine);

  it('the people a wave adds are exactly those whose trips the domain rule puts in scope (200 random trips)', async () => {
    // A small deterministic generator: the same trips on every run.
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const trips: { email: string; destination: string; region: string | null; start: string; end: string | null; cancelled: boolean }[] = [];
    for (let i = 0; i < 200; i++) {
      const from = Math.floor(random() * 40) - 30;
      trips.push({
        email: `p${i}@example.org`, destination: pick(['RU', 'RU', 'BY', 'FR']), region: pick([null, 'RU-MOW', 'Moscow', 'moscow', 'RU-SPE', 'BY-HM', 'Paris']),
        start: day(from), end: random() < 0.2 ? null : day(from + Math.floor(random() * 30)), cancelled: random() < 0.1,
      });
    }
    for (const t of trips) {
      const traveller = await addTraveller(suite.store.db, t.email);
      await addTrip(suite.store.db, traveller.id, t.destination, { region: t.region, start: t.start, end: t.end, cancelled: t.cancelled });
    }
    const startedAt = new Date(Date.now() - 6 * 86_400_000).toISOString();
    const id = await declare(suite, { title: 'Unrest', destinations: ['RU', 'BY'], regions: ['RU-MOW'], startedAt });
    const sent = await wave(suite, id);
    const scope = crisisScope({ destinations: ['RU', 'BY'], regions: ['RU-MOW'], regionDestinations: ['RU'], startedAt }, new Date(), equivalentRegions);
    const expected = trips.filter((t) => tripInScope(scope, t)).map((t) => t.email).sort();
    const added = await suite.store.db.selectFrom('crisis_people as p').innerJoin('travellers as t', 't.id', 'p.traveller_id').select('t.email').where('p.crisis_id', '=', id).execute();
    expect(added.map((r) => r.email).sort()).toEqual(expected);
    expect(sent.audience).toBe(expected.length);
    // The sample exercises both sides of every rule.
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(180);
  });

  it('an exercise says EXERCISE in the subject, the first line, the page and the webhook, signed, with its answer links', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const server = await startWebhookReceiver();
    const { received } = server;
    try {
      const traveller = await enrol(suite, 'drill@example.org', ['RU', 'RU-MOW']);
      await addWebhook(suite.store.db, traveller.id, server.url, secret);
      const id = await declare(suite, { title: 'Evacuation drill', destinations: ['RU'], exercise: true });
      expect(await wave(suite, id)).toMatchObject({ audience: 1, deliveries: 2 });
      await suite.drain();
      const mail = mailTo(suite, 'drill@example.org')[0]!;
      expect(mail.subject).toBe('EXERCISE – Are you safe? – Evacuation drill');
      expect(mail.text!.split('\n')[0]).toBe('EXERCISE – this is a drill, not a real emergency. Please answer as you would in a real one.');
      const page = await suite.app.inject({ url: answerLink(mail, 'I\'m safe') });
      expect(page.body).toContain('<title>EXERCISE – Check-in: Evacuation drill · Waypost</title>');

      expect(received).toHaveLength(1);
      const hook = received[0]!;
      const payload = new Webhook(secret).verify(hook.body, {
        'webhook-id': String(hook.headers['webhook-id']), 'webhook-timestamp': String(hook.headers['webhook-timestamp']), 'webhook-signature': String(hook.headers['webhook-signature']),
      }) as { type: string; exercise: boolean; urgent: boolean; checkIn: { subject: string; wave: number; answers: Record<string, string> } };
      expect(payload).toMatchObject({ type: 'crisis.wave', exercise: true, urgent: true, checkIn: { subject: 'EXERCISE – Are you safe? – Evacuation drill', wave: 1 } });
      // A receiving system answers by POSTing the link; it is recorded as a webhook answer.
      const answered = await suite.app.inject({ method: 'POST', url: new URL(payload.checkIn.answers.needHelp!).pathname, headers: { accept: 'application/json' } });
      expect(answered.statusCode).toBe(201);
      expect(await suite.store.db.selectFrom('crisis_answers').select(['answer', 'channel']).execute()).toEqual([{ answer: 'need_help', channel: 'webhook' }]);
      expect(await countsOf(suite, id)).toMatchObject({ needHelp: 1 });
    } finally {
      await server.close();
    }
  });

  it('undeliverable: a bounced address, no usable channel, or unsubscribed; no answer while a message went out or waits', async () => {
    await enrol(suite, 'fine@example.org', ['RU', null]);
    await enrol(suite, 'bounces@example.org', ['RU', null]);
    const unconfirmed = await addTraveller(suite.store.db, 'unconfirmed@example.org', { emailConfirmed: false });
    await addTrip(suite.store.db, unconfirmed.id, 'RU', { start: day(-1), end: day(3) });
    const unsubscribed = await addTraveller(suite.store.db, 'unsubscribed@example.org', { unsubscribed: true });
    await addTrip(suite.store.db, unsubscribed.id, 'RU', { start: day(-1), end: day(3) });
    suite.smtp.refuse = ({ to }) => (to[0] === 'bounces@example.org' ? 550 : undefined);
    const id = await declare(suite, { title: 'Earthquake', destinations: ['RU'] });
    expect(await wave(suite, id)).toMatchObject({ audience: 2 });
    // The wave queues its messages as it is sent: those with no usable channel are undeliverable at
    // once; the bounce, when the worker has tried.
    expect(await countsOf(suite, id)).toEqual({ safe: 0, needHelp: 0, left: 0, noAnswer: 2, undeliverable: 2 });
    await suite.drain();
    expect(await countsOf(suite, id)).toEqual({ safe: 0, needHelp: 0, left: 0, noAnswer: 1, undeliverable: 3 });
    // The one who answers leaves "no answer"; an answer by someone undeliverable would count as theirs.
    await post(suite.app, answerLink(mailTo(suite, 'fine@example.org')[0]!, 'I\'m safe'));
    expect(await countsOf(suite, id)).toEqual({ safe: 1, needHelp: 0, left: 0, noAnswer: 0, undeliverable: 3 });
  });

  it('the request log shows /check-in/[redacted], never a token', async () => {
    await enrol(suite, 'logged@example.org', ['RU', null]);
    const id = await declare(suite, { title: 'Earthquake', destinations: ['RU'] });
    await wave(suite, id);
    await suite.drain();
    const link = answerLink(mailTo(suite, 'logged@example.org')[0]!, 'I\'m safe');
    const lines: string[] = [];
    const stream = new Writable({ write(chunk: Buffer, _encoding, callback) { lines.push(chunk.toString()); callback(); } });
    const logged = await buildApp({ store: suite.store, config: CONFIG, logger: { level: 'info', stream } });
    try {
      expect((await logged.inject({ url: link })).statusCode).toBe(200);
      expect((await logged.inject({ method: 'POST', url: link })).statusCode).toBe(200);
      expect((await logged.inject({ method: 'POST', url: `${link}/details`, payload: 'note=ok', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(200);
    } finally {
      await logged.close();
    }
    const log = lines.join('');
    expect(log).toContain('/check-in/[redacted]');
    expect(log).not.toContain(link.slice('/check-in/'.length, '/check-in/'.length + 20));
    expect(log).not.toContain('logged@example.org');
  });
});
