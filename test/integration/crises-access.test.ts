import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { answerLink, crisisSuite, declare, enrol, mailTo, post, wave } from '../helpers/crises-setup.ts';
import { addStaff, consoleGet, consolePost, consoleSignIn } from '../helpers/editorial-setup.ts';
import { addTrip } from '../helpers/notify.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

/** Who may see and do what with crises (API and console), bad input, the dashboard, the CSV, and /account. */
describe.each(ENGINES)('crisis access, console and account on %s', (engine) => {
  const suite = crisisSuite(engine);
  const rows = async () => ({
    crises: (await suite.store.db.selectFrom('crises').select('id').execute()).length,
    waves: (await suite.store.db.selectFrom('crisis_waves').select('id').execute()).length,
    events: (await suite.store.db.selectFrom('events').select('id').execute()).length,
  });

  it('editors, reviewers, organisations and strangers can neither see nor act: 403 or 401, nothing changes', async () => {
    const id = await declare(suite, { title: 'Unrest in Moscow', destinations: ['RU'] });
    const editor = await addStaff(suite.store, 'editor@example.org', 'editor');
    const reviewer = await addStaff(suite.store, 'reviewer@example.org', 'reviewer');
    const organiser = await travellerSignIn(suite.app, suite.store, 'organiser@example.org');
    expect((await travellerPost(suite.app, organiser, '/account/organisations', { name: 'Example University' })).statusCode).toBe(303);
    const before = await rows();
    const routes: ['GET' | 'POST', string, unknown?][] = [
      ['GET', '/api/v1/crises'], ['GET', `/api/v1/crises/${id}`], ['POST', '/api/v1/crises', { title: 'Mine', destinations: ['FR'] }],
      ['POST', `/api/v1/crises/${id}/waves`, {}], ['POST', `/api/v1/crises/${id}/close`, {}],
    ];
    for (const [method, url, body] of routes) {
      for (const staff of [editor, reviewer]) {
        const response = await suite.call(method, url, staff.token, body);
        expect(response.statusCode, `${staff.user.role} ${method} ${url}`).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).not.toContain('Unrest');
      }
      expect((await suite.call(method, url, null, body)).statusCode, `anonymous ${method} ${url}`).toBe(401);
      const asTraveller = await suite.app.inject({ method, url, headers: { cookie: organiser.cookie }, ...(body ? { payload: body as object } : {}) });
      expect(asTraveller.statusCode, `traveller ${method} ${url}`).toBe(401);
    }
    for (const email of ['editor@example.org', 'reviewer@example.org']) {
      const session = await consoleSignIn(suite.app, email);
      expect((await consoleGet(suite.app, session, '/console')).body).not.toContain('/console/crises');
      for (const url of ['/console/crises', `/console/crises/${id}`, `/console/crises/${id}/people.csv`]) {
        const response = await consoleGet(suite.app, session, url);
        expect(response.statusCode, `${email} GET ${url}`).toBe(403);
        expect(response.body).not.toContain('Unrest');
      }
      for (const url of ['/console/crises', `/console/crises/${id}/waves`, `/console/crises/${id}/close`]) {
        expect((await consolePost(suite.app, session, url, { title: 'Mine', destinations: 'FR' })).statusCode, `${email} POST ${url}`).toBe(403);
      }
    }
    expect((await suite.app.inject({ url: '/console/crises', headers: { cookie: organiser.cookie } })).statusCode).toBe(303);
    expect(await rows()).toEqual(before);
    // Crisis staff and admins may.
    expect((await suite.call('GET', `/api/v1/crises/${id}`, suite.admin.token)).statusCode).toBe(200);
    expect((await suite.call('POST', `/api/v1/crises/${id}/waves`, suite.admin.token, {})).statusCode).toBe(202);
  });

  it('bad input is a 400 problem naming the field, and saves nothing; unknown crises 404; closed or premature actions 409', async () => {
    const id = await declare(suite, { title: 'Unrest', destinations: ['RU'] });
    const before = await rows();
    const bad: [unknown, string][] = [
      [{ destinations: ['RU'] }, 'title'], [{ title: 'T', destinations: [] }, 'destinations'], [{ title: 'T', destinations: ['ZZ'] }, 'destinations.0'],
      [{ title: 'T', destinations: ['RU'], regions: ['Atlantis'] }, 'regions.0'], [{ title: 'T', destinations: ['RU'], startedAt: 'yesterday' }, 'startedAt'],
      [{ title: 'T', destinations: ['RU'], alertId: 999 }, 'alertId'], [{ title: 'T', destinations: ['RU'], exercise: 'perhaps' }, 'body.exercise'],
      [{ title: 'T', destinations: ['RU'], colour: 'red' }, 'body'], [{ title: 'x\u0000y', destinations: ['RU'] }, ''],
    ];
    for (const [body, field] of bad) {
      const response = await suite.call('POST', '/api/v1/crises', suite.crisisStaff.token, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (field) expect(JSON.stringify(response.json()), JSON.stringify(body)).toContain(field);
    }
    expect((await suite.call('POST', `/api/v1/crises/${id}/waves`, suite.crisisStaff.token, { followUp: 'soon' })).statusCode).toBe(400);
    expect((await suite.call('POST', `/api/v1/crises/${id}/waves`, suite.crisisStaff.token, { followUp: true })).statusCode).toBe(409);
    expect((await suite.call('GET', '/api/v1/crises/999', suite.crisisStaff.token)).statusCode).toBe(404);
    expect((await suite.call('POST', '/api/v1/crises/999/waves', suite.crisisStaff.token)).statusCode).toBe(404);
    expect((await suite.call('GET', '/api/v1/crises/abc', suite.crisisStaff.token)).statusCode).toBe(400);
    expect(await rows()).toEqual(before);
    expect((await suite.call('POST', `/api/v1/crises/${id}/close`, suite.crisisStaff.token)).statusCode).toBe(200);
    expect((await suite.call('POST', `/api/v1/crises/${id}/close`, suite.crisisStaff.token)).statusCode).toBe(409);
    const audit = await suite.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'crisis-%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['crisis-declared', 'crisis-closed']);
    // The names that must not drift are in the OpenAPI document; the answer pages are not API.
    const paths = (await suite.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(paths.paths['/api/v1/crises']!)).toEqual(['get', 'post']);
    for (const path of ['/api/v1/crises/{id}', '/api/v1/crises/{id}/waves', '/api/v1/crises/{id}/close']) expect(paths.paths[path], path).toBeDefined();
    expect(Object.keys(paths.paths).filter((p) => p.startsWith('/check-in'))).toEqual([]);
  });

  it('the console: declare (errors shown as typed), ask everyone, the dashboard with need help first, the CSV for consular staff', async () => {
    const helpNeeded = await enrol(suite, 'help@example.org', ['RU', 'RU-MOW']);
    await suite.store.db.updateTable('travellers').set({ name: '=HYPERLINK("http://evil.example")', phone: '+7 900 000 00 00' }).where('id', '=', helpNeeded.id).execute();
    await enrol(suite, 'quiet@example.org', ['RU', null]);
    const session = await consoleSignIn(suite.app, 'crisis@example.org');
    expect((await consoleGet(suite.app, session, '/console')).body).toContain('href="/console/crises"');
    const refused = await consolePost(suite.app, session, '/console/crises', { title: 'Unrest in Moscow', destinations: 'RU, ZZ', regions: 'RU-MOW' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('no destination is called &quot;ZZ&quot;');
    expect(refused.body).toContain('value="RU, ZZ"');
    const declared = await consolePost(suite.app, session, '/console/crises', { title: 'Unrest in Moscow', destinations: 'RU', regions: 'RU-MOW', exercise: 'true' });
    expect(declared.statusCode).toBe(303);
    const dashboardUrl = declared.headers.location!.split('?')[0]!;
    expect((await consolePost(suite.app, session, `${dashboardUrl}/waves`)).statusCode).toBe(303);
    await suite.drain();
    await post(suite.app, answerLink(mailTo(suite, 'help@example.org')[0]!, 'I need help'));
    await post(suite.app, `${answerLink(mailTo(suite, 'help@example.org')[0]!, 'I need help')}/details`, { location: 'Metro station', partySize: '2', note: '-1 day without water' });

    const dashboard = (await consoleGet(suite.app, session, dashboardUrl)).body;
    expect(dashboard).toContain('EXERCISE');
    expect(dashboard).toContain('<title id="chart-title">People by answer: Need help 1, No answer 1, Undeliverable 0, Safe 0, Not there / left 0</title>');
    expect(dashboard.indexOf('Need help (1)')).toBeLessThan(dashboard.indexOf('By place'));
    expect(dashboard).toContain('Metro station');
    expect(dashboard).toContain('Russia – Moskva (RU-MOW)');
    const csv = await consoleGet(suite.app, session, `${dashboardUrl}/people.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const table = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(table.map((r) => [r.state, r.email, r.places])).toEqual([['need_help', 'help@example.org', 'RU RU-MOW'], ['no_answer', 'quiet@example.org', 'RU']]);
    expect(table[0]).toMatchObject({ name: '\'=HYPERLINK("http://evil.example")', location: 'Metro station', party_size: '2', note: '\'-1 day without water', channel: 'email' });
    expect((await suite.store.db.selectFrom('audit_log').select('actor_label').where('action', '=', 'crisis-exported').execute())).toEqual([{ actor_label: 'crisis@example.org' }]);
    expect((await consolePost(suite.app, session, `${dashboardUrl}/close`)).statusCode).toBe(303);
    const closed = await consolePost(suite.app, session, `${dashboardUrl}/waves`);
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain('is closed');
  });

  it('a traveller sees their check-ins on /account and in their data export', async () => {
    const session = await travellerSignIn(suite.app, suite.store, 'traveller@example.org');
    const me = await suite.store.db.selectFrom('travellers').select('id').where('email', '=', 'traveller@example.org').executeTakeFirstOrThrow();
    await addTrip(suite.store.db, me.id, 'RU', { start: '2025-01-01', end: null, region: 'Moscow' });
    const id = await declare(suite, { title: 'Unrest in Moscow', destinations: ['RU'], regions: ['RU-MOW'] });
    await wave(suite, id);
    await suite.drain();
    expect((await suite.app.inject({ url: '/account', headers: { cookie: session.cookie } })).body).not.toContain('Your check-ins');
    await post(suite.app, answerLink(mailTo(suite, 'traveller@example.org')[0]!, 'I\'m safe'));
    const account = (await suite.app.inject({ url: '/account', headers: { cookie: session.cookie } })).body;
    expect(account).toContain('Your check-ins');
    expect(account).toContain('Unrest in Moscow: I&#39;m safe');
    const exported = await suite.app.inject({ url: '/account/export', headers: { cookie: session.cookie } });
    expect((exported.json() as { checkIns: { crisis: string; answer: string }[] }).checkIns).toMatchObject([{ crisis: 'Unrest in Moscow', answer: 'safe', channel: 'email' }]);
    // Deleting the account takes their answers and their place in the crisis with it.
    expect((await travellerPost(suite.app, session, '/account/delete', { confirm: 'DELETE' })).statusCode).toBe(200);
    for (const table of ['crisis_answers', 'crisis_people'] as const) expect(await suite.store.db.selectFrom(table).select('traveller_id').execute(), table).toEqual([]);
    expect((await suite.call('GET', `/api/v1/crises/${id}`, suite.crisisStaff.token)).json()).toMatchObject({ people: 0 });
  });
});
