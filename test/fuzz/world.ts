import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { StaffRole } from '../../src/domain/roles.ts';
import { createSession, sha256 } from '../../src/staff/sessions.ts';
import type { Engine } from '../../src/store/connect.ts';
import { demonstration } from '../helpers/alerts-setup.ts';
import { createTestStore, type TestStore } from '../helpers/databases.ts';
import { addStaff, type TestStaff } from '../helpers/editorial-setup.ts';
import { importBundled } from '../helpers/seed.ts';
import { travellerSignIn, type TravellerSession } from '../helpers/traveller.ts';
import { addWatchHook, harvestParams, learnDictionary, recentIds, type Dictionary, type Watching } from './harvest.ts';
import { routesOf, type Route } from './routes.ts';

/**
 * What the fuzzer sends its requests to: an app on a seeded database (the bundled advisories, a
 * staff member of every role with an API token and a console session, a signed-in traveller with a
 * trip, a subscription and a verified organisation, a draft and an alert), and the words it uses:
 * the field names and values of the app's own forms and OpenAPI document, so generated requests
 * reach past "unknown field" into the code behind.
 */

export const ROLES: StaffRole[] = ['editor', 'reviewer', 'admin', 'crisis', 'consular'];

export interface StaffIdentity extends TestStaff {
  session: { cookie: string; csrf: string };
}

export interface World extends Dictionary {
  store: TestStore;
  app: FastifyInstance;
  routes: Route[];
  staff: Record<StaffRole, StaffIdentity>;
  traveller: TravellerSession;
  /** Good values for each path parameter name, so requests reach the records behind them. */
  params: Record<string, string[]>;
  watching: Watching;
}

const METRICS_TOKEN = 'fuzz-metrics-token-0123456789';

/** A seeded app on `engine`; the dictionary is learnt from it unless one learnt on another engine is given. */
export async function createWorld(engine: Engine, dictionary?: Dictionary): Promise<World> {
  const store = await createTestStore(engine);
  await importBundled(store.db);
  const team = {} as Record<StaffRole, TestStaff>;
  for (const role of ROLES) team[role] = await addStaff(store, `${role}@example.org`, role);
  const app = await buildApp({ store, config: { publicUrl: 'http://waypost.test', metricsToken: METRICS_TOKEN } });
  const world: World = { store, app, watching: addWatchHook(app), routes: routesOf(app), staff: {} as World['staff'], traveller: { cookie: '', csrf: '' }, params: {}, names: [], routeNames: new Map(), routeValues: new Map(), values: [] };
  for (const role of ROLES) world.staff[role] = { ...team[role], session: await staffSession(world, team[role]) };
  world.traveller = await travellerSignIn(app, store, 'fuzz-traveller@example.org');
  await seedRecords(world);
  await harvestParams(world);
  const { names, routeNames, routeValues, values } = dictionary ?? await learnDictionary(world);
  Object.assign(world, { names, routeNames, routeValues, values });
  return world;
}

async function staffSession(world: Pick<World, 'store'>, staff: TestStaff): Promise<StaffIdentity['session']> {
  // A session row as the sign-in form makes it; signing in through the form is sign-in-limits.test.ts's job.
  const { cookie, csrfToken } = await createSession(world.store.db, staff.user.id);
  return { cookie: `waypost_session=${cookie}`, csrf: csrfToken };
}

async function seedRecords(world: World): Promise<void> {
  const { app, staff, traveller } = world;
  const json = (url: string, body: unknown, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const bearer = (role: StaffRole) => ({ authorization: `Bearer ${staff[role].token}` });
  const seeded = [
    await json('/api/v1/advisories/RU/drafts', { summary: 'Fuzz draft.' }, bearer('editor')),
    await json('/api/v1/alerts', demonstration(), bearer('crisis')),
    await json('/api/v1/cases', { title: 'Fuzz case', country: 'RU', type: 'arrest_detention', people: [{ name: 'Fuzz person', relation: 'traveller' }] }, bearer('consular')),
    await json('/account/trips', { destinations: [{ destination: 'RU', region: 'RU-MOW' }], start: '2030-01-01', end: '2030-01-10' }, { cookie: traveller.cookie }),
    await json('/account/subscriptions', { kind: 'destination', destination: 'FR', advisories: 'on', alerts: 'on' }, { cookie: traveller.cookie }),
    await json('/account/organisations', { name: 'Fuzz University' }, { cookie: traveller.cookie }),
  ];
  for (const response of seeded) if (response.statusCode >= 300) throw new Error(`seeding: ${response.statusCode} ${response.body.slice(0, 300)}`);
  await world.store.db.updateTable('organisations').set({ verified_at: new Date().toISOString(), verified_by: 'fuzz' }).execute();
}

/**
 * Puts the identities back after a route's runs: a fuzzed request may have signed someone out,
 * deleted the traveller's account, revoked a token or changed a role. Tokens and roles are put back
 * in the database; lost sessions are started again.
 */
export async function heal(world: World): Promise<void> {
  const { db } = world.store;
  const alive = async (table: 'sessions' | 'traveller_sessions', cookie: string) =>
    Boolean(await db.selectFrom(table).select('expires_at').where(table === 'sessions' ? 'id' : 'id_hash', '=', sha256(cookie.split('=')[1]!)).executeTakeFirst());
  await db.updateTable('api_tokens').set({ revoked_at: null }).execute();
  for (const role of ROLES) {
    const identity = world.staff[role];
    await db.updateTable('users').set({ role, disabled: 0 }).where('id', '=', identity.user.id).execute();
    if (!(await alive('sessions', identity.session.cookie))) identity.session = await staffSession(world, identity);
  }
  if (!(await alive('traveller_sessions', world.traveller.cookie))) {
    world.traveller = await travellerSignIn(world.app, world.store, `fuzz-traveller-${Date.now()}@example.org`);
  }
  if (world.params.id) world.params.id = await recentIds(world);
}

export async function closeWorld(world: World | undefined): Promise<void> {
  await world?.app.close();
  await world?.store.close();
}
