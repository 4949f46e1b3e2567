import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { travellerPost, travellerSignIn, type TravellerSession } from '../helpers/traveller.ts';
import { addStaff, apiCall, consoleGet, consoleSignIn, consoleSignInAttempt, type ConsoleSession } from '../helpers/editorial-setup.ts';

const NUL = '\u0000';

/**
 * PostgreSQL text cannot hold U+0000, and a lone surrogate cannot be stored as UTF-8: such text is
 * refused with a 400 problem naming where it was, before any route reads or writes anything
 * (src/http/text-guard.ts). Each case checks the tables it would have written.
 */
describe.each(ENGINES)('text that cannot be stored, on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let token: string;
  let draft: { id: number; etag: string };
  let traveller: TravellerSession;
  let staffSession: ConsoleSession;

  const count = async (table: 'audit_log' | 'sign_in_failures' | 'sign_in_links' | 'outbox_messages' | 'channels' | 'travellers') =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = async () => ({
    audit: await count('audit_log'), failures: await count('sign_in_failures'), links: await count('sign_in_links'),
    outbox: await count('outbox_messages'), channels: await count('channels'), travellers: await count('travellers'),
    draft: await store.db.selectFrom('drafts').select(['version', 'summary', 'change_note']).where('id', '=', draft.id).executeTakeFirstOrThrow(),
  });

  function expectRefused(response: LightMyRequestResponse, where: string) {
    expect(response.statusCode, `${where}: ${response.body.slice(0, 300)}`).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, errors: [{ field: where }] });
    expect(response.json().detail).toContain(where);
  }

  beforeAll(async () => {
    store = await createTestStore(engine);
    const revision = await store.db.insertInto('advisory_revisions').values({
      destination_code: 'RU', revision: 1, level: 4, indicators: '["D"]', risks: '[]', departure_urged: 1, summary: 'Leave now.', sections: '[]', regions: '[]',
      change_type: 'major', change_note: 'Test', published_at: '2026-01-01T00:00:00Z', reviewed_at: '2026-01-01T00:00:00Z', next_review_due: null,
      source_authority: 'Test', source_url: null, fingerprint: 'x', created_at: '2026-01-01T00:00:00Z',
    }).returning('id').executeTakeFirstOrThrow();
    await store.db.updateTable('destinations').set({ current_revision_id: revision.id }).where('code', '=', 'RU').execute();
    token = (await addStaff(store, 'editor@example.org', 'editor')).token;
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    const created = await apiCall(app)('POST', '/api/v1/advisories/RU/drafts', token, { summary: 'Draft.' });
    expect(created.statusCode, created.body).toBe(201);
    draft = { id: created.json().id, etag: String(created.headers.etag) };
    traveller = await travellerSignIn(app, store, 'traveller@example.org');
    staffSession = await consoleSignIn(app, 'editor@example.org');
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('staff sign-in e-mail (console form)', async () => {
    const before = await snapshot();
    expectRefused(await consoleSignInAttempt(app, `editor${NUL}@example.org`), 'body.email');
    expect(await snapshot()).toEqual(before);
  });

  it('traveller sign-in e-mail (/account/sign-in, JSON and form)', async () => {
    const before = await snapshot();
    expectRefused(await app.inject({ method: 'POST', url: '/account/sign-in', payload: { email: `someone${NUL}@example.org` } }), 'body.email');
    expectRefused(await app.inject({
      method: 'POST', url: '/account/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=someone%00%40example.org&_form=x',
    }), 'body.email');
    expect(await snapshot()).toEqual(before);
  });

  it('draft summary and change note (staff API PATCH), and a lone surrogate', async () => {
    const before = await snapshot();
    const patch = (body: Record<string, unknown>) => apiCall(app)('PATCH', `/api/v1/drafts/${draft.id}`, token, body, { 'if-match': draft.etag });
    expectRefused(await patch({ summary: `Leave${NUL} now.` }), 'body.summary');
    expectRefused(await patch({ changeType: 'major', changeNote: `Raised${NUL}.` }), 'body.changeNote');
    expectRefused(await patch({ sections: [{ title: 'Money', body: 'Cards \ud800 fail.' }] }), 'body.sections.0.body');
    expect(await snapshot()).toEqual(before);
    // The same edit without the bad character goes through.
    expect((await patch({ summary: 'Leave now.' })).statusCode).toBe(200);
  });

  it('webhook URL (account channels)', async () => {
    const before = await snapshot();
    expectRefused(await travellerPost(app, traveller, '/account/channels/webhook', { url: `https://hooks.example.org/${NUL}` }), 'body.url');
    expect(await snapshot()).toEqual(before);
  });

  it('audit queries (staff API and console), route parameters and Waypost cookies', async () => {
    const before = await snapshot();
    expectRefused(await apiCall(app)('GET', '/api/v1/audit?q=sign%00in', token), 'query.q');
    expectRefused(await consoleGet(app, staffSession, '/console/audit?q=%00'), 'query.q');
    expectRefused(await app.inject({ url: '/api/v1/advisories/R%00' }), 'params.code');
    expectRefused(await app.inject({ url: '/account', headers: { cookie: 'waypost_traveller=abc%00def' } }), 'the waypost_traveller cookie');
    expect(await snapshot()).toEqual(before);
    // Other sites' cookies on the same domain are not ours to judge.
    expect((await app.inject({ url: '/api/v1/advisories/RU', headers: { cookie: 'analytics=%00' } })).statusCode).toBe(200);
  });

  it('audit filters that are not dates or ids are 400s; the last possible day is not', async () => {
    const call = apiCall(app);
    for (const query of ['to=0000-00-00', 'from=2026-02-30', 'to=2026-13-01', 'before=99999999999999999999', 'before=0', 'limit=100000', 'to=2026-1-1']) {
      const response = await call('GET', `/api/v1/audit?${query}`, token);
      expect(response.statusCode, `${query}: ${response.body}`).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const all = await call('GET', '/api/v1/audit', token);
    const untilTheEnd = await call('GET', '/api/v1/audit?from=0001-01-01&to=9999-12-31&before=9007199254740991', token);
    expect(untilTheEnd.statusCode).toBe(200);
    expect(untilTheEnd.json().length).toBeGreaterThan(0);
    expect(untilTheEnd.json()).toEqual(all.json());
    // The console ignores what is not a date, as it does any malformed filter.
    const page = await consoleGet(app, staffSession, '/console/audit?to=0000-00-00&from=2026-02-30');
    expect(page.statusCode).toBe(200);
  });
});
