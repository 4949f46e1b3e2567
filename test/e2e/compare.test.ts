import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPeerFeed } from '../../src/sources/peers/store.ts';
import { chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { siteBrowserSuite } from '../helpers/site-browser.ts';

/** /compare/ in a real browser (issue 17): the disagree view, sorting by link, and no serious accessibility issue. */
describe.skipIf(!chromiumAvailable()).each(ENGINES)('/compare/ in Chromium on %s', (engine) => {
  const suite = siteBrowserSuite(engine, async (store) => {
    const entry = (code: string, level: 1 | 2 | 3 | 4, nativeLabel: string) => ({ code, title: code, nativeLabel, level, regions: [], sections: [], changeNote: '', updatedAt: '2026-09-01T00:00:00.000Z', url: `https://example.org/${code}`, uncoded: [] });
    await importPeerFeed(store.db, { format: 't', items: 2, merges: [], unmapped: [], entries: [entry('FR', 4, 'Advise against all travel'), entry('RU', 4, 'Advise against all travel')] }, { source: 'uk-fcdo' });
  });
  let page: Page;

  beforeAll(async () => {
    page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  it('goes from the whole table to where governments disagree, France first among them, with no serious accessibility issue', async () => {
    await page.goto(`${suite.base}/compare/`);
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
    await page.goto(`${suite.base}/compare/`);
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
