import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeVerification } from '../../src/enrolment/verification.ts';
import { SCREENSHOTS, chromiumAvailable, seriousViolations } from '../helpers/browser.ts';
import { accountBrowserSuite } from '../helpers/site-browser.ts';

const inAMonth = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!chromiumAvailable())('traveller enrolment in Chromium', () => {
  const suite = accountBrowserSuite(async (store) => {
    // Russia's advisory as it stands: Level 4, departure urged.
    const revision = await store.db.insertInto('advisory_revisions').values({
      destination_code: 'RU', revision: 1, level: 4, indicators: '["C","D","T","U","O"]', risks: '[]', departure_urged: 1, summary: 'Leave Russia immediately.',
      sections: '[]', regions: '[]', change_type: 'major', change_note: 'Reissued', published_at: '2025-08-01T00:00:00Z', reviewed_at: '2025-08-01T00:00:00Z',
      next_review_due: null, source_authority: 'U.S. Department of State', source_url: null, fingerprint: 'e2e', created_at: '2025-08-01T00:00:00Z',
    }).returning('id').executeTakeFirstOrThrow();
    await store.db.updateTable('destinations').set({ current_revision_id: revision.id }).where('code', '=', 'RU').execute();
  });

  it('signs up, enrols a trip to Russia (Moscow), changes preferences, unsubscribes in one click, downloads and deletes', async () => {
    const context = await suite.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = 'Traveller.E2E@example.org';

    // 1. Sign up with e-mail only.
    await page.goto(`${suite.url}/account/sign-in`);
    await page.getByLabel('Your e-mail address').fill(email);
    await page.getByRole('button', { name: 'E-mail me a link' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your e-mail');

    // 2. Follow the e-mailed link (a real SMTP server on loopback received it).
    const [confirmation] = await suite.smtp.waitFor(1);
    expect(confirmation!.to).toEqual([email]);
    expect(confirmation!.subject).toBe('Confirm your e-mail address for Waypost');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/account\/link\/\S+)/.exec(confirmation!.text!)![1]!;
    await page.goto(link);
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your account');
    expect(await page.locator('.notice').textContent()).toContain('Your address is confirmed');

    // 3. Profile (its own page since the account was split), then a trip to Russia with a region.
    const sections = page.getByRole('navigation', { name: 'Account sections' });
    await sections.getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Alex Traveller');
    await page.getByLabel('Citizenship 1').fill('United States');
    await page.getByLabel('Citizenship 2').fill('Russia');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Profile saved.');
    await sections.getByRole('link', { name: 'Overview and trips' }).click();
    await page.locator('#destination-0').fill('Russia');
    await page.locator('#region-0').fill('Moscow');
    await page.locator('#start').fill(inAMonth(1));
    await page.locator('#end').fill(inAMonth(30));
    await page.getByRole('button', { name: 'Enrol this trip' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Trip enrolled');
    const trips = page.locator('#trips .items');
    expect(await trips.textContent()).toContain('Russia — Moscow');
    expect(await trips.textContent()).toContain('Level 4: Do Not Travel');

    // 4. A subscription and changed preferences, on their page.
    await sections.getByRole('link', { name: 'Subscriptions and preferences' }).click();
    await page.locator('#sub-destination').fill('Belarus');
    await page.locator('#sub-routine').check();
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Subscribed.');
    await page.locator('#trip-routine').uncheck();
    await page.locator('#trip-digest').check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Preferences saved.');
    const traveller = await suite.store.db.selectFrom('travellers').selectAll().where('email_normalised', '=', email.toLowerCase()).executeTakeFirstOrThrow();
    expect(traveller).toMatchObject({ name: 'Alex Traveller', trip_advisories: 1, trip_alerts: 1, trip_routine: 0, trip_frequency: 'digest' });
    expect(await page.locator('#trip-digest').isChecked()).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SCREENSHOTS, 'account.png'), fullPage: true });

    // 5. One click via the List-Unsubscribe header of the trip confirmation, as a mail client does it.
    const mails = await suite.smtp.waitFor(2);
    const tripMail = mails.find((m) => m.subject?.startsWith('Trip enrolled'))!;
    expect(tripMail.text).toContain('Russia: Level 4 (Do Not Travel)');
    expect(tripMail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(.+)>$/.exec(tripMail.header('List-Unsubscribe')!)![1]!;
    const oneClick = await fetch(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    const after = await suite.store.db.selectFrom('travellers').select('unsubscribed_at').where('id', '=', traveller.id).executeTakeFirstOrThrow();
    expect(after.unsubscribed_at).not.toBeNull();
    expect(await suite.store.db.selectFrom('subscriptions').select('id').where('traveller_id', '=', traveller.id).execute()).toHaveLength(0);
    await sections.getByRole('link', { name: 'Overview and trips' }).click();
    expect(await page.locator('.problem').first().textContent()).toContain('You unsubscribed from all messages');

    // 6. Download everything as JSON, from the account's data page.
    await sections.getByRole('link', { name: 'Your data' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data (JSON)' }).click()]);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(download.suggestedFilename()).toMatch(/^waypost-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(data.traveller).toMatchObject({ email, name: 'Alex Traveller', citizenships: ['RU', 'US'], tripPreferences: { frequency: 'digest', routine: false } });
    expect(data.trips[0].destinations).toEqual([{ code: 'RU', name: 'Russia', region: 'Moscow' }]);
    expect(data.channels[0]).toMatchObject({ kind: 'email', address: email });

    // 7. Delete the account.
    await page.getByRole('link', { name: 'Delete my account…' }).click();
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your account is deleted');
    for (const table of ['travellers', 'trips', 'trip_destinations', 'subscriptions', 'channels', 'traveller_citizenships', 'traveller_sessions', 'sign_in_links'] as const) {
      const rows = await suite.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(rows.n), table).toBe(0);
    }
    const counted = await suite.store.db.selectFrom('enrolment_counts').select(['metric', 'count']).execute();
    expect(counted).toEqual([{ metric: 'accounts_deleted', count: 1 }]);
    await page.goto(`${suite.url}/account`);
    expect(page.url()).toBe(`${suite.url}/account/sign-in`);
    await context.close();
  }, 60_000);

  it('an organisation admin uploads a CSV in the console and sees who is where, at what level now', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = 'travel-office@uni.example';
    await page.goto(`${suite.url}/account/sign-in`);
    await page.getByLabel('Your e-mail address').fill(email);
    await page.getByRole('button', { name: 'E-mail me a link' }).click();
    const mail = await expect.poll(async () => suite.smtp.received.find((m) => m.to.includes(email))).toBeTruthy().then(() => suite.smtp.received.find((m) => m.to.includes(email))!);
    await page.goto(/(http:\/\/127\.0\.0\.1:\d+\/account\/link\/\S+)/.exec(mail.text!)![1]!);
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Organisations' }).click();
    await page.getByLabel('Start an organisation (university, company, NGO)').fill('University of Example');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('University of Example');
    // New organisations wait for a staff admin (the console's Organisations page, tested in test/integration/organisations-pages.test.ts).
    await expect.poll(() => page.locator('#verification').textContent()).toBe('Awaiting verification by the service\'s administrators: you can\'t import or invite people yet.');
    expect(await page.getByLabel('CSV file').count()).toBe(0);
    const organisation = await suite.store.db.selectFrom('organisations').select('id').where('name', '=', 'University of Example').executeTakeFirstOrThrow();
    await changeVerification({ db: suite.store.db, now: () => new Date() }, organisation.id, 'verify', { id: null, label: 'e2e admin', role: 'admin' });
    await page.reload();
    const csv = [
      'email,name,destination,region,start,end,channels',
      `ana@uni.example,Ana Petrova,Russia,Moscow,${inAMonth(-10)},${inAMonth(60)},email`,
      `bo@uni.example,Bo Chen,Japan,JP-13,${inAMonth(5)},${inAMonth(40)},email`,
      `cleo@uni.example,Cleo Martin,France,,${inAMonth(-200)},,email`,
      'not-an-address,Dee,France,,2030-01-01,2030-01-10,email',
      `eve@uni.example,Eve,Atlantis,,${inAMonth(1)},${inAMonth(3)},email`,
    ].join('\n');
    await page.getByLabel('CSV file').setInputFiles({ name: 'semester.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 20_000 }).toBe('Import done: 3 enrolled or invited, 0 unchanged, 2 rejected.');
    // Refused rows come back as a form: the values as typed, the reason beside the value at fault.
    expect(await page.locator('table.fix-rows .problem').allTextContents()).toEqual(['invalid e-mail "not-an-address"', 'unknown destination "Atlantis"']);
    expect(await page.getByLabel('Row 5, e-mail').inputValue()).toBe('not-an-address');
    expect(await page.getByLabel('Row 5, e-mail').getAttribute('aria-invalid')).toBe('true');
    const exposureRows = () => page.locator('section[aria-labelledby="exposure-title"] table tbody tr').allTextContents();
    const exposure = await exposureRows();
    expect(exposure[0]).toMatch(/Ana Petrova.*Russia.*Moskva \(RU-MOW\)|Ana Petrova.*Russia.*Moscow/s);
    expect(exposure[0]).toContain('Level 4: Do Not Travel');
    expect(exposure).toHaveLength(3);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'organisation-fix-rows.png'), fullPage: true });
    // The travel manager corrects both rows on the page, a city by its name, and imports them.
    await page.getByLabel('Row 5, e-mail').fill('dee@uni.example');
    await page.getByLabel('Row 6, destination').fill('St Petersburg');
    await page.getByRole('button', { name: 'Import the corrected rows' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 20_000 }).toBe('Import done: 2 enrolled or invited, 0 unchanged, 0 rejected.');
    expect(await page.locator('table.fix-rows').count()).toBe(0);
    const after = await exposureRows();
    expect(after).toHaveLength(5);
    expect(after.find((row) => row.includes('Eve'))).toMatch(/Russia.*(St Petersburg|Sankt-Peterburg)/s);
    await page.screenshot({ path: join(SCREENSHOTS, 'organisation.png'), fullPage: true });
    await context.close();
  }, 180_000);
});
