import Fastify, { type FastifyInstance, type LightMyRequestResponse as Response } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { accountRoutes } from '../../src/http/account/index.ts';
import { installProblemHandlers } from '../../src/http/problem.ts';
import { outboxTransport } from '../../src/mail/transport.ts';
import type { Engine } from '../../src/store/connect.ts';
import { createTestStore, type TestStore } from './databases.ts';
import { confirmLink } from './traveller.ts';

/**
 * The account pages on their own (no staff, no public site) over a fresh database with Russia at
 * Level 4, a clock tests move, and the steps a traveller takes: the setup the enrolment suites
 * (test/integration/enrolment*.test.ts) share.
 */
export const PUBLIC_URL = 'http://waypost.test';
export const SECRET = 'integration-test-secret-0123456789';
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export interface EnrolmentSuite {
  app: FastifyInstance;
  store: TestStore;
  clock: Date;
  settings: { tripRetentionDays: number; allowPrivateWebhooks: boolean };
  count(table: 'travellers' | 'trips' | 'subscriptions' | 'channels' | 'sign_in_links' | 'outbox_messages' | 'organisations'): Promise<number>;
  requestLink(email: string): Promise<Response>;
  lastLink(to: string): Promise<string>;
  /** Signs up (or in) through the pages; returns the session cookie and CSRF token. */
  signIn(email: string): Promise<{ cookie: string; csrf: string; id: number }>;
  post(session: { cookie: string; csrf: string }, url: string, fields: Record<string, string | string[]>): Promise<Response>;
  alertText(body: string): string;
}

/** Registers the suite's hooks in the calling describe block and returns what its tests use. */
export function enrolmentSuite(engine: Engine): EnrolmentSuite {
  const t = { settings: { tripRetentionDays: 30, allowPrivateWebhooks: false } } as EnrolmentSuite;

  beforeAll(async () => {
    t.store = await createTestStore(engine);
    // A current advisory for Russia (Level 4, a regional exception) so pages show levels.
    const revision = await t.store.db.insertInto('advisory_revisions').values({
      destination_code: 'RU', revision: 1, level: 4, indicators: '["D","T"]', risks: '[]', departure_urged: 1, summary: 'Leave now.', sections: '[]',
      regions: JSON.stringify([{ name: 'Border with Ukraine', level: 4, indicators: ['U'], summary: 'Fighting.' }]),
      change_type: 'major', change_note: 'Test', published_at: '2026-01-01T00:00:00Z', reviewed_at: '2026-01-01T00:00:00Z', next_review_due: null,
      source_authority: 'Test', source_url: null, fingerprint: 'x', created_at: '2026-01-01T00:00:00Z',
    }).returning('id').executeTakeFirstOrThrow();
    await t.store.db.updateTable('destinations').set({ current_revision_id: revision.id }).where('code', '=', 'RU').execute();
    t.app = Fastify({ maxParamLength: 200 });
    installProblemHandlers(t.app);
    await t.app.register(accountRoutes(t.store, { publicUrl: PUBLIC_URL, secret: SECRET }, {
      now: () => t.clock,
      mail: outboxTransport(t.store.db),
      settings: t.settings,
      signInsPerMinute: 0,
    }));
  });
  afterAll(async () => {
    await t.app?.close();
    await t.store?.close();
  });
  beforeEach(() => {
    t.clock = new Date('2026-03-01T10:00:00Z');
    t.settings.allowPrivateWebhooks = false;
  });

  t.count = async (table) => Number((await t.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const formToken = async () => /name="_form" value="([^"]+)"/.exec((await t.app.inject({ url: '/account/sign-in' })).body)![1]!;
  t.requestLink = async (email) =>
    t.app.inject({ method: 'POST', url: '/account/sign-in', headers: FORM, payload: new URLSearchParams({ email, _form: await formToken() }).toString() });
  t.lastLink = async (to) => {
    const mail = await t.store.db.selectFrom('outbox_messages').select('text_body').where('recipient', '=', to).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return new URL(/(http:\/\/waypost\.test\/account\/link\/\S+)/.exec(mail.text_body)![1]!).pathname;
  };
  t.signIn = async (email) => {
    expect((await t.requestLink(email)).statusCode).toBe(303);
    const consumed = await confirmLink(t.app, await t.lastLink(email.trim()));
    expect(consumed.statusCode).toBe(303);
    const cookie = String(consumed.headers['set-cookie']).split(';')[0]!;
    const page = await t.app.inject({ url: '/account', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const row = await t.store.db.selectFrom('travellers').select('id').where('email_normalised', '=', email.trim().toLowerCase()).executeTakeFirstOrThrow();
    return { cookie, csrf, id: row.id };
  };
  t.post = (session, url, fields) => {
    const body = new URLSearchParams();
    body.append('_csrf', session.csrf);
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
    return t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie: session.cookie }, payload: body.toString() });
  };
  t.alertText = (body) => (/role="alert">([^<]*)/.exec(body)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return t;
}
