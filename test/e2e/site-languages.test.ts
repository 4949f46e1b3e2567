import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { chromiumAvailable, launchChromium, seriousViolations } from '../helpers/browser.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';

describe.skipIf(!chromiumAvailable()).each(ENGINES)('choosing French on the public site in Chromium on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: { publicUrl: 'http://127.0.0.1' } });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    // An English-speaking browser: French comes only from the menu.
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it('Français in the menu turns the page French, the links followed after it stay French, with no serious accessibility issue', async () => {
    await page.goto(`${base}/destinations/russia/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('.language-menu').getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(/lang=fr/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe('Russie');
    expect(await page.locator('.language-menu a[aria-current]').textContent()).toBe('Français');
    expect(await seriousViolations(page)).toEqual([]);

    // A plain link (no ?lang=): the cookie keeps the reader in French.
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Destinations de A à Z' }).click();
    await page.waitForURL(/\/destinations\/$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe('Destinations de A à Z');
    expect(await seriousViolations(page)).toEqual([]);

    // And back to English from the menu.
    await page.locator('.language-menu').getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('h1').textContent()).toBe('Destinations A–Z');
  }, 120_000);
});
