import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { eventSummary } from '../../src/notify/stats.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addSubscription, addTraveller, addTrip } from '../helpers/notify.ts';
import { importBundled } from '../helpers/seed.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { addTeam, apiCall, consoleSignIn } from '../helpers/editorial-setup.ts';
import { approvedDraft } from '../helpers/drafts.ts';

const CLI = new URL('../../bin/waypost.js', import.meta.url).pathname;
const run = promisify(execFile);
const METRICS_TOKEN = 'e2e-metrics-token-0123456789';
const metrics = { method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } } as const;

describe.each(ENGINES)('publishing a major change notifies its audience on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let mail: MailTransport;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waypost-notify-e2e-'));
    store = await createTestStore(engine, engine === 'sqlite' ? { file: join(dir, 'waypost.db') } : {});
    await importBundled(store.db);
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test', metricsToken: METRICS_TOKEN } });
    smtp = await startSmtpServer();
    mail = smtpTransport(smtp.url);
  });
  afterAll(async () => {
    await mail?.close();
    await smtp?.close();
    await app?.close();
    await store?.close();
  });

  it('staff publish → event → fan-out → one e-mail per person; events show and /metrics count them', async () => {
    const team = await addTeam(store);
    const call = apiCall(app);
    const inRussia = await addTraveller(store.db, 'in-russia@example.org');
    await addTrip(store.db, inRussia.id, 'RU', { start: '2026-01-01', end: null });
    await addTrip(store.db, inRussia.id, 'RU', { start: '2026-01-01', end: '2099-01-01' });
    await addSubscription(store.db, inRussia.id, 'destination', 'RU');
    const watcher = await addTraveller(store.db, 'watcher@example.org');
    await addSubscription(store.db, watcher.id, 'level4', null);
    await addSubscription(store.db, (await addTraveller(store.db, 'france@example.org')).id, 'destination', 'FR');

    const current = (await app.inject({ method: 'GET', url: '/api/v1/advisories/RU' })).json() as { summary: string };
    const id = await approvedDraft(call, team, 'RU', {
      changeType: 'major', changeNote: 'Added advice on conscription of dual nationals.', summary: `${current.summary}\n\nDual nationals may be conscripted.`,
    });
    const published = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, {});
    expect(published.statusCode, published.body).toBe(200);
    const event = await store.db.selectFrom('events').select('id').where('destination_code', '=', 'RU').executeTakeFirstOrThrow();

    const before = await app.inject(metrics);
    expect(before.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.body).toContain('waypost_events_pending_fan_out 1');

    const worker = new NotifyWorker({ store, config: { publicUrl: 'https://advice.example.org', secret: 'e2e-secret-0123456789' }, mail });
    expect(await worker.drain()).toBe(2);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['in-russia@example.org', 'watcher@example.org']);
    // The subject says what changed, and that leaving still applies.
    expect(smtp.received[0]!.subject).toBe('Russia: summary updated – Level 4, leave now');
    expect(smtp.received[0]!.text).toContain('What changed: Added advice on conscription of dual nationals.');

    const summary = await eventSummary(store.db, event.id);
    expect(summary).toMatchObject({ kind: 'advisory.published', destinationCode: 'RU', urgent: true, audienceSize: 2, deliveries: { queued: 0, sending: 0, sent: 2, failed: 0, bounced: 0 }, channels: { email: 2 } });
    const after = await app.inject(metrics);
    expect(after.body).toContain('waypost_deliveries{status="sent",channel="email",priority="0"} 2');
    expect(after.body).toContain('waypost_delivery_queue_depth 0');
    expect(after.body).toMatch(/waypost_delivery_latency_seconds_count 2\n/);

    // The console shows the event with its counts to any staff member; the outbox is admins' only.
    const { cookie } = await consoleSignIn(app, 'editor@example.org');
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    const list = await get('/console/notifications');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/console/notifications/events/${event.id}`);
    const detail = await get(`/console/notifications/events/${event.id}`);
    expect(detail.body).toMatch(/<td[^>]*class="num"[^>]*>2<\/td><td[^>]*class="num"[^>]*>0<\/td><td[^>]*class="num"[^>]*>0<\/td><td[^>]*class="num"[^>]*>2<\/td>/);
    expect((await get('/console/notifications/outbox')).statusCode).toBe(403);
    expect((await get('/console/notifications/events/999999')).statusCode).toBe(404);
    expect(after.body).toContain('waypost_events_pending_fan_out 0');

    const { stdout } = await run(process.execPath, [CLI, 'events', 'show', String(event.id)], { env: { ...process.env, DATABASE_URL: store.url } });
    expect(stdout).toContain(`event ${event.id}: advisory.published RU (urgent)`);
    expect(stdout).toContain('audience: 2 deliveries');
    expect(stdout).toContain('queued 0 · sending 0 · sent 2 · failed 0 · bounced 0');
  });
});
