import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { launchChromium } from './browser.ts';
import type { Engine } from '../../src/store/connect.ts';
import { createTestStore, ENGINES, type TestStore } from './databases.ts';
import { freePort } from './nginx.ts';
import { importBundled } from './seed.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp.ts';

export interface SiteBrowser {
  store: TestStore;
  app: FastifyInstance;
  browser: Browser;
  /** The running server's origin, e.g. http://127.0.0.1:41234. */
  base: string;
}

/**
 * For a describe block of the public site in Chromium: a database with the bundled advisories (plus
 * what `seed` adds), the app listening on loopback and a browser, set up before its tests and closed
 * after them. Read the fields inside tests or a later beforeAll, once they are set.
 */
export function siteBrowserSuite(engine: Engine, seed?: (store: TestStore) => Promise<unknown>): SiteBrowser {
  const suite = {} as SiteBrowser;
  beforeAll(async () => {
    suite.store = await createTestStore(engine);
    await importBundled(suite.store.db);
    await seed?.(suite.store);
    suite.app = await buildApp({ store: suite.store, config: { publicUrl: 'http://127.0.0.1' } });
    suite.base = await suite.app.listen({ host: '127.0.0.1', port: 0 });
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
    await suite.store?.close();
  });
  return suite;
}

export interface AccountBrowser {
  store: TestStore;
  smtp: TestSmtpServer;
  app: FastifyInstance;
  browser: Browser;
  /** The running server's origin; its PUBLIC_URL too, so the e-mailed links lead back to it. */
  url: string;
}

/**
 * For a describe block of the account pages in Chromium: an empty database (plus what `seed` adds)
 * on PostgreSQL when reachable, a real SMTP server on loopback receiving the sign-in e-mails, the
 * app on a free port it knows as its public URL, and a browser.
 */
export function accountBrowserSuite(seed?: (store: TestStore) => Promise<unknown>): AccountBrowser {
  const suite = {} as AccountBrowser;
  beforeAll(async () => {
    suite.store = await createTestStore(ENGINES.includes('postgres') ? 'postgres' : 'sqlite');
    await seed?.(suite.store);
    suite.smtp = await startSmtpServer();
    const port = await freePort();
    suite.url = `http://127.0.0.1:${port}`;
    const config = loadConfig({ DATABASE_URL: suite.store.url, SMTP_URL: suite.smtp.url, WAYPOST_SECRET: 'e2e-secret-0123456789abcdef', PORT: String(port) });
    suite.app = await buildApp({ store: suite.store, config });
    await suite.app.listen({ host: '127.0.0.1', port });
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
    await suite.smtp?.close();
    await suite.store?.close();
  });
  return suite;
}
