import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { createToken } from '../../src/staff/tokens.ts';
import { addUser, type StaffUser } from '../../src/staff/users.ts';
import type { StaffRole } from '../../src/domain/roles.ts';
import type { Engine, Store } from '../../src/store/connect.ts';
import { createTestStore, type TestStore } from './databases.ts';
import { importBundled } from './seed.ts';

/** Shared by the editorial and staff test files: staff accounts with known passwords and tokens. */

export const PASSWORD = 'correct horse battery staple';

export interface TestStaff {
  user: StaffUser;
  token: string;
}

export async function addStaff(store: Store, email: string, role: StaffRole): Promise<TestStaff> {
  const { user } = await addUser(store.db, { email, role, password: PASSWORD }, COMMAND_LINE);
  const { token } = await createToken(store.db, user, 'tests', COMMAND_LINE);
  return { user, token };
}

export async function addTeam(store: Store) {
  return {
    editor: await addStaff(store, 'editor@example.org', 'editor'),
    editor2: await addStaff(store, 'editor2@example.org', 'editor'),
    reviewer: await addStaff(store, 'reviewer@example.org', 'reviewer'),
    reviewer2: await addStaff(store, 'reviewer2@example.org', 'reviewer'),
    admin: await addStaff(store, 'admin@example.org', 'admin'),
    crisis: await addStaff(store, 'crisis@example.org', 'crisis'),
  };
}

export interface EditorialSuite {
  store: TestStore;
  app: FastifyInstance;
  team: Awaited<ReturnType<typeof addTeam>>;
  call: ReturnType<typeof apiCall>;
}

/**
 * For a describe block: a database with the bundled advisories, the staff team and the app, set
 * up before its tests and closed after them. Read the fields inside tests, once they are set.
 */
export function editorialSuite(engine: Engine): EditorialSuite {
  const suite = {} as EditorialSuite;
  beforeAll(async () => {
    suite.store = await createTestStore(engine);
    await importBundled(suite.store.db);
    suite.team = await addTeam(suite.store);
    suite.app = await buildApp({ store: suite.store, config: { publicUrl: 'http://waypost.test' } });
    suite.call = apiCall(suite.app);
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.store?.close();
  });
  return suite;
}

/** A staff API call with a bearer token (or none). */
export function apiCall(app: FastifyInstance) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
}

export function inMinutes(minutes: number, from = Date.now()): Date {
  return new Date(from + minutes * 60_000);
}

export interface ConsoleSession {
  cookie: string;
  csrf: string;
}

function cookieFrom(response: LightMyRequestResponse, name: string): string | undefined {
  return (response.cookies as { name: string; value: string }[]).find((c) => c.name === name)?.value;
}

export function csrfOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

/** Signs in to the console the way a browser does (pre-session CSRF cookie, form post); returns the session. */
export async function consoleSignIn(app: FastifyInstance, email: string, options: { password?: string; ip?: string } = {}): Promise<ConsoleSession> {
  const attempt = await consoleSignInAttempt(app, email, options);
  if (attempt.statusCode !== 303) throw new Error(`sign-in of ${email} failed with ${attempt.statusCode}`);
  const cookie = `waypost_session=${cookieFrom(attempt, 'waypost_session')}`;
  const dashboard = await app.inject({ method: 'GET', url: '/console', headers: { cookie } });
  return { cookie, csrf: csrfOf(dashboard.body) };
}

/** `ip` is the connecting address (default 127.0.0.1); `forwardedFor` an X-Forwarded-For header, as a reverse proxy sends it; `headers` more of them (Origin…). */
export async function consoleSignInAttempt(app: FastifyInstance, email: string, options: { password?: string; ip?: string; forwardedFor?: string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  const form = await app.inject({ method: 'GET', url: '/console/sign-in' });
  const preSession = cookieFrom(form, 'waypost_sign_in')!;
  return app.inject({
    method: 'POST',
    url: '/console/sign-in',
    headers: {
      cookie: `waypost_sign_in=${preSession}`, 'content-type': 'application/x-www-form-urlencoded',
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
      ...options.headers,
    },
    payload: new URLSearchParams({ _csrf: csrfOf(form.body), email, password: options.password ?? PASSWORD }).toString(),
    ...(options.ip ? { remoteAddress: options.ip } : {}),
  });
}

export type FormFields = Record<string, string | string[]>;

export function formBody(fields: FormFields): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

/** A console form post; `csrf: false` leaves the token out, a string sends that one. */
export function consolePost(app: FastifyInstance, session: ConsoleSession | null, url: string, fields: FormFields = {}, csrf: boolean | string = true): Promise<LightMyRequestResponse> {
  const token = csrf === true ? session?.csrf : csrf === false ? undefined : csrf;
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(session ? { cookie: session.cookie } : {}) },
    payload: formBody({ ...fields, ...(token ? { _csrf: token } : {}) }),
  });
}

export function consoleGet(app: FastifyInstance, session: ConsoleSession | null, url: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}
