import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { validateCap, xmllintAvailable } from '../helpers/xmllint.ts';
import { addStaff, consoleGet, consolePost, consoleSignIn, type ConsoleSession } from '../helpers/editorial-setup.ts';

/** "2026-11-24T10:00" (what a datetime-local field sends), `hours` from now, UTC. */
const formTime = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16);
/** The same on Moscow's clock (UTC+3 all year). */
const moscowTime = (hours: number) => formTime(hours + 3);
/** The UTC second a Moscow form time stands for, as stored. */
const utcOfMoscow = (local: string) => `${new Date(Date.parse(`${local}:00Z`) - 3 * 3_600_000).toISOString().slice(0, 19)}Z`;

const FORM = {
  timeZone: 'UTC', destinations: 'RU', regions: 'RU-MOW', circle: '55.7558,37.6173 5', polygon: '', areaDesc: '', category: 'Security', event: 'Demonstration',
  severity: 'Moderate', urgency: 'Expected', certainty: 'Likely', status: 'Actual', headline: 'Demonstration at "Pushkin Square" & <Tverskaya>',
  description: 'A large demonstration is planned.', instruction: 'Avoid the area.', effective: '', onset: '', senderName: 'U.S. Embassy Moscow',
  contact: '', web: '', note: '',
};

