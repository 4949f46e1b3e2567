import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { SCREENSHOTS, chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { OFFICER, staffBrowserSuite } from '../helpers/staff-browser.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { importBundled } from '../helpers/seed.ts';

/** A YYYY-MM-DD `days` from today, and a datetime-local value `hours` from now (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const formTime = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16);
/** Moscow's clock is UTC+3 all year: what crisis staff there type for `hours` from now. */
const moscowTime = (hours: number) => formTime(hours + 3);

describe.skipIf(!chromiumAvailable()).each(ENGINES)('crisis staff issue an alert in Chromium on %s', (engine) => {
  const env = staffBrowserSuite(engine, { seed: (store) => importBundled(store.db) });

  it('a demonstration alert for Moscow: issued in the console with a CAP preview, shown on Russia\'s page and in the feed, mailed to a traveller in Russia and not to one in France', async () => {
    const { store, url, smtp, mail, browser } = env;
    const inRussia = await addTraveller(store.db, 'in-russia@example.org');
    await addTrip(store.db, inRussia.id, 'RU', { start: day(-2), end: day(12) });
    const inFrance = await addTraveller(store.db, 'in-france@example.org');
    await addTrip(store.db, inFrance.id, 'FR', { start: day(-2), end: day(12) });

    // bypassCSP lets axe-core run inside the console, whose CSP allows no script at all.
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    await page.goto(`${url}/console`);
    await page.getByLabel('E-mail address').fill(OFFICER.email);
    await page.getByLabel('Password').fill(OFFICER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dashboard');

    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.getByRole('link', { name: 'Issue an alert' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Issue an alert');
    // By name, and on Moscow's clock: the form says which zone it reads and the UTC time it stands for.
    await page.getByLabel('Destinations', { exact: true }).fill('Russia');
    await page.getByLabel('Regions (optional)').fill('RU-MOW');
    await page.getByLabel('Circle (optional)').fill('55.7558,37.6173 3');
    await page.getByLabel('Category').selectOption('Security');
    await page.getByLabel('Event').fill('Demonstration');
    await page.getByLabel('Severity').selectOption('Moderate');
    await page.getByLabel('Urgency').selectOption('Expected');
    await page.getByLabel('Certainty').selectOption('Likely');
    await page.getByLabel('Headline').fill('Demonstration in Moscow');
    await page.getByLabel('Description', { exact: true }).fill('A large demonstration is planned at Pushkin Square on Saturday. Police have detained bystanders at earlier protests.');
    await page.getByLabel('What to do (optional)').fill('Avoid Pushkin Square and Tverskaya Street. Carry your passport.');
    const expiresInMoscow = moscowTime(30);
    const expiresUtc = new Date(Date.parse(`${expiresInMoscow}:00Z`) - 3 * 3_600_000).toISOString().slice(0, 16);
    await page.getByLabel('Expires').fill(expiresInMoscow);
    await page.getByLabel('Sender name').fill('U.S. Embassy Moscow');

    // Preview: the CAP document, nothing saved yet.
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.locator('#cap-preview').textContent()).toContain('<headline>Demonstration in Moscow</headline>');
    const preview = (await page.locator('#cap-preview').textContent())!;
    expect(preview).toContain(`<expires>${expiresUtc}:00+00:00</expires>`);
    expect(await page.locator('#f-expires').locator('xpath=..').textContent()).toContain(`Europe/Moscow time = ${expiresUtc.replace('T', ' ')} UTC (UTC+3)`);
    expect(await page.locator('#mail-preview-subject').textContent()).toBe('Russia: Alert – Demonstration in Moscow');
    expect(await page.locator('#mail-preview').textContent()).toContain('What to do: Avoid Pushkin Square and Tverskaya Street. Carry your passport.');
    expect(preview).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect(preview).toContain('<circle>55.7558,37.6173 3</circle>');
    expect(preview).toContain('<areaDesc>Moskva (RU-MOW), Russia</areaDesc>');
    expect(await store.db.selectFrom('alerts').select('id').execute()).toEqual([]);
    expect(await page.getByLabel('Headline').inputValue()).toBe('Demonstration in Moscow');
    await page.screenshot({ path: join(SCREENSHOTS, `console-alert-preview-${engine}.png`), fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Issue alert' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Alert issued.');
    expect(await page.locator('h1').textContent()).toBe('Demonstration in Moscow');
    expect(await page.locator('#cap-document').textContent()).toContain('<msgType>Alert</msgType>');
    const { id } = await store.db.selectFrom('alerts').select('id').executeTakeFirstOrThrow();

    // Russia's public page shows it; France's does not.
    await page.goto(`${url}/destinations/russia/`);
    const panel = page.locator('.alerts-panel');
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Active alert');
    expect(await panel.getByRole('link', { name: 'Demonstration in Moscow' }).getAttribute('href')).toBe(`/alerts/${id}/`);
    expect(await panel.textContent()).toContain('Moskva (RU-MOW), Russia');
    await page.screenshot({ path: join(SCREENSHOTS, `site-russia-alert-${engine}.png`), fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
    await panel.getByRole('link', { name: 'Demonstration in Moscow' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Demonstration in Moscow');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${url}/destinations/france/`);
    expect(await page.locator('.alerts-panel').count()).toBe(0);

    // The Atom index lists it, linking to its CAP document.
    const feed = await page.request.get(`${url}/feeds/alerts.atom`);
    const atom = await feed.text();
    expect(atom).toContain('<title>Demonstration in Moscow</title>');
    expect(atom).toContain(`<link rel="alternate" type="application/cap+xml" href="http://127.0.0.1/feeds/alerts/${id}.cap"/>`);
    const cap = await page.request.get(`${url}/feeds/alerts/${id}.cap`);
    expect(cap.headers()['content-type']).toBe('application/cap+xml; charset=utf-8');
    expect(await cap.text()).toContain('<event>Demonstration</event>');
    await context.close();

    // The worker delivers it to the test SMTP server: the traveller in Russia only.
    const worker = new NotifyWorker({ store, config: { publicUrl: 'https://advice.example.org', secret: 'e2e-alert-secret-0123456789' }, mail });
    expect(await worker.drain()).toBe(1);
    await smtp.waitFor(1);
    expect(smtp.received.map((m) => m.to[0])).toEqual(['in-russia@example.org']);
    const message = smtp.received[0]!;
    expect(message.subject).toBe('Russia: Alert – Demonstration in Moscow');
    expect(message.text).toContain('What to do: Avoid Pushkin Square and Tverskaya Street. Carry your passport.');
    expect(message.text).toContain(`https://advice.example.org/alerts/${id}/`);
  });
});
