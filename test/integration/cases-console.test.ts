import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { answerLink, crisisSuite, declare, enrol, mailTo, post, wave } from '../helpers/crises-setup.ts';
import { addStaff, consoleGet, consolePost, consoleSignIn } from '../helpers/editorial-setup.ts';
import { travellerSignIn } from '../helpers/traveller.ts';

/** The console's Cases pages: consular staff work cases there; nobody else sees the link or a page. */
describe.each(ENGINES)('cases in the console on %s', (engine) => {
  const suite = crisisSuite(engine);

  it('other roles get no Cases link and 403 on every page and form; nothing changes', async () => {
    const consul = await addStaff(suite.store, 'consul@example.org', 'consular');
    await addStaff(suite.store, 'editor@example.org', 'editor');
    await addStaff(suite.store, 'reviewer@example.org', 'reviewer');
    const opened = await suite.call('POST', '/api/v1/cases', consul.token, { title: 'Zelda Quarrington detained', country: 'RU', note: 'Held at Lefortovo' });
    const id = (opened.json() as { id: number }).id;
    const before = await suite.store.db.selectFrom('case_notes').select('id').execute();
    for (const email of ['editor@example.org', 'reviewer@example.org', 'crisis@example.org']) {
      const session = await consoleSignIn(suite.app, email);
      expect((await consoleGet(suite.app, session, '/console')).body).not.toContain('/console/cases');
      for (const url of ['/console/cases', `/console/cases/${id}`]) {
        const response = await consoleGet(suite.app, session, url);
        expect(response.statusCode, `${email} GET ${url}`).toBe(403);
        expect(response.body).not.toMatch(/Zelda|Lefortovo/);
      }
      for (const url of ['/console/cases', `/console/cases/${id}`, `/console/cases/${id}/notes`, `/console/cases/${id}/access`, `/console/cases/${id}/contacts`, `/console/cases/${id}/people`]) {
        expect((await consolePost(suite.app, session, url, { title: 'Mine', country: 'FR', body: 'x', status: 'closed', outcome: 'x' })).statusCode, `${email} POST ${url}`).toBe(403);
      }
      const audit = await consoleGet(suite.app, session, '/console/audit');
      expect(audit.body).not.toContain('case-opened');
    }
    const traveller = await travellerSignIn(suite.app, suite.store, 'someone@example.org');
    expect((await suite.app.inject({ url: `/console/cases/${id}`, headers: { cookie: traveller.cookie } })).statusCode).toBe(303);
    expect(await suite.store.db.selectFrom('case_notes').select('id').execute()).toEqual(before);
    const mine = await consoleSignIn(suite.app, 'consul@example.org');
    expect((await consoleGet(suite.app, mine, '/console')).body).toContain('href="/console/cases"');
    expect((await consoleGet(suite.app, mine, '/console/audit')).body).toContain('case-opened');
  });

  it('consular staff triage a need-help case, log access, notes and contacts, and close it; need help comes first with its flags', async () => {
    await addStaff(suite.store, 'consul@example.org', 'consular');
    const traveller = await enrol(suite, 'help@example.org', ['RU', null]);
    await suite.store.db.insertInto('traveller_citizenships').values({ traveller_id: traveller.id, country_code: 'RU' }).execute();
    const crisis = await declare(suite, { title: 'Unrest in Moscow', destinations: ['RU'] });
    await wave(suite, crisis);
    await suite.drain();
    await post(suite.app, answerLink(mailTo(suite, 'help@example.org')[0]!, 'I need help'));
    const session = await consoleSignIn(suite.app, 'consul@example.org');
    const byHand = await consolePost(suite.app, session, '/console/cases', { title: 'Lost passport in Paris', country: 'France', type: 'lost_passport', priority: 'low' });
    expect(byHand.statusCode).toBe(303);
    const refused = await consolePost(suite.app, session, '/console/cases', { title: '', country: 'Atlantis' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('must be a country');

    const list = (await consoleGet(suite.app, session, '/console/cases')).body;
    expect(list.indexOf('I need help – Unrest in Moscow')).toBeLessThan(list.indexOf('Lost passport in Paris'));
    expect(list).toContain('needs help – triage');
    expect(list).toContain('consular access may be refused (dual national)');
    expect(list).not.toContain('value="wrongful_detention"');

    const helpCase = await suite.store.db.selectFrom('cases').select('id').where('help_key', 'is not', null).executeTakeFirstOrThrow();
    const url = `/console/cases/${helpCase.id}`;
    expect((await consolePost(suite.app, session, url, { status: 'in_progress', priority: 'urgent', type: 'wrongful_detention', assigneeId: '' })).statusCode).toBe(403);
    expect((await consolePost(suite.app, session, url, { status: 'in_progress', priority: 'urgent', type: 'arrest_detention', assigneeId: '' })).statusCode).toBe(303);
    const old = new Date(Date.now() - 30 * 86_400_000).toISOString();
    await suite.store.db.updateTable('cases').set({ opened_at: old }).where('id', '=', helpCase.id).execute();
    expect((await consoleGet(suite.app, session, url)).body).toContain('No access yet: <strong>30 days</strong>');
    expect((await consolePost(suite.app, session, `${url}/access`, { kind: 'visit', date: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10), 'access-note': 'Seen' })).statusCode).toBe(303);
    expect((await consolePost(suite.app, session, `${url}/notes`, { body: 'Lawyer appointed.\nHearing on Friday.' })).statusCode).toBe(303);
    expect((await consolePost(suite.app, session, `${url}/contacts`, { direction: 'outgoing', channel: 'phone', party: 'Their mother', summary: 'Told her of the visit' })).statusCode).toBe(303);
    expect((await consolePost(suite.app, session, `${url}/people`, { name: 'Their mother', relation: 'next_of_kin', consent: 'true', citizenships: 'FR' })).statusCode).toBe(303);
    const page = (await consoleGet(suite.app, session, url)).body;
    expect(page).toContain('<strong>2 days ago</strong>');
    expect(page).toContain('Lawyer appointed.\nHearing on Friday.');
    expect(page).toContain('to Their mother');
    expect(page).toContain('Their mother – next of kin (consented to be told)');
    const closing = await consolePost(suite.app, session, url, { status: 'closed', priority: 'urgent', type: 'arrest_detention', outcome: '' });
    expect(closing.statusCode).toBe(400);
    expect(closing.body).toContain('is required to close a case');
    expect((await consolePost(suite.app, session, url, { status: 'closed', priority: 'urgent', type: 'arrest_detention', outcome: 'Released' })).statusCode).toBe(303);
    expect((await consoleGet(suite.app, session, url)).body).toContain('Outcome: Released');
    expect((await consoleGet(suite.app, session, '/console/cases/999')).statusCode).toBe(404);
  });
});
