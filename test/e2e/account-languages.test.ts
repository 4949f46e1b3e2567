import { describe, expect, it } from 'vitest';
import { chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { accountBrowserSuite } from '../helpers/site-browser.ts';

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Issue 16, "Two languages, properly": a traveller switches the account to French and enrols a trip, mistakes and all, in French. */
describe.skipIf(!chromiumAvailable())('the account in French, in Chromium', () => {
  const suite = accountBrowserSuite();

  it('switches to Français on /account, is refused a trip in French with what was typed kept, then enrols it; axe finds nothing serious', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${suite.url}/account/sign-in`);
    await page.getByLabel('Your e-mail address').fill('camille@example.org');
    await page.getByRole('button', { name: 'E-mail me a link' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('Check your e-mail');
    const [mail] = await suite.smtp.waitFor(1);
    await page.goto(/(http:\/\/127\.0\.0\.1:\d+\/account\/link\/\S+)/.exec(mail!.text!)![1]!);
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('Your account');

    // The language menu names each language in itself; the choice is kept for the next pages.
    await page.getByRole('navigation', { name: 'Choose a language' }).getByRole('link', { name: 'Français' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('Votre compte');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('link', { name: 'Français' }).getAttribute('aria-current')).toBe('true');

    // A trip that ends before it starts: refused in French, the form keeps the French name typed.
    await page.getByLabel('Destination', { exact: true }).fill('Russie');
    await page.locator('#start').fill(day(5));
    await page.locator('#end').fill(day(1));
    await page.getByRole('button', { name: 'Inscrire ce voyage' }).click();
    await expect.poll(() => page.locator('#trip-problem').textContent(), { timeout: 20_000 }).toContain('Le voyage se termine avant de commencer : vérifiez les dates.');
    expect(await page.getByRole('alert').first().textContent()).toContain('Le voyage se termine avant de commencer');
    expect(await page.getByLabel('Destination', { exact: true }).inputValue()).toBe('Russie');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#end').fill(day(12));
    await page.getByRole('button', { name: 'Inscrire ce voyage' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 20_000 }).toContain('Voyage inscrit.');
    const trip = page.locator('#trips .item-title').first();
    expect(await trip.textContent()).toContain('Russie');
    expect(await seriousViolations(page)).toEqual([]);

    // Every account page follows, here the profile, whose language list offers only what exists.
    await page.getByRole('navigation', { name: 'Rubriques du compte' }).getByRole('link', { name: 'Profil' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('Profil');
    expect(await page.locator('#language option').allTextContents()).toEqual(['English', 'Français']);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 180_000);
});
