import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { deleteTraveller } from '../../src/enrolment/privacy.ts';
import { buildApp } from '../../src/http/app.ts';
import { enrolmentSettings } from '../../src/enrolment/context.ts';
import { fanOutEvent } from '../../src/notify/audience.ts';
import { ENGINES } from '../helpers/databases.ts';
import { answerLink, CONFIG, crisisSuite, declare, enrol, mailTo, post, wave, type CrisisSuite } from '../helpers/crises-setup.ts';
import { addTrip } from '../helpers/notify.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

/** Departure assistance (docs/crises.md): asking by signed link and by account, capacity, messages exactly once, the manifest. */

const REQUEST = { partySize: '3', dependants: '1', citizenships: 'GB, FR', passports: 'GB', location: 'Hotel Metropol, Moscow', specialNeeds: '', phone: '+7 495 123 45 67' };
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const form = (fields: Record<string, string>) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

/** A crisis in Moscow with `emails` in scope, one wave sent and delivered; returns the crisis id. */
async function crisisWith(suite: CrisisSuite, emails: string[]): Promise<number> {
  for (const email of emails) await enrol(suite, email, ['RU', 'RU-MOW']);
  const id = await declare(suite, { title: 'Unrest in Moscow', destinations: ['RU'] });
  await wave(suite, id);
  await suite.drain();
  return id;
}

/** Asks for help to leave through the check-in link of `email`'s message; returns the response. */
async function askByLink(suite: CrisisSuite, email: string, fields: Record<string, string>) {
  const link = answerLink(mailTo(suite, email)[0]!, 'I need help');
  return suite.app.inject({ method: 'POST', url: `${link}/departure`, ...form(fields) });
}

const requestOf = async (suite: CrisisSuite, email: string) => suite.store.db.selectFrom('departure_requests as r').innerJoin('travellers as t', 't.id', 'r.traveller_id')
  .selectAll('r').where('t.email', '=', email).execute();

