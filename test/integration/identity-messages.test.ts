import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEnrolmentCsv } from '../../src/enrolment/csv-import.ts';
import { addOrganisation, changeVerification } from '../../src/enrolment/verification.ts';
import { buildApp } from '../../src/http/app.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { demonstration } from '../helpers/alerts-setup.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { approvedDraft } from '../helpers/drafts.ts';
import { addTeam, apiCall } from '../helpers/editorial-setup.ts';
import { HEADER } from '../helpers/enrolment-csv.ts';
import { addSubscription } from '../helpers/notify.ts';
import { importBundled } from '../helpers/seed.ts';
import type { ReceivedMail } from '../helpers/smtp.ts';
import { smtpSuite } from '../helpers/smtp-suite.ts';
import { confirmLink, travellerPost } from '../helpers/traveller.ts';

/**
 * Every kind of message a traveller gets, under a ministry's identity (docs/identity.md): each
 * names the authority and none says "Waypost" but for the software's credit. Real SMTP on loopback.
 */

const MINISTRY = { authorityName: 'Ministry of Foreign Affairs of Ruritania', authorityShortName: 'MFA', citizenNoun: 'Ruritanian nationals' };
const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'identity-messages-secret-0123456789' };
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** "Waypost" anywhere but in the software's credit. */
const creditsWaypost = (text: string) => text.replace(/Powered by Waypost/g, '').includes('Waypost');
const whole = (m: ReceivedMail) => `${m.header('from') ?? ''}\n${m.subject ?? ''}\n${m.text ?? ''}\n${String(m.html)}`;

