import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnrolmentContext } from '../../src/enrolment/context.ts';
import { importEnrolmentCsv } from '../../src/enrolment/csv-import.ts';
import { DailyLimitError } from '../../src/enrolment/daily-limit.ts';
import { acceptInvitation, declineInvitation, invitationFromToken, pendingInvitations } from '../../src/enrolment/invitations.ts';
import { INVITATION_SUBJECT, WELCOME_SUBJECT } from '../../src/enrolment/organisation-mail.ts';
import { createOrganisation } from '../../src/enrolment/organisations.ts';
import { exportTraveller } from '../../src/enrolment/privacy.ts';
import { createTraveller } from '../../src/enrolment/travellers.ts';
import { changeVerification, listOrganisations } from '../../src/enrolment/verification.ts';
import { smtpTransport } from '../../src/mail/transport.ts';
import type { Actor } from '../../src/publishing/context.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const HEADER = 'email,name,destination,region,start,end,channels';
const NOW = new Date('2026-03-01T10:00:00Z');
const ADMIN: Actor = { id: null, label: 'admin@ministry.example', role: 'admin' };
const PHISHING = 'Your account is suspended - verify at https://evil.example/login';

describe.each(ENGINES)('organisations that mail strangers, on %s', (engine) => {
  let store: TestStore;
  let smtp: TestSmtpServer;
  let ctx: EnrolmentContext;
  let clock: Date;
  const settings = { tripRetentionDays: 30, allowPrivateWebhooks: false, dailyImportLimit: 2000, lookup: async () => [{ address: '93.184.215.14', family: 4 as const }] };

  beforeAll(async () => {
    store = await createTestStore(engine);
    smtp = await startSmtpServer();
    ctx = { db: store.db, config: { secret: 'organisations-test-secret', publicUrl: 'http://waypost.test' }, mail: smtpTransport(smtp.url), now: () => clock, settings };
  });
  afterAll(async () => {
    await ctx?.mail.close();
    await smtp?.close();
    await store?.close();
  });
  beforeEach(() => {
    clock = NOW;
    settings.dailyImportLimit = 2000;
  });

  const TABLES = ['travellers', 'trips', 'trip_destinations', 'channels', 'organisation_members', 'organisation_invitations', 'invitation_trips', 'organisation_daily_counts', 'organisations', 'audit_log'] as const;
  const count = async (table: (typeof TABLES)[number]) => Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)] as const)));
  const traveller = async (email: string) => createTraveller(store.db, { email, name: 'Someone', confirmedBy: 'link', at: NOW.toISOString() });
  const importing = async (organisation: string, csv: string, welcome = true) => {
    const { report, mailing } = await importEnrolmentCsv(ctx, csv, { organisation, welcome });
    return { report, mail: await mailing };
  };
  let n = 0;
  /** A traveller who starts an organisation on their account page, and (optionally) a staff admin who verifies it. */
  async function organisation(name: string, verified = true): Promise<number> {
    const id = await createOrganisation(ctx, await traveller(`founder${++n}-${engine}@org.example`), name);
    if (verified) await changeVerification(ctx, id, 'verify', ADMIN);
    return id;
  }
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  it('refuses an organisation named like a phishing message, saving nothing', async () => {
    const founder = await traveller(`phisher-${engine}@example.org`);
    const before = await snapshot();
    for (const name of [PHISHING, 'Support at www.evil.example', 'Write to help@evil.example', 'Reset at paypal-secure.com', 'x'.repeat(101), 'Acme\u202Egnp.exe']) {
      await expect(createOrganisation(ctx, founder, name)).rejects.toMatchObject({ status: 400, field: 'name' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('an unverified organisation imports nobody: refused with nothing written and no e-mail; verified, it works; withdrawn, it stops', async () => {
    await organisation('Uni of Nowhere', false);
    const csv = `${HEADER}\nstudent1-${engine}@uni.example,Stu One,Russia,Moscow,2026-03-01,2026-06-30,email\n`;
    const before = await snapshot();
    const received = smtp.received.length;
    await expect(importEnrolmentCsv(ctx, csv, { organisation: 'uni of  nowhere' })).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/awaiting verification/) });
    expect(await snapshot()).toEqual(before);
    expect(smtp.received.length).toBe(received);

    const id = (await listOrganisations(store.db)).find((o) => o.name === 'Uni of Nowhere')!.id;
    expect(await changeVerification(ctx, id, 'verify', ADMIN)).toMatchObject({ state: 'verified', verifiedBy: ADMIN.label, verifiedAt: NOW.toISOString() });
    const { report, mail } = await importing('Uni of Nowhere', csv);
    expect(report).toEqual({ organisation: { id, name: 'Uni of Nowhere' }, rows: 1, enrolledOrInvited: 1, unchanged: 0, rejected: [] });
    expect(mail).toEqual({ sent: 1, failed: 0, stopped: 0 });
    const [welcome] = mailsTo(`student1-${engine}@uni.example`);
    expect(welcome!.subject).toBe(WELCOME_SUBJECT);
    expect(welcome!.text).toMatch(/^An organisation that calls itself “Uni of Nowhere” has enrolled this address/);

    clock = new Date('2026-03-01T11:00:00Z');
    await changeVerification(ctx, id, 'withdraw', ADMIN);
    const after = await snapshot();
    await expect(importEnrolmentCsv(ctx, csv.replace('student1', 'student2'), { organisation: 'Uni of Nowhere' })).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/withdrew/) });
    expect(await snapshot()).toEqual(after);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'actor_label', 'at', 'subject']).where('subject', '=', `organisation ${id}`).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'organisation-verified', actor_label: ADMIN.label, at: NOW.toISOString(), subject: `organisation ${id}` },
      { action: 'organisation-withdrawn', actor_label: ADMIN.label, at: '2026-03-01T11:00:00.000Z', subject: `organisation ${id}` },
    ]);
  });

  it.each(['editor', 'reviewer', 'crisis'] as const)('a staff %s can neither verify nor withdraw (403), and nothing is audited', async (role) => {
    const id = await organisation(`Not By ${role}`, false);
    const before = await snapshot();
    await expect(changeVerification(ctx, id, 'verify', { id: 7, label: `${role}@ministry.example`, role })).rejects.toMatchObject({ status: 403 });
    await changeVerification(ctx, id, 'verify', ADMIN);
    await expect(changeVerification(ctx, id, 'withdraw', { id: 7, label: `${role}@ministry.example`, role })).rejects.toMatchObject({ status: 403 });
    expect((await snapshot()).audit_log).toBe(before.audit_log! + 1);
  });

  it('invites an existing account instead of attaching it: no membership, trips or channels until they accept', async () => {
    const id = await organisation('Acme Travel Office');
    const email = `known-${engine}@example.org`;
    const known = await traveller(email);
    const csv = `${HEADER}\n${email.toUpperCase()},Not My Name,Russia,Moscow,2026-04-01,2026-04-20,email;webhook:https://hooks.example.org/x\n${email},Not My Name,Japan,,2026-05-01,2026-05-10,email\n`;
    const { report, mail } = await importing('Acme Travel Office', csv);
    expect(report).toMatchObject({ enrolledOrInvited: 2, unchanged: 0 });
    expect(mail.sent).toBe(1);
    const attached = async () => ({
      members: await store.db.selectFrom('organisation_members').select('role').where('traveller_id', '=', known).execute(),
      trips: await store.db.selectFrom('trips').select('organisation_id').where('traveller_id', '=', known).execute(),
      channels: await store.db.selectFrom('channels').select('kind').where('traveller_id', '=', known).orderBy('kind').execute(),
      name: (await store.db.selectFrom('travellers').select('name').where('id', '=', known).executeTakeFirstOrThrow()).name,
    });
    expect(await attached()).toEqual({ members: [], trips: [], channels: [{ kind: 'email' }], name: 'Someone' });

    const [invitation] = mailsTo(email);
    expect(invitation!.subject).toBe(INVITATION_SUBJECT);
    expect(invitation!.text).toMatch(/^An organisation that calls itself “Acme Travel Office” listed this address/);
    expect(invitation!.header('list-unsubscribe')).toMatch(/^<http:\/\/waypost\.test\/unsubscribe\?token=/);
    const token = new URL(/(http:\/\/waypost\.test\/account\/invitation\?token=\S+)/.exec(invitation!.text!)![1]!).searchParams.get('token');
    const opened = await invitationFromToken(ctx, token);
    expect(opened).toMatchObject({ travellerId: known, invitation: { organisationId: id, organisation: 'Acme Travel Office', trips: [{ destination: 'Russia', region: 'Moscow' }, { destination: 'Japan', region: null }] } });
    expect(await pendingInvitations(ctx, known)).toHaveLength(1);
    await expect(invitationFromToken(ctx, `${token}x`)).rejects.toMatchObject({ status: 400 });

    // Re-importing the file while it waits changes nothing and mails nothing.
    const again = await importing('Acme Travel Office', csv);
    expect(again.report).toMatchObject({ enrolledOrInvited: 0, unchanged: 2 });
    expect(again.mail.sent).toBe(0);

    expect(await acceptInvitation(ctx, known, opened.invitation.id)).toEqual({ organisationId: id, trips: 2 });
    expect(await attached()).toEqual({ members: [{ role: 'member' }], trips: [{ organisation_id: id }, { organisation_id: id }], channels: [{ kind: 'email' }], name: 'Someone' });
    await expect(acceptInvitation(ctx, known, opened.invitation.id)).rejects.toMatchObject({ status: 410 });
    await expect(invitationFromToken(ctx, token)).rejects.toMatchObject({ status: 410 });
    // A member now: the organisation's next trips for them are attached directly, still without channels.
    const next = await importing('Acme Travel Office', `${HEADER}\n${email},X,France,,2026-06-01,2026-06-05,email;webhook:https://hooks.example.org/y\n`);
    expect(next.report).toMatchObject({ enrolledOrInvited: 1 });
    expect(next.mail.sent).toBe(0);
    expect((await attached()).trips).toHaveLength(3);
    expect((await attached()).channels).toEqual([{ kind: 'email' }]);
  });

  it('a withdrawn organisation\'s invitation can no longer be accepted', async () => {
    const id = await organisation('Soon Withdrawn');
    const known = await traveller(`withdrawn-${engine}@example.org`);
    await importing('Soon Withdrawn', `${HEADER}\nwithdrawn-${engine}@example.org,W,France,,2026-04-01,2026-04-05,email\n`);
    const [pending] = await pendingInvitations(ctx, known);
    await changeVerification(ctx, id, 'withdraw', ADMIN);
    await expect(acceptInvitation(ctx, known, pending!.id)).rejects.toMatchObject({ status: 403 });
    expect(await store.db.selectFrom('organisation_members').select('role').where('traveller_id', '=', known).execute()).toEqual([]);
  });

  it('the report is the same for an address with an account as for one without, also after a decline', async () => {
    await organisation('Same Answer Ltd');
    await traveller(`has-account-${engine}@example.org`);
    const row = (email: string) => `${HEADER}\n${email},A Person,Germany,,2026-04-01,2026-04-09,email;webhook:https://hooks.example.org/z\nbad-address,B,Germany,,2026-04-01,2026-04-09,email\n`;
    const known = await importing('Same Answer Ltd', row(`has-account-${engine}@example.org`));
    const unknown = await importing('Same Answer Ltd', row(`no-account-${engine}@example.org`));
    expect(known.report).toEqual(unknown.report);
    expect(JSON.stringify(known.report)).toBe(JSON.stringify(unknown.report));
    expect(known.mail).toEqual(unknown.mail);
    const invitedId = (await store.db.selectFrom('travellers').select('id').where('email_normalised', '=', `has-account-${engine}@example.org`).executeTakeFirstOrThrow()).id;
    await declineInvitation(ctx, invitedId, (await pendingInvitations(ctx, invitedId))[0]!.id);
    expect((await exportTraveller(ctx, invitedId))!.invitations).toEqual([
      { organisation: 'Same Answer Ltd', createdAt: NOW.toISOString(), expiresAt: '2026-03-15T10:00:00.000Z', declinedAt: NOW.toISOString(), trips: [{ destination: 'DE', region: null, start: '2026-04-01', end: '2026-04-09' }] },
    ]);
    const received = smtp.received.length;
    const [knownAgain, unknownAgain] = [await importing('Same Answer Ltd', row(`has-account-${engine}@example.org`)), await importing('Same Answer Ltd', row(`no-account-${engine}@example.org`))];
    expect(knownAgain.report).toEqual(unknownAgain.report);
    expect(knownAgain.report).toMatchObject({ enrolledOrInvited: 0, unchanged: 1 });
    expect(smtp.received.length).toBe(received);
    // The new account got its webhook (unconfirmed); the existing one none.
    const hooks = await store.db.selectFrom('channels').innerJoin('travellers', 'travellers.id', 'channels.traveller_id').select('travellers.email').where('channels.kind', '!=', 'email')
      .where('travellers.email', 'in', [`has-account-${engine}@example.org`, `no-account-${engine}@example.org`]).execute();
    expect(hooks).toEqual([{ email: `no-account-${engine}@example.org` }]);
  });

  it('ORG_DAILY_IMPORT_LIMIT: over it, a 429 until midnight UTC with nothing written and nothing sent; the next day it works', async () => {
    const id = await organisation('Busy Agency');
    settings.dailyImportLimit = 3;
    const csv = (from: number, rows: number) => [HEADER, ...Array.from({ length: rows }, (_, i) => `p${from + i}-${engine}@busy.example,P,Kenya,,2026-04-01,2026-04-09,email`)].join('\n');
    expect((await importing('Busy Agency', csv(0, 2))).report.enrolledOrInvited).toBe(2);
    const before = await snapshot();
    const received = smtp.received.length;
    const refusal = await importEnrolmentCsv(ctx, csv(2, 2), { organisation: 'Busy Agency' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DailyLimitError);
    expect(refusal).toMatchObject({ status: 429, retryAfterSeconds: 14 * 3600, message: expect.stringMatching(/daily limit is 3 imported rows \(ORG_DAILY_IMPORT_LIMIT\); 2 used today and this file needs 2 more.*2026-03-02 00:00 UTC/) });
    expect(await snapshot()).toEqual(before);
    expect(smtp.received.length).toBe(received);
    // Re-running what is already there costs nothing; one more row fits.
    expect((await importing('Busy Agency', csv(0, 2))).report.unchanged).toBe(2);
    expect((await importing('Busy Agency', csv(2, 1))).report.enrolledOrInvited).toBe(1);
    clock = new Date('2026-03-02T00:00:01Z');
    expect((await importing('Busy Agency', csv(3, 3))).report.enrolledOrInvited).toBe(3);
    const counts = await store.db.selectFrom('organisation_daily_counts').select(['day', 'row_count', 'message_count']).where('organisation_id', '=', id).orderBy('day').execute();
    expect(counts.map((c) => [c.day, Number(c.row_count), Number(c.message_count)])).toEqual([['2026-03-01', 3, 3], ['2026-03-02', 3, 3]]);
  });
});
