import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { answerLink, countsOf, crisisSuite, day, declare, enrol, mailTo, post, wave } from '../helpers/crises-setup.ts';
import { addTraveller } from '../helpers/notify.ts';

const since = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe.each(ENGINES)('check-in waves on %s', (engine) => {
  const suite = crisisSuite(engine);
  const recipients = () => suite.smtp.received.map((m) => m.to[0]).sort();

  /** Unrest in Moscow since two days ago, and people in and around it. */
  async function moscow() {
    await enrol(suite, 'moscow@example.org', ['RU', 'RU-MOW']);
    await enrol(suite, 'by-name@example.org', ['RU', 'Moscow']);
    await enrol(suite, 'somewhere-in-russia@example.org', ['RU', null]);
    await enrol(suite, 'resident@example.org', ['RU', 'RU-MOW'], { from: -2000, to: null });
    await enrol(suite, 'left-after-it-began@example.org', ['RU', 'RU-MOW'], { from: -10, to: -1 });
    await enrol(suite, 'left-before@example.org', ['RU', 'RU-MOW'], { from: -10, to: -3 });
    await enrol(suite, 'arrives-tomorrow@example.org', ['RU', 'RU-MOW'], { from: 1, to: 5 });
    await enrol(suite, 'petersburg@example.org', ['RU', 'RU-SPE']);
    await enrol(suite, 'cancelled@example.org', ['RU', 'RU-MOW'], { cancelled: true });
    await enrol(suite, 'paris@example.org', ['FR', null]);
    return declare(suite, { title: 'Unrest in Moscow', destinations: ['RU'], regions: ['RU-MOW'], startedAt: since(-2) });
  }

  it('a wave asks everyone in scope once, urgently, by real SMTP; a second drain sends nothing more', async () => {
    const id = await moscow();
    const sent = await wave(suite, id);
    expect(sent).toMatchObject({ wave: 1, audience: 5, deliveries: 5 });
    expect(await suite.drain()).toBe(5);
    expect(recipients()).toEqual(['by-name@example.org', 'left-after-it-began@example.org', 'moscow@example.org', 'resident@example.org', 'somewhere-in-russia@example.org']);
    expect(await suite.drain()).toBe(0);
    expect(suite.smtp.received).toHaveLength(5);
    const mail = mailTo(suite, 'moscow@example.org')[0]!;
    expect(mail.subject).toBe('Are you safe? – Unrest in Moscow');
    expect(mail.header('Priority')).toBe('urgent');
    expect(mail.text).toContain('Our records say you may be in Moskva (RU-MOW), Russia.');
    for (const answer of ['I\'m safe', 'I need help', 'I\'m not there / I\'ve left'] as const) expect(answerLink(mail, answer)).toMatch(/^\/check-in\/[\w-]+\.[\w-]{43}$/);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(await countsOf(suite, id)).toEqual({ safe: 0, needHelp: 0, left: 0, noAnswer: 5, undeliverable: 0 });

    // A second (initial) wave asks them all again: one message each per wave.
    expect(await wave(suite, id)).toMatchObject({ wave: 2, audience: 5 });
    await suite.drain();
    expect(suite.smtp.received).toHaveLength(10);
    expect(new Set(suite.smtp.received.map((m) => m.messageId)).size).toBe(10);
  });

  it('a person with two trips in scope and two channels gets one message per channel; counted once', async () => {
    const twice = await enrol(suite, 'twice@example.org', ['RU', 'RU-MOW']);
    await suite.store.db.insertInto('trips').values({ traveller_id: twice.id, start_date: day(-1), end_date: day(3), organisation_id: null, import_key: null, created_at: since(0), updated_at: since(0), cancelled_at: null }).execute();
    const trip = await suite.store.db.selectFrom('trips').select('id').where('traveller_id', '=', twice.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await suite.store.db.insertInto('trip_destinations').values({ trip_id: trip.id, position: 1, destination_code: 'RU', region: null }).execute();
    await suite.store.db.insertInto('channels').values({ traveller_id: twice.id, kind: 'email', address: 'twice-work@example.org', secret: null, created_at: since(0), confirmed_at: since(0), disabled_at: null, disabled_reason: null }).execute();
    const id = await declare(suite, { title: 'Unrest', destinations: ['RU'], regions: ['RU-MOW'] });
    expect(await wave(suite, id)).toMatchObject({ audience: 1, deliveries: 2 });
    await suite.drain();
    expect(recipients()).toEqual(['twice-work@example.org', 'twice@example.org']);
    const summary = (await suite.call('GET', `/api/v1/crises/${id}`, suite.crisisStaff.token)).json() as { people: number; byPlace: { label: string; counts: { noAnswer: number } }[] };
    expect(summary.people).toBe(1);
    expect(summary.byPlace.map((p) => [p.label, p.counts.noAnswer])).toEqual([['Russia', 1], ['Russia – Moskva (RU-MOW)', 1]]);
  });

  it('the answer links of the received mail: GET shows, POST records; the same link again records nothing; latest answer wins', async () => {
    const id = await moscow();
    await wave(suite, id);
    await suite.drain();
    const mail = mailTo(suite, 'moscow@example.org')[0]!;
    const safe = answerLink(mail, 'I\'m safe');

    const shown = await suite.app.inject({ url: safe });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('You are answering: <strong>I&#39;m safe</strong>');
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect(await suite.store.db.selectFrom('crisis_answers').select('id').execute()).toHaveLength(0);

    const recorded = await post(suite.app, safe);
    expect(recorded.statusCode).toBe(200);
    expect(recorded.body).toContain('Recorded: <strong>I&#39;m safe</strong>');
    expect(recorded.body).toContain('name="location"');
    expect(await countsOf(suite, id)).toMatchObject({ safe: 1, noAnswer: 4 });

    const again = await post(suite.app, safe);
    expect(again.body).toContain('nothing new was recorded');
    expect(await suite.store.db.selectFrom('crisis_answers').select('id').execute()).toHaveLength(1);

    const help = await post(suite.app, answerLink(mail, 'I need help'));
    expect(help.body).toContain('Recorded: <strong>I need help</strong>');
    // Bad details are refused and change nothing; the form can then be sent again.
    for (const bad of [{ partySize: '0' }, { note: 'x\u0000y' }, { location: 'a'.repeat(201) }] as Record<string, string>[]) {
      const refused = await post(suite.app, `${answerLink(mail, 'I need help')}/details`, bad);
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await suite.store.db.selectFrom('crisis_answers').select('details_at').where('details_at', 'is not', null).execute()).toEqual([]);
    const details = await post(suite.app, `${answerLink(mail, 'I need help')}/details`, { location: 'Hotel Metropol, room 412', partySize: '3', note: 'My son has asthma.' });
    expect(details.statusCode).toBe(200);
    expect(details.body).toContain('Your details are recorded');
    const secondDetails = await post(suite.app, `${answerLink(mail, 'I need help')}/details`, { note: 'Changed' });
    expect(secondDetails.body).toContain('nothing new was recorded');
    expect(await countsOf(suite, id)).toMatchObject({ safe: 0, needHelp: 1, noAnswer: 4 });
    // The older link again: still nothing new, and the page says which answer counts.
    const old = await post(suite.app, safe);
    expect(old.body).toContain('Your latest answer is <strong>I need help</strong>');
    const answers = await suite.store.db.selectFrom('crisis_answers').select(['answer', 'channel', 'location', 'party_size', 'note']).orderBy('id').execute();
    expect(answers).toEqual([
      { answer: 'safe', channel: 'email', location: null, party_size: null, note: null },
      { answer: 'need_help', channel: 'email', location: 'Hotel Metropol, room 412', party_size: 3, note: 'My son has asthma.' },
    ]);
    // Scripts get JSON.
    const json = await suite.app.inject({ method: 'POST', url: answerLink(mailTo(suite, 'resident@example.org')[0]!, 'I\'m not there / I\'ve left'), headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(201);
    expect(json.json()).toMatchObject({ answer: 'left', recorded: true, latest: 'left' });
  });

  it('a forged, altered or foreign link changes nothing: 400 or 404; a closed crisis\'s link 410', async () => {
    const id = await moscow();
    await wave(suite, id);
    await suite.drain();
    const safe = answerLink(mailTo(suite, 'moscow@example.org')[0]!, 'I\'m safe');
    const [payload, mac] = safe.slice('/check-in/'.length).split('.') as [string, string];
    const flipped = `/check-in/${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    // Another answer in the same payload, with the old signature.
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { d: { a: string; t: number } };
    const changed = (d: Record<string, unknown>) => `/check-in/${Buffer.from(JSON.stringify({ ...data, d: { ...data.d, ...d } })).toString('base64url')}.${mac}`;
    for (const url of [flipped, changed({ a: 'h' }), changed({ t: data.d.t + 1 }), '/check-in/not-a-token', `/check-in/${payload}`]) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await suite.app.inject({ method, url });
        expect(response.statusCode, `${method} ${url}`).toBe(400);
        expect(response.body).toContain('This link does not work');
      }
    }
    expect((await suite.app.inject({ method: 'POST', url: flipped, headers: { accept: 'application/json' } })).headers['content-type']).toMatch(/^application\/problem\+json/);
    // Signed with our key, but for someone the crisis never asked.
    const { checkInToken } = await import('../../src/crises/links.ts');
    const stranger = await addTraveller(suite.store.db, 'stranger@example.org');
    const foreign = `/check-in/${checkInToken({ secret: 'crisis-test-secret-0123456789abcdef' }, { waveId: 1, travellerId: stranger.id, answer: 'safe', channel: 'email' })}`;
    expect((await post(suite.app, foreign)).statusCode).toBe(404);
    expect(await suite.store.db.selectFrom('crisis_answers').select('id').execute()).toHaveLength(0);

    const closed = await suite.call('POST', `/api/v1/crises/${id}/close`, suite.crisisStaff.token);
    expect(closed.statusCode).toBe(200);
    const late = await post(suite.app, safe);
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('This check-in is closed');
    expect(await suite.store.db.selectFrom('crisis_answers').select('id').execute()).toHaveLength(0);
    expect((await suite.call('POST', `/api/v1/crises/${id}/waves`, suite.crisisStaff.token)).statusCode).toBe(409);
  });

  it('a follow-up goes only to those who have not answered; an answer cancels a follow-up still queued', async () => {
    const id = await moscow();
    await wave(suite, id);
    await suite.drain();
    await post(suite.app, answerLink(mailTo(suite, 'moscow@example.org')[0]!, 'I\'m safe'));
    await post(suite.app, answerLink(mailTo(suite, 'resident@example.org')[0]!, 'I\'m not there / I\'ve left'));
    const byName = mailTo(suite, 'by-name@example.org')[0]!;
    suite.smtp.received.length = 0;

    const followUp = await wave(suite, id, true);
    expect(followUp).toMatchObject({ wave: 2, audience: 3 });
    // The follow-up is queued (not sent yet) when by-name answers from the first mail.
    expect(await suite.store.db.selectFrom('deliveries').select('status').where('event_id', '=', followUp.eventId).execute()).toEqual(Array(3).fill({ status: 'queued' }));
    await post(suite.app, answerLink(byName, 'I need help'));
    await suite.drain();
    expect(recipients()).toEqual(['left-after-it-began@example.org', 'somewhere-in-russia@example.org']);
    const reminder = suite.smtp.received[0]!;
    expect(reminder.subject).toBe('Reminder: are you safe? – Unrest in Moscow');
    expect(reminder.text).toContain('We have not heard from you yet.');
    const cancelled = await suite.store.db.selectFrom('deliveries').select('last_error').where('status', '=', 'failed').execute();
    expect(cancelled).toEqual([{ last_error: 'answered before it was sent' }]);
    expect(await countsOf(suite, id)).toEqual({ safe: 1, needHelp: 1, left: 1, noAnswer: 2, undeliverable: 0 });
  });

  it('answers arriving together are written together, each as if it came alone', async () => {
    const id = await moscow();
    await wave(suite, id);
    await suite.drain();
    const moscowMail = mailTo(suite, 'moscow@example.org')[0]!;
    const links = [
      answerLink(moscowMail, 'I\'m safe'),
      answerLink(moscowMail, 'I\'m safe'), // the same link twice in one batch: recorded once
      answerLink(moscowMail, 'I need help'), // then the same person needs help: a case, the latest answer
      answerLink(mailTo(suite, 'resident@example.org')[0]!, 'I\'m not there / I\'ve left'),
      answerLink(mailTo(suite, 'by-name@example.org')[0]!, 'I need help'),
      '/check-in/not-a-token',
    ];
    // All sent before any is answered: the group commit takes them in one transaction.
    const responses = await Promise.all(links.map((url) => suite.app.inject({ method: 'POST', url, headers: { accept: 'application/json' } })));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 200, 201, 201, 201, 400]);
    expect(responses[1]!.json()).toMatchObject({ recorded: false, answer: 'safe', latest: 'need_help' });
    expect(responses[2]!.json()).toMatchObject({ recorded: true, answer: 'need_help', latest: 'need_help' });
    const stored = await suite.store.db.selectFrom('crisis_answers').select('answer').orderBy('id').execute();
    expect(stored.map((a) => a.answer)).toEqual(['safe', 'need_help', 'left', 'need_help']);
    expect(await countsOf(suite, id)).toEqual({ safe: 0, needHelp: 2, left: 1, noAnswer: 2, undeliverable: 0 });
    // One case per person who needs help.
    const cases = await suite.store.db.selectFrom('cases').select(['id', 'traveller_id']).where('crisis_id', '=', id).execute();
    expect(cases).toHaveLength(2);
  });
});
