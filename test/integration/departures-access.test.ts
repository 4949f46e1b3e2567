import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { answerLink, crisisSuite, declare, enrol, mailTo, wave, type CrisisSuite } from '../helpers/crises-setup.ts';
import { addStaff, consoleGet, consolePost, consoleSignIn } from '../helpers/editorial-setup.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

/** Who may arrange departures (route by route, API and console), and the console's Departures section at work. */

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function setUp(suite: CrisisSuite) {
  for (const email of ['a@example.org', 'b@example.org']) await enrol(suite, email, ['RU', null]);
  const id = await declare(suite, { title: 'Unrest in Moscow', destinations: ['RU'] });
  await wave(suite, id);
  await suite.drain();
  for (const [email, partySize, specialNeeds] of [['a@example.org', '2', ''], ['b@example.org', '3', 'Insulin kept cold']] as const) {
    const link = answerLink(mailTo(suite, email)[0]!, 'I need help');
    const response = await suite.app.inject({
      method: 'POST', url: `${link}/departure`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ partySize, citizenships: 'GB', passports: 'GB', location: 'Moscow centre', specialNeeds }).toString(),
    });
    expect(response.statusCode).toBe(201);
  }
  const created = await suite.call('POST', `/api/v1/crises/${id}/departures`, suite.crisisStaff.token, { mode: 'bus', label: 'Bus 1 to Riga', capacity: 4, meetingPoint: 'Embassy car park', meetingAt: inHours(20) });
  const requests = (await suite.store.db.selectFrom('departure_requests').select('id').orderBy('id').execute()).map((r) => r.id);
  return { id, departure: (created.json() as { id: number }).id, requests };
}

