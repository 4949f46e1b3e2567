import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { demonstration } from '../helpers/alerts-setup.ts';
import { SCREENSHOTS, chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/databases.ts';
import { addTeam, apiCall } from '../helpers/editorial-setup.ts';
import { RUSSIA_MISSIONS, RUSSIA_QUICK_FACTS } from '../helpers/missions.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { importBundled } from '../helpers/seed.ts';
import { staffBrowserSuite } from '../helpers/staff-browser.ts';
import { validateCap, xmllintAvailable } from '../helpers/xmllint.ts';

/**
 * Issue 15's "Done when": a ministry's own site. An admin sets the identity, the desk publishes
 * Russia's missions with consular services suspended through the missions draft, review and
 * publication, and the page, API, e-mail on loopback SMTP and a CAP document all carry them.
 * UPDATE_SCREENSHOTS=1 rewrites the README's two screenshots (docs/screenshots/ministry-site-*.png).
 */

const MINISTRY = {
  authorityName: 'Ministry of Foreign Affairs of Ruritania', authorityShortName: 'Ruritania MFA', citizenNoun: 'Ruritanian nationals',
  brandColour: '#1d4f91', emergencyPhone: '+44 20 7008 5000', contactUrl: 'https://mfa.example.org/contact',
};
const SUSPENDED = RUSSIA_MISSIONS.map((m) => ({ ...m, status: 'suspended', statusNote: m.type === 'embassy' ? 'Consular services suspended; the embassy has limited ability to assist detained citizens.' : m.statusNote }));
const DOCS_SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

async function capture(page: Page, name: string, engine: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${engine}.png`), fullPage: false });
  if (process.env.UPDATE_SCREENSHOTS === '1' && engine === 'sqlite') {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, `${name}.png`), fullPage: false });
  }
}

describe.skipIf(!chromiumAvailable()).each(ENGINES)('a ministry\'s own site in Chromium on %s', (engine) => {
  let team: Awaited<ReturnType<typeof addTeam>>;
  const env = staffBrowserSuite(engine, {
    seed: async (store) => {
      await importBundled(store.db);
      team = await addTeam(store);
      const traveller = await addTraveller(store.db, 'in-moscow@example.org');
      await addTrip(store.db, traveller.id, 'RU', { start: '2020-01-01', end: null });
    },
  });

  it('identity, missions through review, then the page, API, e-mail and CAP carry them; accessible at desktop and mobile sizes', async () => {
    const { url, browser, store, smtp, mail } = env;
    const call = apiCall(env.app);
    const identity = await call('PATCH', '/api/v1/settings/identity', team.admin.token, MINISTRY);
    expect(identity.statusCode, identity.body).toBe(200);

    const drafted = await call('POST', '/api/v1/destinations/RU/missions/drafts', team.editor.token, {
      missions: SUSPENDED, quickFacts: RUSSIA_QUICK_FACTS, changeType: 'major', changeNote: 'The embassy and both consulates have suspended consular services.',
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const id = drafted.json().id as number;
    for (const [step, who] of [['submit', team.editor], ['approve', team.reviewer], ['publish', team.reviewer]] as const) {
      const done = await call('POST', `/api/v1/drafts/${id}/${step}`, who.token, step === 'publish' ? {} : undefined);
      expect(done.statusCode, `${step}: ${done.body}`).toBe(200);
    }

    // The page: the authority in the header, the missions box near the top, status first, who to call instead.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${url}/destinations/russia/`);
    expect(await page.locator('.brand-name').textContent()).toBe(MINISTRY.authorityName);
    const box = page.locator('section.missions');
    const [boxTop, summaryTop] = await Promise.all([box.boundingBox(), page.locator('#summary-title').boundingBox()]);
    expect(boxTop!.y).toBeLessThan(summaryTop!.y);
    expect(boxTop!.y).toBeLessThan(900);
    expect(await box.locator('.mission-status strong').allTextContents()).toEqual(Array(3).fill('Consular services suspended'));
    const embassy = await box.locator('li.mission').first().textContent();
    expect(embassy!.indexOf('Consular services suspended')).toBeLessThan(embassy!.indexOf('+7 495 728-5025'));
    const notice = await box.locator('.missions-down').textContent();
    expect(notice).toContain('No embassy or consulate can help in person');
    expect(notice).toContain(`Contact ${MINISTRY.authorityName} instead: call +44 20 7008 5000`);
    expect(await page.locator('.quick-facts').textContent()).toContain('Our bank cards do not work.');
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'ministry-site-desktop', engine);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await seriousViolations(page)).toEqual([]);
    // On a phone the box is a scroll below the header: the screenshot shows it.
    await box.evaluate((element) => (element as unknown as { scrollIntoView(): void }).scrollIntoView());
    await capture(page, 'ministry-site-mobile', engine);

    // The traveller's account pages wear the same header.
    await page.goto(`${url}/account/sign-in`);
    expect(await page.locator('.brand-name').textContent()).toBe(MINISTRY.authorityName);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    // The API: the missions' own route, and the advisory carrying missions and quick facts.
    const missions = await (await fetch(`${url}/api/v1/destinations/RU/missions`)).json() as { id: string; status: string }[];
    expect(missions.map((m) => [m.id, m.status])).toEqual([['embassy-moscow', 'suspended'], ['consulate-general-yekaterinburg', 'suspended'], ['consulate-vladivostok', 'suspended']]);
    const advisory = await (await fetch(`${url}/api/v1/advisories/RU`)).json() as { level: number; missions: unknown[]; quickFacts: unknown };
    expect(advisory).toMatchObject({ level: 4, missions, quickFacts: RUSSIA_QUICK_FACTS });

    // The Level 4 change e-mail to the traveller with a trip there lists the missions' status.
    await new NotifyWorker({ store, config: { publicUrl: url, secret: 'ministry-site-secret-0123456789' }, mail }).drain();
    const [change] = await smtp.waitFor(1);
    expect(change!.to).toEqual(['in-moscow@example.org']);
    expect(change!.raw).toMatch(/^From: "Ministry of Foreign Affairs of Ruritania"/m);
    expect(change!.text).toContain('All our embassies and consulates here are suspended or closed');
    expect(change!.text).toContain('Embassy in Moscow, Moscow (Consular services suspended): +7 495 728-5000; +7 495 728-5025 (24/7 emergencies)');

    // An alert's CAP document lists the missions in `contact`, and is valid CAP 1.2.
    const issued = await call('POST', '/api/v1/alerts', team.crisis.token, demonstration({ senderName: MINISTRY.authorityName }));
    expect(issued.statusCode, issued.body).toBe(201);
    const cap = await (await fetch(`${url}/feeds/alerts/${(issued.json() as { id: number }).id}.cap`)).text();
    const contact = /<contact>([\s\S]*?)<\/contact>/.exec(cap)![1]!;
    expect(contact).toContain('Consulate General in Yekaterinburg, Yekaterinburg (Consular services suspended): +7 343 379-3001');
    expect(contact).toContain('Consulate in Vladivostok, Vladivostok (Consular services suspended)');
    if (xmllintAvailable()) {
      const file = join(mkdtempSync(join(tmpdir(), 'waypost-ministry-cap-')), 'alert.xml');
      writeFileSync(file, cap);
      const verdict = await validateCap([file]);
      expect(verdict.ok, verdict.output).toBe(true);
    }
  }, 180_000);
});
