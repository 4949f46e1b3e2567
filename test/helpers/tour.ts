import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { issueAlert } from '../../src/alerts/issue.ts';
import { buildApp } from '../../src/http/app.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import type { Engine } from '../../src/store/connect.ts';
import { addUser } from '../../src/staff/users.ts';
import { demonstration } from './alerts-setup.ts';
import { launchChromium } from './browser.ts';
import { createTestStore, type TestStore } from './databases.ts';
import { HEADER } from './enrolment-csv.ts';
import { importBundled } from './seed.ts';
import { travellerPost, travellerSignIn, type TravellerSession } from './traveller.ts';

/**
 * A tour of the whole site in Chromium (test/e2e/overflow.test.ts, mobile.test.ts): the bundled
 * advisories, an active alert in Moscow, a traveller with a trip there, an organisation manager
 * whose verified organisation has people at Level 4, and a staff admin.
 */
export const TOUR_ADMIN = { email: 'tour.admin@example.org', password: 'a long and unguessable tour password' };
export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 900 };

export interface Tour {
  store: TestStore;
  app: FastifyInstance;
  url: string;
  browser: Browser;
  alertId: number;
  organisationId: number;
  traveller: TravellerSession;
  manager: TravellerSession;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function organisationWithPeople(app: FastifyInstance, store: TestStore, manager: TravellerSession): Promise<number> {
  await travellerPost(app, manager, '/account/organisations', { name: 'University of Somewhere Exchange Programme' });
  const { id } = await store.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
  await store.db.updateTable('organisations').set({ verified_at: new Date().toISOString() }).where('id', '=', id).execute();
  const rows = [
    `aleksandra.konstantinopolskaya.exchange@students.somewhere-university.example,Aleksandra Konstantinopolskaya-Whitfield,Russia,Moscow,${day(-3)},${day(60)},email`,
    `b.student@students.somewhere-university.example,Ben Student,Russia,,${day(5)},${day(30)},email`,
    `c.long.name.to.see.wrapping@students.somewhere-university.example,Chiara Di Giovanni,Ukraine,,${day(10)},,email`,
  ];
  const csv = [HEADER, ...rows].join('\n');
  const multipart = ['--b0undary', 'Content-Disposition: form-data; name="_csrf"', '', manager.csrf, '--b0undary', 'Content-Disposition: form-data; name="file"; filename="group.csv"', 'Content-Type: text/csv', '', csv, '--b0undary--', ''].join('\r\n');
  const imported = await app.inject({ method: 'POST', url: `/account/organisations/${id}/import`, headers: { cookie: manager.cookie, 'content-type': 'multipart/form-data; boundary=b0undary', accept: 'application/json' }, payload: multipart });
  if (imported.statusCode !== 200) throw new Error(`import: ${imported.statusCode} ${imported.body}`);
  return id;
}

export function tourSuite(engine: Engine): Tour {
  const tour = {} as Tour;
  beforeAll(async () => {
    tour.store = await createTestStore(engine);
    await importBundled(tour.store.db);
    const { user } = await addUser(tour.store.db, { email: TOUR_ADMIN.email, role: 'admin', name: 'Tour Admin', password: TOUR_ADMIN.password }, COMMAND_LINE);
    const admin = { id: user.id, label: TOUR_ADMIN.email, role: 'admin' as const };
    const issued = await issueAlert({ db: tour.store.db, now: () => new Date(), publicUrl: 'http://127.0.0.1' }, admin, demonstration());
    tour.alertId = issued.alert.id;
    tour.app = await buildApp({ store: tour.store, config: { publicUrl: 'http://127.0.0.1' } });
    tour.url = (await tour.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    tour.traveller = await travellerSignIn(tour.app, tour.store, 'tour.traveller@example.org');
    const trip = await travellerPost(tour.app, tour.traveller, '/account/trips', { destination: 'Russia', region: 'Moscow', start: day(2), end: day(20) });
    if (trip.statusCode !== 303) throw new Error(`trip: ${trip.statusCode} ${trip.body.slice(0, 300)}`);
    await travellerPost(tour.app, tour.traveller, '/account/subscriptions', { kind: 'destination', destination: 'Belarus', advisories: '1', alerts: '1' });
    tour.manager = await travellerSignIn(tour.app, tour.store, 'travel.manager@somewhere-university.example');
    tour.organisationId = await organisationWithPeople(tour.app, tour.store, tour.manager);
    tour.browser = await launchChromium();
  });
  afterAll(async () => {
    await tour.browser?.close();
    await tour.app?.close();
    await tour.store?.close();
  });
  return tour;
}

/** A browser context signed in as the traveller whose session this is. */
export async function signedIn(tour: Tour, session: TravellerSession, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await tour.browser.newContext({ viewport });
  const [name, value] = session.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: tour.url }]);
  return context;
}

/** A browser context signed in to the console as the admin (or as `who`), through its form. */
export async function consoleContext(tour: Tour, viewport: { width: number; height: number }, who = TOUR_ADMIN): Promise<BrowserContext> {
  const context = await tour.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${tour.url}/console`);
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/console');
  await page.close();
  return context;
}
