import { describe, expect, it } from 'vitest';
import { caseContext } from '../../src/cases/context.ts';
import { deleteTraveller } from '../../src/enrolment/privacy.ts';
import { purgeExpired } from '../../src/enrolment/purge.ts';
import { enrolmentSettings } from '../../src/enrolment/context.ts';
import { ENGINES } from '../helpers/databases.ts';
import { answerLink, crisisSuite, declare, enrol, mailTo, post, wave } from '../helpers/crises-setup.ts';
import { addStaff, type TestStaff } from '../helpers/editorial-setup.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

/** Consular cases over the staff API: who may see them, "I need help", the wrongful designation, the access log, retention. */
describe.each(ENGINES)('cases on %s', (engine) => {
  const suite = crisisSuite(engine);
  const db = () => suite.store.db;
  const count = async (table: 'cases' | 'case_notes' | 'case_access' | 'case_contacts' | 'case_people') => (await db().selectFrom(table).select('id').execute()).length;
  const consular = async (): Promise<TestStaff> => addStaff(suite.store, 'consul@example.org', 'consular');
  const open = async (staff: TestStaff, body: Record<string, unknown>) => {
    const response = await suite.call('POST', '/api/v1/cases', staff.token, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: number } & Record<string, unknown>;
  };

  it('a case is invisible to editors, reviewers, crisis staff, organisations, travellers and strangers, route by route; consular staff and admins see it', async () => {
    const consul = await consular();
    const editor = await addStaff(suite.store, 'editor@example.org', 'editor');
    const reviewer = await addStaff(suite.store, 'reviewer@example.org', 'reviewer');
    const organiser = await travellerSignIn(suite.app, suite.store, 'organiser@example.org');
    expect((await travellerPost(suite.app, organiser, '/account/organisations', { name: 'Example University' })).statusCode).toBe(303);
    const { id } = await open(consul, {
      title: 'Zelda Quarrington detained', country: 'RU', type: 'arrest_detention', note: 'Held at the Lefortovo centre',
      people: [{ name: 'Zelda Quarrington', relation: 'party_member', citizenships: ['FR'] }],
    });
    const before = await Promise.all((['cases', 'case_notes', 'case_access', 'case_contacts', 'case_people'] as const).map(count));
    const routes: ['GET' | 'POST' | 'PATCH', string, unknown?][] = [
      ['GET', '/api/v1/cases'], ['POST', '/api/v1/cases', { title: 'Mine', country: 'FR' }], ['GET', `/api/v1/cases/${id}`],
      ['PATCH', `/api/v1/cases/${id}`, { priority: 'urgent' }], ['POST', `/api/v1/cases/${id}/notes`, { body: 'hello' }],
      ['POST', `/api/v1/cases/${id}/access`, { kind: 'visit', date: '2026-01-01' }], ['POST', `/api/v1/cases/${id}/contacts`, { direction: 'incoming', channel: 'phone', party: 'x', summary: 'y' }],
      ['POST', `/api/v1/cases/${id}/people`, { name: 'Kin', relation: 'next_of_kin' }], ['GET', '/api/v1/cases/999'],
    ];
    for (const [method, url, body] of routes) {
      for (const staff of [editor, reviewer, suite.crisisStaff]) {
        const response = await suite.call(method, url, staff.token, body);
        expect(response.statusCode, `${staff.user.role} ${method} ${url}`).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).not.toMatch(/Zelda|Lefortovo|arrest/);
      }
      const anonymous = await suite.call(method, url, null, body);
      expect(anonymous.statusCode, `anonymous ${method} ${url}`).toBe(401);
      expect(anonymous.body).not.toMatch(/Zelda|Lefortovo/);
      const asTraveller = await suite.app.inject({ method, url, headers: { cookie: organiser.cookie }, ...(body ? { payload: body as object } : {}) });
      expect(asTraveller.statusCode, `organisation member ${method} ${url}`).toBe(401);
      expect(asTraveller.body).not.toMatch(/Zelda|Lefortovo/);
    }
    expect(await Promise.all((['cases', 'case_notes', 'case_access', 'case_contacts', 'case_people'] as const).map(count))).toEqual(before);
    // Not in the audit log others read, nor in the public API, feeds or metrics.
    for (const staff of [editor, suite.crisisStaff]) {
      const audit = await suite.call('GET', '/api/v1/audit?limit=500', staff.token);
      expect(audit.statusCode).toBe(200);
      expect((audit.json() as { action: string }[]).filter((e) => e.action.startsWith('case-'))).toEqual([]);
    }
    for (const url of ['/api/v1/advisories', '/feeds/alerts.atom', '/api/v1/alerts', '/exports/advisories.csv', '/api/openapi.json']) {
      expect((await suite.app.inject({ url })).body, url).not.toMatch(/Zelda|Lefortovo/);
    }
    // Consular staff and admins may, and each read is audited.
    for (const staff of [consul, suite.admin]) {
      const list = await suite.call('GET', '/api/v1/cases', staff.token);
      expect(list.statusCode).toBe(200);
      expect((list.json() as { title: string }[]).map((c) => c.title)).toEqual(['Zelda Quarrington detained']);
      const one = await suite.call('GET', `/api/v1/cases/${id}`, staff.token);
      expect(one.statusCode).toBe(200);
      expect(one.headers['cache-control']).toBe('private, no-store');
      expect(one.json()).toMatchObject({ id, type: 'arrest_detention', status: 'open', notes: [{ body: 'Held at the Lefortovo centre', author: 'consul@example.org' }] });
    }
    const reads = await db().selectFrom('audit_log').select(['action', 'actor_label']).where('action', 'in', ['case-listed', 'case-read']).orderBy('id').execute();
    expect(reads).toEqual([
      { action: 'case-listed', actor_label: 'consul@example.org' }, { action: 'case-read', actor_label: 'consul@example.org' },
      { action: 'case-listed', actor_label: 'admin@example.org' }, { action: 'case-read', actor_label: 'admin@example.org' },
    ]);
    const seen = await suite.call('GET', '/api/v1/audit?limit=500', consul.token);
    expect((seen.json() as { action: string }[]).some((e) => e.action === 'case-opened')).toBe(true);
    const doc = (await suite.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/cases']!)).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/cases/{id}']!)).toEqual(['get', 'patch']);
    for (const path of ['notes', 'access']) expect(doc.paths[`/api/v1/cases/{id}/${path}`], path).toBeDefined();
  });

  it('"I need help" opens exactly one case per person and crisis; later answers and details become notes', async () => {
    const consul = await consular();
    const traveller = await enrol(suite, 'help@example.org', ['RU', 'RU-MOW']);
    await db().insertInto('traveller_citizenships').values([{ traveller_id: traveller.id, country_code: 'FR' }, { traveller_id: traveller.id, country_code: 'RU' }]).execute();
    await enrol(suite, 'safe@example.org', ['RU', null]);
    const crisis = await declare(suite, { title: 'Unrest in Moscow', destinations: ['RU'] });
    await wave(suite, crisis);
    await suite.drain();
    const help = answerLink(mailTo(suite, 'help@example.org')[0]!, 'I need help');
    expect((await post(suite.app, help)).statusCode).toBe(200);
    expect((await post(suite.app, help)).statusCode).toBe(200);
    expect((await post(suite.app, answerLink(mailTo(suite, 'safe@example.org')[0]!, 'I\'m safe'))).statusCode).toBe(200);
    expect((await post(suite.app, `${help}/details`, { location: 'Metro station', partySize: '3', note: 'No water since Monday' })).statusCode).toBe(200);
    expect(await count('cases')).toBe(1);
    // A second wave: help again, then safe: one case still, each answer noted.
    await wave(suite, crisis);
    await suite.drain();
    const second = mailTo(suite, 'help@example.org')[1]!;
    expect((await post(suite.app, answerLink(second, 'I need help'))).statusCode).toBe(200);
    expect((await post(suite.app, answerLink(second, 'I\'m safe'))).statusCode).toBe(200);
    expect(await count('cases')).toBe(1);
    const [listed] = (await suite.call('GET', '/api/v1/cases', consul.token)).json() as { id: number; flags: Record<string, boolean> }[];
    expect(listed!.flags).toEqual({ needHelp: true, accessOverdue: false, dualNational: true });
    const one = (await suite.call('GET', `/api/v1/cases/${listed!.id}`, consul.token)).json() as Record<string, unknown> & { notes: { body: string }[]; people: unknown[] };
    expect(one).toMatchObject({ title: 'I need help – Unrest in Moscow', type: null, country: 'RU', crisisId: crisis, travellerId: traveller.id, openedBy: 'check-in answer', priority: 'high' });
    expect(one.people).toEqual([expect.objectContaining({ relation: 'traveller', travellerId: traveller.id, citizenships: ['FR', 'RU'] })]);
    expect(one.notes.map((n) => n.body)).toEqual([
      'Answered "I need help" by email (check-in wave 1).',
      'Where: Metro station\nPeople in the party: 3\nThey wrote: No water since Monday',
      'Answered "I need help" by email (check-in wave 2).',
      'Answered "I\'m safe" by email (check-in wave 2).',
    ]);
    // Deleting the account leaves the case, unlinked, with the name and citizenships it copied.
    await deleteTraveller({ db: db(), now: () => new Date() } as never, traveller.id);
    const after = (await suite.call('GET', `/api/v1/cases/${listed!.id}`, consul.token)).json() as { travellerId: number | null; people: { travellerId: number | null; citizenships: string[] }[]; flags: Record<string, boolean> };
    expect(after.travellerId).toBeNull();
    expect(after.people).toEqual([expect.objectContaining({ travellerId: null, citizenships: ['FR', 'RU'] })]);
    expect(after.flags.dualNational).toBe(true);
  });

  it('two "I need help" answers racing (two waves\' links at once) still make one case, with both answers noted', async () => {
    await enrol(suite, 'racer@example.org', ['RU', null]);
    const crisis = await declare(suite, { title: 'Earthquake', destinations: ['RU'] });
    await wave(suite, crisis);
    await wave(suite, crisis);
    await suite.drain();
    const [first, second] = mailTo(suite, 'racer@example.org');
    const answers = await Promise.all([post(suite.app, answerLink(first!, 'I need help')), post(suite.app, answerLink(second!, 'I need help'))]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(await count('cases')).toBe(1);
    expect((await suite.store.db.selectFrom('case_notes').select('body').execute()).map((n) => n.body).sort()).toEqual([
      'Answered "I need help" by email (check-in wave 1).', 'Answered "I need help" by email (check-in wave 2).',
    ]);
  });

  it('wrongful detention is designated by admins only, and audited; closing needs an outcome; reopening notes it', async () => {
    const consul = await consular();
    expect((await suite.call('POST', '/api/v1/cases', consul.token, { title: 'T', country: 'IR', type: 'wrongful_detention' })).statusCode).toBe(403);
    expect(await count('cases')).toBe(0);
    const { id } = await open(consul, { title: 'Detained in Tehran', country: 'IR', type: 'arrest_detention' });
    const refused = await suite.call('PATCH', `/api/v1/cases/${id}`, consul.token, { type: 'wrongful_detention', priority: 'urgent' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ errors: [{ field: 'type' }] });
    const designated = await suite.call('PATCH', `/api/v1/cases/${id}`, suite.admin.token, { type: 'wrongful_detention' });
    expect(designated.statusCode).toBe(200);
    expect(designated.json()).toMatchObject({ type: 'wrongful_detention', priority: 'normal', typeLabel: 'Wrongful detention' });
    expect((await suite.call('PATCH', `/api/v1/cases/${id}`, consul.token, { type: 'arrest_detention' })).statusCode).toBe(403);
    const audit = await db().selectFrom('audit_log').select(['actor_label', 'detail']).where('action', '=', 'case-designated').execute();
    expect(audit.map((a) => [a.actor_label, JSON.parse(a.detail)])).toEqual([['admin@example.org', { case: id, from: 'arrest_detention', to: 'wrongful_detention' }]]);

    expect((await suite.call('PATCH', `/api/v1/cases/${id}`, consul.token, { status: 'closed' })).statusCode).toBe(400);
    expect((await suite.call('PATCH', `/api/v1/cases/${id}`, consul.token, { status: 'closed', outcome: 'Released on 3 March' })).json()).toMatchObject({ status: 'closed', outcome: 'Released on 3 March' });
    const reopened = (await suite.call('PATCH', `/api/v1/cases/${id}`, consul.token, { status: 'in_progress', assigneeId: consul.user.id })).json() as { status: string; outcome: null; closedAt: null; assignee: unknown; notes: { body: string }[] };
    expect(reopened).toMatchObject({ status: 'in_progress', outcome: null, closedAt: null, assignee: { id: consul.user.id, email: 'consul@example.org' } });
    expect(reopened.notes.at(-1)!.body).toMatch(/^Reopened by consul@example.org\. It had been closed on \d{4}-\d{2}-\d{2} with the outcome: Released on 3 March$/);
    expect((await suite.call('PATCH', `/api/v1/cases/${id}`, consul.token, { assigneeId: suite.crisisStaff.user.id })).statusCode).toBe(400);
    expect((await suite.call('PATCH', `/api/v1/cases/${id}`, consul.token, { colour: 'red' })).statusCode).toBe(400);
    expect((await suite.call('PATCH', '/api/v1/cases/999', consul.token, { priority: 'low' })).statusCode).toBe(404);
  });

  it('the consular access log: days since last access, flagged past 14 days; no future dates; detention cases only', async () => {
    const consul = await consular();
    const { id } = await open(consul, { title: 'Detained', country: 'RU', type: 'arrest_detention', people: [{ name: 'A', relation: 'traveller', citizenships: ['GB'] }] });
    const medical = await open(consul, { title: 'Hospital', country: 'RU', type: 'medical' });
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await db().updateTable('cases').set({ opened_at: daysAgo(20) }).where('id', '=', id).execute();
    const flags = async () => ((await suite.call('GET', `/api/v1/cases/${id}`, consul.token)).json() as { flags: Record<string, boolean>; access: Record<string, unknown> });
    expect(await flags()).toMatchObject({ flags: { accessOverdue: true, dualNational: false }, access: { lastAccess: null, days: 20, overdue: true, thresholdDays: 14 } });
    const before = await count('case_access');
    expect((await suite.call('POST', `/api/v1/cases/${id}/access`, consul.token, { kind: 'visit', date: daysAgo(-3).slice(0, 10) })).statusCode).toBe(400);
    expect((await suite.call('POST', `/api/v1/cases/${id}/access`, consul.token, { kind: 'phoned', date: daysAgo(1).slice(0, 10) })).statusCode).toBe(400);
    expect((await suite.call('POST', `/api/v1/cases/${medical.id}/access`, consul.token, { kind: 'visit', date: daysAgo(1).slice(0, 10) })).statusCode).toBe(409);
    expect(await count('case_access')).toBe(before);
    expect((await suite.call('POST', `/api/v1/cases/${id}/access`, consul.token, { kind: 'requested', date: daysAgo(18).slice(0, 10) })).statusCode).toBe(201);
    expect((await suite.call('POST', `/api/v1/cases/${id}/access`, consul.token, { kind: 'visit', date: daysAgo(15).slice(0, 10) })).statusCode).toBe(201);
    expect(await flags()).toMatchObject({ flags: { accessOverdue: true }, access: { days: 15, overdue: true } });
    expect((await suite.call('POST', `/api/v1/cases/${id}/access`, consul.token, { kind: 'visit', date: daysAgo(3).slice(0, 10), note: 'Seen in good health' })).statusCode).toBe(201);
    expect(await flags()).toMatchObject({ flags: { accessOverdue: false }, access: { lastAccess: daysAgo(3).slice(0, 10), days: 3, overdue: false } });
    const contact = await suite.call('POST', `/api/v1/cases/${id}/contacts`, consul.token, { direction: 'outgoing', channel: 'phone', party: 'Their lawyer', summary: 'Hearing on Friday' });
    expect(contact.statusCode).toBe(201);
    expect((contact.json() as { contacts: unknown[] }).contacts).toEqual([expect.objectContaining({ party: 'Their lawyer', direction: 'outgoing' })]);
    // A dual national (host country's citizenship) is flagged.
    expect((await suite.call('POST', `/api/v1/cases/${id}/people`, consul.token, { name: 'B', relation: 'party_member', citizenships: ['Russia'] })).statusCode).toBe(201);
    expect((await flags()).flags.dualNational).toBe(true);
    const actions = await db().selectFrom('audit_log').select('action').where('action', 'in', ['case-access-added', 'case-contact-added', 'case-person-added']).execute();
    expect(actions.length).toBe(5);
  });

  it('closed cases are deleted after the retention period by the daily purge, with everything they hold; open ones never', async () => {
    const consul = await consular();
    const ids = [];
    for (const title of ['Old closed', 'Recent closed', 'Old open']) ids.push((await open(consul, { title, country: 'FR', note: 'n' })).id);
    for (const id of ids.slice(0, 2)) expect((await suite.call('PATCH', `/api/v1/cases/${id}`, consul.token, { status: 'closed', outcome: 'Done' })).statusCode).toBe(200);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await db().updateTable('cases').set({ closed_at: daysAgo(731) }).where('id', '=', ids[0]!).execute();
    await db().updateTable('cases').set({ closed_at: daysAgo(729) }).where('id', '=', ids[1]!).execute();
    await db().updateTable('cases').set({ opened_at: daysAgo(2000) }).where('id', '=', ids[2]!).execute();
    const report = await purgeExpired({ db: db(), now: () => new Date(), settings: enrolmentSettings({}), caseRetentionDays: caseContext(db()).settings.retentionDays });
    expect(report.cases).toBe(1);
    expect((await db().selectFrom('cases').select('title').orderBy('id').execute()).map((c) => c.title)).toEqual(['Recent closed', 'Old open']);
    expect(await db().selectFrom('case_notes').select('id').where('case_id', '=', ids[0]!).execute()).toEqual([]);
    const deleted = await db().selectFrom('audit_log').select(['actor_label', 'detail']).where('action', '=', 'case-deleted').execute();
    expect(deleted.map((d) => [d.actor_label, JSON.parse(d.detail).cases])).toEqual([['retention', [ids[0]]]]);
    expect((await purgeExpired({ db: db(), now: () => new Date(), settings: enrolmentSettings({}), caseRetentionDays: 100 })).cases).toBe(1);
  });

  it('the consular role is stored (migration 015 widened the role check) and nothing else is', async () => {
    const consul = await consular();
    expect(consul.user.role).toBe('consular');
    await expect(db().updateTable('users').set({ role: 'bogus' as never }).where('id', '=', consul.user.id).execute()).rejects.toThrow();
    expect((await db().selectFrom('users').select('role').where('id', '=', consul.user.id).executeTakeFirstOrThrow()).role).toBe('consular');
  });
});
