import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeVerification, organisationByName } from '../../src/enrolment/verification.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { ENGINES } from '../helpers/databases.ts';
import { formFields, organisationSuite, PUBLIC_URL, type OrganisationSuite } from '../helpers/organisation-suite.ts';
import { smtpSuite } from '../helpers/smtp-suite.ts';
import { travellerSignIn } from '../helpers/traveller.ts';

const HEADER = 'email,name,destination,region,start,end,channels';

describe.each(ENGINES)('"message my people" for verified organisations, delivered over loopback SMTP, on %s', (engine) => {
  const loopback = smtpSuite();
  let suite: OrganisationSuite;
  const name = `Field NGO ${engine}`;
  const subjectOf = (s: string) => `“${name}”: ${s}`;
  beforeAll(async () => {
    suite = await organisationSuite(engine, name, { dailyMessageLimit: 3 });
    const csv = [HEADER,
      `ana-${engine}@example.org,Ana,Russia,,2027-02-20,2027-03-20,email`,
      `bo-${engine}@example.org,Bo,France,,2027-05-01,2027-05-10,email`,
      `cy-${engine}@example.org,Cy,Japan,,2027-02-01,2027-04-01,email`].join('\n');
    expect((await suite.upload(csv, {}, true)).json()).toMatchObject({ enrolledOrInvited: 3, rejected: [] });
  });
  afterAll(async () => suite?.close());

  const org = () => `/account/organisations/${suite.organisationId}`;
  const drain = () => new NotifyWorker({ store: suite.store, config: { publicUrl: PUBLIC_URL, secret: 'org-secret' }, mail: loopback.mail, now: () => suite.clock.now }).drain();
  const mine = (subject: string) => loopback.smtp.received.filter((m) => m.subject === subjectOf(subject));
  const json = (url: string, payload: Record<string, unknown>) => suite.app.inject({ method: 'POST', url, headers: { cookie: suite.admin.cookie, 'content-type': 'application/json', accept: 'application/json' }, payload });
  const count = async (table: 'organisation_messages' | 'events' | 'deliveries') => Number((await suite.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses an unverified organisation with a 403 that says why, on the page and the API, and writes nothing', async () => {
    await suite.post('/account/organisations', [['name', `Unverified ${engine}`]]);
    const other = (await organisationByName(suite.store.db, `Unverified ${engine}`))!;
    const page = await suite.app.inject({ url: `/account/organisations/${other.id}`, headers: { cookie: suite.admin.cookie } });
    expect(page.body).toContain('Only verified organisations can message their people.');
    const form = await suite.app.inject({ url: `/account/organisations/${other.id}/message`, headers: { cookie: suite.admin.cookie } });
    expect([form.statusCode, form.body.includes('awaiting verification by the service&#39;s administrators: it cannot send messages yet')]).toEqual([403, true]);
    const before = [await count('organisation_messages'), await count('events')];
    for (const path of ['message', 'message/preview']) {
      const api = await json(`/account/organisations/${other.id}/${path}`, { subject: 'Hello', text: 'Hi' });
      expect([api.statusCode, api.headers['content-type'], api.json().detail]).toEqual([403, 'application/problem+json; charset=utf-8', expect.stringMatching(/cannot send messages yet/)]);
    }
    expect([await count('organisation_messages'), await count('events')]).toEqual(before);
  });

  it('previews with the recipient count, then sends to every member once per channel, from the authority on behalf of the organisation, audited', async () => {
    const form = await suite.app.inject({ url: `${org()}/message`, headers: { cookie: suite.admin.cookie } });
    expect(form.statusCode).toBe(200);
    const preview = await suite.post(`${org()}/message/preview`, [['subject', 'Check your insurance'], ['text', 'Dear all,\nplease renew <b>now</b>.'], ['audience', 'all'], ['destinations', '']]);
    expect(preview.statusCode).toBe(200);
    // The admin is a member too (the founder): four people.
    expect(preview.body).toContain('It goes to <strong>4</strong> people (all members of');
    expect(preview.body).toContain('please renew &lt;b&gt;now&lt;/b&gt;.');
    expect(await count('organisation_messages')).toBe(0);
    const sent = await suite.post(`${org()}/message`, formFields(preview.body, `${org()}/message`));
    expect([sent.statusCode, sent.headers.location]).toEqual([303, `${org()}?sent=4#messages`]);
    const shown = await suite.app.inject({ url: sent.headers.location as string, headers: { cookie: suite.admin.cookie } });
    expect(shown.body).toContain('Message queued: it goes to 4 people');
    expect(shown.body).toContain('Check your insurance');

    await drain();
    await drain();
    const mails = mine('Check your insurance');
    expect(mails.map((m) => m.to[0]).sort()).toEqual([`ana-${engine}@example.org`, `bo-${engine}@example.org`, `cy-${engine}@example.org`, `manager@${engine}.uni.example`]);
    expect(mails[0]!.text).toContain(`Sent on behalf of “${name}” by Waypost.`);
    expect(mails[0]!.text).toContain('Dear all,\nplease renew <b>now</b>.');
    expect(mails[0]!.header('from')).toMatch(/^"?Waypost"? </);
    expect(mails[0]!.header('list-unsubscribe')).toMatch(/^<http:\/\/waypost\.test\//);
    const deliveries = await suite.store.db.selectFrom('deliveries').innerJoin('events', 'events.id', 'deliveries.event_id').select(['deliveries.status', 'deliveries.priority'])
      .where('events.kind', '=', 'organisation.message').execute();
    expect(deliveries).toEqual(Array.from({ length: 4 }, () => ({ status: 'sent', priority: 1 })));
    const audit = await suite.store.db.selectFrom('audit_log').select(['action', 'actor_label', 'detail']).where('action', '=', 'organisation-messaged').execute();
    expect(audit).toEqual([{ action: 'organisation-messaged', actor_label: `organisation admin manager@${engine}.uni.example`, detail: expect.stringContaining('"people":4') }]);
  });

  it('sends only to those travelling now in a destination named, and says how many first (API)', async () => {
    const preview = await json(`${org()}/message/preview`, { subject: 'Moscow curfew', text: 'Stay in tonight.', audience: 'travelling', destinations: ['Russia'] });
    expect(preview.json()).toEqual({ subject: 'Moscow curfew', text: 'Stay in tonight.', audience: 'travelling', destinations: ['RU'], people: 1, deliveries: 1 });
    const travelling = await json(`${org()}/message/preview`, { subject: 'x', text: 'y', audience: 'travelling' });
    expect(travelling.json()).toMatchObject({ people: 2 });
    const sent = await json(`${org()}/message`, { subject: 'Moscow curfew', text: 'Stay in tonight.', audience: 'travelling', destinations: ['Russia'] });
    expect([sent.statusCode, sent.json()]).toEqual([202, { messageId: expect.any(Number), eventId: expect.any(Number), people: 1, deliveries: 1 }]);
    await drain();
    expect(mine('Moscow curfew').map((m) => m.to[0])).toEqual([`ana-${engine}@example.org`]);
    const bad = await json(`${org()}/message`, { subject: '', text: 'x', audience: 'travelling', destinations: ['Atlantis'] });
    expect([bad.statusCode, bad.json().detail]).toEqual([400, 'Nothing was sent: Subject is required. Destinations has an unknown destination "Atlantis".']);
    const nobody = await json(`${org()}/message`, { subject: 'Kenya', text: 'x', audience: 'travelling', destinations: ['Kenya'] });
    expect(nobody.statusCode).toBe(409);
  });

  it('sends nothing a withdrawn organisation had queued, refuses it, and allows N messages a day (429 with Retry-After)', async () => {
    const queued = await json(`${org()}/message`, { subject: 'Queued', text: 'x' });
    expect(queued.statusCode).toBe(202);
    await changeVerification({ db: suite.store.db, now: () => suite.clock.now }, suite.organisationId, 'withdraw', COMMAND_LINE);
    await drain();
    expect(mine('Queued')).toEqual([]);
    const refused = await json(`${org()}/message`, { subject: 'Again', text: 'x' });
    expect([refused.statusCode, refused.json().detail]).toEqual([403, expect.stringMatching(/withdrew this organisation's verification: it cannot send messages/)]);
    await changeVerification({ db: suite.store.db, now: () => suite.clock.now }, suite.organisationId, 'verify', COMMAND_LINE);
    const before = await count('organisation_messages');
    const over = await json(`${org()}/message`, { subject: 'Fourth', text: 'x' });
    expect([over.statusCode, over.headers['retry-after'], over.json().detail]).toEqual([429, String(14 * 3600), expect.stringMatching(/^This organisation has sent its 3 messages for today/)]);
    expect(await count('organisation_messages')).toBe(before);
  });

  it('is for the organisation\'s admins only: a member or a stranger gets 404', async () => {
    const member = await travellerSignIn(suite.app, suite.store, `ana-${engine}@example.org`);
    for (const session of [member, await travellerSignIn(suite.app, suite.store, `stranger-${engine}@example.org`)]) {
      const answer = await suite.app.inject({ method: 'POST', url: `${org()}/message`, headers: { cookie: session.cookie, 'content-type': 'application/json', accept: 'application/json' }, payload: { subject: 'x', text: 'y' } });
      expect(answer.statusCode).toBe(404);
    }
  });
});
