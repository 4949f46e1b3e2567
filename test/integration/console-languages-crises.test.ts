import { describe, expect, it } from 'vitest';
import { KNOWN_REFUSALS, refusalText } from '../../src/http/console/crisis-refusals.ts';
import { translator } from '../../src/i18n/translator.ts';
import { catalogPhrases, leaks } from '../helpers/catalogue-leaks.ts';
import { answerLink, crisisSuite, declare, enrol, mailTo, post, wave, type CrisisSuite } from '../helpers/crises-setup.ts';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consolePost, consoleSignIn, type ConsoleSession } from '../helpers/editorial-setup.ts';

/** The console's crisis, case, departure, notification and audit pages in French (issue 16); English stays as it was. */

const AREAS = ['console', 'consoleCrises', 'consoleCases', 'consoleNotifications', 'consoleCrisisErrors'] as const;
const ENGLISH = catalogPhrases(AREAS, 'en');
const FRENCH = catalogPhrases(AREAS, 'fr');
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const form = (fields: Record<string, string>) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

/**
 * What travellers and the services wrote, stored as data and shown as such (a need-help case's
 * title and notes quote the English answer): not interface text, so not a leak.
 */
const DATA = 'I need help – Unrest in Moscow. Answered "I need help" by email (check-in wave 1).';

/** A crisis in Moscow, one wave delivered, one person who needs help (a case) and asked to leave; a departure. */
async function crisisInMoscow(suite: CrisisSuite, admin: ConsoleSession): Promise<{ crisis: number; departure: number }> {
  await enrol(suite, 'help@example.org', ['RU', 'RU-MOW']);
  await enrol(suite, 'fine@example.org', ['RU', 'RU-MOW']);
  const crisis = await declare(suite, { title: 'Unrest in Moscow', destinations: ['RU'], followUpEveryHours: 6 });
  await wave(suite, crisis);
  await suite.drain();
  const link = answerLink(mailTo(suite, 'help@example.org')[0]!, 'I need help');
  await post(suite.app, link);
  await post(suite.app, answerLink(mailTo(suite, 'fine@example.org')[0]!, 'I\'m safe'));
  const asked = await suite.app.inject({ method: 'POST', url: `${link}/departure`, ...form({ partySize: '2', dependants: '1', citizenships: 'GB', passports: 'GB', location: 'Hotel Metropol' }) });
  expect(asked.statusCode, asked.body).toBe(201);
  const created = await consolePost(suite.app, admin, `/console/crises/${crisis}/departures?lang=fr`, { mode: 'flight', label: 'Charter VIE 1', capacity: '10', meetingPoint: 'Sheremetyevo', meetingAt: inHours(6) });
  expect(created.statusCode, created.body).toBe(303);
  const departure = await suite.store.db.selectFrom('departures').select('id').executeTakeFirstOrThrow();
  return { crisis, departure: Number(departure.id) };
}

