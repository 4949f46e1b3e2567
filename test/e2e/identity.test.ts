import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { addUser } from '../../src/staff/users.ts';
import { SCREENSHOTS, chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';
import { staffBrowserSuite } from '../helpers/staff-browser.ts';

/** An admin gives the deployment a ministry's identity in the console; the public pages carry it (docs/identity.md). */

/** The machine may be loaded: a form post and its page can take seconds. */
const slowPoll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

const ADMIN = { email: 'site.admin@example.org', password: 'a long and unguessable admin password' };
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" onload="alert(1)"><script>alert(2)</script><circle cx="20" cy="20" r="18" fill="#ffffff"/><path d="M12 20h16M20 12v16" stroke="#1d4f91" stroke-width="4"/></svg>';

describe.skipIf(!chromiumAvailable()).each(ENGINES)('deployment identity in Chromium on %s', (engine) => {
  const env = staffBrowserSuite(engine, {
    seed: async (store) => {
      await importBundled(store.db);
      await addUser(store.db, { email: ADMIN.email, role: 'admin', name: 'Site Admin', password: ADMIN.password }, COMMAND_LINE);
    },
  });

  it('an admin sets a ministry identity and logo; the destination page shows them, legibly and accessibly', async () => {
    const { url, browser } = env;
    // bypassCSP lets axe-core run inside the console, whose CSP allows no script at all.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${url}/console`);
    await page.getByLabel('E-mail address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await slowPoll(() => page.locator('h1').textContent()).toBe('Dashboard');

    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('link', { name: 'Change the identity' }).click();
    await slowPoll(() => page.locator('h1').textContent()).toBe('Deployment identity');
    await page.getByLabel('Authority name').fill('Ministry of Foreign Affairs of Ruritania');
    await page.getByLabel('Short name').fill('Ruritania MFA');
    await page.getByLabel('Citizen noun').fill('Ruritanian nationals');
    // A pale colour first: refused, with the contrast it would have.
    await page.getByLabel('Brand colour').fill('#ffe066');
    await page.getByRole('button', { name: 'Save identity' }).click();
    await slowPoll(() => page.locator('#errors').textContent()).toContain('contrast of 1.3:1');
    await page.getByLabel('Brand colour').fill('#1d4f91');
    await page.getByLabel('Emergency phone').fill('+44 20 7008 5000');
    await page.getByLabel('Contact page').fill('https://mfa.example.org/contact');
    await page.getByLabel('Footer links').fill('Privacy | https://mfa.example.org/privacy');
    await page.getByRole('button', { name: 'Save identity' }).click();
    await slowPoll(() => page.locator('.notice').textContent()).toContain('Identity saved');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Logo file').setInputFiles({ name: 'ministry.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO) });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await slowPoll(() => page.locator('.notice').textContent()).toContain('Logo saved');

    const site = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const reader = await site.newPage();
    reader.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await reader.goto(`${url}/destinations/russia/`);
    await slowPoll(() => reader.locator('.brand-name').textContent()).toBe('Ministry of Foreign Affairs of Ruritania');
    expect(await reader.title()).toBe('Russia: Level 4, Do Not Travel · Ruritania MFA');
    expect(await reader.locator('.site-header').evaluate((header) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(header).backgroundColor)).toBe('rgb(29, 79, 145)');
    // The logo loads as an image (the cleaned SVG), and nothing in it ran.
    await slowPoll(() => reader.locator('img.brand-logo').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true);
    await slowPoll(() => reader.locator('.site-footer').textContent()).toContain('+44 20 7008 5000');
    expect(await reader.locator('.site-footer').textContent()).toContain('Powered by Waypost');
    expect(await reader.getByRole('link', { name: 'Privacy' }).getAttribute('href')).toBe('https://mfa.example.org/privacy');
    // Russia's advice is imported: still credited to the State Department.
    expect(await reader.locator('.dest-head').textContent()).toContain('U.S. Department of State');
    expect(await seriousViolations(reader)).toEqual([]);
    await reader.screenshot({ path: join(SCREENSHOTS, `identity-russia-${engine}.png`), fullPage: false });
    await reader.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(reader)).toEqual([]);
    await reader.screenshot({ path: join(SCREENSHOTS, `identity-russia-mobile-${engine}.png`), fullPage: false });
    expect(dialogs).toEqual([]);
    await site.close();
    await context.close();
  }, 120_000);
});
