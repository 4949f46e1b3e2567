import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { createMailTransport } from '../../src/mail/transport.ts';
import { NotifyWorker, type WorkerOptions } from '../../src/notify/worker.ts';
import { listenForSms } from '../../src/sms/inbound.ts';
import { SmppSmsProvider } from '../../src/sms/smpp-provider.ts';
import { parseSmppUrl } from '../../src/sms/smpp-url.ts';
import type { Engine } from '../../src/store/connect.ts';
import type { Database } from '../../src/store/schema.ts';
import { createTestStore, type TestStore } from './databases.ts';
import { addStaff, apiCall, type TestStaff } from './editorial-setup.ts';
import { startSmsc, type TestSmsc } from './smpp.ts';

/** Shared by the SMS test files: a database, a loopback SMSC, Waypost's SMPP provider bound to it, the app and a worker. */
export const SMS_CONFIG = { publicUrl: 'https://advice.example.org', secret: 'sms-test-secret-0123456789abcdef0123' };

export interface SmsSuite {
  store: TestStore;
  smsc: TestSmsc;
  sms: SmppSmsProvider;
  app: FastifyInstance;
  crisisStaff: TestStaff;
  call: ReturnType<typeof apiCall>;
  worker(options?: Partial<WorkerOptions>): NotifyWorker;
}

export function smsSuite(engine: Engine, linkOptions: { queueTimeoutMs?: number; window?: number } = {}): SmsSuite {
  const suite = {} as SmsSuite;
  beforeEach(async () => {
    suite.store = await createTestStore(engine);
    suite.smsc = await startSmsc();
    suite.sms = new SmppSmsProvider(parseSmppUrl(suite.smsc.url)!, { backoffMs: 50, maxBackoffMs: 200, ...linkOptions });
    listenForSms(suite.sms, suite.store.db);
    suite.app = await buildApp({ store: suite.store, config: SMS_CONFIG, sms: suite.sms });
    suite.call = apiCall(suite.app);
    suite.crisisStaff = await addStaff(suite.store, 'crisis@example.org', 'crisis');
    const mail = createMailTransport(undefined, suite.store.db);
    suite.worker = (options = {}) => new NotifyWorker({ store: suite.store, config: SMS_CONFIG, mail, sms: suite.sms, settings: { retryBaseMs: 20, maxAttempts: 50 }, ...options });
  });
  afterEach(async () => {
    await suite.sms?.close();
    await suite.smsc?.close();
    await suite.app?.close();
    await suite.store?.close();
  });
  return suite;
}

/** A verified SMS number for a traveller. */
export async function addSmsNumber(db: Kysely<Database>, travellerId: number, number: string, verified = true): Promise<number> {
  const { id } = await db.insertInto('channels').values({
    traveller_id: travellerId, kind: 'sms', address: number, secret: null, created_at: '2026-01-01T00:00:00.000Z',
    confirmed_at: verified ? '2026-01-01T00:00:00.000Z' : null, disabled_at: null, disabled_reason: null,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Waits until `check` holds, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
