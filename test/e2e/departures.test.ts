import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { SCREENSHOTS, chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { answerLink, day } from '../helpers/crises-setup.ts';
import { ENGINES } from '../helpers/databases.ts';
import { OFFICER, staffBrowserSuite } from '../helpers/staff-browser.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';

const SECRET = 'e2e-departure-secret-0123456789abcdef';

describe.skipIf(!chromiumAvailable()).each(ENGINES)('departure assistance in Chromium on %s', (engine) => {
  const env = staffBrowserSuite(engine, { secret: SECRET });

  it('a traveller asks from the check-in page; staff put them on a bus from the crisis page and mark them boarded', async () => {
    const { store, url, smtp, mail, browser } = env;
    await addTrip(store.db, (await addTraveller(store.db, 'student@example.org')).id, 'RU', { start: day(-4), end: day(20), region: 'RU-MOW' });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    await page.goto(`${url}/console`);
    await page.getByLabel('E-mail address').fill(OFFICER.email);
    await page.getByLabel('Password').fill(OFFICER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Crises', exact: true }).click();
    await page.getByLabel('Title').fill('Unrest in Moscow');
    await page.getByLabel('Destinations').fill('RU');
    await page.getByRole('button', { name: 'Declare' }).click();
    await page.getByRole('button', { name: 'Ask everyone in scope now' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Check-in queued');
    await new NotifyWorker({ store, config: { publicUrl: url, secret: SECRET }, mail }).drain();
    await smtp.waitFor(1);

    const traveller = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await traveller.goto(`${url}${answerLink(smtp.received[0]!, 'I need help')}`);
    await traveller.getByRole('button', { name: 'Record “I need help”' }).click();
    await traveller.getByRole('link', { name: 'I need help to leave' }).click();
    await traveller.getByLabel('People leaving with you, you included').fill('3');
    await traveller.getByLabel('Dependants among them').fill('1');
    await traveller.getByLabel('Citizenships in your party').fill('GB, IE');
    await traveller.getByLabel('Passports you hold').fill('GB');
    await traveller.getByLabel('Where you are now').fill('Hostel on Arbat Street');
    await traveller.getByLabel('Special needs (optional)').fill('A child of two; a pushchair.');
    expect(await seriousViolations(traveller)).toEqual([]);
    await traveller.getByRole('button', { name: 'Ask for help to leave' }).click();
    await expect.poll(() => traveller.locator('main').textContent()).toContain('Your request is saved.');
    await traveller.screenshot({ path: join(SCREENSHOTS, `departure-request-${engine}.png`), fullPage: true });
    await traveller.close();

    await page.reload();
    await page.getByLabel('Mode').selectOption('bus');
    await page.getByLabel('Label').fill('Bus 1 to Riga');
    await page.getByLabel('Capacity (persons)').fill('40');
    await page.getByLabel('Meeting point').fill('Embassy car park');
    await page.getByLabel('Meeting time').fill(new Date(Date.now() + 20 * 3_600_000).toISOString());
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Departure created.');
    expect(await page.locator('#assign-departure').textContent()).toContain('Bus 1 to Riga (bus) – 40 of 40 places left');
    await page.locator('input[name="request"][id^="request-"]').check();
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.locator('#departures').textContent()).toContain('3 of 40 places taken, 37 left');
    await page.getByLabel(/^Boarded: request/).check();
    await page.getByRole('button', { name: 'Mark the ticked as boarded' }).click();
    await expect.poll(() => page.locator('#departures').textContent()).toContain('3 boarded');
    await page.screenshot({ path: join(SCREENSHOTS, `console-departures-${engine}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
