import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueAlert } from '../../src/alerts/issue.ts';
import { demonstration } from '../helpers/alerts-setup.ts';
import { chromiumAvailable, SCREENSHOTS, seriousViolations } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { siteBrowserSuite } from '../helpers/site-browser.ts';

/**
 * The home page in Chromium with an active alert (issue 16): the alert on the map and in the main
 * navigation, small destinations as markers large enough to tap, no serious accessibility issue.
 * Screenshots go to docs/screenshots/ when UPDATE_SCREENSHOTS=1 (they are committed), else test-output/.
 */
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? new URL('../../docs/screenshots/', import.meta.url).pathname : SCREENSHOTS;

describe.skipIf(!chromiumAvailable()).each(ENGINES)('home page map in Chromium on %s', (engine) => {
  const suite = siteBrowserSuite(engine, (store) => issueAlert({ db: store.db, now: () => new Date(), publicUrl: 'http://127.0.0.1' }, { id: null, label: 'crisis@example.org', role: 'crisis' }, demonstration({ severity: 'Severe' })));

  it.each([[1366, 900], [390, 844]])('shows the active alert on the map, in the list and in the navigation at %s×%s px', async (width, height) => {
    const page = await suite.browser.newPage({ viewport: { width, height } });
    await page.goto(`${suite.base}/`);
    // The navigation says how many alerts are active, in words for screen readers.
    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Alerts\W*1 active$/ });
    expect(await nav.count()).toBe(1);
    expect(await nav.isVisible()).toBe(true);
    expect(await nav.getAttribute('href')).toBe('/alerts/');
    // The map draws the alert's area and a marker that links to the alert.
    const onMap = page.locator('svg.world-map').getByRole('link', { name: /^Alert \(Severe\): Demonstration in Moscow\. Russia/ });
    expect(await onMap.count()).toBe(1);
    const alertHref = (await onMap.getAttribute('href'))!;
    expect(alertHref).toMatch(/^\/alerts\/\d+\/$/);
    expect(await page.locator('.home-alerts').getByRole('link', { name: 'Demonstration in Moscow' }).getAttribute('href')).toBe(alertHref);
    // Malta has no outline at this scale: its marker is there, in its level's colour, and (on a wide screen) at least 24 px to tap.
    const malta = page.locator('svg.world-map').getByRole('link', { name: /^Malta: Level \d/ });
    expect(await malta.locator('circle.marker').isVisible()).toBe(true);
    if (width >= 1366) {
      for (const target of [malta.locator('circle.target'), onMap.locator('circle.alert-target')]) {
        const box = (await target.boundingBox())!;
        expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
      }
    }
    expect(await seriousViolations(page)).toEqual([]);
    if (engine === 'sqlite') await page.screenshot({ path: join(SHOTS, `home-${width}.png`) });
    await onMap.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Demonstration in Moscow');
    await page.close();
  }, 90_000);
});
