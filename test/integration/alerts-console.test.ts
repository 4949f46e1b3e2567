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

const FORM = {
  destinations: 'RU', regions: 'RU-MOW', circle: '55.7558,37.6173 5', polygon: '', areaDesc: '', category: 'Security', event: 'Demonstration',
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
    expect(response.body).toContain('unknown destination &quot;XX&quot;');
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
});