describe.each(ENGINES)('traveller messages under a ministry identity on %s', (engine) => {
  const loopback = smtpSuite();
  let store: TestStore;
  let app: FastifyInstance;
  let team: Awaited<ReturnType<typeof addTeam>>;
  let cookie = '';
  const call = (...args: Parameters<ReturnType<typeof apiCall>>) => apiCall(app)(...args);
  const drain = () => new NotifyWorker({ store, config: CONFIG, mail: loopback.mail }).drain();
  const to = (email: string) => loopback.smtp.received.filter((m) => m.to[0] === email);

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: { ...CONFIG, smtpUrl: loopback.smtp.url } });
    team = await addTeam(store);
    const saved = await call('PATCH', '/api/v1/settings/identity', team.admin.token, MINISTRY);
    expect(saved.statusCode, saved.body).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('the sign-in e-mail and the account pages name the authority', async () => {
    const signIn = await app.inject('/account/sign-in');
    expect(signIn.body).toContain(`enrol with ${MINISTRY.authorityName}`);
    expect(signIn.body).toContain('<title>Sign up or sign in · MFA</title>');
    expect(creditsWaypost(signIn.body)).toBe(false);
    const asked = await app.inject({ method: 'POST', url: '/account/sign-in', payload: { email: 'anna@example.org' } });
    expect(asked.statusCode).toBe(202);
    expect(creditsWaypost(asked.body)).toBe(false);
    const [mail] = await loopback.smtp.waitFor(1);
    expect(mail!.subject).toBe('Confirm your e-mail address for MFA');
    const consumed = await confirmLink(app, new URL(/(https?:\/\/\S+\/account\/link\/\S+)/.exec(mail!.text!)![1]!).pathname);
    cookie = [consumed.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('waypost_traveller='))!.split(';')[0]!;
    const account = await app.inject({ url: '/account', headers: { cookie } });
    expect(account.body).toContain(`<span class="brand-name">${MINISTRY.authorityName}</span>`);
    expect(creditsWaypost(account.body)).toBe(false);
    // The data section has its own page since the account was split.
    const privacy = await app.inject({ url: '/account/privacy', headers: { cookie } });
    expect(privacy.body).toContain(`Everything ${MINISTRY.authorityName} holds about you`);
    expect(creditsWaypost(privacy.body)).toBe(false);
  });

  it('trip confirmation and briefing e-mails use the authority and its citizen noun', async () => {
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await app.inject({ url: '/account', headers: { cookie } })).body)![1]!;
    const added = await travellerPost(app, { cookie, csrf }, '/account/trips', { destination: 'Russia', region: 'Moscow', start: day(1), end: day(20) });
    expect(added.statusCode, added.body).toBe(303);
    await drain();
    const subjects = to('anna@example.org').map((m) => m.subject);
    expect(subjects).toContain('Trip enrolled: Russia (Moscow)');
    expect(subjects).toContain('Your trip: Russia is at Level 4 – Do Not Travel – Ruritanian nationals should leave immediately');
    const briefing = to('anna@example.org').find((m) => m.subject!.startsWith('Your trip'))!;
    expect(briefing.text).toContain('Departure directive: Ruritanian nationals should leave immediately.');
  });

  it('an alert (CAP sent in the authority\'s name) and an advisory change reach the traveller in its name', async () => {
    const issued = await call('POST', '/api/v1/alerts', team.crisis.token, demonstration({ senderName: undefined, severity: 'Severe', headline: 'Curfew in Moscow' }));
    expect(issued.statusCode, issued.body).toBe(201);
    const cap = (await app.inject(`/feeds/alerts/${(issued.json() as { id: number }).id}.cap`)).body;
    expect(cap).toContain(`<senderName>${MINISTRY.authorityName}</senderName>`);
    expect(creditsWaypost(cap)).toBe(false);
    const traveller = await store.db.selectFrom('travellers').select('id').where('email', '=', 'anna@example.org').executeTakeFirstOrThrow();
    await addSubscription(store.db, traveller.id, 'destination', 'BY');
    const id = await approvedDraft(call, team, 'BY', { changeType: 'major', level: 4, departureUrged: true, changeNote: 'Leave now.', summary: 'Leave Belarus now.' });
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, {})).statusCode).toBe(200);
    await drain();
    const texts = to('anna@example.org').map((m) => m.text ?? '');
    expect(texts.some((t) => t.includes('Curfew in Moscow') && t.includes(`From: ${MINISTRY.authorityName}`))).toBe(true);
    expect(texts.some((t) => t.includes('Ruritanian nationals there should leave immediately.'))).toBe(true);
  });

  it('an organisation\'s welcome and invitation e-mails name the authority, not the software', async () => {
    const ctx = { db: store.db, config: CONFIG, mail: loopback.mail, now: () => new Date(), settings: { tripRetentionDays: 30, allowPrivateWebhooks: false, dailyImportLimit: 1000 } };
    const organisation = await addOrganisation(ctx, 'Ruritanian Choir', COMMAND_LINE);
    await changeVerification(ctx, organisation.id, 'verify', COMMAND_LINE);
    const csv = [HEADER, `new@example.org,New,France,,${day(2)},${day(9)},email`, `anna@example.org,Anna,France,,${day(2)},${day(9)},email`].join('\r\n');
    const { mailing } = await importEnrolmentCsv(ctx, csv, { organisation: 'Ruritanian Choir' });
    await mailing;
    const welcome = to('new@example.org').find((m) => m.subject === 'You have been enrolled for travel safety messages')!;
    expect(welcome.text).toContain(`enrolled this address with ${MINISTRY.authorityName} travel advisories`);
    const invitation = to('anna@example.org').find((m) => m.subject?.startsWith('An organisation invites you'))!;
    expect(invitation.text).toContain(`You already have an account with ${MINISTRY.authorityName} travel advisories`);
  });

  it('every e-mail sent is from the authority and says "Waypost" nowhere', () => {
    const received = loopback.smtp.received;
    expect(received.length).toBeGreaterThanOrEqual(7);
    for (const mail of received) {
      expect(mail.raw, mail.subject).toMatch(/^From: "Ministry of Foreign Affairs of Ruritania" </m);
      expect(creditsWaypost(whole(mail)), whole(mail)).toBe(false);
    }
  });
});
