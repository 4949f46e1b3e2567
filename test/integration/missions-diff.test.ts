import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { approvedDraft } from '../helpers/drafts.ts';
import { consoleGet, consoleSignIn, editorialSuite } from '../helpers/editorial-setup.ts';
import { RUSSIA_MISSIONS, RUSSIA_QUICK_FACTS } from '../helpers/missions.ts';

/**
 * The public revision diff shows what a traveller needs (issue 15, "Freshness"): a mission's status
 * or contacts changing, a mission listed or dropped, a quick fact changed; not the change type.
 */
describe.each(ENGINES)('mission changes in the public revision diff on %s', (engine) => {
  const suite = editorialSuite(engine);

  it('a revision page and the API diff show the embassy going from reduced staff to consular services suspended', async () => {
    const { call, team, app } = suite;
    const publish = async (patch: Record<string, unknown>) => {
      const id = await approvedDraft(call, team, 'RU', { changeType: 'major', ...patch });
      const published = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, {});
      expect(published.statusCode, published.body).toBe(200);
      return ((await call('GET', '/api/v1/advisories/RU', null)).json() as { revision: number }).revision;
    };
    const listed = await publish({ missions: RUSSIA_MISSIONS, quickFacts: RUSSIA_QUICK_FACTS, changeNote: 'Embassies and consulates listed.' });
    const suspended = RUSSIA_MISSIONS.map((m, i) => (i === 0 ? { ...m, status: 'suspended', statusSince: '2026-11-30', statusNote: 'Consular services suspended.', phones: [m.phones[1]] } : m));
    const latest = await publish({ missions: suspended, quickFacts: { ...RUSSIA_QUICK_FACTS, visa: 'Required; e-visas are no longer issued.' }, changeNote: 'The embassy has suspended consular services.' });

    const page = (await app.inject(`/destinations/russia/revisions/${latest}/`)).body;
    const diff = page.slice(page.indexOf('id="diff-title"'), page.indexOf('id="text-title"'));
    expect(diff).toContain('<dt>Embassies and consulates</dt>');
    expect(diff).toContain('<li>Embassy in Moscow: <del>Reduced staff since 2021-08-01: Limited ability to assist citizens, including detained citizens.</del> → <ins>Consular services suspended since 2026-11-30: Consular services suspended.</ins></li>');
    expect(diff).toContain('<li>Embassy in Moscow, how to reach it: <del>');
    expect(diff).toContain('<dt>Quick facts</dt>');
    expect(diff).toContain('<li>Visa: <del>Required before arrival.</del> → <ins>Required; e-visas are no longer issued.</ins></li>');
    // Unchanged missions are not listed; the change type is the publisher's business.
    expect(diff).not.toContain('Consulate in Vladivostok');
    expect(diff).not.toContain('Change type');

    const first = (await app.inject(`/destinations/russia/revisions/${listed}/`)).body;
    expect(first).toContain('<li>Consulate in Vladivostok: newly listed → <ins>Consular services suspended since 2020-12-01: Consular services suspended.</ins></li>');

    const api = (await call('GET', `/api/v1/advisories/RU/revisions/${latest}?diff=${listed}`, null)).json() as { diff: { changes: { field: string; from: unknown; to: unknown }[] } };
    const missions = api.diff.changes.find((c) => c.field === 'missions');
    expect((missions?.from as { status: string }[])[0]!.status).toBe('reduced');
    expect((missions?.to as { status: string }[])[0]!.status).toBe('suspended');
    expect(api.diff.changes.map((c) => c.field)).toContain('quickFacts');
    expect(api.diff.changes.map((c) => c.field)).not.toContain('changeType');
  });

  it('the reviewers\' side-by-side diff in the console shows the same mission and quick-fact changes before publication', async () => {
    const { call, team, app } = suite;
    const base = await approvedDraft(call, team, 'BY', { changeType: 'major', changeNote: 'Missions listed.', missions: RUSSIA_MISSIONS.slice(0, 1), quickFacts: RUSSIA_QUICK_FACTS });
    expect((await call('POST', `/api/v1/drafts/${base}/publish`, team.reviewer.token, {})).statusCode).toBe(200);
    const draft = await approvedDraft(call, team, 'BY', { changeType: 'major', changeNote: 'The embassy suspended consular services.', missions: [{ ...RUSSIA_MISSIONS[0]!, status: 'suspended' }], quickFacts: { ...RUSSIA_QUICK_FACTS, visa: 'Required; e-visas are no longer issued.' } });
    const page = (await consoleGet(app, await consoleSignIn(app, team.reviewer.user.email), `/console/drafts/${draft}/diff`)).body;
    expect(page).toContain('Mission: Embassy in Moscow (status)');
    expect(page).toMatch(/<ins>Consular services suspended<\/ins>|<ins>[^<]*suspended[^<]*<\/ins>/);
    expect(page).toContain('Quick fact: Visa');
    expect(page).not.toContain('Consulate in Vladivostok');
  });
});
