import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumAvailable, SCREENSHOTS } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { horizontalOverflow } from '../helpers/overflow.ts';
import { getRoutes } from '../helpers/routes.ts';
import { PAGE_SHOTS, shootPage, writeScreenshotIndex } from '../helpers/screenshots.ts';
import { consoleContext, LAPTOP, PHONE, signedIn, tourSuite } from '../helpers/tour.ts';
import { CONSUL, PAGES, tourIds, unlisted, type TourIds, type Viewer } from '../helpers/tour-pages.ts';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Nothing on any page is wider than a phone (390×844) or a laptop (1366×900): every public page,
 * every account page (a traveller's and an organisation manager's) and every console page (an
 * admin's, a consul's), listed in test/helpers/tour-pages.ts and checked there against the app's
 * own route tree, issue 16 "Mobile first". With UPDATE_SCREENSHOTS=1 each page is also shot at
 * both sizes into docs/screenshots/pages/ with an index (docs/screenshots/README.md), to commit.
 */

const DOCS_SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;
const WRITE = process.env.UPDATE_SCREENSHOTS === '1';

/** Screenshots for people (test-output/), and for the docs when UPDATE_SCREENSHOTS=1 (committed). */
async function shoot(page: Page, name: string, fullPage: boolean): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
  if (WRITE) await page.screenshot({ path: join(DOCS_SCREENSHOTS, `${name}.png`), fullPage });
}

/** "path at width: …" for a page that overflows, nothing for one that fits. */
async function check(page: Page, path: string, found: string[]): Promise<void> {
  const { scrollWidth, innerWidth, offenders, scrollers } = await horizontalOverflow(page);
  if (scrollWidth > innerWidth || offenders.length) found.push(`${path} at ${innerWidth} px: scrollWidth ${scrollWidth}; ${offenders.join('; ')}`);
  // On a phone nothing scrolls sideways, not even inside a box of its own: tables become cards.
  if (innerWidth <= PHONE.width && scrollers.length) found.push(`${path} at ${innerWidth} px scrolls inside: ${scrollers.join('; ')}`);
}

describe.skipIf(!chromiumAvailable()).each(ENGINES)('no horizontal overflow, phone and laptop, on %s', (engine) => {
  const tour = tourSuite(engine);
  let ids: TourIds;
  beforeAll(async () => {
    ids = await tourIds(tour);
  });
  // The committed screenshots come from one database: the pages are the same on both.
  const writing = WRITE && engine === ENGINES[0];
  afterAll(() => {
    if (writing) writeScreenshotIndex(DOCS_SCREENSHOTS);
  });

  it('lists every page route of the app, or says why a route is not a page to look at', () => {
    const routes = getRoutes(tour.app);
    expect(routes.length).toBeGreaterThan(80);
    expect(routes).toContain('/console/drafts/:id/edit');
    expect(unlisted(routes)).toEqual({ missing: [], stale: [] });
  });

  /** Visits every page as its viewer at `viewport` (in French with `lang`); returns wrong statuses and overflows. */
  async function tourAll(viewport: typeof PHONE, lang?: 'fr'): Promise<{ statuses: string[]; found: string[] }> {
    // One context per viewer, one page each, reused from page to page.
    const contexts: Record<Viewer, BrowserContext> = {
      public: await tour.browser.newContext({ viewport }),
      traveller: await signedIn(tour, tour.traveller, viewport),
      manager: await signedIn(tour, tour.manager, viewport),
      admin: await consoleContext(tour, viewport),
      consul: await consoleContext(tour, viewport, CONSUL),
    };
    const pages = new Map<Viewer, Page>();
    const found: string[] = [];
    const statuses: string[] = [];
    const shots = writing && !lang;
    if (shots) mkdirSync(join(DOCS_SCREENSHOTS, PAGE_SHOTS), { recursive: true });
    for (const entry of PAGES) {
      const page = pages.get(entry.viewer) ?? await contexts[entry.viewer].newPage();
      pages.set(entry.viewer, page);
      const path = entry.path(ids);
      const url = new URL(path, tour.url);
      if (lang) url.searchParams.set('lang', lang);
      const response = await page.goto(url.href);
      const status = response?.status();
      if (status !== (entry.route === null ? 404 : 200) || new URL(page.url()).pathname !== url.pathname) statuses.push(`${path}: ${status} at ${page.url()}`);
      if (lang && await page.locator('html').getAttribute('lang') !== lang) statuses.push(`${path}: not in ${lang}`);
      await check(page, `${url.pathname}${url.search}`, found);
      if (shots) await shootPage(page, join(DOCS_SCREENSHOTS, PAGE_SHOTS), entry, viewport);
    }
    for (const context of Object.values(contexts)) await context.close();
    return { statuses, found };
  }

  it.each([['phone', PHONE], ['laptop', LAPTOP]] as const)('no public, account or console page scrolls sideways on a %s', async (_name, viewport) => {
    const { statuses, found } = await tourAll(viewport);
    expect(statuses).toEqual([]);
    expect(found).toEqual([]);
  }, 300_000);

  // French runs longer than English (labels, buttons, table headings): the phone is where it would overflow.
  it('no page scrolls sideways on a phone in French, and every page is in French', async () => {
    const { statuses, found } = await tourAll(PHONE, 'fr');
    expect(statuses).toEqual([]);
    expect(found).toEqual([]);
  }, 300_000);

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
    await expect.poll(() => page.locator('details.fold:not([open])').count(), { timeout: 5000 }).toBe(0);
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
