import { parseFeed } from '@rowanmanning/feed-parser';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { searchAudit } from '../../src/publishing/audit.ts';
import { exportSite } from '../../src/site/export.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';
import { demonstration, inHours } from '../helpers/alerts-setup.ts';
import { addTeam, apiCall } from '../helpers/editorial-setup.ts';

const PUBLIC_URL = 'http://waypost.test';

describe.each(ENGINES)('alerts: staff API, public API, pages and feeds on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let team: Awaited<ReturnType<typeof addTeam>>;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: { publicUrl: PUBLIC_URL } });
    team = await addTeam(store);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const call = () => apiCall(app);
  const get = (url: string) => app.inject({ method: 'GET', url });
  const count = async (table: 'alerts' | 'events' | 'alert_destinations') =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  async function issue(body: Record<string, unknown>, url = '/api/v1/alerts', token = team.crisis.token) {
    const response = await call()('POST', url, token, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: number; identifier: string; active: boolean; supersededBy: number | null; notified: boolean; msgType: string; references: number[] };
  }

  it('crisis staff and admins issue alerts; editors, reviewers and anonymous callers are refused, and nothing is saved', async () => {
    const before = await count('alerts');
    const anonymous = await call()('POST', '/api/v1/alerts', null, demonstration());
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const who of [team.editor, team.reviewer]) {
      const refused = await call()('POST', '/api/v1/alerts', who.token, demonstration());
      expect(refused.statusCode).toBe(403);
      expect(refused.json().detail).toBe(`Only admins and crisis staff can do this; you are signed in as a ${who.user.role}.`);
    }
    const badToken = await call()('POST', '/api/v1/alerts', 'wp_not-a-token', demonstration());
    expect(badToken.statusCode).toBe(401);
    expect(await count('alerts')).toBe(before);

    const byCrisis = await issue(demonstration());
    const byAdmin = await issue(demonstration({ headline: 'Second demonstration' }), '/api/v1/alerts', team.admin.token);
    expect(byCrisis).toMatchObject({ msgType: 'Alert', active: true, notified: true });
    expect(byAdmin.id).toBeGreaterThan(byCrisis.id);
    for (const who of [team.editor, team.reviewer]) {
      expect((await call()('POST', `/api/v1/alerts/${byCrisis.id}/update`, who.token, { headline: 'x' })).statusCode).toBe(403);
      expect((await call()('POST', `/api/v1/alerts/${byCrisis.id}/cancel`, who.token, {})).statusCode).toBe(403);
    }
    expect((await call()('POST', `/api/v1/alerts/${byCrisis.id}/cancel`, null, {})).statusCode).toBe(401);
    const audit = await searchAudit(store.db, { action: 'alert-issued' });
    expect(audit.map((e) => [e.actor, e.subject, e.destination])).toEqual(expect.arrayContaining([
      ['crisis@example.org', `alert ${byCrisis.id}`, 'RU'], ['admin@example.org', `alert ${byAdmin.id}`, 'RU'],
    ]));
  });

  it.each([
    ['expires before effective', { effective: inHours(10), expires: inHours(5) }, 'expires', 'must be after effective'],
    ['expires in the past', { effective: inHours(-10), expires: inHours(-5) }, 'expires', 'is in the past: the alert would never be shown'],
    ['an unclosed polygon', { area: { polygon: '55.7,37.5 55.8,37.5 55.8,37.7 55.6,37.4' } }, 'area.polygon', 'the polygon is not closed: its last point must equal its first'],
    ['a polygon of 3 points', { area: { polygon: '55.7,37.5 55.8,37.5 55.7,37.5' } }, 'area.polygon', 'a polygon needs at least 4 "lat,lon" pairs, the last equal to the first (got 3)'],
    ['a latitude beyond 90', { area: { polygon: '95.7,37.5 55.8,37.5 55.8,37.7 95.7,37.5' } }, 'area.polygon', 'latitude 95.7 is outside -90…90'],
    ['a longitude beyond 180', { area: { circle: '55.7,181 5' } }, 'area.circle', 'longitude 181 is outside -180…180'],
    ['a circle with a negative radius', { area: { circle: '55.7558,37.6173 -5' } }, 'area.circle', 'the radius cannot be negative'],
    ['a circle that is not CAP syntax', { area: { circle: 'Moscow 5km' } }, 'area.circle', '"Moscow" is not a "latitude,longitude" pair'],
    ['an unknown destination', { destinations: ['XX'] }, 'destinations.0', 'no destination is called "XX": use its name as on the public site (Russia) or its ISO 3166-1 code (RU)'],
    ['no destination', { destinations: [] }, 'destinations', 'name at least one destination (a name such as Russia or an ISO 3166-1 code such as RU)'],
    ['an unknown region', { regions: ['RU-XXX'] }, 'regions.0', expect.stringContaining('unknown region "RU-XXX" in Russia')],
    ['an Update that references nothing', { msgType: 'Update', references: [987654] }, 'references.0', 'there is no alert 987654'],
    ['an Update without references', { msgType: 'Update' }, 'references', 'an Update must name the alert it updates'],
    ['a Cancel naming an unknown identifier', { msgType: 'Cancel', references: ['urn:uuid:nothing-here'] }, 'references.0', 'there is no alert "urn:uuid:nothing-here"'],
    ['references on a new Alert', { references: [1] }, 'references', 'only an Update or a Cancel refers to earlier alerts; use msgType Update'],
    ['an unknown category', { category: 'Weather' }, 'category', 'must be one of Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other'],
    ['an unknown severity', { severity: 'Catastrophic' }, 'severity', 'must be one of Extreme, Severe, Moderate, Minor, Unknown'],
    ['an unsupported status', { status: 'Draft' }, 'status', 'must be one of Actual, Exercise, Test'],
    ['an unsupported msgType', { msgType: 'Ack' }, 'msgType', 'must be one of Alert, Update, Cancel'],
    ['no headline', { headline: '  ' }, 'headline', 'is required'],
    ['a headline over 160 characters', { headline: 'x'.repeat(161) }, 'headline', 'must be at most 160 characters (got 161)'],
    ['a time without a zone', { expires: '2030-01-01T10:00:00' }, 'expires', 'must be an RFC 3339 date-time with a zone, e.g. 2026-11-23T18:00:00+03:00'],
    ['an impossible date', { expires: '2030-02-30T10:00:00Z' }, 'expires', 'must be an RFC 3339 date-time with a zone, e.g. 2026-11-23T18:00:00+03:00'],
    ['a web link that is not http', { web: 'javascript:alert(1)' }, 'web', 'must be an http or https URL'],
  ])('refuses %s with 400 and a field message; nothing saved', async (_what, overrides, field, message) => {
    const before = await Promise.all([count('alerts'), count('events'), count('alert_destinations')]);
    const response = await call()('POST', '/api/v1/alerts', team.crisis.token, demonstration(overrides as Record<string, unknown>));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toEqual(expect.arrayContaining([{ field, message }]));
    expect(await Promise.all([count('alerts'), count('events'), count('alert_destinations')])).toEqual(before);
  });

  it('refuses bodies of the wrong JSON shape with 400 problems, never a 5xx', async () => {
    for (const payload of [[1, 2], 'text', { destinations: 5 }, { area: 'north' }, { references: [{}] }, { destinations: [null] }, { msgType: 'Update', references: ['a\u0000'] }, demonstration({ expires: '9999-12-31T23:00:00-05:00' })]) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/alerts', headers: { authorization: `Bearer ${team.crisis.token}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
      expect(response.statusCode, `${JSON.stringify(payload)} → ${response.body}`).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const broken = await app.inject({ method: 'POST', url: '/api/v1/alerts', headers: { authorization: `Bearer ${team.crisis.token}`, 'content-type': 'application/json' }, payload: '{"destinations": [' });
    expect(broken.statusCode).toBe(400);
    for (const url of ['/api/v1/alerts/0/cancel', '/api/v1/alerts/abc/update', '/api/v1/alerts/99999999999/cancel']) {
      expect((await call()('POST', url, team.crisis.token, {})).statusCode).toBe(400);
    }
    expect((await call()('POST', '/api/v1/alerts/999999/cancel', team.crisis.token, {})).statusCode).toBe(404);
  });

  it("an alert naming an advisory's own area stays cancellable after the advisory drops that area", async () => {
    const current = await store.db.selectFrom('destinations').innerJoin('advisory_revisions as r', 'r.id', 'destinations.current_revision_id')
      .select(['r.id', 'r.regions']).where('destinations.code', '=', 'BY').executeTakeFirstOrThrow();
    // Fixture: the current Belarus advisory names an area of its own ...
    await store.db.updateTable('advisory_revisions').set({ regions: JSON.stringify([{ name: 'Border with Ukraine', level: 4, indicators: [], summary: 'Do not travel.' }]) }).where('id', '=', current.id).execute();
    const alert = await issue(demonstration({ destinations: ['BY'], regions: ['Border with Ukraine'], area: {}, headline: 'Military exercise near the border' }));
    // ... and a later revision no longer does.
    await store.db.updateTable('advisory_revisions').set({ regions: current.regions }).where('id', '=', current.id).execute();
    const refused = await call()('POST', '/api/v1/alerts', team.crisis.token, demonstration({ destinations: ['BY'], regions: ['Border with Ukraine'], area: {} }));
    expect(refused.statusCode).toBe(400);
    const cancel = await issue({ note: 'The exercise ended.' }, `/api/v1/alerts/${alert.id}/cancel`);
    expect(cancel).toMatchObject({ msgType: 'Cancel', regions: ['Border with Ukraine'], references: [alert.id] });
  });

  it('an Update replaces the alert in the active lists; a Cancel removes it; both stay in the history and the Atom index shows the Cancel', async () => {
    const original = await issue(demonstration({ destinations: ['FR'], regions: ['FR-75'], headline: 'Strike in Paris', category: 'Transport', event: 'Strike', area: {} }));
    const update = await issue({ headline: 'Strike in Paris extended to Tuesday', expires: inHours(60) }, `/api/v1/alerts/${original.id}/update`);
    expect(update).toMatchObject({ msgType: 'Update', references: [original.id], active: true });
    const replaced = (await get(`/api/v1/alerts/${original.id}`)).json();
    expect(replaced).toMatchObject({ supersededBy: update.id, active: false });
    let active = (await get('/api/v1/alerts?destination=FR&active=true')).json() as { id: number; headline: string }[];
    expect(active.map((a) => a.headline)).toEqual(['Strike in Paris extended to Tuesday']);

    const again = await call()('POST', `/api/v1/alerts/${original.id}/update`, team.crisis.token, { headline: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(`Alert ${original.id} was already replaced by alert ${update.id}; refer to that one instead.`);

    const cancel = await issue({ note: 'The unions called the strike off.' }, `/api/v1/alerts/${update.id}/cancel`);
    expect(cancel).toMatchObject({ msgType: 'Cancel', references: [update.id], active: false });
    active = (await get('/api/v1/alerts?destination=FR&active=true')).json();
    expect(active).toEqual([]);
    const history = (await get('/api/v1/alerts?destination=FR')).json() as { id: number; msgType: string }[];
    expect(history.map((a) => [a.id, a.msgType])).toEqual([[cancel.id, 'Cancel'], [update.id, 'Update'], [original.id, 'Alert']]);
    expect((await call()('POST', `/api/v1/alerts/${cancel.id}/cancel`, team.crisis.token, {})).statusCode).toBe(409);
    // ... nor through the raw CAP route: an Update that references the cancellation would revive the alert.
    const revive = await call()('POST', '/api/v1/alerts', team.crisis.token, demonstration({ destinations: ['FR'], regions: [], area: {}, msgType: 'Update', references: [cancel.id] }));
    expect(revive.statusCode).toBe(409);
    expect((await get('/api/v1/alerts?destination=FR&active=true')).json()).toEqual([]);

    const feed = parseFeed((await get('/feeds/alerts.atom')).body);
    const cancelEntry = feed.items.find((item) => item.title === 'Cancelled: Strike in Paris extended to Tuesday');
    expect(cancelEntry).toBeDefined();
    expect(feed.items.some((item) => item.title?.includes('Strike in Paris') && !item.title.startsWith('Cancelled'))).toBe(false);
    const page = await get(`/alerts/${original.id}/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This alert was updated');
    expect((await get(`/alerts/${update.id}/`)).body).toContain('This alert was cancelled');
    const events = await store.db.selectFrom('events').select(['payload']).where('kind', '=', 'alert.published').execute();
    const cancelEvent = events.map((e) => JSON.parse(e.payload) as { alertId: number; msgType: string; destinations: string[]; regions: string[] }).find((p) => p.alertId === cancel.id);
    // The cancellation goes to the same area as the alert it cancels.
    expect(cancelEvent).toMatchObject({ msgType: 'Cancel', destinations: ['FR'], regions: ['FR-75'] });
  });

  it('lists active alerts by destination (alpha-2 or alpha-3, any case), shows them on the destination page and in the Atom index linking to CAP', async () => {
    const severe = await issue(demonstration({ destinations: ['RU', 'BY'], regions: ['RU-MOW'], severity: 'Severe', headline: 'Curfew in Moscow and Minsk', event: 'Curfew', category: 'Security' }));
    const events = await store.db.selectFrom('events').select(['urgent', 'destination_code', 'payload']).where('kind', '=', 'alert.published').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(events).toMatchObject({ urgent: 1, destination_code: 'RU' });
    expect(JSON.parse(events.payload)).toMatchObject({ alertId: severe.id, destinations: ['RU', 'BY'], regions: ['RU-MOW'], regionDestinations: ['RU'], severity: 'Severe', urgent: true });

    for (const code of ['RU', 'ru', 'RUS', 'BY']) {
      const response = await get(`/api/v1/alerts?destination=${code}&active=true`);
      expect(response.statusCode).toBe(200);
      expect((response.json() as { id: number }[]).map((a) => a.id)).toContain(severe.id);
    }
    const french = (await get('/api/v1/alerts?destination=FR&active=true')).json() as { id: number }[];
    expect(french.map((a) => a.id)).not.toContain(severe.id);
    const unknown = await get('/api/v1/alerts?destination=XX');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: 'destination', message: 'unknown destination: use an ISO 3166-1 code such as RU' }]);
    expect((await get('/api/v1/alerts?active=perhaps')).statusCode).toBe(400);
    const one = (await get(`/api/v1/alerts/${severe.id}`)).json();
    expect(one).toMatchObject({
      id: severe.id, status: 'Actual', msgType: 'Alert', destinations: ['RU', 'BY'], regions: ['RU-MOW'], severity: 'Severe', active: true,
      area: { areaDesc: 'Moskva (RU-MOW), Russia; Belarus', polygon: null, circle: '55.7558,37.6173 5' },
      url: `${PUBLIC_URL}/alerts/${severe.id}/`, capUrl: `${PUBLIC_URL}/feeds/alerts/${severe.id}.cap`,
    });
    expect(one.sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Number(/max-age=(\d+)/.exec(String((await get('/api/v1/alerts?active=true')).headers['cache-control']))?.[1])).toBeLessThanOrEqual(60);

    for (const slug of ['russia', 'belarus']) {
      const page = await get(`/destinations/${slug}`);
      expect(page.body).toContain('Curfew in Moscow and Minsk');
      expect(page.body).toContain(`href="/alerts/${severe.id}/"`);
    }
    expect((await get('/destinations/france')).body).not.toContain('Curfew in Moscow and Minsk');
    expect((await get('/alerts')).body).toContain('Curfew in Moscow and Minsk');
    const alertPage = await get(`/alerts/${severe.id}`);
    expect(alertPage.statusCode).toBe(200);
    expect(alertPage.body).toContain('<h1>Curfew in Moscow and Minsk</h1>');
    expect(alertPage.body).toContain(`href="/feeds/alerts/${severe.id}.cap"`);

    const atom = await get('/feeds/alerts.atom');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseFeed(atom.body);
    const entry = feed.items.find((item) => item.title === 'Curfew in Moscow and Minsk');
    expect(entry?.id).toBe(severe.identifier);
    expect(atom.body).toContain(`<link rel="alternate" type="application/cap+xml" href="${PUBLIC_URL}/feeds/alerts/${severe.id}.cap"/>`);
    expect((await get(`/feeds/alerts/${severe.id}.cap`)).body).toContain('<headline>Curfew in Moscow and Minsk</headline>');
    for (const url of ['/feeds/alerts/0.cap', '/feeds/alerts/abc.cap', '/feeds/alerts/999999.cap', '/alerts/999999/', '/alerts/x/', '/api/v1/alerts/999999']) {
      const response = await get(url);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
  });

  it('Exercise and Test alerts are kept but never public and notify nobody', async () => {
    const events = await count('events');
    const exercise = await issue(demonstration({ status: 'Exercise', headline: 'EXERCISE Moscow evacuation drill' }));
    const test = await issue(demonstration({ status: 'Test', headline: 'TEST alert please ignore', destinations: ['FR'], regions: [] }));
    expect(exercise.notified).toBe(false);
    expect(test.notified).toBe(false);
    expect(await count('events')).toBe(events);
    for (const url of ['/api/v1/alerts', '/api/v1/alerts?destination=RU&active=true', '/api/v1/alerts?destination=FR', '/feeds/alerts.atom', '/destinations/russia', '/destinations/france', '/alerts']) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain('EXERCISE Moscow evacuation drill');
      expect(body, url).not.toContain('TEST alert please ignore');
    }
    for (const id of [exercise.id, test.id]) {
      expect((await get(`/api/v1/alerts/${id}`)).statusCode).toBe(404);
      expect((await get(`/alerts/${id}/`)).statusCode).toBe(404);
      expect((await get(`/feeds/alerts/${id}.cap`)).statusCode).toBe(404);
    }
    // An exercise can only be updated or cancelled by exercise messages.
    const mixed = await call()('POST', '/api/v1/alerts', team.crisis.token, demonstration({ msgType: 'Update', references: [exercise.id] }));
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors).toEqual([{ field: 'references', message: `alert ${exercise.id} is Exercise, this message is Actual` }]);
    const exerciseCancel = await issue({}, `/api/v1/alerts/${exercise.id}/cancel`);
    expect(exerciseCancel.notified).toBe(false);
  });

  it('an expired alert leaves the active lists and the cached destination page by itself', async () => {
    const soon = new Date(Date.now() + 2500).toISOString();
    const brief = await issue(demonstration({ destinations: ['PT'], regions: [], headline: 'Short-lived port strike in Lisbon', area: {}, effective: inHours(-1, '+00:00'), expires: soon }));
    const listed = (await get('/api/v1/alerts?destination=PT&active=true')).json() as { id: number }[];
    expect(listed.map((a) => a.id)).toEqual([brief.id]);
    // The list may be cached only until the alert expires.
    expect(Number(/max-age=(\d+)/.exec(String((await get('/api/v1/alerts?destination=PT&active=true')).headers['cache-control']))?.[1])).toBeLessThanOrEqual(3);
    expect((await get('/destinations/portugal')).body).toContain('Short-lived port strike in Lisbon');
    expect((await get('/feeds/alerts.atom')).body).toContain('Short-lived port strike in Lisbon');
    await new Promise((resolve) => setTimeout(resolve, Date.parse(soon) - Date.now() + 1200));
    expect((await get('/api/v1/alerts?destination=PT&active=true')).json()).toEqual([]);
    expect((await get('/destinations/portugal')).body).not.toContain('Short-lived port strike in Lisbon');
    expect((await get('/alerts')).body).not.toContain('Short-lived port strike in Lisbon');
    expect((await get('/feeds/alerts.atom')).body).not.toContain('Short-lived port strike in Lisbon');
    const page = await get(`/alerts/${brief.id}/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This alert has expired.');
    expect((await get(`/api/v1/alerts/${brief.id}`)).json()).toMatchObject({ active: false });
    const late = await call()('POST', `/api/v1/alerts/${brief.id}/cancel`, team.crisis.token, {});
    expect(late.statusCode).toBe(409);
  });

  it('the static export carries the alert index, the Atom feed, and each public alert\'s page and CAP document', async () => {
    const alert = await issue(demonstration({ destinations: ['GE'], regions: [], area: {}, headline: 'Protest in Tbilisi' }));
    const hidden = await issue(demonstration({ status: 'Test', destinations: ['GE'], regions: [], area: {}, headline: 'TEST in Tbilisi' }));
    const out = join(mkdtempSync(join(tmpdir(), 'waypost-alert-export-')), 'site');
    await exportSite(store, { out, base: '/', publicUrl: PUBLIC_URL });
    expect(readFileSync(join(out, 'alerts/index.html'), 'utf8')).toContain('Protest in Tbilisi');
    expect(readFileSync(join(out, `alerts/${alert.id}/index.html`), 'utf8')).toContain('<h1>Protest in Tbilisi</h1>');
    expect(readFileSync(join(out, `feeds/alerts/${alert.id}.cap`), 'utf8')).toBe((await get(`/feeds/alerts/${alert.id}.cap`)).body);
    expect(readFileSync(join(out, 'feeds/alerts.atom'), 'utf8')).toContain(`${PUBLIC_URL}/feeds/alerts/${alert.id}.cap`);
    expect(readFileSync(join(out, 'destinations/georgia/index.html'), 'utf8')).toContain('Protest in Tbilisi');
    expect(existsSync(join(out, `alerts/${hidden.id}/index.html`))).toBe(false);
    expect(existsSync(join(out, `feeds/alerts/${hidden.id}.cap`))).toBe(false);
    // A whole export, every page in English and French: longer than the default 30 s on a loaded machine.
  }, 120_000);

  it('documents the alert routes in the OpenAPI document', async () => {
    const spec = (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/alerts', '/api/v1/alerts/{id}', '/api/v1/alerts/{id}/update', '/api/v1/alerts/{id}/cancel', '/feeds/alerts.atom', '/feeds/alerts/{id}.cap']));
    expect(Object.keys(spec.paths['/api/v1/alerts']!)).toEqual(expect.arrayContaining(['get', 'post']));
  });
});
