import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountRoutes } from '../../src/http/account/index.ts';
import { consoleRoutes } from '../../src/http/console/index.ts';
import { installProblemHandlers } from '../../src/http/problem.ts';
import { createTraveller } from '../../src/enrolment/travellers.ts';
import { outboxTransport } from '../../src/mail/transport.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addStaff, consoleSignIn, type ConsoleSession } from '../helpers/editorial-setup.ts';
import { confirmLink } from '../helpers/traveller.ts';

const PUBLIC_URL = 'http://waypost.test';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HEADER = 'email,name,destination,region,start,end,channels';

describe.each(ENGINES)('organisation pages and the console\'s Organisations on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let clock = new Date('2026-03-01T10:00:00Z');
  const settings = { tripRetentionDays: 30, allowPrivateWebhooks: false, dailyImportLimit: 2000, lookup: async () => [{ address: '93.184.215.14', family: 4 as const }] };
  const staff: Record<'admin' | 'editor' | 'reviewer' | 'crisis', ConsoleSession> = {} as never;

  beforeAll(async () => {
    store = await createTestStore(engine);
    app = Fastify({ maxParamLength: 200 });
    installProblemHandlers(app);
    await app.register(accountRoutes(store, { publicUrl: PUBLIC_URL, secret: 'pages-secret' }, { now: () => clock, mail: outboxTransport(store.db), settings, signInsPerMinute: 0 }));
    await app.register(consoleRoutes(store, { publicUrl: PUBLIC_URL }, { now: () => clock }));
    for (const role of ['admin', 'editor', 'reviewer', 'crisis'] as const) {
      await addStaff(store, `${role}@ministry.example`, role);
      staff[role] = await consoleSignIn(app, `${role}@ministry.example`);
    }
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });
  beforeEach(() => {
    clock = new Date('2026-03-01T10:00:00Z');
    settings.dailyImportLimit = 2000;
  });

  const count = async (table: 'travellers' | 'trips' | 'organisation_members' | 'organisation_invitations' | 'outbox_messages' | 'organisations' | 'audit_log') =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = async () => Promise.all((['travellers', 'trips', 'organisation_members', 'organisation_invitations', 'outbox_messages', 'organisations'] as const).map(count));

  /** Signs a traveller up through the e-mail link, as the pages do. */
  async function signIn(email: string): Promise<{ cookie: string; csrf: string; id: number }> {
    const form = /name="_form" value="([^"]+)"/.exec((await app.inject({ url: '/account/sign-in' })).body)![1]!;
    await app.inject({ method: 'POST', url: '/account/sign-in', headers: FORM, payload: new URLSearchParams({ email, _form: form }).toString() });
    const mail = await store.db.selectFrom('outbox_messages').select('text_body').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const consumed = await confirmLink(app, new URL(/(http:\/\/waypost\.test\/account\/link\/\S+)/.exec(mail.text_body)![1]!).pathname);
    const cookie = String(consumed.headers['set-cookie']).split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await app.inject({ url: '/account', headers: { cookie } })).body)![1]!;
    const row = await store.db.selectFrom('travellers').select('id').where('email_normalised', '=', email).executeTakeFirstOrThrow();
    return { cookie, csrf, id: row.id };
  }
  const post = (session: { cookie: string; csrf: string }, url: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, cookie: session.cookie, ...headers }, payload: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString() });
  /** The page's upload form (multipart, with the CSRF field), asking for the JSON report. */
  const upload = (session: { cookie: string; csrf: string }, organisationId: number, csv: string) => {
    const multipart = ['--b0undary', 'Content-Disposition: form-data; name="_csrf"', '', session.csrf, '--b0undary', 'Content-Disposition: form-data; name="file"; filename="group.csv"', 'Content-Type: text/csv', '', csv, '--b0undary--', ''].join('\r\n');
    return app.inject({ method: 'POST', url: `/account/organisations/${organisationId}/import`, headers: { cookie: session.cookie, 'content-type': 'multipart/form-data; boundary=b0undary', accept: 'application/json' }, payload: multipart });
  };
  const orgId = async (name: string) => (await store.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const mailsTo = async (email: string) => store.db.selectFrom('outbox_messages').select(['subject', 'text_body']).where('recipient', '=', email).orderBy('id').execute();

  it('refuses a phishing name at creation with a clear 400, and a new organisation can import nobody until an admin verifies it', async () => {
    const founder = await signIn(`founder-${engine}@uni.example`);
    const before = await snapshot();
    const refused = await post(founder, '/account/organisations', { name: 'Your account is suspended - verify at https://evil.example' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('An organisation name cannot contain a web address or domain name');
    const json = await app.inject({ method: 'POST', url: '/account/organisations', headers: { cookie: founder.cookie }, payload: { name: 'Mail help@evil.example now' } });
    expect([json.statusCode, json.headers['content-type'], json.json().detail]).toEqual([400, 'application/problem+json; charset=utf-8', 'An organisation name cannot contain an e-mail address.']);
    expect(await snapshot()).toEqual(before);

    const created = await post(founder, '/account/organisations', { name: `Uni ${engine}` });
    expect(created.statusCode).toBe(303);
    const id = await orgId(`Uni ${engine}`);
    const pageBefore = await app.inject({ url: `/account/organisations/${id}`, headers: { cookie: founder.cookie } });
    expect(pageBefore.body).toContain('Awaiting verification by the service&#39;s administrators: you can&#39;t import or invite people yet.');
    expect(pageBefore.body).not.toContain('Enrol a group from CSV');
    const csv = `${HEADER}\nstu-${engine}@uni.example,Stu,Russia,Moscow,2026-03-01,2026-06-30,email\n`;
    const after = await snapshot();
    const unverified = await upload(founder, id, csv);
    expect([unverified.statusCode, unverified.headers['content-type']]).toEqual([403, 'application/problem+json; charset=utf-8']);
    expect(unverified.json().detail).toMatch(/awaiting verification/);
    expect(await snapshot()).toEqual(after);
  });

  it.each(['editor', 'reviewer', 'crisis'] as const)('the console\'s Organisations page and buttons are admin-only: a %s gets 403', async (role) => {
    const id = await orgId(`Uni ${engine}`);
    expect((await app.inject({ url: '/console/organisations', headers: { cookie: staff[role].cookie } })).statusCode).toBe(403);
    const audit = await count('audit_log');
    expect((await post(staff[role], `/console/organisations/${id}/verify`)).statusCode).toBe(403);
    expect(await count('audit_log')).toBe(audit);
  });

  it('an admin verifies in the console (CSRF-protected, audited); the organisation then imports; withdrawing stops it', async () => {
    const id = await orgId(`Uni ${engine}`);
    const list = await app.inject({ url: '/console/organisations', headers: { cookie: staff.admin.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(new RegExp(`<td[^>]*>Uni ${engine}</td><td[^>]*>founder-${engine}@uni.example</td>.*awaiting verification`, 's'));
    expect((await post({ ...staff.admin, csrf: 'forged' }, `/console/organisations/${id}/verify`)).statusCode).toBe(403);
    const verified = await post(staff.admin, `/console/organisations/${id}/verify`);
    expect([verified.statusCode, verified.headers.location]).toEqual([303, '/console/organisations?done=verified']);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'actor_label']).where('subject', '=', `organisation ${id}`).execute();
    expect(audit).toEqual([{ action: 'organisation-verified', actor_label: 'admin@ministry.example' }]);

    const founder = await signIn(`founder-${engine}@uni.example`);
    expect((await app.inject({ url: `/account/organisations/${id}`, headers: { cookie: founder.cookie } })).body).toContain('Enrol a group from CSV');
    const imported = await upload(founder, id, `${HEADER}\nstu-${engine}@uni.example,Stu,Russia,Moscow,2026-03-01,2026-06-30,email\n`);
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toEqual({ organisation: { id, name: `Uni ${engine}` }, rows: 1, enrolledOrInvited: 1, unchanged: 0, rejected: [] });
    await expect.poll(async () => (await mailsTo(`stu-${engine}@uni.example`)).map((m) => m.subject)).toEqual(['You have been enrolled for travel safety messages']);

    expect((await post(staff.admin, `/console/organisations/${id}/withdraw`)).headers.location).toBe('/console/organisations?done=withdrawn');
    const before = await snapshot();
    const withdrawn = await upload(founder, id, `${HEADER}\nstu2-${engine}@uni.example,Stu,Russia,,2026-03-01,2026-06-30,email\n`);
    expect([withdrawn.statusCode, withdrawn.json().detail]).toEqual([403, expect.stringMatching(/withdrew this organisation's verification/)]);
    expect(await snapshot()).toEqual(before);
    expect((await post(staff.admin, `/console/organisations/${id}/withdraw`)).statusCode).toBe(409);
    expect((await post(staff.admin, `/console/organisations/${id}/verify`)).statusCode).toBe(303);
  });

  it('answers the same for a known and an unknown address; the known one is invited and accepts on the link\'s page (same-site, CSRF)', async () => {
    const id = await orgId(`Uni ${engine}`);
    const founder = await signIn(`founder-${engine}@uni.example`);
    const known = await createTraveller(store.db, { email: `known-${engine}@example.org`, name: 'Known', confirmedBy: 'link', at: clock.toISOString() });
    const row = (email: string) => `${HEADER}\n${email},Someone,France,,2026-04-01,2026-04-09,email;webhook:https://hooks.example.org/h\n`;
    const [a, b] = [await upload(founder, id, row(`known-${engine}@example.org`)), await upload(founder, id, row(`unknown-${engine}@example.org`))];
    expect([a.statusCode, a.body]).toEqual([b.statusCode, b.body]);
    expect(a.json()).toMatchObject({ enrolledOrInvited: 1, rejected: [] });
    expect(await store.db.selectFrom('organisation_members').select('role').where('traveller_id', '=', known).execute()).toEqual([]);

    await expect.poll(async () => (await mailsTo(`known-${engine}@example.org`)).length).toBe(1);
    const [invitation] = await mailsTo(`known-${engine}@example.org`);
    const link = new URL(/(http:\/\/waypost\.test\/account\/invitation\?token=\S+)/.exec(invitation!.text_body)![1]!);
    const shown = await app.inject({ url: link.pathname + link.search });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`An organisation that calls itself <q>Uni ${engine}</q>`);
    expect(shown.body).toMatch(/France, 1 Apr(il)? 2026/);
    const fields = { token: link.searchParams.get('token')!, _form: /name="_form" value="([^"]+)"/.exec(shown.body)![1]!, decision: 'accept' };
    const answer = (extra: Record<string, string>, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/account/invitation', headers: { ...FORM, ...headers }, payload: new URLSearchParams({ ...fields, ...extra }).toString() });
    expect((await answer({}, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await answer({}, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await answer({ _form: 'forged' })).statusCode).toBe(403);
    expect(await store.db.selectFrom('organisation_members').select('role').where('traveller_id', '=', known).execute()).toEqual([]);
    const accepted = await answer({}, { 'sec-fetch-site': 'same-origin', origin: PUBLIC_URL });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toContain('Invitation accepted');
    expect(await store.db.selectFrom('organisation_members').select('role').where('traveller_id', '=', known).execute()).toEqual([{ role: 'member' }]);
    expect((await store.db.selectFrom('channels').select('kind').where('traveller_id', '=', known).execute())).toEqual([{ kind: 'email' }]);
    expect((await answer({})).statusCode).toBe(410);
  });

  it('a signed-in traveller sees invitations on the account page and declines one (CSRF)', async () => {
    const id = await orgId(`Uni ${engine}`);
    const founder = await signIn(`founder-${engine}@uni.example`);
    const person = await signIn(`person-${engine}@example.org`);
    await upload(founder, id, `${HEADER}\nperson-${engine}@example.org,P,Japan,JP-13,2026-05-01,2026-05-10,email\n`);
    const home = await app.inject({ url: '/account', headers: { cookie: person.cookie } });
    expect(home.body).toContain('<h2 id="invitations-title">Invitations</h2>');
    const invitationId = /action="\/account\/invitations\/(\d+)\/decline"/.exec(home.body)![1]!;
    expect((await post({ ...person, csrf: 'forged' }, `/account/invitations/${invitationId}/decline`)).statusCode).toBe(403);
    expect((await post(person, `/account/invitations/${invitationId}/decline`)).statusCode).toBe(303);
    expect((await app.inject({ url: '/account', headers: { cookie: person.cookie } })).body).not.toContain('id="invitations-title"');
    expect(await store.db.selectFrom('trips').select('id').where('traveller_id', '=', person.id).execute()).toEqual([]);
  });

  it('over ORG_DAILY_IMPORT_LIMIT: 429 problem with Retry-After until midnight UTC, nothing written', async () => {
    const id = await orgId(`Uni ${engine}`);
    const founder = await signIn(`founder-${engine}@uni.example`);
    settings.dailyImportLimit = 1;
    clock = new Date('2026-03-01T23:00:00Z');
    const before = await snapshot();
    const over = await upload(founder, id, `${HEADER}\nlimit1-${engine}@example.org,L,Kenya,,2026-04-01,2026-04-09,email\nlimit2-${engine}@example.org,L,Kenya,,2026-04-01,2026-04-09,email\n`);
    expect([over.statusCode, over.headers['content-type'], over.headers['retry-after']]).toEqual([429, 'application/problem+json; charset=utf-8', '3600']);
    expect(over.json().detail).toMatch(/^This organisation's daily limit is 1 imported rows \(ORG_DAILY_IMPORT_LIMIT\)/);
    expect(await snapshot()).toEqual(before);
  });
});
