import { describe, expect, it } from 'vitest';
import { listUnsubscribeHeaders, preferencesUrl, unsubscribeUrl } from '../../src/security/signed-links.ts';
import { ENGINES } from '../helpers/databases.ts';
import { enrolmentSuite, FORM, PUBLIC_URL, SECRET } from '../helpers/enrolment-suite.ts';
import { confirmLink } from '../helpers/traveller.ts';

describe.each(ENGINES)('traveller enrolment on %s', (engine) => {
  const t = enrolmentSuite(engine);
  const { count, requestLink, lastLink, signIn, post, alertText } = t;

  describe('sign-up by e-mail link', () => {
    it('never reveals whether an address is registered: identical responses, different mails', async () => {
      await signIn('known@example.org');
      const known = await requestLink('known@example.org');
      const unknown = await requestLink('stranger@example.org');
      expect([known.statusCode, known.headers.location]).toEqual([unknown.statusCode, unknown.headers.location]);
      expect(known.body).toBe(unknown.body);
      const [a, b] = await Promise.all(['/account/check-email', '/account/check-email'].map((url) => t.app.inject({ url })));
      expect(a!.body).toBe(b!.body);
      const subjects = await t.store.db.selectFrom('outbox_messages').select(['recipient', 'subject']).where('recipient', 'in', ['known@example.org', 'stranger@example.org']).orderBy('id').execute();
      expect(subjects.at(-2)).toEqual({ recipient: 'known@example.org', subject: 'Your Waypost sign-in link' });
      expect(subjects.at(-1)).toEqual({ recipient: 'stranger@example.org', subject: 'Confirm your e-mail address for Waypost' });
      const json = async (email: string) => t.app.inject({ method: 'POST', url: '/account/sign-in', payload: { email } });
      const [j1, j2] = [await json('known@example.org'), await json('stranger2@example.org')];
      expect([j1.statusCode, j1.body]).toEqual([202, j2.body]);
      // Asking is not enrolling: no traveller exists until the link is used (double opt-in).
      expect(await t.store.db.selectFrom('travellers').select('id').where('email_normalised', '=', 'stranger@example.org').executeTakeFirst()).toBeUndefined();
    });

    it.each(['not-an-address', 'a@b', 'two@@example.org', 'space in@example.org', '', 'x'.repeat(250) + '@example.org'])('refuses the invalid address %j with a clear 400, saving and sending nothing', async (email) => {
      const [links, mails] = [await count('sign_in_links'), await count('outbox_messages')];
      const response = await requestLink(email);
      expect(response.statusCode).toBe(400);
      expect(alertText(response.body)).toMatch(/valid e-mail address/);
      const problem = await t.app.inject({ method: 'POST', url: '/account/sign-in', payload: { email } });
      expect(problem.statusCode).toBe(400);
      expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([await count('sign_in_links'), await count('outbox_messages')]).toEqual([links, mails]);
    });

    it('sends at most 5 links per address per 15 minutes, answering the same', async () => {
      const mails = async () => (await t.store.db.selectFrom('outbox_messages').select('id').where('recipient', '=', 'eager@example.org').execute()).length;
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(await requestLink('eager@example.org'));
      expect(new Set(answers.map((a) => `${a.statusCode} ${a.headers.location}`))).toEqual(new Set(['303 /account/check-email']));
      expect(await mails()).toBe(5);
      t.clock = new Date(t.clock.getTime() + 16 * 60_000);
      await requestLink('eager@example.org');
      expect(await mails()).toBe(6);
    });

    it('links are single-use: a GET (mail scanner) does not use it, a replay is refused', async () => {
      await requestLink('once@example.org');
      const link = await lastLink('once@example.org');
      expect((await t.app.inject({ url: link })).statusCode).toBe(200);
      expect((await t.app.inject({ url: link })).body).toContain('Confirm and sign in');
      const first = await confirmLink(t.app, link);
      expect(first.statusCode).toBe(303);
      const replay = await confirmLink(t.app, link);
      expect(replay.statusCode).toBe(410);
      expect(alertText(replay.body)).toMatch(/already been used or has expired/);
      expect(replay.headers['set-cookie']).toBeUndefined();
      // Two clicks at the same moment: exactly one signs in.
      await requestLink('twice@example.org');
      const twice = await lastLink('twice@example.org');
      const both = await Promise.all([confirmLink(t.app, twice), confirmLink(t.app, twice)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([303, 410]);
    });

    it('links expire after 15 minutes (injectable clock), and tampered links are refused', async () => {
      await requestLink('late@example.org');
      const link = await lastLink('late@example.org');
      t.clock = new Date(t.clock.getTime() + 15 * 60_000 + 1000);
      const expired = await t.app.inject({ method: 'POST', url: link });
      expect(expired.statusCode).toBe(410);
      expect(alertText(expired.body)).toMatch(/expired/);
      expect((await t.app.inject({ url: link })).statusCode).toBe(410);
      const tampered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
      expect((await t.app.inject({ method: 'POST', url: tampered })).statusCode).toBe(400);
      expect(await t.store.db.selectFrom('travellers').select('id').where('email_normalised', '=', 'late@example.org').executeTakeFirst()).toBeUndefined();
    });

    it('addresses are unique case-insensitively: "Ann@Example.ORG" and " ann@example.org " are one traveller', async () => {
      const a = await signIn('Ann@Example.ORG');
      const b = await signIn(' ann@example.org ');
      expect(b.id).toBe(a.id);
      const rows = await t.store.db.selectFrom('travellers').select(['email', 'email_normalised']).where('email_normalised', '=', 'ann@example.org').execute();
      expect(rows).toEqual([{ email: 'Ann@Example.ORG', email_normalised: 'ann@example.org' }]);
    });

    it('pages under /account need a traveller session; staff cookies do not count', async () => {
      expect((await t.app.inject({ url: '/account' })).headers.location).toBe('/account/sign-in');
      expect((await t.app.inject({ url: '/account', headers: { cookie: 'waypost_session=abc' } })).headers.location).toBe('/account/sign-in');
      expect((await t.app.inject({ url: '/account', headers: { accept: 'application/json' } })).statusCode).toBe(401);
    });

    it('ignores a cookie it cannot read, such as an analytics cookie "_ga=100%": the traveller still gets their pages', async () => {
      const s = await signIn('analytics@example.org');
      for (const cookie of [`_ga=100%; ${s.cookie}`, `${s.cookie}; _ga=100%`, `_x=%E0%A4%A; ${s.cookie}`]) {
        const page = await t.app.inject({ url: '/account', headers: { cookie } });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('analytics@example.org');
      }
      const enrolled = await t.app.inject({
        method: 'POST', url: '/account/trips', headers: { ...FORM, cookie: `_ga=100%; ${s.cookie}` },
        payload: new URLSearchParams({ _csrf: s.csrf, destination: 'France', start: '2026-04-01', end: '2026-04-10' }).toString(),
      });
      expect(enrolled.statusCode).toBe(303);
      const out = await t.app.inject({ method: 'POST', url: '/account/sign-out', headers: { ...FORM, cookie: `_ga=100%; ${s.cookie}` }, payload: `_csrf=${s.csrf}` });
      expect(out.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/account', headers: { cookie: s.cookie } })).headers.location).toBe('/account/sign-in');
    });
  });

  describe('trips', () => {
    it('enrols a trip to Russia with a region and shows it with the level now', async () => {
      const s = await signIn('trip@example.org');
      const response = await post(s, '/account/trips', { destination: ['Russia', 'Finland', ''], region: ['Moscow', 'FI-18', ''], start: '2026-03-10', end: '2026-04-10' });
      expect(response.statusCode).toBe(303);
      const stops = await t.store.db.selectFrom('trip_destinations').innerJoin('trips', 'trips.id', 'trip_destinations.trip_id')
        .select(['destination_code', 'region', 'position', 'start_date', 'end_date']).where('trips.traveller_id', '=', s.id).orderBy('position').execute();
      expect(stops).toEqual([
        { destination_code: 'RU', region: 'Moscow', position: 1, start_date: '2026-03-10', end_date: '2026-04-10' },
        { destination_code: 'FI', region: 'FI-18', position: 2, start_date: '2026-03-10', end_date: '2026-04-10' },
      ]);
      const page = await t.app.inject({ url: '/account', headers: { cookie: s.cookie } });
      expect(page.body).toContain('Russia — Moscow');
      expect(page.body).toContain('Level 4: Do Not Travel');
      expect(page.body).toContain('Uusimaa (FI-18)');
    });

    it('stores regions canonically: ISO 3166-2 names become codes, advisory areas keep their spelling', async () => {
      const s = await signIn('regions@example.org');
      for (const region of ['ru-mow', 'Moskva', 'border with ukraine']) {
        expect((await post(s, '/account/trips', { destination: 'RU', region, start: '2026-03-10', residing: 'on' })).statusCode).toBe(303);
      }
      const regions = await t.store.db.selectFrom('trip_destinations').innerJoin('trips', 'trips.id', 'trip_destinations.trip_id')
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
      const api = await t.app.inject({ method: 'POST', url: '/account/trips', headers: { cookie: s.cookie }, payload: { destinations: [{ destination: fields.destination, region: (fields as { region?: string }).region }], start: fields.start, end: (fields as { end?: string }).end } });
      expect(api.statusCode).toBe(400);
      expect(api.json()).toMatchObject({ status: 400, detail: expect.stringMatching(message) });
      expect(await count('trips')).toBe(before);
    });

    it('edits and cancels a trip; another traveller cannot touch it', async () => {
      const s = await signIn('edit@example.org');
      const created = await t.app.inject({ method: 'POST', url: '/account/trips', headers: { cookie: s.cookie }, payload: { destinations: [{ destination: 'FR' }], start: '2026-05-01', end: '2026-05-10' } });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: number }>().id;
      expect((await t.app.inject({ url: `/account/trips/${id}/edit`, headers: { cookie: s.cookie } })).body).toContain('value="France"');
      expect((await post(s, `/account/trips/${id}`, { destination: 'Spain', start: '2026-05-02', end: '2026-05-12' })).statusCode).toBe(303);
      const other = await signIn('intruder@example.org');
      expect((await post(other, `/account/trips/${id}/cancel`, {})).statusCode).toBe(404);
      expect((await post(s, `/account/trips/${id}/cancel`, {})).statusCode).toBe(303);
      const trip = await t.store.db.selectFrom('trips').innerJoin('trip_destinations', 'trip_destinations.trip_id', 'trips.id')
        .select(['destination_code', 'start_date', 'cancelled_at']).where('trips.id', '=', id).executeTakeFirstOrThrow();
      expect(trip).toMatchObject({ destination_code: 'ES', start_date: '2026-05-02', cancelled_at: t.clock.toISOString() });
    });

    it('refuses a form post without the CSRF token, saving nothing', async () => {
      const s = await signIn('csrf@example.org');
      const before = await count('trips');
      const response = await t.app.inject({ method: 'POST', url: '/account/trips', headers: { ...FORM, cookie: s.cookie }, payload: 'destination=Russia&start=2026-04-01&end=2026-04-10' });
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
      const codes = await t.store.db.selectFrom('traveller_citizenships').select('country_code').where('traveller_id', '=', s.id).orderBy('country_code').execute();
      expect(codes.map((c) => c.country_code)).toEqual(['RU', 'US']);
      const bad = await post(s, '/account/profile', { name: 'Dana', citizenship: ['Narnia'] });
      expect(bad.statusCode).toBe(400);
      expect(alertText(bad.body)).toMatch(/Unknown country "Narnia"/);
      expect((await t.store.db.selectFrom('travellers').select('name').where('id', '=', s.id).executeTakeFirstOrThrow()).name).toBe('Dana Dual');
    });

    it('subscribes without a trip: a destination with chosen types, every Level 4 change; refuses an unknown destination', async () => {
      const s = await signIn('subs@example.org');
      expect((await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Ukraine', alerts: 'on', frequency: 'digest' })).statusCode).toBe(303);
      expect((await post(s, '/account/subscriptions', { kind: 'level4' })).statusCode).toBe(303);
      // The same topic again updates the one subscription.
      expect((await post(s, '/account/subscriptions', { kind: 'destination', destination: 'UA', alerts: 'on', advisories: 'on' })).statusCode).toBe(303);
      const rows = await t.store.db.selectFrom('subscriptions').select(['kind', 'destination_code', 'advisories', 'alerts', 'routine', 'frequency']).where('traveller_id', '=', s.id).orderBy('id').execute();
      expect(rows).toEqual([
        { kind: 'destination', destination_code: 'UA', advisories: 1, alerts: 1, routine: 0, frequency: 'immediate' },
        { kind: 'level4', destination_code: null, advisories: 1, alerts: 0, routine: 0, frequency: 'immediate' },
      ]);
      const unknown = await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Atlantis', alerts: 'on' });
      expect(unknown.statusCode).toBe(400);
      expect(alertText(unknown.body)).toMatch(/Unknown destination "Atlantis"/);
      const none = await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Chile' });
      expect(alertText(none.body)).toMatch(/at least one message type/);
      expect(await t.store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).execute()).toHaveLength(2);
    });

    it('one-click unsubscribe (RFC 8058): POST without session or CSRF answers 200 and stops everything', async () => {
      const s = await signIn('oneclick@example.org');
      await post(s, '/account/subscriptions', { kind: 'level4' });
      const url = new URL(listUnsubscribeHeaders({ secret: SECRET, publicUrl: PUBLIC_URL }, s.id, undefined, t.clock)['List-Unsubscribe'].slice(1, -1));
      const confirm = await t.app.inject({ url: url.pathname + url.search });
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('Stop all messages from Waypost?');
      expect(await t.store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).execute()).toHaveLength(1);
      const response = await t.app.inject({ method: 'POST', url: url.pathname + url.search, headers: FORM, payload: 'List-Unsubscribe=One-Click' });
      expect(response.statusCode).toBe(200);
      expect(await t.store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).execute()).toHaveLength(0);
      expect((await t.store.db.selectFrom('travellers').select('unsubscribed_at').where('id', '=', s.id).executeTakeFirstOrThrow()).unsubscribed_at).toBe(t.clock.toISOString());
      // Twice is fine; a tampered token is not.
      expect((await t.app.inject({ method: 'POST', url: url.pathname + url.search, headers: FORM, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'POST', url: `/unsubscribe?token=${url.searchParams.get('token')!.slice(0, -2)}xx`, headers: FORM, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(400);
      // Opting in again lifts it.
      await post(s, '/account/preferences', { advisories: 'on', alerts: 'on', frequency: 'immediate', resume: 'on' });
      expect((await t.store.db.selectFrom('travellers').select('unsubscribed_at').where('id', '=', s.id).executeTakeFirstOrThrow()).unsubscribed_at).toBeNull();
    });

    it('an unsubscribe link for one subscription removes only that one', async () => {
      const s = await signIn('onesub@example.org');
      await post(s, '/account/subscriptions', { kind: 'level4' });
      await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Iran', alerts: 'on' });
      const [level4] = await t.store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', s.id).orderBy('id').execute();
      const url = new URL(unsubscribeUrl({ secret: SECRET, publicUrl: PUBLIC_URL }, s.id, level4!.id, t.clock));
      expect((await t.app.inject({ url: url.pathname + url.search })).body).toContain('every Level 4 change');
      expect((await t.app.inject({ method: 'POST', url: url.pathname + url.search, payload: { 'List-Unsubscribe': 'One-Click' } })).statusCode).toBe(200);
      const left = await t.store.db.selectFrom('subscriptions').select('topic').where('traveller_id', '=', s.id).execute();
      expect(left).toEqual([{ topic: 'destination:IR' }]);
      expect((await t.store.db.selectFrom('travellers').select('unsubscribed_at').where('id', '=', s.id).executeTakeFirstOrThrow()).unsubscribed_at).toBeNull();
    });

    it('the signed preferences page works without signing in and refuses a forged or expired token', async () => {
      const s = await signIn('prefs@example.org');
      const url = new URL(preferencesUrl({ secret: SECRET, publicUrl: PUBLIC_URL }, s.id, t.clock));
      const path = url.pathname + url.search;
      const page = await t.app.inject({ url: path });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('prefs@example.org');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const saved = await t.app.inject({ method: 'POST', url: path, headers: FORM, payload: 'alerts=on&frequency=digest' });
      expect(saved.statusCode).toBe(303);
      const row = await t.store.db.selectFrom('travellers').select(['trip_advisories', 'trip_alerts', 'trip_routine', 'trip_frequency']).where('id', '=', s.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ trip_advisories: 0, trip_alerts: 1, trip_routine: 0, trip_frequency: 'digest' });
      expect((await t.app.inject({ method: 'POST', url: `${path}x`, headers: FORM, payload: 'alerts=on' })).statusCode).toBe(400);
      t.clock = new Date(t.clock.getTime() + 61 * 86_400_000);
      expect((await t.app.inject({ url: path })).statusCode).toBe(410);
    });
  });
});
