import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../src/site/export.ts';
import { chromiumAvailable, SCREENSHOTS, seriousViolations } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { siteBrowserSuite } from '../helpers/site-browser.ts';

/** The little of the DOM these tests read inside the page (the project compiles without DOM types). */
type Dom = { document: { activeElement: { textContent: string | null; getAttribute(name: string): string | null; closest(selector: string): unknown } | null } };

describe.skipIf(!chromiumAvailable()).each(ENGINES)('public site in Chromium on %s', (engine) => {
  const suite = siteBrowserSuite(engine);
  let page: Page;

  beforeAll(async () => {
    page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  it('shows the home page: a map of linked countries, the Do Not Travel list, no serious accessibility issue', async () => {
    await page.goto(`${suite.base}/`);
    expect(await page.title()).toBe('Travel advisories: world map · Waypost');
    expect(await page.locator('svg.world-map a').count()).toBeGreaterThanOrEqual(170);
    await expect.poll(() => page.getByRole('link', { name: 'Russia: Level 4, Do Not Travel' }).count()).toBe(1);
    const doNotTravel = page.locator('.dnt-list li');
    expect(await doNotTravel.count()).toBe(20);
    expect(await page.locator('.dnt-list').getByRole('link', { name: 'Russia', exact: true }).isVisible()).toBe(true);
    expect(await page.locator('.legend').innerText()).toContain('Level 4: Do Not Travel');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'home.png'), fullPage: true });
  });

  it('can be used with the keyboard: skip link first, then the map countries are links', async () => {
    await page.goto(`${suite.base}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as Dom).document.activeElement?.textContent)).toBe('Skip to main content');
    let inMap = false;
    for (let i = 0; i < 40 && !inMap; i++) {
      await page.keyboard.press('Tab');
      inMap = await page.evaluate(() => Boolean((globalThis as unknown as Dom).document.activeElement?.closest('svg.world-map')));
    }
    expect(inMap).toBe(true);
    const name = await page.evaluate(() => (globalThis as unknown as Dom).document.activeElement?.getAttribute('aria-label'));
    expect(name).toMatch(/^[^:]+: (Level [1-4], .+|no advisory)$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/destinations\/[a-z0-9-]+\/$/);
    expect(await page.locator('h1').innerText()).toBe(name!.split(':')[0]);
  });

  it('shows Russia: Level 4 badge, the leave-now banner in the advisory\'s words, dual citizenship advice', async () => {
    await page.goto(`${suite.base}/destinations/russia`);
    expect(await page.locator('h1').innerText()).toBe('Russia');
    expect(await page.locator('.badge-large').innerText()).toBe('Level 4: Do Not Travel');
    expect(await page.locator('.banner-urgent').innerText()).toContain('should leave immediately');
    expect(await page.getByRole('heading', { name: 'Dual citizenship' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Wrongful Detention' }).first().isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'russia.png'), fullPage: true });
  });

  it('says in the reader\'s own language and day that Russia\'s advice is still current', async () => {
    // Far east of UTC and in German: the page script rewrites the server's UTC day.
    const context = await suite.browser.newContext({ locale: 'de-DE', timezoneId: 'Pacific/Kiritimati' });
    try {
      const reader = await context.newPage();
      await reader.goto(`${suite.base}/destinations/russia`);
      const still = reader.locator('time[data-date="still-current"]');
      const local = await reader.evaluate(() => new Date().toLocaleDateString('sv-SE'));
      await expect.poll(() => still.getAttribute('datetime')).toBe(local);
      expect(await still.innerText()).toMatch(/^\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$/);
      expect(await reader.locator('.freshness').innerText()).toContain('Updated:');
      // "Updated" is in the same language as "Still current at", not the server's English.
      const updated = reader.locator('.freshness time[datetime]:not([data-date])').first();
      expect(await updated.innerText()).toMatch(/^\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$/);
    } finally {
      await context.close();
    }
  });

  it('prints Russia\'s advice on A4 and Letter: one column, no navigation or side boxes, nothing cut off at the side', async () => {
    await page.goto(`${suite.base}/destinations/russia`);
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['.site-header', '.site-footer', '.dest-aside', '.breadcrumbs']) {
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      }
      expect(await page.locator('.banner-urgent').isVisible()).toBe(true);
      expect(await page.locator('.freshness').isVisible()).toBe(true);
      // The printable width of each paper (16 mm + 14 mm margins at 96 px per inch): no wider content.
      for (const [paper, widthMm] of [['A4', 210], ['Letter', 215.9]] as const) {
        const width = Math.floor(((widthMm - 28) / 25.4) * 96);
        await page.setViewportSize({ width, height: 1000 });
        const overflow = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        expect(overflow, paper).toBeLessThanOrEqual(0);
        const pdf = await page.pdf({ format: paper, printBackground: false });
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
        expect(pages, paper).toBeGreaterThan(0);
        expect(pages, paper).toBeLessThan(40);
      }
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('finds Myanmar by its former name and Russia by its code, from the header search', async () => {
    await page.goto(`${suite.base}/`);
    for (const [query, first] of [['Burma', 'Myanmar'], ['rus', 'Russia']] as const) {
      await page.getByRole('searchbox', { name: 'Search destinations' }).fill(query);
      await page.getByRole('searchbox', { name: 'Search destinations' }).press('Enter');
      await page.waitForURL(/\/search\/\?q=/);
      expect(await page.locator('.results li a').first().innerText()).toBe(first);
    }
  });

  it('filters the full list as you type on the search page (how search works on a static host)', async () => {
    await page.goto(`${suite.base}/search/`);
    expect(await page.locator('.results li:visible').count()).toBeGreaterThanOrEqual(249);
    await page.locator('#q').fill('burm');
    await expect.poll(() => page.locator('.results li:visible').count()).toBe(1);
    expect(await page.locator('.results li:visible a').innerText()).toBe('Myanmar');
    await page.goto(`${suite.base}/search/`);
    await page.locator('#q').fill('rus');
    await expect.poll(() => page.locator('.results li:visible a').first().innerText()).toBe('Russia');
    expect(await page.locator('#search-status').innerText()).toMatch(/destinations match “rus”/);
    // On a French page the script says it in French, from the lines the server wrote in the page.
    await page.goto(`${suite.base}/search/?lang=fr`);
    await page.locator('#q').fill('rus');
    await expect.poll(() => page.locator('#search-status').innerText()).toMatch(/destinations correspondent à « rus »/);
    await page.locator('#q').fill('zzzz');
    await expect.poll(() => page.locator('#search-status').innerText()).toBe('Aucune destination ne correspond à « zzzz ».');
    await page.goto(`${suite.base}/search/?lang=en`);
  });

  it('searches the static export with ?q= in the browser, where no server reads the query', async () => {
    const out = mkdtempSync(join(tmpdir(), 'waypost-e2e-export-'));
    try {
      await exportSite(suite.store, { out, base: '/', publicUrl: 'http://static.test' });
      // A plain file host: the path names a file, or a folder whose index.html is served.
      await page.route('http://static.test/**', async (route) => {
        const path = join(out, decodeURIComponent(new URL(route.request().url()).pathname));
        const file = path.endsWith('/') ? join(path, 'index.html') : path;
        if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
        return route.fulfill({ path: file });
      });
      await page.goto('http://static.test/search/?q=Burma');
      await expect.poll(() => page.locator('.results li:visible').count()).toBe(1);
      expect(await page.locator('.results li:visible a').innerText()).toBe('Myanmar');
      expect(await page.locator('#q').inputValue()).toBe('Burma');
      await page.goto('http://static.test/search/?q=rus');
      await expect.poll(() => page.locator('.results li:visible a').first().innerText()).toBe('Russia');
    } finally {
      await page.unroute('http://static.test/**');
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000); // a whole export, every page in English and French

  it('lists the 20 Do Not Travel destinations and where wrongful detention is a risk', async () => {
    await page.goto(`${suite.base}/levels/4/`);
    expect(await page.locator('table.destinations tbody tr').count()).toBe(20);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Wrongful Detention' }).first().click();
    await page.waitForURL(/\/indicators\/d\/$/);
    expect(await page.locator('h1').innerText()).toBe('Risk: Wrongful Detention');
    expect(await page.locator('table.destinations tbody').getByRole('link', { name: 'Russia', exact: true }).count()).toBe(1);
  });
});
