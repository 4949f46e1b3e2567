import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { SCREENSHOTS, chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { answerLink, day } from '../helpers/crises-setup.ts';
import { ENGINES } from '../helpers/databases.ts';
import { OFFICER, staffBrowserSuite } from '../helpers/staff-browser.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';

const SECRET = 'e2e-crisis-secret-0123456789abcdef';

describe.skipIf(!chromiumAvailable()).each(ENGINES)('a crisis drill in Chromium on %s', (engine) => {
  const env = staffBrowserSuite(engine, { secret: SECRET });

  it('declared in the console, asked by e-mail, answered on the link\'s page, counted on the dashboard', async () => {
    const { store, url, smtp, mail, browser } = env;
    for (const email of ['student@example.org', 'engineer@example.org']) {
      await addTrip(store.db, (await addTraveller(store.db, email)).id, 'RU', { start: day(-4), end: day(20), region: 'RU-MOW' });
    }
    // bypassCSP lets axe-core run inside the console, whose CSP allows no script at all.
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    await page.goto(`${url}/console`);
    await page.getByLabel('E-mail address').fill(OFFICER.email);
    await page.getByLabel('Password').fill(OFFICER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Crises', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Crises');
    await page.getByLabel('Title').fill('Evacuation drill, Moscow');
    await page.getByLabel('Destinations').fill('RU');
    await page.getByLabel('Regions (optional)').fill('RU-MOW');
    await page.getByRole('checkbox', { name: /Exercise/ }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Declare' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Crisis declared.');
    await page.getByRole('button', { name: 'Ask everyone in scope now' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Check-in queued');

    // The worker sends the wave; the traveller opens "I need help" from the mail in a browser of their own.
    await new NotifyWorker({ store, config: { publicUrl: url, secret: SECRET }, mail }).drain();
    await smtp.waitFor(2);
    const message = smtp.received.find((m) => m.to[0] === 'student@example.org')!;
    expect(message.subject).toBe('EXERCISE – Are you safe? – Evacuation drill, Moscow');
    const traveller = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await traveller.goto(`${url}${answerLink(message, 'I need help')}`);
    await expect.poll(() => traveller.locator('h1').textContent()).toBe('EXERCISE – Check-in: Evacuation drill, Moscow');
    expect(await seriousViolations(traveller)).toEqual([]);
    await traveller.getByRole('button', { name: 'Record “I need help”' }).click();
    await expect.poll(() => traveller.locator('.notice').textContent()).toContain('Recorded: I need help');
    await traveller.getByLabel('Where you are').fill('Hostel on Arbat Street');
    await traveller.getByLabel('People with you, you included').fill('2');
    await traveller.getByLabel('Note').fill('My friend has no passport.');
    await traveller.screenshot({ path: join(SCREENSHOTS, `check-in-details-${engine}.png`), fullPage: true });
    expect(await seriousViolations(traveller)).toEqual([]);
    await traveller.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => traveller.locator('h1').textContent()).toBe('EXERCISE – Thank you');
    await traveller.close();

    await page.reload();
    await expect.poll(() => page.locator('svg title#chart-title').textContent()).toBe('People by answer: Need help 1, No answer 1, Undeliverable 0, Safe 0, Not there / left 0');
    expect(await page.getByRole('cell', { name: 'Hostel on Arbat Street' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, `console-crisis-dashboard-${engine}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
