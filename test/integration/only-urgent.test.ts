import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { preferencesUrl, unsubscribeUrl } from '../../src/security/signed-links.ts';
import { demonstration } from '../helpers/alerts-setup.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addStaff, apiCall } from '../helpers/editorial-setup.ts';
import { importBundled } from '../helpers/seed.ts';
import { smtpSuite } from '../helpers/smtp-suite.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

/**
 * "Stop all messages" with a trip under Level 4 and a leave-now directive (issue 16): the page
 * behind the link says what it would silence and offers urgent messages only; one-click
 * unsubscribe (RFC 8058) stays exactly as it was.
 */

const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'only-urgent-secret-0123456789abcdef' };
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const path = (url: string) => url.slice(CONFIG.publicUrl.length);

describe.each(ENGINES)('only urgent messages on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  const loopback = smtpSuite();
  let crisisToken: string;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: CONFIG });
    crisisToken = (await addStaff(store, 'crisis@example.org', 'crisis')).token;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const drain = () => new NotifyWorker({ store, config: CONFIG, mail: loopback.mail }).drain();
  const idOf = async (email: string) => (await store.db.selectFrom('travellers').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const prefsOf = (id: number) => store.db.selectFrom('travellers').select(['trip_advisories', 'trip_alerts', 'trip_routine', 'unsubscribed_at']).where('id', '=', id).executeTakeFirstOrThrow();

  it('warns before stopping urgent messages for a Level 4 trip, offers only urgent ones, and they still come', async () => {
    const session = await travellerSignIn(app, store, 'student@example.org');
    expect((await travellerPost(app, session, '/account/trips', { destination: 'Russia', region: 'Moscow', start: day(-2), end: day(30) })).statusCode).toBe(303);
    const calm = await travellerSignIn(app, store, 'calm@example.org');
    const quiet = await store.db.selectFrom('destinations as d').innerJoin('advisory_revisions as r', 'r.id', 'd.current_revision_id')
      .select('d.name').where('r.level', '=', 1).where('r.departure_urged', '=', 0).orderBy('d.code').executeTakeFirstOrThrow();
    expect((await travellerPost(app, calm, '/account/trips', { destination: quiet.name, start: day(-2), end: day(30) })).statusCode).toBe(303);
    await drain();
    loopback.smtp.received.length = 0;
    const student = await idOf('student@example.org');

    // The "Stop all messages" link of every mail: its page warns and offers urgent messages only.
    const stop = path(unsubscribeUrl(CONFIG, student));
    const confirm = await app.inject({ url: stop });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Urgent messages are about your trip now');
    expect(confirm.body).toContain('Russia: the advice is to leave now; Russia: Level 4 – Do Not Travel');
    expect(confirm.body).toContain('Only urgent messages</button>');
    expect(confirm.body).toContain('Stop all messages anyway</button>');
    // Someone whose trip is calm sees the plain confirmation.
    const plain = await app.inject({ url: path(unsubscribeUrl(CONFIG, await idOf('calm@example.org'))) });
    expect(plain.body).not.toContain('role="alert"');
    expect(plain.body).not.toContain('Only urgent messages');

    // A forged link changes nothing.
    const forged = await app.inject({ method: 'POST', url: `/unsubscribe/only-urgent?token=${stop.split('token=')[1]!.slice(0, -2)}xx`, headers: FORM, payload: 'only=urgent' });
    expect(forged.statusCode).toBe(400);
    expect(await prefsOf(student)).toEqual({ trip_advisories: 1, trip_alerts: 1, trip_routine: 1, unsubscribed_at: null });

    const chosen = await app.inject({ method: 'POST', url: `/unsubscribe/only-urgent?${stop.split('?')[1]}`, headers: FORM, payload: 'only=urgent' });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.body).toContain('Only urgent messages from now on');
    expect(await prefsOf(student)).toEqual({ trip_advisories: 0, trip_alerts: 0, trip_routine: 0, unsubscribed_at: null });

    // A Moderate alert for Moscow is routine: not sent to them. A Severe one is urgent: sent.
    const call = apiCall(app);
    expect((await call('POST', '/api/v1/alerts', crisisToken, demonstration({ headline: 'Road closures in Moscow' }))).statusCode).toBe(201);
    expect((await call('POST', '/api/v1/alerts', crisisToken, demonstration({ severity: 'Severe', headline: 'Curfew in Moscow' }))).statusCode).toBe(201);
    await drain();
    expect(loopback.smtp.received.filter((m) => m.to[0] === 'student@example.org').map((m) => m.subject).join('\n')).toMatch(/Curfew in Moscow/);
    expect(loopback.smtp.received.filter((m) => m.to[0] === 'student@example.org').map((m) => m.subject).join('\n')).not.toMatch(/Road closures/);
  });

  it('one-click unsubscribe still stops everything; the preferences page then says what is silenced and turns urgent messages back on', async () => {
    const session = await travellerSignIn(app, store, 'leaver@example.org');
    expect((await travellerPost(app, session, '/account/trips', { destination: 'Russia', start: day(-1), end: day(10) })).statusCode).toBe(303);
    const id = await idOf('leaver@example.org');
    const oneClick = await app.inject({ method: 'POST', url: path(unsubscribeUrl(CONFIG, id)), headers: FORM, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    expect((await prefsOf(id)).unsubscribed_at).not.toBeNull();

    const prefs = path(preferencesUrl(CONFIG, id));
    const shown = await app.inject({ url: prefs });
    expect(shown.body).toContain('You receive nothing, not even urgent messages about your trip');
    expect(shown.body).toContain('Russia');
    const account = await app.inject({ url: '/account', headers: { cookie: session.cookie } });
    expect(account.body).toContain('You receive nothing, not even urgent messages about your trip');

    const resumed = await app.inject({ method: 'POST', url: prefs, headers: FORM, payload: 'only=urgent' });
    expect(resumed.statusCode).toBe(303);
    expect(await prefsOf(id)).toEqual({ trip_advisories: 0, trip_alerts: 0, trip_routine: 0, unsubscribed_at: null });
    const after = await app.inject({ url: String(resumed.headers.location) });
    expect(after.body).toContain('Only urgent messages from now on');
    expect(after.body).not.toContain('You receive nothing');

    // Signed in, the same choice from the account's preferences card.
    expect((await travellerPost(app, session, '/account/preferences', { advisories: 'on', alerts: 'on' })).statusCode).toBe(303);
    expect((await prefsOf(id)).trip_advisories).toBe(1);
    expect((await travellerPost(app, session, '/account/preferences', { only: 'urgent' })).statusCode).toBe(303);
    expect(await prefsOf(id)).toEqual({ trip_advisories: 0, trip_alerts: 0, trip_routine: 0, unsubscribed_at: null });
  });
});
