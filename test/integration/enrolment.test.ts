import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { installProblemHandlers } from '../../src/http/problem.ts';
import { accountRoutes } from '../../src/http/account/index.ts';
import { outboxTransport } from '../../src/mail/transport.ts';
import { purgeExpired } from '../../src/enrolment/purge.ts';
import { changeVerification } from '../../src/enrolment/verification.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { listUnsubscribeHeaders, preferencesUrl, unsubscribeUrl } from '../../src/security/signed-links.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { confirmLink } from '../helpers/traveller.ts';

const PUBLIC_URL = 'http://waypost.test';
const SECRET = 'integration-test-secret-0123456789';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Tables holding traveller data, each with the column that points at the traveller. */
const TRAVELLER_TABLES = [
  ['traveller_citizenships', 'traveller_id'], ['traveller_sessions', 'traveller_id'], ['organisation_members', 'traveller_id'],
  ['trips', 'traveller_id'], ['subscriptions', 'traveller_id'], ['channels', 'traveller_id'],
] as const;

describe.each(ENGINES)('traveller enrolment on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let clock: Date;
  const settings = { tripRetentionDays: 30, allowPrivateWebhooks: false };

  beforeAll(async () => {
    store = await createTestStore(engine);
    // A current advisory for Russia (Level 4, a regional exception) so pages show levels.
    const revision = await store.db.insertInto('advisory_revisions').values({
      destination_code: 'RU', revision: 1, level: 4, indicators: '["D","T"]', risks: '[]', departure_urged: 1, summary: 'Leave now.', sections: '[]',
      regions: JSON.stringify([{ name: 'Border with Ukraine', level: 4, indicators: ['U'], summary: 'Fighting.' }]),
      change_type: 'major', change_note: 'Test', published_at: '2026-01-01T00:00:00Z', reviewed_at: '2026-01-01T00:00:00Z', next_review_due: null,
      source_authority: 'Test', source_url: null, fingerprint: 'x', created_at: '2026-01-01T00:00:00Z',
    }).returning('id').executeTakeFirstOrThrow();
    await store.db.updateTable('destinations').set({ current_revision_id: revision.id }).where('code', '=', 'RU').execute();
    app = Fastify({ maxParamLength: 200 });
    installProblemHandlers(app);
    await app.register(accountRoutes(store, { publicUrl: PUBLIC_URL, secret: SECRET }, {
      now: () => clock,
      mail: outboxTransport(store.db),
      settings,
      signInsPerMinute: 0,
    }));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });
  beforeEach(() => {
    clock = new Date('2026-03-01T10:00:00Z');
    settings.allowPrivateWebhooks = false;
  });

  const count = async (table: 'travellers' | 'trips' | 'subscriptions' | 'channels' | 'sign_in_links' | 'outbox_messages' | 'organisations') =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  async function formToken(): Promise<string> {
    const page = await app.inject({ url: '/account/sign-in' });
    return /name="_form" value="([^"]+)"/.exec(page.body)![1]!;
  }

  async function requestLink(email: string) {
    return app.inject({ method: 'POST', url: '/account/sign-in', headers: FORM, payload: new URLSearchParams({ email, _form: await formToken() }).toString() });
  }

  async function lastLink(to: string): Promise<string> {
    const mail = await store.db.selectFrom('outbox_messages').select('text_body').where('recipient', '=', to).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return new URL(/(http:\/\/waypost\.test\/account\/link\/\S+)/.exec(mail.text_body)![1]!).pathname;
  }

  /** Signs up (or in) through the pages; returns the session cookie and CSRF token. */
  async function signIn(email: string): Promise<{ cookie: string; csrf: string; id: number }> {
    expect((await requestLink(email)).statusCode).toBe(303);
    const consumed = await confirmLink(app, await lastLink(email.trim()));
    expect(consumed.statusCode).toBe(303);
    const cookie = String(consumed.headers['set-cookie']).split(';')[0]!;
    const page = await app.inject({ url: '/account', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const row = await store.db.selectFrom('travellers').select('id').where('email_normalised', '=', email.trim().toLowerCase()).executeTakeFirstOrThrow();
    return { cookie, csrf, id: row.id };
  }

  const post = (session: { cookie: string; csrf: string }, url: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    body.append('_csrf', session.csrf);
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
    return app.inject({ method: 'POST', url, headers: { ...FORM, cookie: session.cookie }, payload: body.toString() });
  };
  const alertText = (body: string) => (/role="alert">([^<]*)/.exec(body)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

  describe('sign-up by e-mail link', () => {
    it('never reveals whether an address is registered: identical responses, different mails', async () => {
      await signIn('known@example.org');
      const known = await requestLink('known@example.org');
      const unknown = await requestLink('stranger@example.org');
      expect([known.statusCode, known.headers.location]).toEqual([unknown.statusCode, unknown.headers.location]);
      expect(known.body).toBe(unknown.body);
      const [a, b] = await Promise.all(['/account/check-email', '/account/check-email'].map((url) => app.inject({ url })));
      expect(a!.body).toBe(b!.body);
      const subjects = await store.db.selectFrom('outbox_messages').select(['recipient', 'subject']).where('recipient', 'in', ['known@example.org', 'stranger@example.org']).orderBy('id').execute();
      expect(subjects.at(-2)).toEqual({ recipient: 'known@example.org', subject: 'Your Waypost sign-in link' });
      expect(subjects.at(-1)).toEqual({ recipient: 'stranger@example.org', subject: 'Confirm your e-mail address for Waypost' });
      const json = async (email: string) => app.inject({ method: 'POST', url: '/account/sign-in', payload: { email } });
      const [j1, j2] = [await json('known@example.org'), await json('stranger2@example.org')];
      expect([j1.statusCode, j1.body]).toEqual([202, j2.body]);
      // Asking is not enrolling: no traveller exists until the link is used (double opt-in).
      expect(await store.db.selectFrom('travellers').select('id').where('email_normalised', '=', 'stranger@example.org').executeTakeFirst()).toBeUndefined();
    });

    it.each(['not-an-address', 'a@b', 'two@@example.org', 'space in@example.org', '', 'x'.repeat(250) + '@example.org'])('refuses the invalid address %j with a clear 400, saving and sending nothing', async (email) => {
      const [links, mails] = [await count('sign_in_links'), await count('outbox_messages')];
      const response = await requestLink(email);
      expect(response.statusCode).toBe(400);
      expect(alertText(response.body)).toMatch(/valid e-mail address/);
      const problem = await app.inject({ method: 'POST', url: '/account/sign-in', payload: { email } });
      expect(problem.statusCode).toBe(400);
      expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([await count('sign_in_links'), await count('outbox_messages')]).toEqual([links, mails]);
    });

    it('sends at most 5 links per address per 15 minutes, answering the same', async () => {
      const mails = async () => (await store.db.selectFrom('outbox_messages').select('id').where('recipient', '=', 'eager@example.org').execute()).length;
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(await requestLink('eager@example.org'));
      expect(new Set(answers.map((a) => `${a.statusCode} ${a.headers.location}`))).toEqual(new Set(['303 /account/check-email']));
      expect(await mails()).toBe(5);
      clock = new Date(clock.getTime() + 16 * 60_000);
      await requestLink('eager@example.org');
      expect(await mails()).toBe(6);
    });

    it('links are single-use: a GET (mail scanner) does not use it, a replay is refused', async () => {
      await requestLink('once@example.org');
      const link = await lastLink('once@example.org');
      expect((await app.inject({ url: link })).statusCode).toBe(200);
      expect((await app.inject({ url: link })).body).toContain('Confirm and sign in');
      const first = await confirmLink(app, link);
      expect(first.statusCode).toBe(303);
      const replay = await confirmLink(app, link);
      expect(replay.statusCode).toBe(410);
      expect(alertText(replay.body)).toMatch(/already been used or has expired/);
      expect(replay.headers['set-cookie']).toBeUndefined();
      // Two clicks at the same moment: exactly one signs in.
      await requestLink('twice@example.org');
      const twice = await lastLink('twice@example.org');
      const both = await Promise.all([confirmLink(app, twice), confirmLink(app, twice)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([303, 410]);
    });

    it('links expire after 15 minutes (injectable clock), and tampered links are refused', async () => {
      await requestLink('late@example.org');
      const link = await lastLink('late@example.org');
      clock = new Date(clock.getTime() + 15 * 60_000 + 1000);
      const expired = await app.inject({ method: 'POST', url: link });
      expect(expired.statusCode).toBe(410);
      expect(alertText(expired.body)).toMatch(/expired/);
      expect((await app.inject({ url: link })).statusCode).toBe(410);
      const tampered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
      expect((await app.inject({ method: 'POST', url: tampered })).statusCode).toBe(400);
      expect(await store.db.selectFrom('travellers').select('id').where('email_normalised', '=', 'late@example.org').executeTakeFirst()).toBeUndefined();
    });

    it('addresses are unique case-insensitively: "Ann@Example.ORG" and " ann@example.org " are one traveller', async () => {
      const a = await signIn('Ann@Example.ORG');
      const b = await signIn(' ann@example.org ');
      expect(b.id).toBe(a.id);
      const rows = await store.db.selectFrom('travellers').select(['email', 'email_normalised']).where('email_normalised', '=', 'ann@example.org').execute();
      expect(rows).toEqual([{ email: 'Ann@Example.ORG', email_normalised: 'ann@example.org' }]);
    });

    it('pages under /account need a traveller session; staff cookies do not count', async () => {
      expect((await app.inject({ url: '/account' })).headers.location).toBe('/account/sign-in');
      expect((await app.inject({ url: '/account', headers: { cookie: 'waypost_session=abc' } })).headers.location).toBe('/account/sign-in');
      expect((await app.inject({ url: '/account', headers: { accept: 'application/json' } })).statusCode).toBe(401);
    });

    it('ignores a cookie it cannot read, such as an analytics cookie "_ga=100%": the traveller still gets their pages', async () => {
      const s = await signIn('analytics@example.org');
      for (const cookie of [`_ga=100%; ${s.cookie}`, `${s.cookie}; _ga=100%`, `_x=%E0%A4%A; ${s.cookie}`]) {
        const page = await app.inject({ url: '/account', headers: { cookie } });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('analytics@example.org');
      }
      const enrolled = await app.inject({
        method: 'POST', url: '/account/trips', headers: { ...FORM, cookie: `_ga=100%; ${s.cookie}` },
        payload: new URLSearchParams({ _csrf: s.csrf, destination: 'France', start: '2026-04-01', end: '2026-04-10' }).toString(),
      });
      expect(enrolled.statusCode).toBe(303);
      const out = await app.inject({ method: 'POST', url: '/account/sign-out', headers: { ...FORM, cookie: `_ga=100%; ${s.cookie}` }, payload: `_csrf=${s.csrf}` });
      expect(out.statusCode).toBe(200);
      expect((await app.inject({ url: '/account', headers: { cookie: s.cookie } })).headers.location).toBe('/account/sign-in');
    });
  });

  describe('trips', () => {
    it('enrols a trip to Russia with a region and shows it with the level now', async () => {
      const s = await signIn('trip@example.org');
      const response = await post(s, '/account/trips', { destination: ['Russia', 'Finland', ''], region: ['Moscow', 'FI-18', ''], start: '2026-03-10', end: '2026-04-10' });
      expect(response.statusCode).toBe(303);
      const stops = await store.db.selectFrom('trip_destinations').innerJoin('trips', 'trips.id', 'trip_destinations.trip_id')
        .select(['destination_code', 'region', 'position', 'start_date', 'end_date']).where('trips.traveller_id', '=', s.id).orderBy('position').execute();
      expect(stops).toEqual([
        { destination_code: 'RU', region: 'Moscow', position: 1, start_date: '2026-03-10', end_date: '2026-04-10' },
        { destination_code: 'FI', region: 'FI-18', position: 2, start_date: '2026-03-10', end_date: '2026-04-10' },
      ]);
      const page = await app.inject({ url: '/account', headers: { cookie: s.cookie } });
      expect(page.body).toContain('Russia — Moscow');
      expect(page.body).toContain('Level 4: Do Not Travel');
      expect(page.body).toContain('Uusimaa (FI-18)');
    });

    it('stores regions canonically: ISO 3166-2 names become codes, advisory areas keep their spelling', async () => {
      const s = await signIn('regions@example.org');
      for (const region of ['ru-mow', 'Moskva', 'border with ukraine']) {
        expect((await post(s, '/account/trips', { destination: 'RU', region, start: '2026-03-10', residing: 'on' })).statusCode).toBe(303);
      }
      const regions = await store.db.selectFrom('trip_destinations').innerJoin('trips', 'trips.id', 'trip_destinations.trip_id')
        .select(['region', 'end_date']).where('trips.traveller_id', '=', s.id).orderBy('trips.id').execute();
      expect(regions).toEqual([{ region: 'RU-MOW', end_date: null }, { region: 'RU-MOW', end_date: null }, { region: 'Border with Ukraine', end_date: null }]);
    });

    it.each([
      ['end before start', { destination: 'Russia', start: '2026-04-10', end: '2026-04-01' }, /ends before it starts/],
      ['a trip wholly in the past', { destination: 'Russia', start: '2026-01-01', end: '2026-02-01' }, /wholly in the past/],
      ['an unknown destination', { destination: 'Atlantis', start: '2026-04-01', end: '2026-04-10' }, /Unknown destination "Atlantis"/],
      ['an unknown region', { destination: 'Russia', region: 'Gotham', start: '2026-04-01', end: '2026-04-10' }, /Unknown region "Gotham" in Russia/],
      ['a region of another country', { destination: 'Russia', region: 'US-CA', start: '2026-04-01', end: '2026-04-10' }, /Unknown region "US-CA"/],
      ['a bad date', { destination: 'Russia', start: '2026-02-30', end: '2026-04-10' }, /start date as YYYY-MM-DD/],
      ['no end date and not residing', { destination: 'Russia', start: '2026-04-01' }, /end date/],
      ['no destination', { destination: '', start: '2026-04-01', end: '2026-04-10' }, /at least one destination/],
    ])('refuses %s with a clear message and saves nothing', async (name, fields, message) => {
      const s = await signIn(`bad-trips-${name.replace(/\W+/g, '-')}@example.org`);
      const before = await count('trips');
      const response = await post(s, '/account/trips', fields as Record<string, string>);
      expect(response.statusCode).toBe(400);
      expect(alertText(response.body)).toMatch(message);
      const api = await app.inject({ method: 'POST', url: '/account/trips', headers: { cookie: s.cookie }, payload: { destinations: [{ destination: fields.destination, region: (fields as { region?: string }).region }], start: fields.start, end: (fields as { end?: string }).end } });
      expect(api.statusCode).toBe(400);
      expect(api.json()).toMatchObject({ status: 400, detail: expect.stringMatching(message) });
      expect(await count('trips')).toBe(before);
    });

    it('edits and cancels a trip; another traveller cannot touch it', async () => {
      const s = await signIn('edit@example.org');
      const created = await app.inject({ method: 'POST', url: '/account/trips', headers: { cookie: s.cookie }, payload: { destinations: [{ destination: 'FR' }], start: '2026-05-01', end: '2026-05-10' } });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: number }>().id;
      expect((await app.inject({ url: `/account/trips/${id}/edit`, headers: { cookie: s.cookie } })).body).toContain('value="France"');
      expect((await post(s, `/account/trips/${id}`, { destination: 'Spain', start: '2026-05-02', end: '2026-05-12' })).statusCode).toBe(303);
      const other = await signIn('intruder@example.org');
      expect((await post(other, `/account/trips/${id}/cancel`, {})).statusCode).toBe(404);
      expect((await post(s, `/account/trips/${id}/cancel`, {})).statusCode).toBe(303);
      const trip = await store.db.selectFrom('trips').innerJoin('trip_destinations', 'trip_destinations.trip_id', 'trips.id')
        .select(['destination_code', 'start_date', 'cancelled_at']).where('trips.id', '=', id).executeTakeFirstOrThrow();
      expect(trip).toMatchObject({ destination_code: 'ES', start_date: '2026-05-02', cancelled_at: clock.toISOString() });
    });

    it('refuses a form post without the CSRF token, saving nothing', async () => {
      const s = await signIn('csrf@example.org');
      const before = await count('trips');
      const response = await app.inject({ method: 'POST', url: '/account/trips', headers: { ...FORM, cookie: s.cookie }, payload: 'destination=Russia&start=2026-04-01&end=2026-04-10' });
      expect(response.statusCode).toBe(403);
      expect(await count('trips')).toBe(before);
    });
  });

  describe('profile, subscriptions and preferences', () => {
    it('keeps several citizenships relationally, and emergency contacts', async () => {
      const s = await signIn('dual@example.org');
      const response = await post(s, '/account/profile', {
        name: 'Dana Dual', phone: '+1 202 555 0100', language: 'en', citizenship: ['United States', 'RU', ''],
        contact_name: ['Sam', ''], contact_phone: ['+1 202 555 0199', ''], contact_relation: ['Brother', ''],
      });
      expect(response.statusCode).toBe(303);
      const codes = await store.db.selectFrom('traveller_citizenships').select('country_code').where('traveller_id', '=', s.id).orderBy('country_code').execute();
      expect(codes.map((c) => c.country_code)).toEqual(['RU', 'US']);
      const bad = await post(s, '/account/profile', { name: 'Dana', citizenship: ['Narnia'] });
      expect(bad.statusCode).toBe(400);
      expect(alertText(bad.body)).toMatch(/Unknown country "Narnia"/);
      expect((await store.db.selectFrom('travellers').select('name').where('id', '=', s.id).executeTakeFirstOrThrow()).name).toBe('Dana Dual');
    });

    it('subscribes without a trip: a destination with chosen types, every Level 4 change; refuses an unknown destination', async () => {
      const s = await signIn('subs@example.org');
      expect((await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Ukraine', alerts: 'on', frequency: 'digest' })).statusCode).toBe(303);
      expect((await post(s, '/account/subscriptions', { kind: 'level4' })).statusCode).toBe(303);
      // The same topic again updates the one subscription.
      expect((await post(s, '/account/subscriptions', { kind: 'destination', destination: 'UA', alerts: 'on', advisories: 'on' })).statusCode).toBe(303);
      const rows = await store.db.selectFrom('subscriptions').select(['kind', 'destination_code', 'advisories', 'alerts', 'routine', 'frequency']).where('traveller_id', '=', s.id).orderBy('id').execute();
      expect(rows).toEqual([
        { kind: 'destination', destination_code: 'UA', advisories: 1, alerts: 1, routine: 0, frequency: 'immediate' },
        { kind: 'level4', destination_code: null, advisories: 1, alerts: 0, routine: 0, frequency: 'immediate' },
      ]);
      const unknown = await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Atlantis', alerts: 'on' });
      expect(unknown.statusCode).toBe(400);
      expect(alertText(unknown.body)).toMatch(/Unknown destination "Atlantis"/);
      const none = await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Chile' });
      expect(alertText(none.body)).toMatch(/at least one message type/);
      expect(await store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).execute()).toHaveLength(2);
    });

    it('one-click unsubscribe (RFC 8058): POST without session or CSRF answers 200 and stops everything', async () => {
      const s = await signIn('oneclick@example.org');
      await post(s, '/account/subscriptions', { kind: 'level4' });
      const url = new URL(listUnsubscribeHeaders({ secret: SECRET, publicUrl: PUBLIC_URL }, s.id, undefined, clock)['List-Unsubscribe'].slice(1, -1));
      const confirm = await app.inject({ url: url.pathname + url.search });
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('Stop all messages from Waypost?');
      expect(await store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).execute()).toHaveLength(1);
      const response = await app.inject({ method: 'POST', url: url.pathname + url.search, headers: FORM, payload: 'List-Unsubscribe=One-Click' });
      expect(response.statusCode).toBe(200);
      expect(await store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).execute()).toHaveLength(0);
      expect((await store.db.selectFrom('travellers').select('unsubscribed_at').where('id', '=', s.id).executeTakeFirstOrThrow()).unsubscribed_at).toBe(clock.toISOString());
      // Twice is fine; a tampered token is not.
      expect((await app.inject({ method: 'POST', url: url.pathname + url.search, headers: FORM, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: `/unsubscribe?token=${url.searchParams.get('token')!.slice(0, -2)}xx`, headers: FORM, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(400);
      // Opting in again lifts it.
      await post(s, '/account/preferences', { advisories: 'on', alerts: 'on', frequency: 'immediate', resume: 'on' });
      expect((await store.db.selectFrom('travellers').select('unsubscribed_at').where('id', '=', s.id).executeTakeFirstOrThrow()).unsubscribed_at).toBeNull();
    });

    it('an unsubscribe link for one subscription removes only that one', async () => {
      const s = await signIn('onesub@example.org');
      await post(s, '/account/subscriptions', { kind: 'level4' });
      await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Iran', alerts: 'on' });
      const [level4] = await store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).orderBy('id').execute();
      const url = new URL(unsubscribeUrl({ secret: SECRET, publicUrl: PUBLIC_URL }, s.id, level4!.id, clock));
      expect((await app.inject({ url: url.pathname + url.search })).body).toContain('every Level 4 change');
      expect((await app.inject({ method: 'POST', url: url.pathname + url.search, payload: { 'List-Unsubscribe': 'One-Click' } })).statusCode).toBe(200);
      const left = await store.db.selectFrom('subscriptions').select('topic').where('traveller_id', '=', s.id).execute();
      expect(left).toEqual([{ topic: 'destination:IR' }]);
      expect((await store.db.selectFrom('travellers').select('unsubscribed_at').where('id', '=', s.id).executeTakeFirstOrThrow()).unsubscribed_at).toBeNull();
    });

    it('the signed preferences page works without signing in and refuses a forged or expired token', async () => {
      const s = await signIn('prefs@example.org');
      const url = new URL(preferencesUrl({ secret: SECRET, publicUrl: PUBLIC_URL }, s.id, clock));
      const path = url.pathname + url.search;
      const page = await app.inject({ url: path });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('prefs@example.org');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const saved = await app.inject({ method: 'POST', url: path, headers: FORM, payload: 'alerts=on&frequency=digest' });
      expect(saved.statusCode).toBe(303);
      const row = await store.db.selectFrom('travellers').select(['trip_advisories', 'trip_alerts', 'trip_routine', 'trip_frequency']).where('id', '=', s.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ trip_advisories: 0, trip_alerts: 1, trip_routine: 0, trip_frequency: 'digest' });
      expect((await app.inject({ method: 'POST', url: `${path}x`, headers: FORM, payload: 'alerts=on' })).statusCode).toBe(400);
      clock = new Date(clock.getTime() + 61 * 86_400_000);
      expect((await app.inject({ url: path })).statusCode).toBe(410);
    });
  });

  describe('ids in URLs', () => {
    it('answers a 404 page for any id that is not a positive integer written plainly, acting on nothing', async () => {
      const s = await signIn('ids@example.org');
      const trip = await app.inject({ method: 'POST', url: '/account/trips', headers: { cookie: s.cookie }, payload: { destinations: [{ destination: 'FR' }], start: '2026-05-01', end: '2026-05-10' } });
      await post(s, '/account/subscriptions', { kind: 'level4' });
      await post(s, '/account/channels/sms', { phone: '+44 7700 900123' });
      const organisation = await post(s, '/account/organisations', { name: `Ids ${engine}` });
      const ids = {
        trip: trip.json<{ id: number }>().id,
        subscription: (await store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).executeTakeFirstOrThrow()).id,
        channel: (await store.db.selectFrom('channels').select('id').where('traveller_id', '=', s.id).where('kind', '=', 'sms').executeTakeFirstOrThrow()).id,
        organisation: Number(/\d+$/.exec(String(organisation.headers.location))![0]),
      };
      const odd = (id: number) => [`0${id}`, `${id}.0`, `${id}e0`, `+${id}`, `%20${id}`, '0', '-1', 'abc', '9007199254740993', '99999999999999999999'];
      const requests: [string, string][] = [
        ...odd(ids.trip).flatMap((id): [string, string][] => [['GET', `/account/trips/${id}/edit`], ['POST', `/account/trips/${id}`], ['POST', `/account/trips/${id}/cancel`]]),
        ...odd(ids.subscription).map((id): [string, string] => ['POST', `/account/subscriptions/${id}/delete`]),
        ...odd(ids.channel).flatMap((id): [string, string][] => [['POST', `/account/channels/${id}/confirm`], ['POST', `/account/channels/${id}/delete`]]),
        ...odd(ids.organisation).flatMap((id): [string, string][] => [['GET', `/account/organisations/${id}`], ['POST', `/account/organisations/${id}/import`]]),
      ];
      for (const [method, url] of requests) {
        const response = method === 'GET' ? await app.inject({ url, headers: { cookie: s.cookie } }) : await post(s, url, { destination: 'Spain', start: '2026-05-02', end: '2026-05-12' });
        expect([method, url, response.statusCode, response.headers['content-type']]).toEqual([method, url, 404, 'text/html; charset=utf-8']);
      }
      expect(await store.db.selectFrom('trips').select(['cancelled_at']).where('id', '=', ids.trip).executeTakeFirst()).toEqual({ cancelled_at: null });
      expect(await store.db.selectFrom('trip_destinations').select('destination_code').where('trip_id', '=', ids.trip).execute()).toEqual([{ destination_code: 'FR' }]);
      expect(await store.db.selectFrom('subscriptions').select('id').where('id', '=', ids.subscription).executeTakeFirst()).toBeDefined();
      expect(await store.db.selectFrom('channels').select('id').where('id', '=', ids.channel).executeTakeFirst()).toBeDefined();
    });
  });

  describe('privacy', () => {
    it('exports everything held about a traveller as JSON', async () => {
      const s = await signIn('export@example.org');
      await post(s, '/account/profile', { name: 'Eve Export', phone: '+44 20 7946 0000', language: 'fr', citizenship: ['GB', 'France'], contact_name: 'Max', contact_phone: '+44 20 7946 0001', contact_relation: 'Partner' });
      await post(s, '/account/trips', { destination: 'Russia', region: 'RU-SPE', start: '2026-03-05', end: '2026-03-20' });
      await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Belarus', advisories: 'on' });
      const response = await app.inject({ url: '/account/export', headers: { cookie: s.cookie } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="waypost-data-2026-03-01\.json"/);
      const data = response.json();
      expect(data.traveller).toMatchObject({ email: 'export@example.org', name: 'Eve Export', phone: '+44 20 7946 0000', language: 'fr', citizenships: ['FR', 'GB'],
        emergencyContacts: [{ name: 'Max', phone: '+44 20 7946 0001', relation: 'Partner' }] });
      expect(data.trips).toEqual([expect.objectContaining({ start: '2026-03-05', end: '2026-03-20', destinations: [{ code: 'RU', name: 'Russia', region: 'RU-SPE' }] })]);
      expect(data.subscriptions).toEqual([expect.objectContaining({ kind: 'destination', destinationCode: 'BY', advisories: true })]);
      expect(data.channels).toEqual([expect.objectContaining({ kind: 'email', address: 'export@example.org' })]);
      expect(data.sessions.length).toBeGreaterThan(0);
      expect(data.signInLinks.length).toBeGreaterThan(0);
      expect(data.messages[0]).toMatchObject({ subject: 'Confirm your e-mail address for Waypost' });
    });

    it('deletes the account: no row references the traveller, only an anonymous count stays', async () => {
      const s = await signIn('Delete.Me@example.org');
      await post(s, '/account/trips', { destination: 'Russia', start: '2026-03-05', end: '2026-03-20' });
      await post(s, '/account/subscriptions', { kind: 'level4' });
      await post(s, '/account/organisations', { name: `Delete Me Org ${engine}` });
      await post(s, '/account/profile', { name: 'D', citizenship: 'RU' });
      expect((await post(s, '/account/delete', { confirm: 'nope' })).statusCode).toBe(400);
      expect(await store.db.selectFrom('travellers').select('id').where('id', '=', s.id).executeTakeFirst()).toBeDefined();
      const response = await post(s, '/account/delete', { confirm: 'DELETE' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toMatch(/waypost_traveller=; .*Max-Age=0/);
      expect(await store.db.selectFrom('travellers').select('id').where('id', '=', s.id).execute()).toHaveLength(0);
      for (const [table, column] of TRAVELLER_TABLES) {
        const rows = await store.db.selectFrom(table).select(column).where(column, '=', s.id).execute();
        expect(rows, table).toHaveLength(0);
      }
      expect(await store.db.selectFrom('sign_in_links').select('email').where('email_normalised', '=', 'delete.me@example.org').execute()).toHaveLength(0);
      expect(await store.db.selectFrom('outbox_messages').select('id').where('recipient', 'in', ['Delete.Me@example.org', 'delete.me@example.org']).execute()).toHaveLength(0);
      const orphans = await store.db.selectFrom('trip_destinations').leftJoin('trips', 'trips.id', 'trip_destinations.trip_id').select('trip_destinations.id').where('trips.id', 'is', null).execute();
      expect(orphans).toHaveLength(0);
      const counted = await store.db.selectFrom('enrolment_counts').select('count').where('metric', '=', 'accounts_deleted').executeTakeFirstOrThrow();
      expect(counted.count).toBeGreaterThanOrEqual(1);
      // The old session is gone with the account.
      expect((await app.inject({ url: '/account', headers: { cookie: s.cookie } })).headers.location).toBe('/account/sign-in');
    });

    it('purges trips TRIP_RETENTION_DAYS after they end, keeps the rest', async () => {
      const s = await signIn('purge@example.org');
      const add = async (start: string, end: string | null) => {
        const at = clock.toISOString();
        const trip = await store.db.insertInto('trips').values({ traveller_id: s.id, start_date: start, end_date: end, organisation_id: null, import_key: null, created_at: at, updated_at: at, cancelled_at: null }).returning('id').executeTakeFirstOrThrow();
        await store.db.insertInto('trip_destinations').values({ trip_id: trip.id, position: 1, destination_code: 'RU', region: null }).execute();
        return trip.id;
      };
      const old = await add('2026-01-01', '2026-01-29'); // ended 31 days before 2026-03-01
      const recent = await add('2026-01-01', '2026-01-30'); // ended 30 days before: kept
      const residing = await add('2020-01-01', null);
      const purged = await purgeExpired({ db: store.db, now: () => clock, settings: { tripRetentionDays: 30, allowPrivateWebhooks: false } });
      expect(purged.trips).toBeGreaterThanOrEqual(1);
      const left = (await store.db.selectFrom('trips').select('id').where('traveller_id', '=', s.id).execute()).map((t) => t.id);
      expect(left).not.toContain(old);
      expect(left).toEqual(expect.arrayContaining([recent, residing]));
      expect(await store.db.selectFrom('trip_destinations').select('id').where('trip_id', '=', old).execute()).toHaveLength(0);
      const again = await purgeExpired({ db: store.db, now: () => clock, settings: { tripRetentionDays: 30, allowPrivateWebhooks: false } });
      expect(again.trips).toBe(0);
    });
  });

  describe('webhook channel', () => {
    let server: Server;
    let hookUrl: string;
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    let echo = true;
    beforeAll(async () => {
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk));
        request.on('end', () => {
          received.push({ headers: request.headers, body });
          const challenge = (JSON.parse(body) as { challenge: string }).challenge;
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: echo ? challenge : 'nope' }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/waypost`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is refused on loopback unless the operator allows private addresses; nothing is saved', async () => {
      const s = await signIn('hook-refused@example.org');
      const before = received.length;
      for (const url of [hookUrl, `http://localhost:${new URL(hookUrl).port}/x`, 'http://169.254.169.254/latest', 'http://[::1]/']) {
        const response = await post(s, '/account/channels/webhook', { url });
        expect(response.statusCode).toBe(422);
        expect(alertText(response.body)).toMatch(/refused: .*(loopback|link-local)/);
      }
      expect(received.length).toBe(before);
      expect(await store.db.selectFrom('channels').select('id').where('traveller_id', '=', s.id).where('kind', '=', 'webhook').execute()).toHaveLength(0);
    });

    it('is confirmed by a Standard-Webhooks-signed challenge the endpoint echoes (WEBHOOK_ALLOW_PRIVATE=true)', async () => {
      settings.allowPrivateWebhooks = true;
      const s = await signIn('hook@example.org');
      const response = await post(s, '/account/channels/webhook', { url: hookUrl });
      expect(response.statusCode).toBe(303);
      const channel = await store.db.selectFrom('channels').selectAll().where('traveller_id', '=', s.id).where('kind', '=', 'webhook').executeTakeFirstOrThrow();
      expect(channel.confirmed_at).toBe(clock.toISOString());
      expect(channel.secret).toMatch(/^whsec_/);
      const last = received.at(-1)!;
      const verified = new Webhook(channel.secret!).verify(last.body, last.headers as Record<string, string>);
      expect(verified).toMatchObject({ type: 'webhook.challenge', challenge: expect.any(String) });
    });

    it('stays unconfirmed when the endpoint does not echo the challenge', async () => {
      settings.allowPrivateWebhooks = true;
      echo = false;
      const s = await signIn('hook-silent@example.org');
      const response = await post(s, '/account/channels/webhook', { url: `${hookUrl}/silent` });
      echo = true;
      expect(response.statusCode).toBe(422);
      expect(alertText(response.body)).toMatch(/did not echo the challenge/);
      const channel = await store.db.selectFrom('channels').select(['confirmed_at', 'id']).where('traveller_id', '=', s.id).where('kind', '=', 'webhook').executeTakeFirstOrThrow();
      expect(channel.confirmed_at).toBeNull();
      expect((await post(s, `/account/channels/${channel.id}/confirm`, {})).statusCode).toBe(303);
    });

    it('keeps an SMS number without pretending to send: no provider is configured', async () => {
      const s = await signIn('sms@example.org');
      expect((await post(s, '/account/channels/sms', { phone: '+44 7700 900123' })).statusCode).toBe(303);
      const page = await app.inject({ url: '/account', headers: { cookie: s.cookie } });
      expect(page.body).toContain('SMS: +447700900123');
      expect(page.body).toContain('No SMS provider is configured');
      expect((await post(s, '/account/channels/sms', { phone: '12' })).statusCode).toBe(400);
    });
  });

  describe('organisations', () => {
    it('an admin uploads a CSV on the organisation page and sees the people’s exposure; others cannot', async () => {
      const admin = await signIn('admin@uni.example');
      const created = await post(admin, '/account/organisations', { name: `Uni ${engine}` });
      expect(created.statusCode).toBe(303);
      const orgPath = created.headers.location as string;
      // Verified by a staff admin first (test/integration/organisations-pages.test.ts covers the console).
      await changeVerification({ db: store.db, now: () => clock }, Number(orgPath.split('/').pop()), 'verify', COMMAND_LINE);
      const csv = 'email,name,destination,region,start,end,channels\nstudent1@uni.example,Stu One,Russia,Moscow,2026-02-01,2026-06-30,email\nstudent2@uni.example,Stu Two,France,,2026-04-01,2026-04-20,email\nbad,Bad Row,France,,2026-04-01,2026-04-20,email\n';
      const boundary = 'XyZ123';
      const multipart = [`--${boundary}`, 'Content-Disposition: form-data; name="_csrf"', '', admin.csrf, `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="group.csv"', 'Content-Type: text/csv', '', csv, `--${boundary}--`, ''].join('\r\n');
      const upload = await app.inject({ method: 'POST', url: `${orgPath}/import`, headers: { cookie: admin.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
      expect(upload.statusCode).toBe(200);
      expect(upload.body).toContain('2 enrolled or invited, 0 unchanged, 1 rejected');
      expect(upload.body).toMatch(/<td>4<\/td><td>invalid e-mail &quot;bad&quot;<\/td>/);
      const page = await app.inject({ url: orgPath, headers: { cookie: admin.cookie } });
      expect(page.body).toContain('Stu One');
      expect(page.body).toMatch(/Level 4: Do Not Travel/);
      expect(page.body).toMatch(/<strong>1<\/strong> at Level 4/);
      const stranger = await signIn('stranger-admin@example.org');
      expect((await app.inject({ url: orgPath, headers: { cookie: stranger.cookie } })).statusCode).toBe(404);
      // Without the CSRF field the upload is refused.
      const forged = multipart.replace(admin.csrf, 'forged');
      expect((await app.inject({ method: 'POST', url: `${orgPath}/import`, headers: { cookie: admin.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: forged })).statusCode).toBe(403);
    });
  });
});

describe.each(ENGINES)('the whole app on %s', (engine) => {
  let store: TestStore;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    store = await createTestStore(engine);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await store?.close();
  });

  it('mails the link through real SMTP and logs neither addresses nor tokens', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk: Buffer, _encoding, callback) { lines.push(chunk.toString()); callback(); } });
    const app = await buildApp({ store, config: { publicUrl: PUBLIC_URL, secret: SECRET, smtpUrl: smtp.url } as never, logger: { level: 'info', stream } });
    try {
      const form = /name="_form" value="([^"]+)"/.exec((await app.inject({ url: '/account/sign-in' })).body)![1]!;
      const email = 'Private.Person@example.org';
      const asked = await app.inject({ method: 'POST', url: '/account/sign-in', headers: FORM, payload: new URLSearchParams({ email, _form: form }).toString() });
      expect(asked.statusCode).toBe(303);
      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toEqual([email]);
      expect(mail!.messageId).toMatch(/^<sign-in\.[0-9a-f]+@waypost\.test>$/);
      const link = new URL(/(http:\/\/waypost\.test\/account\/link\/\S+)/.exec(mail!.text!)![1]!);
      const token = link.pathname.split('/').pop()!;
      await app.inject({ url: link.pathname });
      const consumed = await confirmLink(app, link.pathname);
      expect(consumed.statusCode).toBe(303);
      const cookie = String(consumed.headers['set-cookie']).split(';')[0]!;
      const travellerId = (await store.db.selectFrom('travellers').select('id').executeTakeFirstOrThrow()).id;
      const prefs = new URL(preferencesUrl({ secret: SECRET, publicUrl: PUBLIC_URL }, travellerId));
      await app.inject({ url: prefs.pathname + prefs.search });
      await app.inject({ method: 'POST', url: `/unsubscribe${prefs.search}`, payload: 'List-Unsubscribe=One-Click', headers: FORM });
      const account = await app.inject({ url: '/account', headers: { cookie } });
      // One client asking for many links is slowed down (429), whatever the addresses.
      const statuses = [];
      for (let i = 0; i < 21; i++) statuses.push((await app.inject({ method: 'POST', url: '/account/sign-in', payload: { email: `flood${i}@example.org` } })).statusCode);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect(account.statusCode).toBe(200);
      // Traveller data never appears in public responses.
      const publicPage = await app.inject({ url: '/api/v1/destinations' });
      expect(publicPage.body).not.toMatch(/Private\.Person|private\.person/);
      const log = lines.join('');
      expect(log).toContain('/account/link/[redacted]');
      expect(log).toContain('token=[redacted]');
      for (const secret of [email, email.toLowerCase(), 'Private.Person', token, prefs.searchParams.get('token')!, cookie.split('=')[1]!]) expect(log).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
