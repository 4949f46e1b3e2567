import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import type { Engine } from '../../src/store/connect.ts';
import { addUser } from '../../src/staff/users.ts';
import { launchChromium } from './browser.ts';
import { createTestStore, type TestStore } from './databases.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp.ts';

/** The crisis officer the crisis-staff browser suites sign in as. */
export const OFFICER = { email: 'duty.officer@example.org', password: 'a long and unguessable crisis password' };

export interface StaffBrowser {
  store: TestStore;
  app: FastifyInstance;
  /** The live server's address, http://127.0.0.1:port. */
  url: string;
  smtp: TestSmtpServer;
  mail: MailTransport;
  browser: Browser;
}

/**
 * What the crisis-staff Chromium suites (alerts, crises, departures) stand on: a database, a crisis
 * officer, the app listening on loopback, a loopback SMTP server and Chromium, set up before the
 * suite and torn down after it. The fields are filled in `beforeAll`; read them inside tests.
 */
export function staffBrowserSuite(engine: Engine, options: { secret?: string; seed?: (store: TestStore) => Promise<unknown> } = {}): StaffBrowser {
  const env = {} as StaffBrowser;
  beforeAll(async () => {
    env.store = await createTestStore(engine);
    await options.seed?.(env.store);
    await addUser(env.store.db, { email: OFFICER.email, role: 'crisis', name: 'Duty Officer', password: OFFICER.password }, COMMAND_LINE);
    env.app = await buildApp({ store: env.store, config: { publicUrl: 'http://127.0.0.1', ...(options.secret ? { secret: options.secret } : {}) } });
    await env.app.listen({ host: '127.0.0.1', port: 0 });
    env.url = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    env.smtp = await startSmtpServer();
    env.mail = smtpTransport(env.smtp.url);
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.mail?.close();
    await env.smtp?.close();
    await env.app?.close();
    await env.store?.close();
  });
  return env;
}