describe.each(ENGINES)('departure access and console on %s', (engine) => {
  const suite = crisisSuite(engine);
  const state = async () => ({
    departures: await suite.store.db.selectFrom('departures').selectAll().orderBy('id').execute(),
    requests: await suite.store.db.selectFrom('departure_requests').selectAll().orderBy('id').execute(),
    events: (await suite.store.db.selectFrom('events').select('id').execute()).length,
  });

  it('editors, reviewers, organisations and travellers get 403 or 401 on every departure route, and nothing changes', async () => {
    const { id, departure, requests } = await setUp(suite);
    const editor = await addStaff(suite.store, 'editor@example.org', 'editor');
    const reviewer = await addStaff(suite.store, 'reviewer@example.org', 'reviewer');
    const organiser = await travellerSignIn(suite.app, suite.store, 'organiser@example.org');
    expect((await travellerPost(suite.app, organiser, '/account/organisations', { name: 'Example University' })).statusCode).toBe(303);
    const before = await state();
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['GET', `/api/v1/crises/${id}/departures`], ['POST', `/api/v1/crises/${id}/departures`, { mode: 'bus', label: 'Mine', capacity: 9, meetingPoint: 'Here', meetingAt: inHours(5) }],
      ['GET', `/api/v1/crises/${id}/departure-requests`], ['PATCH', `/api/v1/departures/${departure}`, { capacity: 40 }],
      ['POST', `/api/v1/departures/${departure}/assignments`, { requests }], ['DELETE', `/api/v1/departures/${departure}/assignments/${requests[0]}`],
      ['POST', `/api/v1/departures/${departure}/boarded`, { requests }], ['POST', `/api/v1/departures/${departure}/message`, { text: 'Hello' }],
      ['GET', `/api/v1/departures/${departure}/manifest.csv`],
    ];
    for (const [method, url, body] of routes) {
      for (const staff of [editor, reviewer]) {
        const response = await suite.call(method, url, staff.token, body);
        expect(response.statusCode, `${staff.user.role} ${method} ${url}`).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).not.toContain('Moscow centre');
      }
      expect((await suite.call(method, url, null, body)).statusCode, `anonymous ${method} ${url}`).toBe(401);
      const asTraveller = await suite.app.inject({ method, url, headers: { cookie: organiser.cookie }, ...(body ? { payload: body as object } : {}) });
      expect(asTraveller.statusCode, `traveller ${method} ${url}`).toBe(401);
      expect(asTraveller.body).not.toContain('Moscow centre');
    }
    for (const email of ['editor@example.org', 'reviewer@example.org']) {
      const session = await consoleSignIn(suite.app, email);
      const manifest = await consoleGet(suite.app, session, `/console/departures/${departure}/manifest.csv`);
      expect(manifest.statusCode, `${email} manifest`).toBe(403);
      expect(manifest.body).not.toContain('a@example.org');
      for (const url of [`/console/crises/${id}/departures`, `/console/crises/${id}/departures/assign`, ...['boarded', 'unassign', 'status', 'message'].map((p) => `/console/departures/${departure}/${p}`)]) {
        const response = await consolePost(suite.app, session, url, { departure: String(departure), request: requests.map(String), status: 'cancelled', text: 'Hi', mode: 'bus', label: 'x', capacity: '3', meetingPoint: 'x', meetingAt: inHours(3) });
        expect(response.statusCode, `${email} POST ${url}`).toBe(403);
      }
    }
    expect(await state()).toEqual(before);
    expect((await suite.store.db.selectFrom('audit_log').select('id').where('action', 'like', 'departure-%').execute()).length).toBe(1);
    // Admins may, as crisis staff do.
    expect((await suite.call('GET', `/api/v1/crises/${id}/departure-requests`, suite.admin.token)).statusCode).toBe(200);
    // Nothing of it is public.
    for (const url of ['/api/v1/crises', '/', '/api/openapi.json']) expect((await suite.app.inject({ url })).body).not.toContain('Moscow centre');
  });

  it('crisis staff arrange a departure from the crisis page: create, assign by checkbox, board, message, manifest', async () => {
    const { id, requests } = await setUp(suite);
    const session = await consoleSignIn(suite.app, 'crisis@example.org');
    let page = (await consoleGet(suite.app, session, `/console/crises/${id}`)).body;
    expect(page).toContain('Requests waiting (2, 5 persons)');
    // Special needs first.
    expect(page.indexOf(`value="${requests[1]}" id="request-${requests[1]}"`)).toBeLessThan(page.indexOf(`value="${requests[0]}" id="request-${requests[0]}"`));
    expect(page).toContain('Bus 1 to Riga (bus) – 4 of 4 places left');

    const created = await consolePost(suite.app, session, `/console/crises/${id}/departures`, { mode: 'flight', label: 'Charter 1', capacity: '2', meetingPoint: 'Terminal D', meetingAt: inHours(30) });
    expect(created.statusCode).toBe(303);
    const bad = await consolePost(suite.app, session, `/console/crises/${id}/departures`, { mode: 'flight', label: '', capacity: '2', meetingPoint: 'Terminal D', meetingAt: inHours(30) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('label is required');
    const charter = await suite.store.db.selectFrom('departures').select('id').where('label', '=', 'Charter 1').executeTakeFirstOrThrow();

    const tooMany = await consolePost(suite.app, session, `/console/crises/${id}/departures/assign`, { departure: String(charter.id), request: requests.map(String) });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.body).toContain('Not enough room');
    const assigned = await consolePost(suite.app, session, `/console/crises/${id}/departures/assign`, { departure: String(charter.id), request: [String(requests[0])] });
    expect(assigned.statusCode).toBe(303);
    expect(assigned.headers.location).toBe(`/console/crises/${id}?done=departure-assigned#departures`);
    page = (await consoleGet(suite.app, session, `/console/crises/${id}`)).body;
    expect(page).toContain('<strong>2 of 2</strong> places taken, 0 left');
    expect(page).toContain('Requests waiting (1, 3 persons)');

    expect((await consolePost(suite.app, session, `/console/departures/${charter.id}/boarded`, { request: String(requests[0]) })).statusCode).toBe(303);
    expect((await consolePost(suite.app, session, `/console/departures/${charter.id}/message`, { text: 'Gate 4, bring passports.' })).statusCode).toBe(303);
    suite.smtp.received.length = 0;
    await suite.drain();
    expect(mailTo(suite, 'a@example.org').map((m) => m.subject)).toEqual(['Your departure: Charter 1 – Unrest in Moscow']);
    expect(mailTo(suite, 'b@example.org')).toEqual([]);
    const manifest = await consoleGet(suite.app, session, `/console/departures/${charter.id}/manifest.csv`);
    expect(manifest.statusCode).toBe(200);
    expect(manifest.body.split('\r\n')[1]).toBe('a@example.org,2,0,GB,GB,,yes');
    const actions = (await suite.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'departure-%').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['departure-created', 'departure-created', 'departure-assigned', 'departure-boarded', 'departure-messaged', 'departure-manifest-exported']);
  });
});