describe.each(ENGINES)('the crisis pages of the console in French on %s', (engine) => {
  const suite = crisisSuite(engine);

  async function french(session: ConsoleSession, url: string, status = 200): Promise<string> {
    const response = await consoleGet(suite.app, session, `${url}${url.includes('?') ? '&' : '?'}lang=fr`);
    expect(response.statusCode, url).toBe(status);
    expect(response.body, url).toContain('<html lang="fr">');
    expect(leaks(response.body, ENGLISH, DATA), url).toEqual([]);
    return response.body;
  }

  it('crises, a crisis with its counts, chart and departures, cases, notifications, the outbox and the audit log speak French', async () => {
    const admin = await consoleSignIn(suite.app, 'admin@example.org');
    const { crisis } = await crisisInMoscow(suite, admin);

    const list = await french(admin, '/console/crises');
    expect(list).toContain('Toutes les crises');
    expect(list).toContain('Déclarer une crise');
    expect(list).toContain('<span class="badge status status-overdue">en cours</span>');

    const page = await french(admin, `/console/crises/${crisis}`);
    expect(page).toContain('2 personnes concernées');
    expect(page).toContain('<title id="chart-title">Personnes par réponse : Besoin d’aide 1, Sans réponse 0, Injoignable 0, En sécurité 1, Pas sur place / parti 0</title>');
    expect(page).toMatch(/<title id="timeline-title">Réponses dans le temps depuis la première demande de nouvelles, par (heure|jour) : En sécurité 1, Besoin d’aide 1, Pas sur place \/ parti 0/);
    expect(page).toContain('Relance toutes les 6 h des personnes sans réponse');
    expect(page).toMatch(/<time datetime="[^"]+">[^<]+<\/time> par e-mail<\/td>/);
    expect(page).toContain('<h2 id="departures-title">Départs</h2>');
    expect(page).toContain('Demandes en attente (1, 2 personnes)');
    expect(page).toContain('2 (1 personne à charge)');
    expect(page).toContain('Charter VIE 1 (vol) – 10 places libres sur 10');
    expect(page).toContain('<option value="planned" selected>prévu</option>');
    expect(page).toContain('Demandes de nouvelles envoyées');
    const request = await suite.store.db.selectFrom('departure_requests').select('id').executeTakeFirstOrThrow();
    const departure = await suite.store.db.selectFrom('departures').select('id').executeTakeFirstOrThrow();
    expect((await consolePost(suite.app, admin, `/console/crises/${crisis}/departures/assign?lang=fr`, { departure: String(departure.id), request: String(request.id) })).statusCode).toBe(303);
    const assigned = await french(admin, `/console/crises/${crisis}?done=departure-assigned`);
    expect(assigned).toContain('Demandes en attente (0)');
    expect(assigned).toContain('<strong>2 sur 10</strong> places prises, 8 libres · 0 embarqués');
    expect(assigned).toContain('Écrire à toutes les personnes de ce départ');
    expect(assigned).toContain('Marquer les personnes cochées comme embarquées');

    const cases = await french(admin, '/console/cases');
    expect(cases).toContain('<h1>Dossiers</h1>');
    expect(cases).toContain('besoin d’aide – à trier');
    expect(cases).toContain('<option value="wrongful_detention">Détention arbitraire</option>');
    expect(cases).toContain('<option value="normal" selected>normale</option>');
    const caseId = Number(/href="\/console\/cases\/(\d+)"/.exec(cases)![1]);
    const one = await french(admin, `/console/cases/${caseId}`);
    expect(one).toContain(`Dossier ${caseId} · à trier ·`);
    expect(one).toContain('<option value="in_progress">En cours</option>');
    expect(one).toContain('· demande de nouvelles</p>');
    expect(one).toContain('<option value="next_of_kin">proche</option>');
    expect(one).toContain('Registre des contacts');

    const notifications = await french(admin, '/console/notifications');
    expect(notifications).toContain('la boîte d’envoi intégrée (SMTP_URL n’est pas défini)');
    expect(notifications).toContain('demande de nouvelles');
    expect(notifications).toContain('<th scope="col" class="num">envoyés</th>');
    const eventId = Number(/href="\/console\/notifications\/events\/(\d+)"/.exec(notifications)![1]);
    const event = await french(admin, `/console/notifications/events/${eventId}`);
    expect(event).toContain(`Événement n° ${eventId} : demande de nouvelles`);
    expect(event).toContain('Par canal : e-mail 2.');
    expect(await french(admin, '/console/notifications/outbox')).toContain('La boîte d’envoi est vide.');
    await french(admin, '/console/notifications/events/999999', 404);

    const audit = await french(admin, '/console/audit');
    expect(audit).toContain('<h1>Journal d’audit</h1>');
    expect(audit).toContain('<span class="badge status">crise déclarée</span>');
    expect(audit).toContain('<option value="case-opened">dossier ouvert</option>');
    expect(await french(admin, '/console/audit?action=crisis-declared')).toContain('<option value="crisis-declared" selected>crise déclarée</option>');
  });

  it('refusals read in French: the declare form, a case change, a departure message; nothing changes', async () => {
    const admin = await consoleSignIn(suite.app, 'admin@example.org');
    const { crisis, departure } = await crisisInMoscow(suite, admin);
    const crises = await suite.store.db.selectFrom('crises').select('id').execute();

    const refused = await consolePost(suite.app, admin, '/console/crises?lang=fr', { title: '', destinations: 'Atlantis', followUpEveryHours: 'often' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<h2>La crise n’a pas été déclarée. Veuillez corriger :</h2>');
    expect(refused.body).toContain('<a href="#f-title">Titre</a> : est obligatoire, par exemple « Troubles à Moscou »');
    expect(refused.body).toContain('<a href="#f-destinations-0">Destination 1</a> : aucune destination ne s’appelle « Atlantis »');
    expect(refused.body).toContain('<p class="error">doit être un nombre d’heures de');
    expect(leaks(refused.body, ENGLISH, DATA)).toEqual([]);
    expect(await suite.store.db.selectFrom('crises').select('id').execute()).toEqual(crises);

    const caseId = Number((await suite.store.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id);
    const unclosed = await consolePost(suite.app, admin, `/console/cases/${caseId}?lang=fr`, { status: 'closed', priority: 'normal', type: '', assigneeId: '', outcome: '' });
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.body).toContain('<h2>Rien n’a été enregistré</h2><p>Le dossier n’a pas été modifié : Issue : est obligatoire pour clore un dossier : dites comment il s’est terminé</p>');
    expect(leaks(unclosed.body, ENGLISH, DATA)).toEqual([]);

    const unsent = await consolePost(suite.app, admin, `/console/departures/${departure}/message?lang=fr`, { text: 'Be there at six.' });
    expect(unsent.statusCode).toBe(409);
    expect(unsent.body).toContain('<h1>Rien n’a été modifié</h1><p>Personne n’est affecté à ce départ : affectez des demandes avant de leur écrire.</p>');
    expect(unsent.body).toContain(`href="/console/crises/${crisis}#departures">Retour à la crise</a>`);
    expect(leaks(unsent.body, ENGLISH, DATA)).toEqual([]);
  });

  it('English pages stay English: the same refusals and pages carry no French', async () => {
    const admin = await consoleSignIn(suite.app, 'admin@example.org');
    const { crisis } = await crisisInMoscow(suite, admin);
    for (const url of ['/console/crises', `/console/crises/${crisis}`, '/console/cases', '/console/notifications', '/console/audit']) {
      const response = await consoleGet(suite.app, admin, `${url}?lang=en`);
      expect(response.body, url).toContain('<html lang="en">');
      expect(leaks(response.body, FRENCH, ''), url).toEqual([]);
    }
    const refused = await consolePost(suite.app, admin, '/console/crises?lang=en', { title: '', destinations: 'Atlantis' });
    expect(refused.body).toContain('<a href="#f-title">title</a>: is required, e.g. &quot;Unrest in Moscow&quot;');
    expect((await consoleGet(suite.app, admin, `/console/crises/${crisis}?lang=en`)).body).toContain('<title id="chart-title">People by answer: Need help 1, No answer 0, Undeliverable 0, Safe 1, Not there / left 0</title>');
  });
});

describe('the console\'s table of crisis, case and departure refusals', () => {
  const en = translator('en');
  const fr = translator('fr');

  it('says in English exactly what the domain says, so a reworded refusal fails here instead of going untranslated', () => {
    for (const [text, id] of [...Object.entries(KNOWN_REFUSALS.FIELD_EXACT), ...Object.entries(KNOWN_REFUSALS.EXACT), ...Object.entries(KNOWN_REFUSALS.HINTS)]) {
      expect(en.t(id), id).toBe(text);
      expect(fr.t(id), id).not.toBe(text);
    }
  });

  it('reads the refusals that quote numbers and names, and leaves unknown ones as written', () => {
    const cases: [string, string][] = [
      ['Crisis 4 is closed: it sends no more check-ins.', 'La crise 4 est clôturée : elle n’envoie plus de demandes de nouvelles.'],
      ['A departure that is departed cannot become planned.', 'Un départ au statut parti ne peut pas passer au statut prévu.'],
      ['Requests 3, 5 are already assigned to another departure: unassign them there first.', 'Les demandes 3, 5 sont déjà affectées à un autre départ : retirez-les d’abord de celui-ci.'],
      ['1 person has boarded: a departure with people on board cannot be cancelled.', '1 personne a embarqué : un départ avec des personnes à bord ne peut pas être annulé.'],
      ['Not enough room: these requests are 4 persons and 2 of 10 places are left. Nothing was assigned.', 'Pas assez de place : ces demandes comptent 4 personnes et il reste 2 places sur 10. Rien n’a été affecté.'],
      ['Something nobody wrote yet.', 'Something nobody wrote yet.'],
    ];
    for (const [english, french] of cases) {
      expect(refusalText(fr, { message: english })).toBe(french);
      expect(refusalText(en, { message: english })).toBe(english);
    }
    const withFields = { message: 'The departure was not created: capacity must be a whole number from 1 to 10000 persons; meetingPoint is required: where people gather', errors: [
      { field: 'capacity', message: 'must be a whole number from 1 to 10000 persons' }, { field: 'meetingPoint', message: 'is required: where people gather' },
    ] };
    expect(refusalText(fr, withFields)).toBe('Le départ n’a pas été créé : Capacité : doit être un nombre entier de 1 à 10000 personnes ; Lieu de rendez-vous : est obligatoire : où les personnes se rassemblent');
  });
});
