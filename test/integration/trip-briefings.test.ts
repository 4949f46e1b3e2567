import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentContext } from '../../src/enrolment/context.ts';
import { importEnrolmentCsv } from '../../src/enrolment/csv-import.ts';
import { acceptInvitation } from '../../src/enrolment/invitations.ts';
import { addOrganisation, changeVerification } from '../../src/enrolment/verification.ts';
import { buildApp } from '../../src/http/app.ts';
import { outboxTransport, smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { demonstration, inHours } from '../helpers/alerts-setup.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addStaff, apiCall } from '../helpers/editorial-setup.ts';
import { HEADER } from '../helpers/enrolment-csv.ts';
import { importBundled } from '../helpers/seed.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

/** Late enrollers are told what is already true (docs/enrolment.md "Told at once"). */

const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'briefing-secret-0123456789abcdef' };
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES)('trip briefings on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let mail: MailTransport;
  let level1: string;
  let token: string;
  let curfew: number;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: { publicUrl: CONFIG.publicUrl } });
    smtp = await startSmtpServer();
    mail = smtpTransport(smtp.url);
    token = (await addStaff(store, 'crisis@example.org', 'crisis')).token;
    const issued = await apiCall(app)('POST', '/api/v1/alerts', token, demonstration({ severity: 'Severe', headline: 'Curfew in Moscow', instruction: 'Stay indoors after 22:00.' }));
    expect(issued.statusCode, issued.body).toBe(201);
    curfew = (issued.json() as { id: number }).id;
    const quiet = await store.db.selectFrom('destinations as d').innerJoin('advisory_revisions as r', 'r.id', 'd.current_revision_id')
      .select('d.name').where('r.level', '=', 1).where('r.departure_urged', '=', 0).orderBy('d.code').executeTakeFirstOrThrow();
    level1 = quiet.name;
    // The alert's own fan-out (nobody enrolled yet) runs now, so later drains see only briefings.
    await drain();
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await mail?.close();
    await smtp?.close();
    await app?.close();
    await store?.close();
  });

  const drain = () => new NotifyWorker({ store, config: CONFIG, mail }).drain();
  const to = (email: string) => smtp.received.filter((m) => m.to[0] === email);

  it('a trip to Moscow sends one urgent mail with Level 4, the directive and the Severe alert; re-saving sends nothing', async () => {
    // The bundled seed has Russia at Level 4 with departure urged.
    const ru = await store.db.selectFrom('destinations as d').innerJoin('advisory_revisions as r', 'r.id', 'd.current_revision_id')
      .select(['r.level', 'r.departure_urged']).where('d.code', '=', 'RU').executeTakeFirstOrThrow();
    expect(ru).toEqual({ level: 4, departure_urged: 1 });
    const session = await travellerSignIn(app, store, 'late@example.org');
    const trip = { destination: 'Russia', region: 'Moscow', start: day(1), end: day(20) };
    const added = await travellerPost(app, session, '/account/trips', trip);
    expect(added.statusCode, added.body).toBe(303);
    await drain();
    const got = to('late@example.org');
    expect(got).toHaveLength(1);
    expect(got[0]!.subject).toBe('Your trip: Russia is at Level 4 – Do Not Travel – Citizens should leave immediately');
    expect(got[0]!.header('Priority')).toBe('urgent');
    expect(got[0]!.text).toContain('Departure directive: Citizens should leave immediately.');
    expect(got[0]!.text).toContain('Severe: Curfew in Moscow');
    expect(got[0]!.text).toContain('What to do: Stay indoors after 22:00.');
    expect(got[0]!.text).toMatch(/Read the alert: https:\/\/advice\.example\.org\/alerts\/\d+\//);

    const id = (await store.db.selectFrom('trips').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const saved = await travellerPost(app, session, `/account/trips/${id}`, trip);
    expect(saved.statusCode, saved.body).toBe(303);
    await drain();
    expect(to('late@example.org')).toHaveLength(1);

    // The account page shows the level, the directive and the active alert for the trip.
    const page = await app.inject({ url: '/account', headers: { cookie: session.cookie } });
    expect(page.body).toContain('Leave now');
    expect(page.body).toContain(`<a href="/alerts/${curfew}/">Curfew in Moscow</a>`);

    // Another alert is news: the next save tells the whole state again, once. One that has gone is not.
    // It lasts a fortnight, so it still stands when the later CSV trips (starting in two days) begin;
    // an alert that ends before a trip starts is not part of that trip's briefing.
    const second = await apiCall(app)('POST', '/api/v1/alerts', token, demonstration({ headline: 'Road closures in Moscow', expires: inHours(24 * 14) }));
    expect(second.statusCode, second.body).toBe(201);
    await travellerPost(app, session, `/account/trips/${id}`, trip);
    await drain();
    const briefings = () => to('late@example.org').filter((m) => m.subject?.startsWith('Your trip:'));
    expect(briefings()).toHaveLength(2);
    expect(briefings()[1]!.text).toContain('Moderate: Road closures in Moscow');
    expect(briefings()[1]!.text).toContain('Severe: Curfew in Moscow');
    const cancelled = await apiCall(app)('POST', `/api/v1/alerts/${curfew}/cancel`, token, { note: 'The curfew is lifted.' });
    expect(cancelled.statusCode, cancelled.body).toBe(201);
    await travellerPost(app, session, `/account/trips/${id}`, trip);
    await drain();
    expect(briefings()).toHaveLength(2);
  });

  it('a trip to a Level 1 destination with no alert sends nothing; changing it to Russia sends the briefing', async () => {
    const session = await travellerSignIn(app, store, 'calm@example.org');
    // From the day after tomorrow: the third test's six-hour alert must end before her trip begins,
    // and from 18:00 UTC six hours reach into tomorrow.
    const added = await travellerPost(app, session, '/account/trips', { destination: level1, region: '', start: day(2), end: day(20) });
    expect(added.statusCode, added.body).toBe(303);
    await drain();
    expect(to('calm@example.org')).toHaveLength(0);

    const id = (await store.db.selectFrom('trips').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const changed = await travellerPost(app, session, `/account/trips/${id}`, { destination: 'Russia', region: '', start: day(2), end: day(20) });
    expect(changed.statusCode, changed.body).toBe(303);
    await drain();
    expect(to('calm@example.org').map((m) => m.subject)).toEqual(['Your trip: Russia is at Level 4 – Do Not Travel – Citizens should leave immediately']);
    smtp.received.length = 0;
  });

  it('CSV enrolment briefs members, and nobody whose invitation is not accepted', async () => {
    const ctx: EnrolmentContext = { db: store.db, config: CONFIG, mail: outboxTransport(store.db), now: () => new Date(), settings: { tripRetentionDays: 30, allowPrivateWebhooks: false, dailyImportLimit: 1000 } };
    // An alert over before these trips begin is not part of their briefing.
    const brief = await apiCall(app)('POST', '/api/v1/alerts', token, demonstration({ headline: 'Metro station closed tonight', expires: inHours(6) }));
    expect(brief.statusCode, brief.body).toBe(201);
    await drain();
    const organisation = await addOrganisation(ctx, 'Late Org', COMMAND_LINE);
    await changeVerification(ctx, organisation.id, 'verify', COMMAND_LINE);
    // calm@ has an account of her own: the organisation can only invite her.
    const csv = [HEADER, `member@example.org,Mem,Russia,Moscow,${day(2)},${day(9)},email`, `calm@example.org,Calm,Russia,,${day(2)},${day(9)},email`].join('\r\n');
    const { report, mailing } = await importEnrolmentCsv(ctx, csv, { organisation: 'Late Org' });
    await mailing;
    expect(report.enrolledOrInvited).toBe(2);
    await drain();
    expect(to('member@example.org').map((m) => m.subject)).toEqual(['Your trip: Russia is at Level 4 – Do Not Travel – Citizens should leave immediately']);
    // The curfew was cancelled in the first test; the road closures alert still stands.
    expect(to('member@example.org')[0]!.text).toContain('Moderate: Road closures in Moscow');
    expect(to('member@example.org')[0]!.text).not.toContain('Metro station closed tonight');
    expect(to('calm@example.org')).toHaveLength(0);

    // Accepting the invitation makes the trip hers: only then is she told.
    const calm = await store.db.selectFrom('travellers').select('id').where('email_normalised', '=', 'calm@example.org').executeTakeFirstOrThrow();
    const invitation = await store.db.selectFrom('organisation_invitations').select('id').where('traveller_id', '=', calm.id).executeTakeFirstOrThrow();
    await acceptInvitation(ctx, calm.id, invitation.id);
    await drain();
    expect(to('calm@example.org').map((m) => m.subject)).toEqual(['Your trip: Russia is at Level 4 – Do Not Travel – Citizens should leave immediately']);
  });
});
