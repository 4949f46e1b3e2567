import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addStaff, consoleGet, consoleSignIn, type ConsoleSession } from '../helpers/editorial-setup.ts';
import { travellerSignIn, type TravellerSession } from '../helpers/traveller.ts';

/**
 * Requests the fuzz suite (test/fuzz/) answered with a 500, pinned one by one: each is now a 4xx
 * problem, or is answered as if the malformed part were absent, and changes nothing.
 */
describe.each(ENGINES)('what the fuzz suite found, on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let token: string;
  let traveller: TravellerSession;
  let staff: ConsoleSession;

  beforeAll(async () => {
    store = await createTestStore(engine);
    token = (await addStaff(store, 'admin@example.org', 'admin')).token;
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    traveller = await travellerSignIn(app, store, 'traveller@example.org');
    staff = await consoleSignIn(app, 'admin@example.org');
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const trips = async () => Number((await store.db.selectFrom('trips').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('a trip whose destinations list holds null, a number, a string or a list is a 400, and no trip', async () => {
    const created = await app.inject({ method: 'POST', url: '/account/trips', headers: { cookie: traveller.cookie }, payload: { destinations: [{ destination: 'FR' }], start: '2030-01-01', end: '2030-01-10' } });
    expect(created.statusCode, created.body).toBe(201);
    const before = await trips();
    for (const destinations of [[null], [{ destination: 'FR' }, null], [1], ['FR'], [[]]]) {
      for (const url of ['/account/trips', `/account/trips/${created.json().id}`]) {
        const response = await app.inject({ method: 'POST', url, headers: { cookie: traveller.cookie }, payload: { destinations, start: '2030-01-01', end: '2030-01-10' } });
        expect(response.statusCode, `${url} ${JSON.stringify(destinations)}: ${response.body}`).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json().detail).toMatch(/destinations must be an object/);
      }
    }
    expect(await trips()).toBe(before);
  });

  it('the audit API ignores parameters it does not declare (actorId=text reached SQL)', async () => {
    const all = await app.inject({ url: '/api/v1/audit', headers: { authorization: `Bearer ${token}` } });
    for (const query of ['actorId=abc', 'actorId=1e400', 'actorId=-1', 'actorId=1&actorId=2']) {
      const response = await app.inject({ url: `/api/v1/audit?${query}`, headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
      expect(response.json()).toEqual(all.json());
    }
  });

  it('numbers past any column (1e309, Infinity: ajv coerces them to Infinity and passes them) are 400s, in paths and queries', async () => {
    const auth = { authorization: `Bearer ${token}` };
    for (const [method, url] of [['GET', '/api/v1/alerts/1e309'], ['GET', '/api/v1/drafts/Infinity'], ['POST', '/api/v1/alerts/1e309/cancel'], ['GET', '/api/v1/audit?before=1e309'], ['GET', '/api/v1/audit?limit=-Infinity']] as const) {
      const response = await app.inject({ method, url, headers: { ...auth, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) }, ...(method === 'POST' ? { payload: '{}' } : {}) });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(400);
      expect(response.json().detail).toMatch(/is not a finite number/);
    }
  });

  it('the console audit page answers a filter sent twice (an array there) as if it were not sent', async () => {
    for (const query of ['q=sign&q=in', 'from=2026-01-01&from=2026-01-02', 'to=2999-01-01&to=x', 'destination=RU&destination=FR', 'before=5&before=6']) {
      const response = await consoleGet(app, staff, `/console/audit?${query}`);
      expect(response.statusCode, `${query}: ${response.body.slice(0, 300)}`).toBe(200);
    }
    const twice = await consoleGet(app, staff, '/console/audit?q=nothing-matches-this&q=nor-this');
    expect(twice.body).toContain('sign-in');
  });

  it('the console logo upload answers a JSON object shaped like no file ({"logo":{}}) with the form and a 400', async () => {
    for (const logo of [{}, { filename: 'a.svg' }, { filename: 1, data: 'x' }, ['x']]) {
      const response = await app.inject({ method: 'POST', url: '/console/settings/logo', headers: { cookie: staff.cookie }, payload: { _csrf: staff.csrf, logo } });
      expect(response.statusCode, `${JSON.stringify(logo)}: ${response.body.slice(0, 300)}`).toBe(400);
      expect(response.body).toContain('choose an SVG or PNG file');
    }
  });
});
