import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { answerLink, crisisSuite, declare, enrol, mailTo, post, wave } from '../helpers/crises-setup.ts';
import { consoleGet, consoleSignIn } from '../helpers/editorial-setup.ts';
import { travellerSignIn } from '../helpers/traveller.ts';

describe.each(ENGINES)('an organisation sees only its own people in a crisis on %s', (engine) => {
  const suite = crisisSuite(engine);

  async function organisation(name: string, adminId: number, memberIds: number[], verified: boolean): Promise<number> {
    const at = new Date().toISOString();
    const { id } = await suite.store.db.insertInto('organisations').values({
      name, name_normalised: name.toLowerCase(), created_at: at, created_by: adminId, verified_at: verified ? at : null, verified_by: null, withdrawn_at: null, withdrawn_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    await suite.store.db.insertInto('organisation_members').values([
      { organisation_id: id, traveller_id: adminId, role: 'admin', created_at: at },
      ...memberIds.map((traveller_id) => ({ organisation_id: id, traveller_id, role: 'member' as const, created_at: at })),
    ]).execute();
    return id;
  }

  it('counts and a list of its members with their latest answer; never another organisation\'s; nothing until verified', async () => {
    const admin = await enrol(suite, 'admin-uni@example.org', ['FR', null]);
    const ours = await enrol(suite, 'student@example.org', ['RU', null]);
    const helpless = await enrol(suite, 'student-in-need@example.org', ['RU', null]);
    const theirs = await enrol(suite, 'employee@example.org', ['RU', null]);
    await enrol(suite, 'nobody@example.org', ['RU', null]);
    const uni = await organisation('Uni', admin.id, [ours.id, helpless.id], true);
    const otherAdmin = await enrol(suite, 'admin-corp@example.org', ['FR', null]);
    await organisation('Corp', otherAdmin.id, [theirs.id], true);
    const id = await declare(suite, { title: 'Unrest', destinations: ['RU'] });
    await wave(suite, id);
    await suite.drain();
    await post(suite.app, answerLink(mailTo(suite, 'student@example.org')[0]!, 'I\'m safe'));
    await post(suite.app, answerLink(mailTo(suite, 'student-in-need@example.org')[0]!, 'I need help'));
    await post(suite.app, answerLink(mailTo(suite, 'employee@example.org')[0]!, 'I need help'));

    // Staff see every organisation's counts on the dashboard and in the API, people needing help first.
    const view = (await suite.call('GET', `/api/v1/crises/${id}`, suite.crisisStaff.token)).json() as { byOrganisation: unknown };
    expect(view.byOrganisation).toEqual([
      { organisation: 'Corp', counts: { safe: 0, needHelp: 1, left: 0, noAnswer: 0, undeliverable: 0 } },
      { organisation: 'Uni', counts: { safe: 1, needHelp: 1, left: 0, noAnswer: 0, undeliverable: 0 } },
    ]);
    const staff = await consoleSignIn(suite.app, 'crisis@example.org');
    const dashboard = (await consoleGet(suite.app, staff, `/console/crises/${id}`)).body;
    expect(dashboard).toContain('By organisation');
    expect(dashboard).toMatch(/<tr><td[^>]*>Uni<\/td><td[^>]*>1<\/td>/);

    const session = await travellerSignIn(suite.app, suite.store, 'admin-uni@example.org');
    const json = await suite.app.inject({ url: `/account/organisations/${uni}`, headers: { cookie: session.cookie, accept: 'application/json' } });
    expect(json.statusCode, json.body).toBe(200);
    const crises = json.json().crises as { title: string; counts: Record<string, number>; members: { email: string; answer: string | null }[] }[];
    expect(crises).toHaveLength(1);
    expect(crises[0]!.counts).toEqual({ safe: 1, needHelp: 1, left: 0, noAnswer: 0 });
    expect(crises[0]!.members.map((m) => [m.email, m.answer])).toEqual([['student-in-need@example.org', 'need_help'], ['student@example.org', 'safe']]);
    const page = (await suite.app.inject({ url: `/account/organisations/${uni}`, headers: { cookie: session.cookie } })).body;
    expect(page).toContain('Crises affecting your people');
    expect(page).toContain('student-in-need@example.org');
    for (const stranger of ['employee@example.org', 'nobody@example.org']) expect(page).not.toContain(stranger);

    // The same organisation unverified: no check-ins shown at all.
    await suite.store.db.updateTable('organisations').set({ verified_at: null }).where('id', '=', uni).execute();
    const unverified = await suite.app.inject({ url: `/account/organisations/${uni}`, headers: { cookie: session.cookie, accept: 'application/json' } });
    expect(unverified.json().crises).toEqual([]);
    expect((await suite.app.inject({ url: `/account/organisations/${uni}`, headers: { cookie: session.cookie } })).body).not.toContain('Crises affecting your people');
  });
});
