import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { ENGINES } from '../helpers/databases.ts';
import { editorialSuite } from '../helpers/editorial-setup.ts';
import { RUSSIA_MISSIONS, RUSSIA_QUICK_FACTS } from '../helpers/missions.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { smtpSuite } from '../helpers/smtp-suite.ts';

/**
 * Embassies and consulates through the advisory workflow (issue 15): written in a missions draft
 * by one person, approved and published by another; a consulate listed as suspended is a major
 * change that e-mails travellers with a trip there; the API, page and CSV carry what was published.
 */
describe.each(ENGINES)('missions and quick facts on %s', (engine) => {
  const suite = editorialSuite(engine);
  const mailer = smtpSuite();
  const drafts = () => suite.store.db.selectFrom('drafts').select('id').where('destination_code', '=', 'RU').execute();

  it('refuses bad missions with a 400 naming the field, and saves nothing', async () => {
    const { call, team } = suite;
    const CASES: [unknown, number, string | null][] = [
      [{ missions: [{ ...RUSSIA_MISSIONS[0], status: 'open' }] }, 400, 'missions.0.status'],
      [{ missions: [{ ...RUSSIA_MISSIONS[0], phones: [{ label: 'x', number: 'call us' }] }] }, 400, 'missions.0.phones.0.number'],
      [{ missions: [{ ...RUSSIA_MISSIONS[0], type: 'interests-section' }] }, 400, 'missions.0.hostCountry'],
      [{ missions: RUSSIA_MISSIONS, level: 1 }, 400, 'level'],
      [{ quickFacts: { bankCardsWork: 'no' } }, 400, 'quickFacts.bankCardsWork'],
      [{}, 400, 'missions'],
    ];
    for (const [body, status, field] of CASES) {
      const response = await call('POST', '/api/v1/destinations/RU/missions/drafts', team.editor.token, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await call('POST', '/api/v1/destinations/XX/missions/drafts', team.editor.token, { missions: [] })).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/destinations/RU/missions/drafts', null, { missions: [] })).statusCode).toBe(401);
    expect(await drafts()).toEqual([]);
  });

  it('draft → submit → approve → publish by two people; a suspended consulate notifies travellers there; API, page and CSV show it', async () => {
    const { call, team, store, app } = suite;
    const there = await addTraveller(store.db, 'in-russia@example.org');
    await addTrip(store.db, there.id, 'RU', { start: '2020-01-01', end: null });
    const elsewhere = await addTraveller(store.db, 'in-france@example.org');
    await addTrip(store.db, elsewhere.id, 'FR', { start: '2020-01-01', end: null });
    const before = (await app.inject('/api/v1/advisories/RU')).json();
    expect(before).toMatchObject({ missions: [], quickFacts: null });

    const created = await call('POST', '/api/v1/destinations/RU/missions/drafts', team.editor.token, { missions: RUSSIA_MISSIONS, changeType: 'minor' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ derivedChangeType: 'major', mandatoryChanges: [{ field: 'missions' }] });
    expect(created.json().mandatoryChanges[0].message).toBe('Consulate General in Yekaterinburg listed as consular services suspended; Consulate in Vladivostok listed as consular services suspended');
    const minor = await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token);
    expect(minor.statusCode).toBe(400);
    expect(minor.json().errors.map((e: { field: string }) => e.field)).toEqual(['changeType', 'missions']);

    // The same route again updates the open draft: quick facts, and the change graded major.
    const updated = await call('POST', '/api/v1/destinations/rus/missions/drafts', team.editor.token, {
      missions: RUSSIA_MISSIONS, quickFacts: RUSSIA_QUICK_FACTS, changeType: 'major', changeNote: 'Consular services are suspended at both consulates.',
    });
    expect([updated.statusCode, updated.json().id]).toEqual([200, id]);
    expect(updated.headers.etag).toBe(`"draft-${id}-v2"`);
    expect((await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token)).statusCode).toBe(200);
    const selfApproval = await call('POST', `/api/v1/drafts/${id}/approve`, team.editor.token);
    expect(selfApproval.statusCode).toBe(403);
    expect((await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token)).statusCode).toBe(200);
    const published = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, {});
    expect(published.statusCode, published.body).toBe(200);

    const missions = await app.inject('/api/v1/destinations/RU/missions');
    expect(missions.statusCode).toBe(200);
    expect(missions.json()).toEqual([
      {
        id: 'embassy-moscow', type: 'embassy', name: 'Embassy in Moscow', city: 'Moscow', address: 'Bolshoy Deviatinsky Pereulok No. 8, Moscow 121099',
        phones: [{ label: 'Switchboard', number: '+7 495 728-5000', emergency: false }, { label: 'After hours', number: '+7 495 728-5025', emergency: true }],
        email: 'moscowacs@example.org', hours: 'Mon–Fri 9:00–18:00', services: ['Emergency passports', 'Help for detained citizens (limited)'],
        status: 'reduced', statusSince: '2021-08-01', statusNote: 'Limited ability to assist citizens, including detained citizens.', hostCountry: null,
      },
      expect.objectContaining({ id: 'consulate-general-yekaterinburg', status: 'suspended', statusSince: '2021-05-12' }),
      expect.objectContaining({ id: 'consulate-vladivostok', status: 'suspended', phones: [] }),
    ]);
    const advisory = (await app.inject('/api/v1/advisories/RU')).json();
    expect(advisory).toMatchObject({ changeType: 'major', missions: missions.json(), quickFacts: RUSSIA_QUICK_FACTS });
    // History: the revision before still has no missions.
    const history = (await app.inject('/api/v1/advisories/RU/revisions')).json() as { missions: unknown[] }[];
    expect(history.map((r) => r.missions.length).slice(0, 2)).toEqual([3, 0]);
    expect((await app.inject('/api/v1/destinations/ZZ/missions')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/destinations/FR/missions')).json()).toEqual([]);

    const worker = new NotifyWorker({ store, config: { publicUrl: 'http://waypost.test', secret: 'missions-secret-0123456789' }, mail: mailer.mail });
    await worker.drain();
    const [message] = await mailer.smtp.waitFor(1);
    expect(mailer.smtp.received.map((m) => m.to[0])).toEqual(['in-russia@example.org']);
    expect(message!.subject).toContain('2 embassies or consulates suspended or closed');
    expect(message!.text).toContain('Embassies and consulates:');
    expect(message!.text).toContain('- Consulate in Vladivostok, Vladivostok (Consular services suspended)');
    expect(message!.text).toContain('+7 495 728-5025 (24/7 emergencies)');

    const page = (await app.inject('/destinations/russia/')).body;
    expect(page).toContain('<h2 id="missions-title">Embassies and consulates</h2>');
    expect(page).toMatch(/Consular services suspended<\/strong> since <time datetime="2021-05-12">/);
    expect(page).toContain('<a href="tel:+74957285025">+7 495 728-5025</a> <strong>(24/7 emergencies)</strong>');
    expect(page).toContain('<h2 id="quick-facts-title">Quick facts</h2>');
    expect(page).toContain('Our bank cards do not work. U.S. credit and debit cards do not work in Russia: bring cash.');
    expect(page).not.toContain('No embassy or consulate can help in person');

    const csv = parse((await app.inject('/exports/advisories.csv')).body, { columns: true }) as Record<string, string>[];
    expect(csv.find((row) => row.code === 'RU')).toMatchObject({ visa: 'Required before arrival.', bankCardsWork: 'false', emergencyNumbers: '112' });
    expect(csv.find((row) => row.code === 'FR')).toMatchObject({ visa: '', bankCardsWork: '' });
  });
});
