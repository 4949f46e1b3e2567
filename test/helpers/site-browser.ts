import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { launchChromium } from './browser.ts';
import type { Engine } from '../../src/store/connect.ts';
import { createTestStore, type TestStore } from './databases.ts';
import { importBundled } from './seed.ts';

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
