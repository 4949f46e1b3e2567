import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { approveDraft, createDraft, publishDraft, submitDraft } from '../../src/publishing/drafts.ts';
import { currentAdvisory } from '../../src/publishing/revisions.ts';
import { addUser, type StaffUser } from '../../src/staff/users.ts';
import { SCREENSHOTS, chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

const PASSWORD = 'a long and unguessable staff password';

describe.skipIf(!chromiumAvailable())('editorial workflow in Chromium', () => {
  const engine = ENGINES.includes('postgres') ? 'postgres' : 'sqlite';
  let store: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;
  let editor: StaffUser;
  let reviewer: StaffUser;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    editor = (await addUser(store.db, { email: 'analyst@example.org', role: 'editor', name: 'Ana Lyst', password: PASSWORD }, COMMAND_LINE)).user;
    reviewer = (await addUser(store.db, { email: 'publisher@example.org', role: 'reviewer', name: 'Pat Lisher', password: PASSWORD }, COMMAND_LINE)).user;
    app = await buildApp({ store, config: { publicUrl: 'http://127.0.0.1' } });
    // Someone who follows Russia, so the publish confirmation has someone to count.
    const follower = await travellerSignIn(app, store, 'follows-russia@example.org');
    await travellerPost(app, follower, '/account/subscriptions', { kind: 'destination', destination: 'RU', advisories: 'on' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${url}/console`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in to the console');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dashboard');
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('You are signed out.');
  }

  it('an editor drafts Russia with a new section, sees the diff and submits; a reviewer approves and publishes; the public API shows revision n+1', async () => {
    const before = (await currentAdvisory(store.db, 'RU'))!;
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();

    // 1. The editor signs in and opens Russia.
    await signIn(page, 'analyst@example.org');
    await page.getByRole('link', { name: 'Destinations' }).click();
    await page.getByLabel('Name or code').fill('russia');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('link', { name: 'Russia' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Russia RU');
    expect(await page.locator('.page-head .meta').textContent()).toContain('Departure urged');

    // 2. Starts a draft: the editor opens with the current revision's content.
    await page.getByRole('button', { name: 'Start a draft' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Draft started from the current revision');
    expect(await page.getByLabel('Urge citizens there to leave now').isChecked()).toBe(true);
    expect(await page.locator('#f-level').inputValue()).toBe('4');

    // 3. Edits the summary, adds a "Dual citizenship" section, marks the change major with a note.
    const summary = page.getByLabel('Summary', { exact: true });
    await summary.fill(`${await summary.inputValue()}\n\nDual nationals of Russia and the United States may be **conscripted** into the Russian armed forces.`);
    const newSection = page.locator('.block.new').first();
    await newSection.getByLabel('Heading').fill('Dual citizenship and military service');
    await newSection.getByLabel('Text (Markdown)').fill('Russia may refuse to recognise U.S. citizenship of dual nationals and **conscript** them.\n\n- Carry both passports\n- Contact the embassy if you are called up');
    await page.getByRole('radio', { name: /Major/ }).check();
    await page.getByLabel('Change note', { exact: true }).fill('Added advice on the conscription of dual nationals.');
    await newSection.evaluate((element) => (element as unknown as { scrollIntoView(options: object): void }).scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(SCREENSHOTS, 'console-editor.png'), fullPage: false });
    await page.getByRole('button', { name: 'Preview without saving' }).click();
    await expect.poll(() => page.locator('.preview h3').allTextContents()).toContain('Dual citizenship and military service');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-preview.png'), fullPage: false });
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Draft saved.');
    // The new section went to the end, and the order can be changed without JavaScript.
    const titles = await page.locator('input[name$="_title"]:not([name^="tr_"])').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
    expect(titles.at(-2)).toBe('Dual citizenship and military service');

    // 4. Sees the word-level diff against the published revision, side by side.
    await page.getByRole('link', { name: 'Changes against published' }).first().click();
    await expect.poll(() => page.locator('.diff-head').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Summary'), expect.stringContaining('Section: Dual citizenship and military service')]));
    expect(await page.locator('.diff ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('conscripted')]));
    await page.screenshot({ path: join(SCREENSHOTS, 'console-diff.png'), fullPage: false });
    await page.screenshot({ path: join(SCREENSHOTS, 'console-diff-full.png'), fullPage: true });

    // 5. Submits and signs out.
    await page.getByRole('link', { name: 'Overview and preview' }).click();
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Submitted for review');
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-draft-submitted.png'), fullPage: false });
    await signOut(page);

    // 6. The reviewer signs in, finds it waiting, approves and publishes.
    await signIn(page, 'publisher@example.org');
    await page.locator('section', { hasText: 'Waiting for review' }).getByRole('link', { name: 'Russia' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Russia: draft \d+/);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Approved');
    // The draft page says what publishing would be; publishing goes through a confirmation that says it again.
    expect(await page.locator('#derived-type').textContent()).toBe('major');
    await page.getByRole('button', { name: 'Publish now…' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Publish Russia now?');
    expect(await page.locator('#derived-type').textContent()).toBe('major');
    expect(await page.locator('#audience').textContent()).toBe('1 person will be notified, urgently.');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-publish-confirmation.png'), fullPage: false });
    await page.getByRole('button', { name: 'Publish now', exact: true }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Published');
    expect(await page.locator('dl.facts').textContent()).toContain(`revision ${before.revision + 1}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-published.png'), fullPage: false });

    // 7. The public API shows revision n+1 with the new section and the change note.
    const response = await page.request.get(`${url}/api/v1/advisories/RU`);
    const advisory = await response.json();
    expect(advisory).toMatchObject({ revision: before.revision + 1, changeType: 'major', changeNote: 'Added advice on the conscription of dual nationals.', departureUrged: true, level: 4 });
    expect(advisory.sections.map((s: { title: string }) => s.title)).toContain('Dual citizenship and military service');
    const audit = await store.db.selectFrom('audit_log').select('action').where('destination_code', '=', 'RU').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'edit', 'submit', 'approve', 'publish']);
    expect(await store.db.selectFrom('events').select('revision').where('destination_code', '=', 'RU').execute()).toEqual([{ revision: before.revision + 1 }]);

    // 8. History: the console compares any two revisions.
    await page.goto(`${url}/console/destinations/RU/compare?from=${before.revision}&to=${before.revision + 1}`);
    expect(await page.locator('.diff-head').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Section: Dual citizenship and military service')]));
    await context.close();
  });

  it('script and HTML in every text field stay inert in the console and on public pages', async () => {
    const script = '<script>window.__xss=1</script>';
    const img = '<img src=x onerror="window.__xss=1">';
    const both = `${script} ${img}`;
    const editorActor = { id: editor.id, label: editor.email, role: editor.role };
    const ctx = { db: store.db, now: () => new Date() };
    const draft = await createDraft(ctx, editorActor, 'FR', {
      level: 3,
      indicators: ['T', 'U'],
      risks: [{ indicator: 'T', text: `Terrorism ${both}` }],
      summary: `Summary ${both} [link](javascript:window.__xss=1)`,
      sections: [{ title: `Heading ${both}`, body: `Body ${both}\n\n<iframe src="javascript:window.__xss=1"></iframe>` }],
      regions: [{ name: `Region ${both}`, code: 'FR-IDF', level: 4, indicators: ['U'], summary: `Regional ${both}` }],
      changeType: 'major',
      changeNote: `Note ${both}`,
    });

    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    async function inert(path: string) {
      const response = await page.goto(`${url}${path}`);
      expect(response?.status(), path).toBeLessThan(400);
      expect(await page.evaluate(() => (globalThis as unknown as { __xss?: unknown }).__xss), path).toBeUndefined();
      // Not merely blocked by a content security policy: no such element exists at all.
      expect(await page.locator('script:text("__xss"), img[onerror], iframe').count(), path).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count(), path).toBe(0);
    }

    await signIn(page, 'analyst@example.org');
    await inert(`/console/drafts/${draft.id}`);
    await inert(`/console/drafts/${draft.id}/diff`);
    await inert(`/console/drafts/${draft.id}/edit`);
    expect(await page.getByLabel('Summary', { exact: true }).inputValue()).toContain(script);
    // The unsaved preview too.
    await page.getByRole('button', { name: 'Preview without saving' }).click();
    await expect.poll(() => page.locator('.preview').count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('.preview').textContent()).toContain('Heading <script>window.__xss=1</script>');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-xss-preview.png'), fullPage: false });

    const reviewerActor = { id: reviewer.id, label: reviewer.email, role: reviewer.role };
    await submitDraft(ctx, editorActor, draft.id);
    await approveDraft(ctx, reviewerActor, draft.id);
    const { published } = await publishDraft(ctx, reviewerActor, draft.id);
    await inert('/console/destinations/FR');
    await inert(`/console/destinations/FR/compare?from=${published!.revision - 1}&to=${published!.revision}`);
    await inert('/console/audit?destination=FR');
    await inert('/destinations/france/');
    await inert(`/api/v1/advisories/FR`);
    expect(dialogs).toBe(0);

    // And in the sign-in form, which reflects the address typed.
    await page.context().clearCookies();
    await page.goto(`${url}/console/sign-in`);
    await page.getByLabel('E-mail address').fill(`"><script>window.__xss=1</script>@example.org`);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.problem').textContent()).toContain('do not match');
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
    await context.close();
  });
});
