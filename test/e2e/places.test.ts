import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/places/gazetteer.ts';
import { SCREENSHOTS, chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { staffBrowserSuite } from '../helpers/staff-browser.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!chromiumAvailable())('the trip form takes places by the names people use, in Chromium', () => {
  const env = staffBrowserSuite(ENGINES.includes('postgres') ? 'postgres' : 'sqlite');

  it('typing "St Petersburg" suggests Saint Petersburg (RU-SPE), fills Russia, enrols into RU-SPE; a place it cannot find is explained and kept', async () => {
    // As `waypost serve` does right after start-up, so the first suggestion does not wait for it.
    loadGazetteer();
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = 'student.places@example.org';

    // Sign in as a traveller: the link comes from the built-in outbox (no SMTP configured here).
    await page.goto(`${env.url}/account/sign-in`);
    await page.getByLabel('Your e-mail address').fill(email);
    await page.getByRole('button', { name: 'E-mail me a link' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Check your e-mail');
    const mail = await env.store.db.selectFrom('outbox_messages').select('text_body').where('recipient', '=', email).executeTakeFirstOrThrow();
    await page.goto(`${env.url}${new URL(/(https?:\/\/\S+\/account\/link\/\S+)/.exec(mail.text_body)![1]!).pathname}`);
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Your account');

    // Typing asks /api/v1/places; the suggestions are the datalist's options.
    const region = page.locator('#region-0');
    await region.pressSequentially('St Petersburg', { delay: 20 });
    const option = page.locator('#places-0 option').first();
    await expect.poll(() => option.getAttribute('value'), { timeout: 15_000 }).toBe('Saint Petersburg — RU-SPE, Russia');
    expect(await region.inputValue()).toBe('St Petersburg');

    // Choosing a suggestion, as the browser does, sets the field's value and fires input.
    await region.fill('Saint Petersburg — RU-SPE, Russia');
    await expect.poll(() => region.inputValue(), { timeout: 5_000 }).toBe('Saint Petersburg');
    expect(await page.locator('#destination-0').inputValue()).toBe('Russia');
    await page.locator('#start').fill(inDays(10));
    await page.locator('#end').fill(inDays(40));
    await page.getByRole('button', { name: 'Enrol this trip' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 15_000 }).toContain('Trip enrolled');
    expect(await page.locator('#trips .item-title').first().textContent()).toContain('Sankt-Peterburg (RU-SPE)');
    const stop = await env.store.db.selectFrom('trip_destinations').select(['destination_code', 'region']).executeTakeFirstOrThrow();
    expect(stop).toEqual({ destination_code: 'RU', region: 'RU-SPE' });

    // A place it cannot find: the reason in words, and everything typed still there.
    await page.locator('#destination-0').fill('Russia');
    await region.fill('Qwzrtplk');
    await page.locator('#start').fill(inDays(50));
    await page.locator('#end').fill(inDays(60));
    await page.getByRole('button', { name: 'Enrol this trip' }).click();
    await expect.poll(() => page.locator('#trip-problem').textContent(), { timeout: 15_000 }).toContain('Unknown region "Qwzrtplk" in Russia: we know no city or region of that name there');
    expect(await page.locator('#region-0').inputValue()).toBe('Qwzrtplk');
    expect(await page.locator('#destination-0').inputValue()).toBe('Russia');
    expect(await page.locator('#start').inputValue()).toBe(inDays(50));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'trip-form-place-refused.png'), fullPage: false });
    await context.close();
  }, 60_000);
});
