import { describe, expect, it } from 'vitest';
import { updateProfile } from '../../src/enrolment/profile.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { ENGINES } from '../helpers/databases.ts';
import { answerLink, CONFIG, countsOf, crisisSuite, declare, enrol, mailTo, post, wave } from '../helpers/crises-setup.ts';

const HOUR = 3_600_000;

describe.each(ENGINES)('asking emergency contacts on %s', (engine) => {
  const suite = crisisSuite(engine);
  const workerAt = (hours: number, id: string) => new NotifyWorker({ store: suite.store, config: CONFIG, mail: suite.mail, id, now: () => new Date(Date.now() + hours * HOUR), settings: { maxAttempts: 1 } });
  const contactLink = (email: string, label: string) => {
    const mail = mailTo(suite, email)[0]!;
    const line = (mail.text ?? '').split('\n').find((l) => l.startsWith(`${label}: `))!;
    return new URL(line.slice(label.length + 2)).pathname;
  };
  const profile = (travellerId: number, contacts: unknown[]) => updateProfile({ db: suite.store.db, now: () => new Date() } as never, travellerId, { name: 'Sam Silent', emergencyContacts: contacts });

  async function silentPeople() {
    const silent = await enrol(suite, 'silent@example.org', ['RU', null]);
    await profile(silent.id, [
      { name: 'Ann', phone: '+44 20 7946 0000', relation: 'sister', email: 'ann@example.net', askInCrisis: true },
      { name: 'Bob', phone: '+44 20 7946 0001', relation: 'friend', email: 'bob@example.net' },
    ]);
    const answers = await enrol(suite, 'answers@example.org', ['RU', null]);
    await profile(answers.id, [{ name: 'Cy', phone: '+44 20 7946 0002', relation: '', email: 'cy@example.net', askInCrisis: true }]);
    return silent;
  }

  it('after the hours of silence, each consenting contact gets one e-mail, however many workers drain', async () => {
    await silentPeople();
    const id = await declare(suite, { title: 'Earthquake', destinations: ['RU'], escalateAfterHours: 2 });
    await wave(suite, id);
    await suite.drain();
    await post(suite.app, answerLink(mailTo(suite, 'answers@example.org')[0]!, 'I\'m safe'));
    await workerAt(1.5, 'early').drain();
    expect(mailTo(suite, 'ann@example.net')).toHaveLength(0);

    await Promise.all([workerAt(2.1, 'a').drain(), workerAt(2.1, 'b').drain(), workerAt(2.1, 'c').drain()]);
    await Promise.all([workerAt(5, 'd').drain(), workerAt(5, 'e').drain()]);
    const ann = mailTo(suite, 'ann@example.net');
    expect(ann).toHaveLength(1);
    expect(ann[0]!.subject).toBe('Have you heard from Sam Silent? – Earthquake');
    expect(ann[0]!.text).toContain('Dear Ann, Sam Silent named you as an emergency contact');
    // Bob was not agreed to; Cy's person answered.
    expect(mailTo(suite, 'bob@example.net')).toHaveLength(0);
    expect(mailTo(suite, 'cy@example.net')).toHaveLength(0);
    const asks = await suite.store.db.selectFrom('crisis_contact_asks').select(['contact_email', 'status', 'attempts']).execute();
    expect(asks.map((a) => ({ ...a, attempts: Number(a.attempts) }))).toEqual([{ contact_email: 'ann@example.net', status: 'sent', attempts: 1 }]);

    // Opening the link records nothing; the button records "heard: safe" as the person's answer, once.
    const heardSafe = contactLink('ann@example.net', 'I have heard from them: they are safe');
    expect((await suite.app.inject({ method: 'GET', url: heardSafe })).statusCode).toBe(200);
    expect(await countsOf(suite, id)).toMatchObject({ safe: 1, noAnswer: 1 });
    const recorded = await suite.app.inject({ method: 'POST', url: heardSafe, headers: { accept: 'application/json' } });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(await countsOf(suite, id)).toMatchObject({ safe: 2, noAnswer: 0 });
    const again = await suite.app.inject({ method: 'POST', url: contactLink('ann@example.net', 'I have not heard from them'), headers: { accept: 'application/json' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ recorded: false, answer: 'heard_safe' });
    const answers = await suite.store.db.selectFrom('crisis_answers').select(['answer', 'channel']).orderBy('id').execute();
    expect(answers).toEqual([{ answer: 'safe', channel: 'email' }, { answer: 'safe', channel: 'contact' }]);
  });

  it('"not heard" is kept with the ask and changes no count; forged, closed and drills ask or record nothing', async () => {
    await silentPeople();
    const drill = await declare(suite, { title: 'Drill', destinations: ['RU'], exercise: true, escalateAfterHours: 1 });
    await wave(suite, drill);
    await suite.drain();
    await workerAt(3, 'w1').drain();
    expect(mailTo(suite, 'ann@example.net')).toHaveLength(0);

    const id = await declare(suite, { title: 'Floods', destinations: ['RU'], escalateAfterHours: 1 });
    await wave(suite, id);
    await suite.drain();
    await workerAt(3, 'w2').drain();
    const notHeard = contactLink('ann@example.net', 'I have not heard from them');
    expect((await post(suite.app, notHeard)).statusCode).toBe(200);
    const ask = await suite.store.db.selectFrom('crisis_contact_asks').select(['answer']).where('contact_email', '=', 'ann@example.net').executeTakeFirstOrThrow();
    expect(ask.answer).toBe('not_heard');
    expect(await countsOf(suite, id)).toMatchObject({ safe: 0, noAnswer: 2 });

    const forged = await suite.app.inject({ method: 'POST', url: `${notHeard.slice(0, -3)}AAA`, headers: { accept: 'application/json' } });
    expect(forged.statusCode).toBe(400);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    await suite.call('POST', `/api/v1/crises/${id}/close`, suite.crisisStaff.token);
    expect((await post(suite.app, contactLink('ann@example.net', 'I have heard from them: they need help'))).statusCode).toBe(410);
    expect(await suite.store.db.selectFrom('crisis_answers').select('id').where('channel', '=', 'contact').execute()).toEqual([]);
  });

  it('a contact\'s "they need help" opens a consular case for the person, noted as the contact\'s word', async () => {
    const silent = await silentPeople();
    const id = await declare(suite, { title: 'Landslide', destinations: ['RU'], escalateAfterHours: 1 });
    await wave(suite, id);
    await suite.drain();
    await workerAt(3, 'w3').drain();
    expect((await post(suite.app, contactLink('ann@example.net', 'I have heard from them: they need help'))).statusCode).toBe(200);
    expect(await countsOf(suite, id)).toMatchObject({ needHelp: 1 });
    const cases = await suite.store.db.selectFrom('cases').select(['id', 'traveller_id', 'crisis_id', 'status']).execute();
    expect(cases.map((c) => [Number(c.traveller_id), Number(c.crisis_id), c.status])).toEqual([[silent.id, id, 'open']]);
    const notes = await suite.store.db.selectFrom('case_notes').select('body').where('case_id', '=', cases[0]!.id).execute();
    expect(notes.map((n) => n.body)).toContainEqual('An emergency contact the person agreed to answered for them: "I need help".');
  });

  it('the profile refuses consent without an address, and a bad address', async () => {
    const person = await enrol(suite, 'p@example.org', ['RU', null]);
    await expect(profile(person.id, [{ name: 'Ann', phone: '+44 20 7946 0000', relation: '', askInCrisis: true }])).rejects.toThrow(/give their e-mail address/);
    await expect(profile(person.id, [{ name: 'Ann', phone: '+44 20 7946 0000', relation: '', email: 'not-an-address' }])).rejects.toThrow(/not valid/);
    const row = await suite.store.db.selectFrom('travellers').select('emergency_contacts').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.emergency_contacts).toBe('[]');
  });
});
