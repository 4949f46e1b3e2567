import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnrolmentContext } from '../../src/enrolment/context.ts';
import { importEnrolmentCsv } from '../../src/enrolment/csv-import.ts';
import { addOrganisation, changeVerification } from '../../src/enrolment/verification.ts';
import { buildApp } from '../../src/http/app.ts';
import { outboxTransport } from '../../src/mail/transport.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { demonstration, inHours } from '../helpers/alerts-setup.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addStaff, apiCall } from '../helpers/editorial-setup.ts';
import { HEADER } from '../helpers/enrolment-csv.ts';
import { smtpSuite } from '../helpers/smtp-suite.ts';
import { travellerPost, travellerSignIn, type TravellerSession } from '../helpers/traveller.ts';

const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'places-secret-0123456789abcdef' };

/** A YYYY-MM-DD `days` from today (UTC); trips here straddle today by days, never by hours. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES)('places by the names people use on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  const loopback = smtpSuite();
  beforeEach(async () => {
    store = await createTestStore(engine);
    app = await buildApp({ store, config: CONFIG });
    loopback.smtp.received.length = 0;
  });
  afterEach(async () => {
    await app?.close();
    await store?.close();
  });

  const stored = async (email: string) => store.db.selectFrom('trip_destinations')
    .innerJoin('trips', 'trips.id', 'trip_destinations.trip_id')
    .innerJoin('travellers', 'travellers.id', 'trips.traveller_id')
    .select(['trip_destinations.destination_code', 'trip_destinations.region'])
    .where('travellers.email', '=', email)
    .orderBy('trip_destinations.id')
    .execute();
  const enrol = (session: TravellerSession, destination: string, region: string) =>
    travellerPost(app, session, '/account/trips', { destination, region, start: day(-2), end: day(10) });

  it('GET /api/v1/places answers with { name, country, subdivision, lat, lon }, best first, limited', async () => {
    const response = await app.inject({ url: '/api/v1/places?q=st%20petersburg' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const places = response.json() as Record<string, unknown>[];
    expect(Object.keys(places[0]!).sort()).toEqual(['country', 'lat', 'lon', 'name', 'subdivision']);
    expect(places[0]).toMatchObject({ name: 'Saint Petersburg', country: 'RU', subdivision: 'RU-SPE' });
    expect(places[0]!.lat).toBeCloseTo(59.94, 1);
    for (const [q, subdivision] of [['Cancun', 'MX-ROO'], ['Cancún', 'MX-ROO'], ['Crimea', 'UA-43'], ['Moskow', 'RU-MOW']] as const) {
      const [first] = (await app.inject({ url: `/api/v1/places?q=${encodeURIComponent(q)}` })).json() as { subdivision: string }[];
      expect(first?.subdivision, q).toBe(subdivision);
    }
    expect(((await app.inject({ url: '/api/v1/places?q=san&limit=3' })).json() as unknown[]).length).toBe(3);
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    expect(spec.paths['/api/v1/places']?.get?.parameters?.map((p) => p.name).sort()).toEqual(['limit', 'q']);
  });

  it('refuses a missing, too short, too long or unreadable q, and a limit out of range, with a 400 problem', async () => {
    for (const query of ['', '?q=', '?q=x', '?q=%21%21', `?q=${'a'.repeat(101)}`, '?q=%01%02ab', '?q=paris&limit=0', '?q=paris&limit=99']) {
      const response = await app.inject({ url: `/api/v1/places${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type'], query).toMatch(/^application\/problem\+json/);
    }
  });

  it('the trip form takes cities, accents and regions by their names, stores their ISO 3166-2 code, and keeps what was typed when it cannot', async () => {
    const session = await travellerSignIn(app, store, 'student@example.org');
    for (const [destination, region] of [['Russia', 'St Petersburg'], ['', 'Saint Petersburg'], ['Mexico', 'Cancun'], ['Mexico', 'Cancún'], ['Ukraine', 'Crimea'], ['St Petersburg', '']] as const) {
      const response = await enrol(session, destination, region);
      expect(response.statusCode, `${destination} / ${region}: ${response.body.slice(0, 200)}`).toBe(303);
    }
    expect(await stored('student@example.org')).toEqual([
      { destination_code: 'RU', region: 'RU-SPE' }, { destination_code: 'RU', region: 'RU-SPE' }, { destination_code: 'MX', region: 'MX-ROO' },
      { destination_code: 'MX', region: 'MX-ROO' }, { destination_code: 'UA', region: 'UA-43' }, { destination_code: 'RU', region: 'RU-SPE' },
    ]);
    const refused = await enrol(session, 'Russia', 'Qwzrtplk');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Unknown region &quot;Qwzrtplk&quot; in Russia: we know no city or region of that name there');
    expect(refused.body).not.toContain('Adygeja');
    expect(refused.body).toContain('value="Qwzrtplk"');
    expect(refused.body).toContain('value="Russia"');
    expect(refused.body).toContain(`value="${day(-2)}"`);
    const elsewhere = await enrol(session, 'Russia', 'Crimea');
    expect(elsewhere.body).toContain('we know it as Crimea (UA-43) in Ukraine; choose Ukraine as the destination');
    expect(await stored('student@example.org')).toHaveLength(6);
  });

  it('an alert for RU-SPE reaches the trip entered as "St Petersburg", by e-mail through SMTP, and not one in Moscow', async () => {
    const spb = await travellerSignIn(app, store, 'spb@example.org');
    const moscow = await travellerSignIn(app, store, 'moscow@example.org');
    expect((await enrol(spb, 'Russia', 'St Petersburg')).statusCode).toBe(303);
    expect((await enrol(moscow, 'Russia', 'Moscow')).statusCode).toBe(303);
    await store.db.updateTable('travellers').set({ trip_alerts: 1 }).execute();
    const { token } = await addStaff(store, 'crisis@example.org', 'crisis');
    const issued = await apiCall(app)('POST', '/api/v1/alerts', token, demonstration({
      regions: ['RU-SPE'], area: { circle: '59.9386,30.3141 5' }, headline: 'Demonstration in St Petersburg', effective: inHours(-1), expires: inHours(24),
    }));
    expect(issued.statusCode, issued.body).toBe(201);
    await new NotifyWorker({ store, config: CONFIG, mail: loopback.mail, allowPrivateWebhooks: true }).drain();
    const alerts = loopback.smtp.received.filter((m) => (m.subject ?? '').includes('Demonstration in St Petersburg'));
    expect(alerts.map((m) => m.to[0])).toEqual(['spb@example.org']);
    expect(alerts[0]!.text).toContain('Sankt-Peterburg (RU-SPE), Russia');
  });

  it('a CSV row naming St Petersburg (as region or as destination) enrols into RU / RU-SPE; Atlantis stays unknown', async () => {
    const ctx: EnrolmentContext = {
      db: store.db, config: { secret: CONFIG.secret, publicUrl: CONFIG.publicUrl }, mail: outboxTransport(store.db), now: () => new Date(`${day(0)}T12:00:00Z`),
      settings: { tripRetentionDays: 30, allowPrivateWebhooks: false, dailyImportLimit: 1000 },
    };
    const organisation = await addOrganisation(ctx, 'Uni of Example', COMMAND_LINE);
    await changeVerification(ctx, organisation.id, 'verify', COMMAND_LINE);
    const csv = [
      HEADER,
      `ana@uni.example,Ana,Russia,St Petersburg,${day(1)},${day(30)},email`,
      `bo@uni.example,Bo,St Petersburg,,${day(1)},${day(30)},email`,
      `cy@uni.example,Cy,Mexico,Cancun,${day(1)},${day(30)},email`,
      `di@uni.example,Di,Atlantis,,${day(1)},${day(30)},email`,
    ].join('\n');
    const { report, mailing } = await importEnrolmentCsv(ctx, csv, { organisation: 'Uni of Example' });
    await mailing;
    expect(report.rejected).toEqual([{ line: 5, reason: 'unknown destination "Atlantis"', column: 'destination', values: expect.objectContaining({ email: 'di@uni.example', destination: 'Atlantis' }) }]);
    expect(await stored('ana@uni.example')).toEqual([{ destination_code: 'RU', region: 'RU-SPE' }]);
    expect(await stored('bo@uni.example')).toEqual([{ destination_code: 'RU', region: 'RU-SPE' }]);
    expect(await stored('cy@uni.example')).toEqual([{ destination_code: 'MX', region: 'MX-ROO' }]);
  });

  it('site search finds cities: "moscow" → Russia, Moscow', async () => {
    const body = (await app.inject({ url: '/search?q=moscow' })).body;
    expect(body).toMatch(/<h2>Places<\/h2><ul class="results" aria-label="Cities and regions"><li><a href="\/destinations\/russia\/">Russia, Moscow<\/a>/);
    expect(body).toContain('RU-MOW');
  });
});