describe.each(ENGINES)('alerts in the staff console on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let crisis: ConsoleSession;
  let editor: ConsoleSession;
  const count = async () => Number((await store.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    store = await createTestStore(engine);
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    await addStaff(store, 'crisis@example.org', 'crisis');
    await addStaff(store, 'editor@example.org', 'editor');
    crisis = await consoleSignIn(app, 'crisis@example.org');
    editor = await consoleSignIn(app, 'editor@example.org');
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('only crisis staff and admins get the form and may post it; others may read the list', async () => {
    expect((await consoleGet(app, null, '/console/alerts')).statusCode).toBe(303);
    const list = await consoleGet(app, editor, '/console/alerts');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('href="/console/alerts/new"');
    expect((await consoleGet(app, editor, '/console/alerts/new')).statusCode).toBe(403);
    const refused = await consolePost(app, editor, '/console/alerts', { ...FORM, expires: formTime(24), op: 'issue' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Only admins and crisis staff can do this');
    expect((await consoleGet(app, crisis, '/console/alerts')).body).toContain('href="/console/alerts/new"');
    expect((await consoleGet(app, crisis, '/console/alerts/new')).statusCode).toBe(200);
    const noCsrf = await consolePost(app, crisis, '/console/alerts', { ...FORM, expires: formTime(24), op: 'issue' }, false);
    expect(noCsrf.statusCode).toBe(403);
    expect(await count()).toBe(0);
  });

  it.skipIf(!xmllintAvailable())('previews the CAP document without saving; the preview is valid CAP', async () => {
    const response = await consolePost(app, crisis, '/console/alerts', { ...FORM, expires: formTime(24), op: 'preview' });
    expect(response.statusCode).toBe(200);
    expect(await count()).toBe(0);
    const match = /<pre class="cap" id="cap-preview">([\s\S]*?)<\/pre>/.exec(response.body);
    expect(match).not.toBeNull();
    const xml = match![1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(xml).toContain('<headline>Demonstration at &quot;Pushkin Square&quot; &amp; &lt;Tverskaya&gt;</headline>');
    expect(xml).toContain('<circle>55.7558,37.6173 5</circle>');
    const file = join(mkdtempSync(join(tmpdir(), 'waypost-cap-preview-')), 'preview.cap');
    writeFileSync(file, xml);
    const verdict = await validateCap([file]);
    expect(verdict.ok, verdict.output).toBe(true);
    // The form is still filled in as typed.
    expect(response.body).toContain('value="Demonstration at &quot;Pushkin Square&quot; &amp; &lt;Tverskaya&gt;"');
  });

  it('shows field messages and keeps the form when the input is wrong; nothing is saved', async () => {
    const response = await consolePost(app, crisis, '/console/alerts', { ...FORM, destinations: 'RU, XX', circle: '55.7558,37.6173 -1', expires: formTime(-5), op: 'issue' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The alert was not issued. Please correct:');
    expect(response.body).toContain('no destination is called &quot;XX&quot;');
    expect(response.body).toContain('the radius cannot be negative');
    expect(response.body).toContain('value="RU, XX"');
    expect(await count()).toBe(0);
  });

  it('issues, updates and cancels an alert from the console; the audit log records each', async () => {
    const issued = await consolePost(app, crisis, '/console/alerts', { ...FORM, expires: formTime(24), op: 'issue' });
    expect(issued.statusCode, issued.body).toBe(303);
    const location = String(issued.headers.location);
    expect(location).toMatch(/^\/console\/alerts\/\d+\?done=issued$/);
    const id = Number(/alerts\/(\d+)/.exec(location)![1]);
    const detail = await consoleGet(app, crisis, location);
    expect(detail.body).toContain('Alert issued.');
    expect(detail.body).toContain('&lt;msgType&gt;Alert&lt;/msgType&gt;');

    const form = await consoleGet(app, crisis, `/console/alerts/${id}/update`);
    expect(form.body).toContain('value="RU-MOW"');
    const updated = await consolePost(app, crisis, `/console/alerts/${id}/update`, { ...FORM, headline: 'Demonstration moved to Sunday', expires: formTime(48), op: 'issue' });
    expect(updated.statusCode, updated.body).toBe(303);
    const updateId = Number(/alerts\/(\d+)/.exec(String(updated.headers.location))![1]);
    expect((await consoleGet(app, crisis, `/console/alerts/${id}`)).body).toContain(`replaced by ${updateId}`);

    const cancelled = await consolePost(app, crisis, `/console/alerts/${updateId}/cancel`, { note: 'Called off.' });
    expect(cancelled.statusCode).toBe(303);
    const list = await consoleGet(app, crisis, '/console/alerts');
    expect(list.body).toContain('cancellation');
    const audit = await store.db.selectFrom('audit_log').select('action').where('action', 'like', 'alert-%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['alert-issued', 'alert-updated', 'alert-cancelled']);
    // Cancelling twice is refused with a message, not an error page.
    const again = await consolePost(app, crisis, `/console/alerts/${updateId}/cancel`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(`was already replaced by alert`);
  });

  it('reads destinations by name and times on the first destination\'s clock; the preview shows the e-mail travellers get', async () => {
    const before = await count();
    const expires = moscowTime(30);
    const utc = utcOfMoscow(expires);
    const form = { ...FORM, timeZone: '', destinations: 'Russia', expires, op: 'preview' };
    const preview = await consolePost(app, crisis, '/console/alerts', form);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.body).toContain(`Europe/Moscow time = ${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC (UTC+3)`);
    expect(preview.body).toContain(`&lt;expires&gt;${utc.slice(0, 19)}+00:00&lt;/expires&gt;`);
    expect(preview.body).toContain('<span id="mail-preview-subject">Russia: Alert – Demonstration at &quot;Pushkin Square&quot; &amp; &lt;Tverskaya&gt;</span>');
    const mail = /<pre class="mail-preview" id="mail-preview">([\s\S]*?)<\/pre>/.exec(preview.body)?.[1] ?? '';
    expect(mail).toContain('Where: Moskva (RU-MOW), Russia');
    expect(mail).toContain('What to do: Avoid the area.');
    expect(mail).toContain('Sent by Waypost.');
    expect(mail).not.toContain('unsubscribe');
    expect(await count()).toBe(before);

    const issued = await consolePost(app, crisis, '/console/alerts', { ...form, op: 'issue' });
    expect(issued.statusCode, issued.body).toBe(303);
    const id = Number(/alerts\/(\d+)/.exec(String(issued.headers.location))![1]);
    const stored = await store.db.selectFrom('alerts').select(['expires', 'destinations']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.expires).toBe(utc);
    // The update form shows the times on the same clock again.
    const update = await consoleGet(app, crisis, `/console/alerts/${id}/update`);
    expect(update.body).toContain(`name="expires" type="datetime-local" value="${expires}"`);
    expect(update.body).toContain('name="timeZone" type="text" value="Europe/Moscow"');
    await consolePost(app, crisis, `/console/alerts/${id}/cancel`, {});
  });

  it('says what is wrong in words, linked to the box to fix: names, zones and times the clocks skip', async () => {
    const before = await count();
    const unknown = await consolePost(app, crisis, '/console/alerts', { ...FORM, destinations: 'Russia, Atlantis', timeZone: 'Mars/Olympus', expires: formTime(24), op: 'issue' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<a href="#f-destinations">Destination 2</a>: no destination is called &quot;Atlantis&quot;');
    expect(unknown.body).toContain('<a href="#f-timeZone">Time zone</a>: no time zone is called &quot;Mars/Olympus&quot;');
    expect(unknown.body).not.toMatch(/destinations\.1|RFC 3339/);
    // 02:30 on 10 March 2030 does not happen in New York: the clocks go from 02:00 to 03:00.
    const skipped = await consolePost(app, crisis, '/console/alerts', { ...FORM, destinations: 'United States', regions: '', circle: '', timeZone: '', expires: '2030-03-10T02:30', op: 'issue' });
    expect(skipped.statusCode).toBe(400);
    expect(skipped.body).toContain('<a href="#f-expires">Expires</a>: 2030-03-10T02:30 does not exist in America/New_York: the clocks skip it');
    const circle = await consolePost(app, crisis, '/console/alerts', { ...FORM, circle: '55.7558,37.6173 -1', expires: formTime(24), op: 'issue' });
    expect(circle.body).toContain('<a href="#f-circle">Circle</a>: the radius cannot be negative');
    expect(await count()).toBe(before);
  });
});
