import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { MailTransport } from '../../src/mail/transport.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import type { Engine } from '../../src/store/connect.ts';
import { createTestStore, type TestStore } from './databases.ts';
import { addStaff, apiCall, type TestStaff } from './editorial-setup.ts';
import { addTraveller, addTrip } from './notify.ts';
import type { ReceivedMail, TestSmtpServer } from './smtp.ts';
import { smtpSuite } from './smtp-suite.ts';

/** Shared by the crisis test files: a database, the app and a worker sending to a real SMTP server on loopback. */

export const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'crisis-test-secret-0123456789abcdef' };

/** A YYYY-MM-DD `days` from today (UTC). */
export const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export interface CrisisSuite {
  store: TestStore;
  app: FastifyInstance;
  smtp: TestSmtpServer;
  mail: MailTransport;
  crisisStaff: TestStaff;
  admin: TestStaff;
  call: ReturnType<typeof apiCall>;
  /** Runs the worker until nothing is due; returns the deliveries it handled. */
  drain(): Promise<number>;
}

/** A fresh database and app for every test; one SMTP server for the file. */
export function crisisSuite(engine: Engine): CrisisSuite {
  const suite = {} as CrisisSuite;
  const mailer = smtpSuite();
  beforeAll(() => {
    suite.smtp = mailer.smtp;
    suite.mail = mailer.mail;
  });
  beforeEach(async () => {
    suite.store = await createTestStore(engine);
    suite.app = await buildApp({ store: suite.store, config: CONFIG });
    suite.call = apiCall(suite.app);
    suite.crisisStaff = await addStaff(suite.store, 'crisis@example.org', 'crisis');
    suite.admin = await addStaff(suite.store, 'admin@example.org', 'admin');
    suite.smtp.received.length = 0;
    suite.smtp.refuse = undefined;
    suite.drain = () => new NotifyWorker({ store: suite.store, config: CONFIG, mail: suite.mail, allowPrivateWebhooks: true, settings: { maxAttempts: 1 } }).drain();
  });
  afterEach(async () => {
    await suite.app?.close();
    await suite.store?.close();
  });
  return suite;
}

/** Declares a crisis through the API as crisis staff; returns its id. */
export async function declare(suite: CrisisSuite, body: Record<string, unknown>): Promise<number> {
  const response = await suite.call('POST', '/api/v1/crises', suite.crisisStaff.token, body);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: number }).id;
}

export async function wave(suite: CrisisSuite, id: number, followUp = false): Promise<{ wave: number; audience: number; deliveries: number; eventId: number }> {
  const response = await suite.call('POST', `/api/v1/crises/${id}/waves`, suite.crisisStaff.token, followUp ? { followUp: true } : undefined);
  expect(response.statusCode, response.body).toBe(202);
  return response.json();
}

export async function countsOf(suite: CrisisSuite, id: number): Promise<Record<string, number>> {
  const response = await suite.call('GET', `/api/v1/crises/${id}`, suite.crisisStaff.token);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { counts: Record<string, number> }).counts;
}

/** Someone with a trip: `where` is [destination, region or null], dates relative to today. */
export async function enrol(suite: CrisisSuite, email: string, where: [string, string | null], options: { from?: number; to?: number | null; cancelled?: boolean } = {}) {
  const traveller = await addTraveller(suite.store.db, email);
  await addTrip(suite.store.db, traveller.id, where[0], {
    region: where[1], start: day(options.from ?? -5), end: options.to === null ? null : day(options.to ?? 10), ...(options.cancelled ? { cancelled: true } : {}),
  });
  return traveller;
}

/** The path of one of the three answer links in a received check-in e-mail. */
export function answerLink(mail: ReceivedMail, answer: 'I\'m safe' | 'I need help' | 'I\'m not there / I\'ve left'): string {
  const line = (mail.text ?? '').split('\n').find((l) => l.startsWith(`${answer}: `));
  if (!line) throw new Error(`no "${answer}" link in the message to ${mail.to[0]}`);
  return new URL(line.slice(answer.length + 2).trim()).pathname;
}

export function mailTo(suite: CrisisSuite, email: string): ReceivedMail[] {
  return suite.smtp.received.filter((m) => m.to[0] === email);
}

export const post = (app: FastifyInstance, url: string, form?: Record<string, string>): Promise<LightMyRequestResponse> =>
  app.inject({ method: 'POST', url, ...(form ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() } : {}) });
