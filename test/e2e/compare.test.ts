import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { importPeerFeed } from '../../src/sources/peers/store.ts';
import { chromiumAvailable, launchChromium, seriousViolations } from '../helpers/browser.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';

/** /compare/ in a real browser (issue 17): the disagree view, sorting by link, and no serious accessibility issue. */
describe.skipIf(!chromiumAvailable()).each(ENGINES)('/compare/ in Chromium on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    const entry = (code: string, level: 1 | 2 | 3 | 4, nativeLabel: string) => ({ code, title: code, nativeLabel, level, regions: [], sections: [], changeNote: '', updatedAt: '2026-09-01T00:00:00.000Z', url: `https://example.org/${code}`, uncoded: [] });
    await importPeerFeed(store.db, { format: 't', items: 2, merges: [], unmapped: [], entries: [entry('FR', 4, 'Advise against all travel'), entry('RU', 4, 'Advise against all travel')] }, { source: 'uk-fcdo' });
    app = await buildApp({ store, config: { publicUrl: 'http://127.0.0.1' } });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it('goes from the whole table to where governments disagree, France first among them, with no serious accessibility issue', async () => {
    await page.goto(`${base}/compare/`);
    expect(await page.locator('table.compare tbody tr').count()).toBeGreaterThan(150);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Where governments disagree' }).click();
    await page.waitForURL(/disagree=2/);
    const rows = page.locator('table.compare tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    expect(await rows.first().locator('th').innerText()).toBe('France');
    expect(await rows.first().innerText()).toContain('Advise against all travel');
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it('maps the highest level any government gives; a country on the map leads to its comparison', async () => {
    await page.goto(`${base}/compare/`);
    expect(await page.locator('#map-title').innerText()).toBe('The highest level any government gives');
    const france = page.getByRole('link', { name: /^France: Level 4, / });
    expect(await france.locator('path').getAttribute('class')).toBe('l4');
    await france.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/destinations\/france\/#peers-title$/);
    expect(await page.locator('#peers-title').innerText()).toBe('What other governments say');
    expect(await page.locator('table.peers').innerText()).toContain('Advise against all travel');
  }, 120_000);
});