describe.each(ENGINES)('departure assistance on %s', (engine) => {
  const suite = crisisSuite(engine);

  it('a person asks by the signed check-in link, without an account; a second submission updates the one request', async () => {
    const id = await crisisWith(suite, ['anna@example.org']);
    const link = answerLink(mailTo(suite, 'anna@example.org')[0]!, 'I need help');
    const answered = await post(suite.app, link);
    expect(answered.body).toContain(`href="${link}/departure"`);
    expect(answered.body).toContain('I need help to leave');
    const shown = await suite.app.inject({ url: `${link}/departure` });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect(shown.body).toContain('name="partySize"');

    const refused = await askByLink(suite, 'anna@example.org', { ...REQUEST, partySize: '0', citizenships: 'GB, XX' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('must be a whole number from 1 to 50');
    expect(refused.body).toContain('is not an ISO 3166-1 country code');
    expect(refused.body).toContain('value="GB, XX"');
    expect(await requestOf(suite, 'anna@example.org')).toEqual([]);

    expect((await askByLink(suite, 'anna@example.org', REQUEST)).statusCode).toBe(201);
    const again = await askByLink(suite, 'anna@example.org', { ...REQUEST, partySize: '4', specialNeeds: 'Wheelchair' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Your request is saved');
    const rows = await requestOf(suite, 'anna@example.org');
    expect(rows).toMatchObject([{ crisis_id: id, party_size: 4, dependants: 1, citizenships: '["GB","FR"]', passports: '["GB"]', special_needs: 'Wheelchair', via: 'link', phone: '+7 495 123 45 67' }]);

    // JSON clients; a forged token changes nothing; a closed crisis takes no more requests.
    const json = await suite.app.inject({ method: 'POST', url: `${link}/departure`, payload: { partySize: 2, citizenships: ['GB'], location: 'Tverskaya 1' } });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ request: { partySize: 2, citizenships: ['GB'], passports: [], assigned: false, boarded: false } });
    expect((await suite.app.inject({ method: 'POST', url: `${link}x/departure`, ...form(REQUEST) })).statusCode).toBe(400);
    expect((await suite.call('POST', `/api/v1/crises/${id}/close`, suite.crisisStaff.token)).statusCode).toBe(200);
    expect((await askByLink(suite, 'anna@example.org', REQUEST)).statusCode).toBe(410);
    expect((await requestOf(suite, 'anna@example.org'))[0]!.party_size).toBe(2);
  });

  it('the request log shows the form\'s path redacted, never the token or what the person wrote', async () => {
    await crisisWith(suite, ['logged@example.org']);
    const link = answerLink(mailTo(suite, 'logged@example.org')[0]!, 'I need help');
    const lines: string[] = [];
    const stream = new Writable({ write(chunk: Buffer, _encoding, callback) { lines.push(chunk.toString()); callback(); } });
    const logged = await buildApp({ store: suite.store, config: CONFIG, logger: { level: 'info', stream } });
    try {
      expect((await logged.inject({ url: `${link}/departure` })).statusCode).toBe(200);
      expect((await logged.inject({ method: 'POST', url: `${link}/departure`, ...form(REQUEST) })).statusCode).toBe(201);
    } finally {
      await logged.close();
    }
    const log = lines.join('');
    expect(log).toContain('/check-in/[redacted]');
    expect(log).not.toContain(link.slice('/check-in/'.length, '/check-in/'.length + 20));
    expect(log).not.toContain('Metropol');
  });

  it('a signed-in traveller asks from /account, sees the status there, and a person outside the crisis cannot ask', async () => {
    const session = await travellerSignIn(suite.app, suite.store, 'ben@example.org');
    const me = await suite.store.db.selectFrom('travellers').select('id').where('email', '=', 'ben@example.org').executeTakeFirstOrThrow();
    await addTrip(suite.store.db, me.id, 'RU', { start: '2025-01-01', end: null, region: 'Moscow' });
    const id = await crisisWith(suite, []);
    const home = (await suite.app.inject({ url: '/account', headers: { cookie: session.cookie } })).body;
    expect(home).toContain(`href="/account/departures/${id}"`);
    expect((await suite.app.inject({ url: `/account/departures/${id}`, headers: { cookie: session.cookie } })).statusCode).toBe(200);
    const saved = await travellerPost(suite.app, session, `/account/departures/${id}`, { ...REQUEST, partySize: '2', dependants: '0' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account?done=departure-request#departures');
    expect(await requestOf(suite, 'ben@example.org')).toMatchObject([{ party_size: 2, via: 'account' }]);
    expect((await suite.app.inject({ url: '/account', headers: { cookie: session.cookie } })).body).toContain('Waiting');

    const departure = (await suite.call('POST', `/api/v1/crises/${id}/departures`, suite.crisisStaff.token, { mode: 'bus', label: 'Bus 1 to Riga', capacity: 40, meetingPoint: 'Embassy car park', meetingAt: inHours(20) })).json() as { id: number };
    const [request] = await requestOf(suite, 'ben@example.org');
    expect((await suite.call('POST', `/api/v1/departures/${departure.id}/assignments`, suite.crisisStaff.token, { requests: [request!.id] })).statusCode).toBe(200);
    const status = (await suite.app.inject({ url: '/account', headers: { cookie: session.cookie } })).body;
    expect(status).toContain('On Bus 1 to Riga');
    expect(status).toContain('Embassy car park');
    const exported = (await suite.app.inject({ url: '/account/export', headers: { cookie: session.cookie } })).json() as { departureRequests: unknown[] };
    expect(exported.departureRequests).toMatchObject([{ crisis: 'Unrest in Moscow', partySize: 2, departure: { label: 'Bus 1 to Riga', meetingPoint: 'Embassy car park' } }]);

    const stranger = await travellerSignIn(suite.app, suite.store, 'stranger@example.org');
    expect((await suite.app.inject({ url: `/account/departures/${id}`, headers: { cookie: stranger.cookie } })).statusCode).toBe(404);
    expect((await travellerPost(suite.app, stranger, `/account/departures/${id}`, REQUEST)).statusCode).toBe(404);
    expect((await travellerPost(suite.app, stranger, '/account/departures/abc', REQUEST)).statusCode).toBe(404);
    expect(await requestOf(suite, 'stranger@example.org')).toEqual([]);
    expect((await suite.app.inject({ url: `/account/departures/${id}` })).statusCode).toBe(303);
  });

  it('capacity is counted in persons: an assignment that does not fit is a 409 problem and changes nothing', async () => {
    const id = await crisisWith(suite, ['a@example.org', 'b@example.org']);
    await askByLink(suite, 'a@example.org', { ...REQUEST, partySize: '4' });
    await askByLink(suite, 'b@example.org', { ...REQUEST, partySize: '2' });
    const [a] = await requestOf(suite, 'a@example.org');
    const [b] = await requestOf(suite, 'b@example.org');
    const created = await suite.call('POST', `/api/v1/crises/${id}/departures`, suite.crisisStaff.token, { mode: 'flight', label: 'Charter 1', capacity: 5, meetingPoint: 'Terminal D', meetingAt: inHours(30) });
    expect(created.statusCode, created.body).toBe(201);
    const departure = created.json() as { id: number };
    expect((await suite.call('POST', `/api/v1/departures/${departure.id}/assignments`, suite.crisisStaff.token, { requests: [a!.id] })).json()).toMatchObject({ assigned: 4, remaining: 1 });
    const full = await suite.call('POST', `/api/v1/departures/${departure.id}/assignments`, suite.crisisStaff.token, { requests: [b!.id] });
    expect(full.statusCode).toBe(409);
    expect(full.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(full.json()).toMatchObject({ status: 409, detail: 'Not enough room: these requests are 2 persons and 1 of 5 places are left. Nothing was assigned.' });
    expect((await requestOf(suite, 'b@example.org'))[0]!.departure_id).toBeNull();
    // Lowering below what is assigned is refused; raising makes room.
    expect((await suite.call('PATCH', `/api/v1/departures/${departure.id}`, suite.crisisStaff.token, { capacity: 3 })).statusCode).toBe(409);
    expect((await suite.call('PATCH', `/api/v1/departures/${departure.id}`, suite.crisisStaff.token, { capacity: 6 })).statusCode).toBe(200);
    expect((await suite.call('POST', `/api/v1/departures/${departure.id}/assignments`, suite.crisisStaff.token, { requests: [b!.id] })).json()).toMatchObject({ assigned: 6, remaining: 0 });
    // A request is on one departure only; the person cannot grow their party past the departure.
    const second = (await suite.call('POST', `/api/v1/crises/${id}/departures`, suite.crisisStaff.token, { mode: 'bus', label: 'Bus 2', capacity: 50, meetingPoint: 'Embassy', meetingAt: inHours(40) })).json() as { id: number };
    expect((await suite.call('POST', `/api/v1/departures/${second.id}/assignments`, suite.crisisStaff.token, { requests: [a!.id] })).statusCode).toBe(409);
    expect((await askByLink(suite, 'b@example.org', { ...REQUEST, partySize: '3' })).statusCode).toBe(409);
    expect((await requestOf(suite, 'b@example.org'))[0]!.party_size).toBe(2);
    // Boarding only those assigned; boarded people are not unassigned, and their departure cannot be cancelled.
    const loose = (await suite.call('GET', `/api/v1/crises/${id}/departure-requests`, suite.crisisStaff.token)).json() as { id: number; departureId: number | null }[];
    expect(loose.map((r) => r.departureId)).toEqual([departure.id, departure.id]);
    expect((await suite.call('POST', `/api/v1/departures/${second.id}/boarded`, suite.crisisStaff.token, { requests: [a!.id] })).statusCode).toBe(409);
    expect((await suite.call('POST', `/api/v1/departures/${departure.id}/boarded`, suite.crisisStaff.token, { requests: [a!.id] })).json()).toMatchObject({ boarded: 4 });
    expect((await suite.call('DELETE', `/api/v1/departures/${departure.id}/assignments/${a!.id}`, suite.crisisStaff.token)).statusCode).toBe(409);
    expect((await suite.call('PATCH', `/api/v1/departures/${departure.id}`, suite.crisisStaff.token, { status: 'cancelled' })).statusCode).toBe(409);
    expect((await suite.call('DELETE', `/api/v1/departures/${departure.id}/assignments/${b!.id}`, suite.crisisStaff.token)).json()).toMatchObject({ assigned: 4 });
    expect((await suite.call('POST', `/api/v1/departures/${departure.id}/assignments`, suite.crisisStaff.token, { requests: [999] })).statusCode).toBe(404);
    expect((await suite.call('POST', `/api/v1/departures/${departure.id}/assignments`, suite.crisisStaff.token, { requests: [] })).statusCode).toBe(400);
    const actions = (await suite.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'departure-%').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['departure-created', 'departure-assigned', 'departure-updated', 'departure-assigned', 'departure-created', 'departure-boarded', 'departure-unassigned']);
  });

  it('staff assigning at the same moment cannot overfill a departure: one of two assignments that each fit alone is refused', async () => {
    const emails = ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org'];
    const id = await crisisWith(suite, emails);
    for (const email of emails) await askByLink(suite, email, { ...REQUEST, partySize: '3' });
    const requests = await suite.store.db.selectFrom('departure_requests').select('id').orderBy('id').execute();
    for (let round = 0; round < 2; round++) {
      const departure = (await suite.call('POST', `/api/v1/crises/${id}/departures`, suite.crisisStaff.token, { mode: 'bus', label: `Bus ${round}`, capacity: 4, meetingPoint: 'Embassy', meetingAt: inHours(10) })).json() as { id: number };
      const pair = requests.slice(round * 2, round * 2 + 2);
      const answers = await Promise.all(pair.map((r) => suite.call('POST', `/api/v1/departures/${departure.id}/assignments`, suite.crisisStaff.token, { requests: [r.id] })));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const load = (await suite.call('GET', `/api/v1/crises/${id}/departures`, suite.crisisStaff.token)).json() as { id: number; assigned: number }[];
      expect(load.find((d) => d.id === departure.id)!.assigned).toBe(3);
    }
  });

  it('a message reaches each assigned person once per channel, however often the worker drains; the manifest lists them', async () => {
    const id = await crisisWith(suite, ['a@example.org', 'b@example.org', 'c@example.org']);
    await askByLink(suite, 'a@example.org', { ...REQUEST, partySize: '2', specialNeeds: '=cmd|calc' });
    await askByLink(suite, 'b@example.org', { ...REQUEST, partySize: '5', dependants: '3', citizenships: 'GB', passports: 'GB, IE' });
    await askByLink(suite, 'c@example.org', REQUEST);
    const departure = (await suite.call('POST', `/api/v1/crises/${id}/departures`, suite.crisisStaff.token, { mode: 'ship', label: 'Ferry Aurora', capacity: 10, meetingPoint: 'Pier 3', meetingAt: inHours(24) })).json() as { id: number };
    const ids = await Promise.all(['a@example.org', 'b@example.org'].map(async (e) => (await requestOf(suite, e))[0]!.id));
    expect((await suite.call('POST', `/api/v1/departures/${departure.id}/message`, suite.crisisStaff.token, { text: 'Nobody assigned yet' })).statusCode).toBe(409);
    await suite.call('POST', `/api/v1/departures/${departure.id}/assignments`, suite.crisisStaff.token, { requests: ids });
    expect((await suite.call('POST', `/api/v1/departures/${departure.id}/message`, suite.crisisStaff.token, { text: '' })).statusCode).toBe(400);
    const sent = await suite.call('POST', `/api/v1/departures/${departure.id}/message`, suite.crisisStaff.token, { text: 'Bring water and your passports.\nBoarding closes at 09:00.' });
    expect(sent.statusCode, sent.body).toBe(202);
    const { eventId } = sent.json() as { eventId: number; people: number };
    expect(sent.json()).toMatchObject({ people: 2, deliveries: 2 });
    suite.smtp.received.length = 0;
    await suite.drain();
    await suite.drain();
    expect((await fanOutEvent(suite.store.db, eventId)) ?.inserted ?? 0).toBe(0);
    await suite.drain();
    const departureMail = (email: string) => mailTo(suite, email).filter((m) => m.subject === 'Your departure: Ferry Aurora – Unrest in Moscow');
    expect(departureMail('a@example.org')).toHaveLength(1);
    expect(departureMail('b@example.org')).toHaveLength(1);
    expect(mailTo(suite, 'c@example.org')).toEqual([]);
    const text = departureMail('a@example.org')[0]!.text ?? '';
    expect(text).toContain('Bring water and your passports.\nBoarding closes at 09:00.');
    expect(text).toContain('Meeting point: Pier 3');
    expect(text).toContain(`${CONFIG.publicUrl}/account#departures`);

    await suite.call('POST', `/api/v1/departures/${departure.id}/boarded`, suite.crisisStaff.token, { requests: [ids[1]] });
    const manifest = await suite.call('GET', `/api/v1/departures/${departure.id}/manifest.csv`, suite.crisisStaff.token);
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^text\/csv/);
    expect(parse(manifest.body)).toEqual([
      ['name', 'party_size', 'dependants', 'citizenships', 'passports', 'special_needs', 'boarded'],
      ['b@example.org', '5', '3', 'GB', 'GB IE', '', 'yes'],
      ['a@example.org', '2', '1', 'GB FR', 'GB', '\'=cmd|calc', 'no'],
    ]);
    const audit = await suite.store.db.selectFrom('audit_log').select(['actor_label', 'detail']).where('action', '=', 'departure-manifest-exported').execute();
    expect(audit).toMatchObject([{ actor_label: 'crisis@example.org' }]);

    // Deleting a traveller deletes their request.
    const a = await suite.store.db.selectFrom('travellers').select('id').where('email', '=', 'a@example.org').executeTakeFirstOrThrow();
    await deleteTraveller({ db: suite.store.db, config: CONFIG, now: () => new Date(), settings: enrolmentSettings() } as never, a.id);
    expect(await suite.store.db.selectFrom('departure_requests').select('id').where('traveller_id', '=', a.id).execute()).toEqual([]);
  });
});
