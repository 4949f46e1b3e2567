import { describe, expect, it } from 'vitest';
import type { AdvisoryContent } from '../../src/domain/advisory.ts';
import { changeHeadlines, translatedSectionTitles } from '../../src/domain/change-headlines.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import type { ReceivedMail } from '../helpers/smtp.ts';
import { demonstration, inHours } from '../helpers/alerts-setup.ts';
import { crisisSuite, CONFIG, declare, enrol, mailTo, wave } from '../helpers/crises-setup.ts';
import { ENGINES } from '../helpers/databases.ts';
import { addAdvisoryEvent, addSubscription, addTraveller } from '../helpers/notify.ts';

/**
 * Issue 16: every message is written in its traveller's language. A French and an English
 * traveller hear of the same change, each once, each in their own language, through the real
 * worker, a real database and a real SMTP server on loopback.
 */
describe.each(ENGINES)('messages in the traveller\'s language on %s', (engine) => {
  const suite = crisisSuite(engine);

  /** Two travellers on one destination: one stored as French (fr-CA: any French), one as English. */
  async function pair(): Promise<void> {
    const fr = await enrol(suite, 'francoise@example.org', ['RU', null]);
    const en = await enrol(suite, 'emma@example.org', ['RU', null]);
    await suite.store.db.updateTable('travellers').set({ language: 'fr-CA' }).where('id', '=', fr.id).execute();
    await suite.store.db.updateTable('travellers').set({ language: 'en' }).where('id', '=', en.id).execute();
  }
  const only = (email: string): ReceivedMail => {
    const mails = mailTo(suite, email);
    expect(mails, email).toHaveLength(1);
    return mails[0]!;
  };

  it('an advisory change (level raised to 4, leave now): each gets one e-mail, subject and body in their language', async () => {
    await pair();
    // A third traveller who subscribed to the destination without a trip, also French.
    const subscriber = await addTraveller(suite.store.db, 'abonne@example.org');
    await suite.store.db.updateTable('travellers').set({ language: 'fr' }).where('id', '=', subscriber.id).execute();
    await addSubscription(suite.store.db, subscriber.id, 'destination', 'RU');
    const eventId = await addAdvisoryEvent(suite.store.db, 'RU', 'Russia', { level: 4, previousLevel: 3, departureUrged: true, urgent: true });
    // As publishing writes it: what changed, as headlines (src/domain/change-headlines.ts).
    const row = await suite.store.db.selectFrom('events').select('payload').where('id', '=', eventId).executeTakeFirstOrThrow();
    const payload = { ...JSON.parse(row.payload), headlines: ['level raised to 4 (Do Not Travel)', 'leave now'] };
    await suite.store.db.updateTable('events').set({ payload: JSON.stringify(payload) }).where('id', '=', eventId).execute();
    await new NotifyWorker({ store: suite.store, config: CONFIG, mail: suite.mail }).drain();
    expect(suite.smtp.received).toHaveLength(3);

    const fr = only('francoise@example.org');
    expect(fr.subject).toBe('Russie : niveau relevé à 4 (Ne pas voyager) – partez maintenant');
    expect(fr.header('Content-Language')).toBe('fr');
    expect(fr.text).toContain('Niveau 4 : Ne pas voyager (auparavant niveau 3)');
    expect(fr.text).toContain('Citizens sur place : partez immédiatement.');
    expect(fr.text).toContain('Lire les conseils aux voyageurs : https://advice.example.org/destinations/russia');
    expect(fr.text).toContain('Ne plus rien recevoir : https://advice.example.org/unsubscribe?token=');
    expect(fr.html).toContain('<html lang="fr">');
    expect(fr.text).not.toContain('Read the advisory');
    expect(only('abonne@example.org').subject).toBe(fr.subject);

    const en = only('emma@example.org');
    expect(en.subject).toBe('Russia: level raised to 4 (Do Not Travel) – leave now');
    expect(en.header('Content-Language')).toBe('en');
    expect(en.text).toContain('Level 4: Do Not Travel (was Level 3)');
    expect(en.text).toContain('Read the advisory: https://advice.example.org/destinations/russia');
    expect(en.html).toContain('<html lang="en">');
  });

  /**
   * An advisory change whose headlines name a new risk and a new section, written as publishing
   * writes them (changeHeadlines, translatedSectionTitles), with or without a published French
   * translation that titles the section.
   */
  async function sectionChange(translated: boolean): Promise<void> {
    const before: AdvisoryContent = { level: 3, indicators: ['C'], risks: [], regions: [], departureUrged: false, summary: 'Reconsider travel.', sections: [] };
    const after: AdvisoryContent = {
      ...before, indicators: ['C', 'D'], sections: [{ slug: 'air', title: 'Air travel', body: 'Flights are limited.' }],
      ...(translated ? { translations: { fr: { summary: 'Reconsidérez votre voyage.', sections: { air: { title: 'Transport aérien', body: 'Les vols sont limités.' } } } } } : {}),
    };
    const eventId = await addAdvisoryEvent(suite.store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    const row = await suite.store.db.selectFrom('events').select('payload').where('id', '=', eventId).executeTakeFirstOrThrow();
    const titles = translatedSectionTitles(before, after);
    const payload = { ...JSON.parse(row.payload), headlines: changeHeadlines(before, after), ...(Object.keys(titles).length ? { sectionTitles: titles } : {}) };
    await suite.store.db.updateTable('events').set({ payload: JSON.stringify(payload) }).where('id', '=', eventId).execute();
    await new NotifyWorker({ store: suite.store, config: CONFIG, mail: suite.mail }).drain();
  }

  it('risk names and a translated section\'s title in French; the editors\' change note as written', async () => {
    await pair();
    await sectionChange(true);
    const fr = only('francoise@example.org');
    expect(fr.subject).toBe('Russie : nouveau risque : Détention arbitraire – nouvelle section : Transport aérien et 1 autre changement');
    expect(fr.text).toContain('Reissued with updates to the wrongful detention section.');
    expect(only('emma@example.org').subject).toBe('Russia: new risk: Wrongful Detention – new section on air travel and 1 more change');
  });

  it('a section with no French translation keeps its original title in a French message', async () => {
    await pair();
    await sectionChange(false);
    expect(only('francoise@example.org').subject).toBe('Russie : nouveau risque : Détention arbitraire – nouvelle section : air travel');
  });

  it('an alert: the French traveller reads it in French (CAP words and dates too), the English one in English', async () => {
    await pair();
    const response = await suite.call('POST', '/api/v1/alerts', suite.crisisStaff.token, demonstration({ regions: [], effective: inHours(-1, '+00:00'), expires: inHours(24, '+00:00') }));
    expect(response.statusCode, response.body).toBe(201);
    await suite.drain();
    const fr = only('francoise@example.org');
    expect(fr.subject).toBe('Russie : Alerte – Demonstration in Moscow');
    expect(fr.header('Content-Language')).toBe('fr');
    expect(fr.text).toContain('Sûreté · Modérée · Demonstration');
    expect(fr.text).toContain('Que faire : Avoid the area');
    expect(fr.text).toMatch(/Quand : du \d{1,2} [a-zéû]+\.? \d{4} à \d\d:\d\d UTC au /);
    expect(fr.text).toContain('Lire l’alerte : https://advice.example.org/alerts/');
    const en = only('emma@example.org');
    expect(en.subject).toBe('Russia: Alert – Demonstration in Moscow');
    expect(en.text).toContain('Security · Moderate · Demonstration');
    expect(en.text).toMatch(/When: From \d{1,2} [A-Z][a-z]+ \d{4} \d\d:\d\d UTC until /);
  });

  it('a crisis check-in wave of an exercise: "EXERCICE" and the question in French, "EXERCISE" in English, one each', async () => {
    await pair();
    const id = await declare(suite, { title: 'Unrest in Moscow', destinations: ['RU'], regions: [], exercise: true });
    await wave(suite, id);
    await suite.drain();
    const fr = only('francoise@example.org');
    expect(fr.subject).toBe('EXERCICE – Êtes-vous en sécurité ? – Unrest in Moscow');
    expect(fr.header('Content-Language')).toBe('fr');
    expect(fr.text).toContain('EXERCICE – ceci est une simulation');
    expect(fr.text).toMatch(/^Je suis en sécurité : https:\/\/advice\.example\.org\//m);
    expect(fr.text).toMatch(/^J’ai besoin d’aide : https:/m);
    const en = only('emma@example.org');
    expect(en.subject).toBe('EXERCISE – Are you safe? – Unrest in Moscow');
    expect(en.text).toMatch(/^I'm safe: https:/m);
  });
});
