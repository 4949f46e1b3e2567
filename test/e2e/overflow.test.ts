import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chromiumAvailable, SCREENSHOTS } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { crawl, horizontalOverflow } from '../helpers/overflow.ts';
import { consoleContext, LAPTOP, PHONE, signedIn, tourSuite, type Tour } from '../helpers/tour.ts';
import type { Page } from 'playwright-core';

/**
 * Nothing on any page is wider than a phone (390×844) or a laptop (1366×900): every kind of public
 * page, every account page (a traveller's and an organisation manager's) and every console page
 * (an admin's, found by following the console's own links), issue 16 "Mobile first".
 */

const PUBLIC = (tour: Tour) => [
  '/', '/destinations/', '/destinations/russia/', '/destinations/ukraine/', '/destinations/russia/revisions/1/', '/levels/4/', '/indicators/C/',
  '/alerts/', `/alerts/${tour.alertId}/`, '/search/?q=moscow', '/compare/', '/data/', '/no-such-page/',
];
/** Links that are actions or downloads, not pages to look at. */
const SKIP = /sign-out|\.csv$|\/export$|\.json$|\.xml$|\.cap$/;

const DOCS_SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

/** Screenshots for people (test-output/), and for the docs when UPDATE_SCREENSHOTS=1 (committed). */
async function shoot(page: Page, name: string, fullPage: boolean): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
  if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(DOCS_SCREENSHOTS, `${name}.png`), fullPage });
}

/** "path at width: …" for a page that overflows, nothing for one that fits. */
async function check(page: Page, path: string, found: string[]): Promise<void> {
  const { scrollWidth, innerWidth, offenders } = await horizontalOverflow(page);
  if (scrollWidth > innerWidth || offenders.length) found.push(`${path} at ${innerWidth} px: scrollWidth ${scrollWidth}; ${offenders.join('; ')}`);
}

describe.skipIf(!chromiumAvailable()).each(ENGINES)('no horizontal overflow, phone and laptop, on %s', (engine) => {
  const tour = tourSuite(engine);

  it.each([['phone', PHONE], ['laptop', LAPTOP]] as const)('public pages on a %s', async (_name, viewport) => {
    const page = await tour.browser.newPage({ viewport });
    const found: string[] = [];
    for (const path of PUBLIC(tour)) {
      await page.goto(`${tour.url}${path}`);
      await check(page, path, found);
    }
    expect(found).toEqual([]);
    await page.close();
  }, 120_000);

  it.each([['phone', PHONE], ['laptop', LAPTOP]] as const)('account pages of a traveller and of an organisation manager on a %s', async (_name, viewport) => {
    for (const session of [tour.traveller, tour.manager]) {
      const context = await signedIn(tour, session, viewport);
      const found: string[] = [];
      const pages = await crawl(context, tour.url, '/account', '/account', SKIP, (page, path) => check(page, path, found));
      // The overview, five section pages, deleting the account, a trip's edit page; the manager's organisation.
      expect(pages.length, pages.join(' ')).toBeGreaterThanOrEqual(session === tour.manager ? 8 : 8);
      expect(found).toEqual([]);
      await context.close();
    }
  }, 180_000);

  it.each([['phone', PHONE], ['laptop', LAPTOP]] as const)('console pages of an admin on a %s', async (_name, viewport) => {
    const context = await consoleContext(tour, viewport);
    const found: string[] = [];
    const pages = await crawl(context, tour.url, '/console', '/console', SKIP, (page, path) => check(page, path, found));
    expect(pages.length, pages.join(' ')).toBeGreaterThanOrEqual(15);
    expect(found).toEqual([]);
    await context.close();
  }, 240_000);

  it('on a phone, Russia\'s page starts with the enrol link, what changed and the contents; long sections fold, and print whole', async () => {
    const page = await tour.browser.newPage({ viewport: PHONE });
    await page.goto(`${tour.url}/destinations/russia/`);
    await shoot(page, 'destination-390', true);
    const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
    for (const selector of ['#changed-title', '#toc-title', 'a.button:text("Subscribe or enrol a trip")']) {
      expect(await top(selector), selector).toBeLessThan(2 * PHONE.height);
    }
    const height = await page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollHeight: number } } }).document.scrollingElement.scrollHeight);
    expect(height).toBeLessThan(6500);
    const folds = page.locator('details.fold');
    expect(await folds.count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator('details.fold[open]').count()).toBe(0);
    const dual = page.locator('details.fold', { has: page.getByRole('heading', { name: 'Dual citizenship' }) });
    expect(await dual.locator('.prose').isVisible()).toBe(false);
    // The contents open the section they lead to.
    await page.locator('.toc').getByRole('link', { name: 'Dual citizenship' }).click();
    await expect.poll(() => dual.locator('.prose').isVisible()).toBe(true);
    // Printed, every section is there, open or not.
    await page.goto(`${tour.url}/destinations/russia/`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('details.fold:not([open]) .prose').first().isVisible()).toBe(true);
    expect(await page.locator('details.fold:not([open]) .timeline').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(LAPTOP);
    await page.goto(`${tour.url}/destinations/russia/`);
    await expect.poll(() => page.locator('details.fold:not([open])').count()).toBe(0);
    await shoot(page, 'destination-1366', false);
    await page.close();
  }, 60_000);

  it('on a phone, the organisation\'s people are cards with their level and LEAVE NOW on screen', async () => {
    for (const viewport of [PHONE, LAPTOP]) {
      const context = await signedIn(tour, tour.manager, viewport);
      const page = await context.newPage();
      await page.goto(`${tour.url}/account/organisations/${tour.organisationId}`);
      const leave = page.locator('table.stack .tag-urgent').first();
      expect(await leave.innerText()).toMatch(/leave now/i);
      for (const cell of [leave, page.locator('table.stack td .badge').first()]) {
        const box = (await cell.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }
      await shoot(page, `organisation-${viewport.width}`, viewport === PHONE);
      await page.goto(`${tour.url}/account`);
      expect(await page.locator('h1').innerText()).toBe('Your account');
      await shoot(page, `account-${viewport.width}`, viewport === PHONE);
      await context.close();
    }
  }, 60_000);
});
