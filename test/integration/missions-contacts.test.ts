import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { demonstration } from '../helpers/alerts-setup.ts';
import { ENGINES } from '../helpers/databases.ts';
import { approvedDraft } from '../helpers/drafts.ts';
import { editorialSuite } from '../helpers/editorial-setup.ts';
import { RUSSIA_MISSIONS } from '../helpers/missions.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { smtpSuite } from '../helpers/smtp-suite.ts';
import { validateCap, xmllintAvailable } from '../helpers/xmllint.ts';

/**
 * When no mission is open (issue 15): the page says so first, with who to call; alert e-mails and
 * CAP documents carry the missions as published, so a traveller learns where (not) to turn.
 */
describe.each(ENGINES)('missions in alerts and when all are down, on %s', (engine) => {
  const suite = editorialSuite(engine);
  const mailer = smtpSuite();

  it('all missions suspended or closed: the page says so prominently with the emergency line; alert e-mail and CAP contact list them', async () => {
    const { call, team, store, app } = suite;
    const down = RUSSIA_MISSIONS.map((m, i) => ({ ...m, status: i === 0 ? 'closed' : 'suspended' }));
    const id = await approvedDraft(call, team, 'RU', { missions: down, changeType: 'major', changeNote: 'The embassy has closed.' });
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, {})).statusCode).toBe(200);

    const page = (await app.inject('/destinations/russia/')).body;
    const box = page.slice(page.indexOf('id="missions-title"'));
    expect(box).toContain('<h3>No embassy or consulate can help in person</h3>');
    expect(box).toContain('All our embassies and consulates in Russia are suspended or closed.');
    expect(box).toContain('In an emergency call <strong>+7 495 728-5025</strong> (Embassy in Moscow, After hours).');
    // It comes before the advice itself.
    expect(page.indexOf('id="missions-title"')).toBeLessThan(page.indexOf('id="summary-title"'));

    const traveller = await addTraveller(store.db, 'alerted@example.org');
    await addTrip(store.db, traveller.id, 'RU', { start: '2020-01-01', end: null });
    const issued = await call('POST', '/api/v1/alerts', team.crisis.token, demonstration());
    expect(issued.statusCode, issued.body).toBe(201);
    const alertId = issued.json().id as number;

    const cap = (await app.inject(`/feeds/alerts/${alertId}.cap`)).body;
    const contact = /<contact>([\s\S]*?)<\/contact>/.exec(cap)![1]!;
    expect(contact.split('\n')).toEqual([
      '+7 495 728-5000',
      'All our embassies and consulates here are suspended or closed: in an emergency call the numbers below.',
      'Embassy in Moscow, Moscow (Closed): +7 495 728-5000; +7 495 728-5025 (24/7 emergencies); moscowacs@example.org',
      'Consulate General in Yekaterinburg, Yekaterinburg (Consular services suspended): +7 343 379-3001',
      'Consulate in Vladivostok, Vladivostok (Consular services suspended)',
    ]);
    if (xmllintAvailable()) {
      const file = join(mkdtempSync(join(tmpdir(), 'waypost-missions-cap-')), 'alert.xml');
      writeFileSync(file, cap);
      const verdict = await validateCap([file]);
      expect(verdict.ok, verdict.output).toBe(true);
    }

    await new NotifyWorker({ store, config: { publicUrl: 'http://waypost.test', secret: 'missions-contacts-0123456789' }, mail: mailer.mail }).drain();
    const alertMail = (await mailer.smtp.waitFor(2)).find((m) => m.to[0] === 'alerted@example.org' && m.subject?.includes('Demonstration in Moscow'));
    expect(alertMail?.text).toContain('Embassies and consulates:\n- All our embassies and consulates here are suspended or closed');
    expect(alertMail?.html).toContain('<h2>Embassies and consulates</h2>');

    // The authority's own emergency line and contact page, once configured, are who to contact instead.
    const identity = { authorityName: 'Ministry of Foreign Affairs of Ruritania', authorityShortName: 'Ruritania MFA', emergencyPhone: '+44 20 7008 5000', contactUrl: 'https://mfa.example.org/contact' };
    const patched = await call('PATCH', '/api/v1/settings/identity', team.admin.token, identity);
    expect(patched.statusCode, patched.body).toBe(200);
    const branded = (await app.inject('/destinations/russia/')).body;
    const notice = branded.slice(branded.indexOf('missions-down'), branded.indexOf('mission-list'));
    expect(notice).toContain('<p class="missions-instead">Contact Ministry of Foreign Affairs of Ruritania instead: call <a href="tel:+442070085000"><strong>+44 20 7008 5000</strong></a>, day and night, or write through <a href="https://mfa.example.org/contact">the Ruritania MFA contact page</a>.</p>');
    expect(notice).toContain('In an emergency call <strong>+7 495 728-5025</strong>');
  });
});
