import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { addUser } from '../../src/staff/users.ts';
import { SCREENSHOTS, chromiumAvailable, launchChromium, seriousViolations } from '../helpers/browser.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { importBundled } from '../helpers/seed.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const PASSWORD = 'a long and unguessable staff password';

/** Issue 15: an editor adds Russia's missions in the console, a reviewer publishes them, the page and API show them. */
describe.skipIf(!chromiumAvailable()).each(ENGINES)('missions in Chromium on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let smtp: TestSmtpServer;
  let mail: MailTransport;
  let url: string;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    await addUser(store.db, { email: 'desk@example.org', role: 'editor', name: 'Desk Officer', password: PASSWORD }, COMMAND_LINE);
    await addUser(store.db, { email: 'chief@example.org', role: 'reviewer', name: 'Chief', password: PASSWORD }, COMMAND_LINE);
    const traveller = await addTraveller(store.db, 'in-moscow@example.org');
    await addTrip(store.db, traveller.id, 'RU', { start: '2020-01-01', end: null });
    app = await buildApp({ store, config: { publicUrl: 'http://127.0.0.1' } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    smtp = await startSmtpServer();
    mail = smtpTransport(smtp.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await mail?.close();
    await smtp?.close();
    await app?.close();
    await store?.close();
  });

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${url}/console`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('Dashboard');
  }

  async function addMission(page: Page, i: number, mission: { status: string; since: string; note: string; type: string; name: string; city: string; phones?: string }): Promise<void> {
    await page.locator(`[name="m${i}_status"]`).selectOption(mission.status);
    await page.locator(`[name="m${i}_statusSince"]`).fill(mission.since);
    await page.locator(`[name="m${i}_statusNote"]`).fill(mission.note);
    await page.locator(`[name="m${i}_type"]`).selectOption(mission.type);
    await page.locator(`[name="m${i}_name"]`).fill(mission.name);
    await page.locator(`[name="m${i}_city"]`).fill(mission.city);
    if (mission.phones) await page.locator(`[name="m${i}_phones"]`).fill(mission.phones);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.problem').allTextContents()).toEqual([]);
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toBe('Draft saved.');
  }

  it('adds Russia\'s missions with consular services suspended, publishes them through review, and the page, API and e-mail show them', async () => {
    // bypassCSP lets axe-core run inside the console, whose CSP allows no script at all.
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();

    await signIn(page, 'desk@example.org');
    await page.goto(`${url}/console/destinations/RU`);
    await page.getByRole('button', { name: 'Start a draft' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('Draft started');
    const id = Number(/\/console\/drafts\/(\d+)\/edit/.exec(page.url())![1]);
    await addMission(page, 0, {
      status: 'reduced', since: '2021-08-01', note: 'Limited ability to assist detained citizens.', type: 'embassy', name: 'Embassy in Moscow', city: 'Moscow',
      phones: 'Switchboard: +7 495 728-5000\nAfter hours: +7 495 728-5025 (24/7)',
    });
    await addMission(page, 1, { status: 'suspended', since: '2021-05-12', note: 'All operations suspended.', type: 'consulate-general', name: 'Consulate General in Yekaterinburg', city: 'Yekaterinburg' });
    await page.locator('[name="qf_bankCardsWork"]').selectOption('no');
    await page.locator('[name="qf_bankCardsNote"]').fill('U.S. cards do not work in Russia.');
    await page.locator('[name="changeType"][value="major"]').check();
    await page.locator('#f-changeNote').fill('Consular services are suspended at the consulates.');
    await addMission(page, 2, { status: 'suspended', since: '2020-12-01', note: 'Consular services suspended.', type: 'consulate', name: 'Consulate in Vladivostok', city: 'Vladivostok' });
    expect(await page.locator('#must-be-major').textContent()).toContain('Consulate in Vladivostok listed as consular services suspended');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `console-missions-${engine}.png`), fullPage: false });
    await page.goto(`${url}/console/drafts/${id}`);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('Submitted for review');
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, 'chief@example.org');
    await page.goto(`${url}/console/drafts/${id}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('Approved');
    await page.getByRole('button', { name: 'Publish now…' }).click();
    await page.getByRole('button', { name: 'Publish now', exact: true }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('Published');

    await page.goto(`${url}/destinations/russia/`);
    const box = page.locator('section.missions');
    expect(await box.locator('h3').allTextContents()).toEqual(['Embassy in Moscow', 'Consulate General in Yekaterinburg', 'Consulate in Vladivostok']);
    expect(await box.locator('.mission-status strong').allTextContents()).toEqual(['Reduced staff', 'Consular services suspended', 'Consular services suspended']);
    expect(await page.locator('.quick-facts').textContent()).toContain('Our bank cards do not work. U.S. cards do not work in Russia.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `site-russia-missions-${engine}.png`), fullPage: false });

    const missions = await (await page.request.get(`${url}/api/v1/destinations/RU/missions`)).json() as { id: string; status: string; phones: unknown[] }[];
    expect(missions.map((m) => [m.id, m.status])).toEqual([['embassy-moscow', 'reduced'], ['consulate-general-yekaterinburg', 'suspended'], ['consulate-vladivostok', 'suspended']]);
    expect(missions[0]!.phones).toEqual([{ label: 'Switchboard', number: '+7 495 728-5000', emergency: false }, { label: 'After hours', number: '+7 495 728-5025', emergency: true }]);

    await new NotifyWorker({ store, config: { publicUrl: url, secret: 'missions-e2e-secret-0123456789' }, mail }).drain();
    const [message] = await smtp.waitFor(1);
    expect(message!.to).toEqual(['in-moscow@example.org']);
    expect(message!.text).toContain('Consulate General in Yekaterinburg, Yekaterinburg (Consular services suspended)');
    await context.close();
  }, 180_000);
});
