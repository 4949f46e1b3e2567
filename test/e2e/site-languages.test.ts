import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { siteBrowserSuite } from '../helpers/site-browser.ts';

describe.skipIf(!chromiumAvailable()).each(ENGINES)('choosing French on the public site in Chromium on %s', (engine) => {
  const suite = siteBrowserSuite(engine);
  let page: Page;

  beforeAll(async () => {
    // An English-speaking browser: French comes only from the menu.
    page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  it('Français in the menu turns the page French, the links followed after it stay French, with no serious accessibility issue', async () => {
    await page.goto(`${suite.base}/destinations/russia/`);
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
