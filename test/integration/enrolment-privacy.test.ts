import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { purgeExpired } from '../../src/enrolment/purge.ts';
import { changeVerification } from '../../src/enrolment/verification.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { preferencesUrl } from '../../src/security/signed-links.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { enrolmentSuite, FORM, PUBLIC_URL, SECRET } from '../helpers/enrolment-suite.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { confirmLink } from '../helpers/traveller.ts';

/** Tables holding traveller data, each with the column that points at the traveller. */
const TRAVELLER_TABLES = [
  ['traveller_citizenships', 'traveller_id'], ['traveller_sessions', 'traveller_id'], ['organisation_members', 'traveller_id'],
  ['trips', 'traveller_id'], ['subscriptions', 'traveller_id'], ['channels', 'traveller_id'],
] as const;

describe.each(ENGINES)('traveller enrolment: privacy, channels and organisations on %s', (engine) => {
  const t = enrolmentSuite(engine);
  const { signIn, post, alertText } = t;

  describe('privacy', () => {
    it('exports everything held about a traveller as JSON', async () => {
      const s = await signIn('export@example.org');
      await post(s, '/account/profile', { name: 'Eve Export', phone: '+44 20 7946 0000', language: 'fr', citizenship: ['GB', 'France'], contact_name: 'Max', contact_phone: '+44 20 7946 0001', contact_relation: 'Partner' });
      await post(s, '/account/trips', { destination: 'Russia', region: 'RU-SPE', start: '2026-03-05', end: '2026-03-20' });
      await post(s, '/account/subscriptions', { kind: 'destination', destination: 'Belarus', advisories: 'on' });
      const response = await t.app.inject({ url: '/account/export', headers: { cookie: s.cookie } });
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
      expect(await t.store.db.selectFrom('travellers').select('id').where('id', '=', s.id).executeTakeFirst()).toBeDefined();
      const response = await post(s, '/account/delete', { confirm: 'DELETE' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toMatch(/waypost_traveller=; .*Max-Age=0/);
      expect(await t.store.db.selectFrom('travellers').select('id').where('id', '=', s.id).execute()).toHaveLength(0);
      for (const [table, column] of TRAVELLER_TABLES) {
        const rows = await t.store.db.selectFrom(table).select(column).where(column, '=', s.id).execute();
        expect(rows, table).toHaveLength(0);
      }
      expect(await t.store.db.selectFrom('sign_in_links').select('email').where('email_normalised', '=', 'delete.me@example.org').execute()).toHaveLength(0);
      expect(await t.store.db.selectFrom('outbox_messages').select('id').where('recipient', 'in', ['Delete.Me@example.org', 'delete.me@example.org']).execute()).toHaveLength(0);
      const orphans = await t.store.db.selectFrom('trip_destinations').leftJoin('trips', 'trips.id', 'trip_destinations.trip_id').select('trip_destinations.id').where('trips.id', 'is', null).execute();
      expect(orphans).toHaveLength(0);
      const counted = await t.store.db.selectFrom('enrolment_counts').select('count').where('metric', '=', 'accounts_deleted').executeTakeFirstOrThrow();
      expect(counted.count).toBeGreaterThanOrEqual(1);
      // The old session is gone with the account.
      expect((await t.app.inject({ url: '/account', headers: { cookie: s.cookie } })).headers.location).toBe('/account/sign-in');
    });

    it('purges trips TRIP_RETENTION_DAYS after they end, keeps the rest', async () => {
      const s = await signIn('purge@example.org');
      const add = async (start: string, end: string | null) => {
        const at = t.clock.toISOString();
        const trip = await t.store.db.insertInto('trips').values({ traveller_id: s.id, start_date: start, end_date: end, organisation_id: null, import_key: null, created_at: at, updated_at: at, cancelled_at: null }).returning('id').executeTakeFirstOrThrow();
        await t.store.db.insertInto('trip_destinations').values({ trip_id: trip.id, position: 1, destination_code: 'RU', region: null }).execute();
        return trip.id;
      };
      const old = await add('2026-01-01', '2026-01-29'); // ended 31 days before 2026-03-01
      const recent = await add('2026-01-01', '2026-01-30'); // ended 30 days before: kept
      const residing = await add('2020-01-01', null);
      const purged = await purgeExpired({ db: t.store.db, now: () => t.clock, settings: { tripRetentionDays: 30, allowPrivateWebhooks: false } });
      expect(purged.trips).toBeGreaterThanOrEqual(1);
      const left = (await t.store.db.selectFrom('trips').select('id').where('traveller_id', '=', s.id).execute()).map((t) => t.id);
      expect(left).not.toContain(old);
      expect(left).toEqual(expect.arrayContaining([recent, residing]));
      expect(await t.store.db.selectFrom('trip_destinations').select('id').where('trip_id', '=', old).execute()).toHaveLength(0);
      const again = await purgeExpired({ db: t.store.db, now: () => t.clock, settings: { tripRetentionDays: 30, allowPrivateWebhooks: false } });
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
      expect(await t.store.db.selectFrom('channels').select('id').where('traveller_id', '=', s.id).where('kind', '=', 'webhook').execute()).toHaveLength(0);
    });

    it('is confirmed by a Standard-Webhooks-signed challenge the endpoint echoes (WEBHOOK_ALLOW_PRIVATE=true)', async () => {
      t.settings.allowPrivateWebhooks = true;
      const s = await signIn('hook@example.org');
      const response = await post(s, '/account/channels/webhook', { url: hookUrl });
      expect(response.statusCode).toBe(303);
      const channel = await t.store.db.selectFrom('channels').selectAll().where('traveller_id', '=', s.id).where('kind', '=', 'webhook').executeTakeFirstOrThrow();
      expect(channel.confirmed_at).toBe(t.clock.toISOString());
      expect(channel.secret).toMatch(/^whsec_/);
      const last = received.at(-1)!;
      const verified = new Webhook(channel.secret!).verify(last.body, last.headers as Record<string, string>);
      expect(verified).toMatchObject({ type: 'webhook.challenge', challenge: expect.any(String) });
    });

    it('stays unconfirmed when the endpoint does not echo the challenge', async () => {
      t.settings.allowPrivateWebhooks = true;
      echo = false;
      const s = await signIn('hook-silent@example.org');
      const response = await post(s, '/account/channels/webhook', { url: `${hookUrl}/silent` });
      echo = true;
      expect(response.statusCode).toBe(422);
      expect(alertText(response.body)).toMatch(/did not echo the challenge/);
      const channel = await t.store.db.selectFrom('channels').select(['confirmed_at', 'id']).where('traveller_id', '=', s.id).where('kind', '=', 'webhook').executeTakeFirstOrThrow();
      expect(channel.confirmed_at).toBeNull();
      expect((await post(s, `/account/channels/${channel.id}/confirm`, {})).statusCode).toBe(303);
    });

    it('keeps an SMS number without pretending to send: no provider is configured', async () => {
      const s = await signIn('sms@example.org');
      expect((await post(s, '/account/channels/sms', { phone: '+44 7700 900123' })).statusCode).toBe(303);
      const page = await t.app.inject({ url: '/account/channels', headers: { cookie: s.cookie } });
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
      await changeVerification({ db: t.store.db, now: () => t.clock }, Number(orgPath.split('/').pop()), 'verify', COMMAND_LINE);
      const csv = 'email,name,destination,region,start,end,channels\nstudent1@uni.example,Stu One,Russia,Moscow,2026-02-01,2026-06-30,email\nstudent2@uni.example,Stu Two,France,,2026-04-01,2026-04-20,email\nbad,Bad Row,France,,2026-04-01,2026-04-20,email\n';
      const boundary = 'XyZ123';
      const multipart = [`--${boundary}`, 'Content-Disposition: form-data; name="_csrf"', '', admin.csrf, `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="group.csv"', 'Content-Type: text/csv', '', csv, `--${boundary}--`, ''].join('\r\n');
      const upload = await t.app.inject({ method: 'POST', url: `${orgPath}/import`, headers: { cookie: admin.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
      expect(upload.statusCode).toBe(200);
      expect(upload.body).toContain('2 enrolled or invited, 0 unchanged, 1 rejected');
      expect(upload.body).toMatch(/Row 4<input type="hidden" name="line" value="4">.*aria-label="Row 4, e-mail" aria-invalid="true" aria-describedby="fix-0-error"><p class="problem small" id="fix-0-error">invalid e-mail &quot;bad&quot;<\/p>/s);
      const page = await t.app.inject({ url: orgPath, headers: { cookie: admin.cookie } });
      expect(page.body).toContain('Stu One');
      expect(page.body).toMatch(/Level 4: Do Not Travel/);
      expect(page.body).toMatch(/<strong>1<\/strong> at Level 4/);
      const stranger = await signIn('stranger-admin@example.org');
      expect((await t.app.inject({ url: orgPath, headers: { cookie: stranger.cookie } })).statusCode).toBe(404);
      // Without the CSRF field the upload is refused.
      const forged = multipart.replace(admin.csrf, 'forged');
      expect((await t.app.inject({ method: 'POST', url: `${orgPath}/import`, headers: { cookie: admin.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: forged })).statusCode).toBe(403);
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
