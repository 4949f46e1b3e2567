import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/translator.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { outboxTransport } from '../../src/mail/transport.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { catalogPhrases, leaks, readable } from '../helpers/catalogue-leaks.ts';
import { ENGINES } from '../helpers/databases.ts';
import { formFields, organisationSuite, PUBLIC_URL, type OrganisationSuite } from '../helpers/organisation-suite.ts';
import { smtpSuite } from '../helpers/smtp-suite.ts';
import { travellerSignIn, type TravellerSession } from '../helpers/traveller.ts';

/**
 * Issue 16 for organisations: an admin whose profile says French gets every organisation page in
 * French (the import report and its correction form, the who-is-where table, "message my people"
 * and its preview), and the same pages in English carry no French; the e-mails sent on an
 * organisation's behalf are in their reader's language (welcome: the importing admin's; invitation
 * and "on behalf of" frame: the recipient's own); a sign-in asked for a new address in French is French.
 */

const HEADER = 'email,name,destination,region,start,end,channels';
const fr = translator('fr');
const en = translator('en');

describe.each(ENGINES)('organisation pages and e-mails in two languages on %s', (engine) => {
  const loopback = smtpSuite();
  let suite: OrganisationSuite;
  const name = `Bureau des voyages ${engine}`;
  beforeAll(async () => {
    // The outbox too: signing travellers in reads their link there (test/helpers/traveller.ts).
    suite = await organisationSuite(engine, name, {
      mail: (store) => {
        const outbox = outboxTransport(store.db);
        return { description: 'outbox and loopback SMTP', send: async (mail) => Promise.all([outbox.send(mail), loopback.mail.send(mail)]).then(() => undefined), close: async () => undefined };
      },
    });
  });
  afterAll(async () => suite?.close());

  const org = () => `/account/organisations/${suite.organisationId}`;
  const get = (url: string) => suite.app.inject({ url, headers: { cookie: suite.admin.cookie } });
  const speak = async (session: TravellerSession, language: Locale) => {
    const saved = await suite.post('/account/profile', [['name', 'Camille'], ['language', language]], session);
    expect(saved.statusCode, saved.body).toBe(303);
  };
  /** The mails to an address whose subject matches, once the sending (after the answer) has reached it. */
  const mailTo = async (address: string, subject: RegExp) => {
    const found = () => loopback.smtp.received.filter((m) => m.to.includes(address) && subject.test(m.subject ?? ''));
    for (let i = 0; i < 100 && found().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    return found();
  };
  const invitation = /invit/;

  /** Every organisation page an admin sees, the import report with its correction form and the message preview included. */
  async function pages(tag: string): Promise<Record<string, string>> {
    const csv = [HEADER, `new-${tag}-${engine}@example.org,Noa,Russia,,2027-03-01,2027-03-20,email`, `bad-${tag}-${engine}@example.org,Bad,Russia,,2027-13-45,,email`].join('\n');
    const report = await suite.upload(csv);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.body).toContain(`action="${org()}/fix"`);
    const compose = await get(`${org()}/message`);
    const preview = await suite.post(`${org()}/message/preview`, [['subject', 'Assurance'], ['text', 'Bonjour'], ['audience', 'travelling'], ['destinations', 'RU']]);
    expect(preview.statusCode, preview.body).toBe(200);
    const emptied = await suite.post(`${org()}/fix`, [...formFields(report.body, `${org()}/fix`).map(([k, v]): [string, string] => [k, k === '_csrf' || k === 'line' || k === 'dateFormat' ? v : ''])]);
    expect(emptied.statusCode).toBe(400);
    return {
      report: report.body, organisation: (await get(`${org()}?sent=2`)).body, card: (await get('/account/organisations')).body,
      compose: compose.body, preview: preview.body, emptied: emptied.body,
    };
  }

  it('shows every organisation page in the admin\'s profile language, French with no English left and English with no French', async () => {
    await speak(suite.admin, 'fr');
    const french = await pages('fr');
    for (const [page, body] of Object.entries(french)) {
      expect([page, leaks(body, catalogPhrases(['accountOrganisations'], 'en'), '')]).toEqual([page, []]);
      expect(body, page).toContain('<html lang="fr"');
    }
    expect(french.report).toContain(fr.t('accountOrganisations.report.fixTitle'));
    expect(french.organisation).toContain(fr.t('accountOrganisations.exposure.title'));
    expect(french.organisation).toContain('Message mis en file : il part vers 2 personnes');
    expect(french.card).toContain(fr.t('accountOrganisations.card.start'));
    expect(french.preview).toContain(`Envoyé au nom de “${name}” par Waypost.`);
    expect(french.preview).toContain('les membres en voyage en ce moment à Russie');
    expect(french.emptied).toContain(fr.t('accountOrganisations.problem.fixEmpty').replace(/'/g, '&#39;'));

    await speak(suite.admin, 'en');
    const english = await pages('en');
    for (const [page, body] of Object.entries(english)) {
      expect([page, leaks(body, catalogPhrases(['accountOrganisations'], 'fr'), '')]).toEqual([page, []]);
      expect(body, page).toContain('<html lang="en"');
    }
    expect(english.report).toContain('Rows not imported: correct them here');
    expect(english.preview).toContain(`Sent on behalf of “${name}” by Waypost.`);
  });

  it('gives each refused row\'s reason, and a refused file\'s, in the admin\'s language: French with no English reason left', async () => {
    await speak(suite.admin, 'fr');
    const rows = [
      `short-${engine}@example.org,Ann,Russia,,2027-03-01`,
      `,Bob,Russia,,2027-03-01,,email`,
      `not-an-address,Cid,Russia,,2027-03-01,,email`,
      `dee-${engine}@example.org,Dee,Atlantis,,2027-03-01,,email`,
      `eve-${engine}@example.org,Eve,Germany,Lyon,2027-03-01,,email`,
      `fay-${engine}@example.org,Fay,Russia,Gotham,2027-03-01,,email`,
      `gus-${engine}@example.org,Gus,Russia,,2027-13-45,,email`,
      `hal-${engine}@example.org,Hal,Russia,,2027-03-01,2027-02-01,email`,
      `ida-${engine}@example.org,Ida,Russia,,2027-03-01,,fax`,
      `jon-${engine}@example.org,Jon,Russia,,2027-03-01,,webhook:https://127.0.0.1/hook`,
    ];
    const report = await suite.upload([HEADER, ...rows].join('\n'));
    expect(report.statusCode, report.body).toBe(200);
    const page = readable(report.body);
    for (const reason of [
      '7 valeurs attendues, 5 trouvées',
      'il manque email',
      'e-mail non valide « not-an-address »',
      'destination inconnue « Atlantis »',
      'région « Lyon » inconnue pour la destination Allemagne : nous la connaissons comme Lyon',
      'choisissez France comme destination',
      'région « Gotham » inconnue pour la destination Russie',
      'date de début : 2027-13-45 n’est pas une date au format YYYY-MM-DD',
      'le voyage se termine avant de commencer',
      'canal inconnu « fax »',
      'adresse de webhook refusée : c’est une adresse de bouclage (127.0.0.1)',
    ]) expect(page).toContain(reason);
    expect(leaks(report.body, catalogPhrases(['accountReasons'], 'en'), '')).toEqual([]);

    const file = await suite.upload('email,name\nx@example.org,X');
    expect(file.statusCode).toBe(400);
    expect(readable(file.body)).toContain('colonnes manquantes : destination, region, start, end, channels ; l’en-tête doit nommer');

    await speak(suite.admin, 'en');
    const english = readable((await suite.upload([HEADER, ...rows].join('\n'))).body);
    expect(english).toContain('unknown region "Lyon" in Germany: we know it as Lyon');
    expect(english).toContain('unsafe webhook address: is a loopback address (127.0.0.1)');
    expect(leaks(english, catalogPhrases(['accountReasons'], 'fr'), '')).toEqual([]);
  });

  it('welcomes a new person in the importing admin\'s language, and invites one with an account in their own', async () => {
    const lea = await travellerSignIn(suite.app, suite.store, `lea-${engine}@example.org`);
    await speak(lea, 'fr');
    await travellerSignIn(suite.app, suite.store, `eve-${engine}@example.org`);
    await speak(suite.admin, 'fr');
    const rows = (who: string[]) => [HEADER, ...who.map((w) => `${w}-${engine}@example.org,${w},Japan,,2027-04-01,2027-04-10,email`)].join('\n');
    expect((await suite.upload(rows(['zoe', 'eve']))).statusCode).toBe(200);
    await speak(suite.admin, 'en');
    expect((await suite.upload(rows(['lea']))).statusCode).toBe(200);

    const [welcome] = await mailTo(`zoe-${engine}@example.org`, /inscrit/);
    expect([welcome!.subject, welcome!.header('content-language')]).toEqual([fr.t('mailOrganisation.welcomeSubject'), 'fr']);
    expect(welcome!.text).toMatch(new RegExp(`^Une organisation qui se présente comme “${name}” a inscrit cette adresse`));
    expect(welcome!.html).toContain(`<q>${name}</q>`);
    const [french] = await mailTo(`lea-${engine}@example.org`, invitation);
    expect([french!.subject, french!.header('content-language')]).toEqual([fr.t('mailOrganisation.invitationSubject'), 'fr']);
    expect(french!.text).toContain('(le lien fonctionne pendant');
    const [english] = await mailTo(`eve-${engine}@example.org`, invitation);
    expect([english!.subject, english!.header('content-language')]).toEqual([en.t('mailOrganisation.invitationSubject'), 'en']);
    expect(english!.text).toMatch(new RegExp(`^An organisation that calls itself “${name}” listed this address`));
  });

  it('frames "message my people" in each recipient\'s language, the organisation\'s words as written', async () => {
    await speak(suite.admin, 'fr');
    const preview = await suite.post(`${org()}/message/preview`, [['subject', 'Vols repris'], ['text', 'Les vols reprennent lundi.'], ['audience', 'all'], ['destinations', '']]);
    const sent = await suite.post(`${org()}/message`, formFields(preview.body, `${org()}/message`));
    expect(sent.statusCode, sent.body).toBe(303);
    const worker = () => new NotifyWorker({ store: suite.store, config: { publicUrl: PUBLIC_URL, secret: 'org-secret' }, mail: loopback.mail, now: () => suite.clock.now }).drain();
    await worker();
    await worker();
    const mails = loopback.smtp.received.filter((m) => m.subject === `“${name}”: Vols repris`);
    const admin = mails.find((m) => m.to.includes(`manager@${engine}.uni.example`));
    expect(admin!.text).toContain(`Envoyé au nom de “${name}” par Waypost.`);
    expect(admin!.text).toContain('Les vols reprennent lundi.');
    expect(admin!.header('content-language')).toBe('fr');
    const member = mails.find((m) => m.to.includes(`new-fr-${engine}@example.org`));
    expect(member!.text).toContain(`Sent on behalf of “${name}” by Waypost.`);
    expect(member!.text).not.toContain('Envoyé au nom de');
  });

  it('writes the sign-in e-mail for a new address in the language it was asked in; a known address gets its own', async () => {
    const ask = (email: string, language: string) => suite.app.inject({
      method: 'POST', url: '/account/sign-in', headers: { accept: 'application/json', 'content-type': 'application/json', 'accept-language': language }, payload: { email },
    });
    expect((await ask(`nouveau-${engine}@example.org`, 'fr-FR,fr;q=0.9')).statusCode).toBe(202);
    expect((await ask(`newcomer-${engine}@example.org`, 'en-GB')).statusCode).toBe(202);
    expect((await ask(`eve-${engine}@example.org`, 'fr')).statusCode).toBe(202);
    const [nouveau] = await mailTo(`nouveau-${engine}@example.org`, /./);
    expect(nouveau!.subject).toMatch(/^Confirmez votre adresse e-mail pour /);
    const [newcomer] = await mailTo(`newcomer-${engine}@example.org`, /./);
    expect(newcomer!.subject).toMatch(/^Confirm your e-mail address for /);
    // Eve's profile says English: her stored language wins over the request's.
    expect(await mailTo(`eve-${engine}@example.org`, /sign-in link$/)).toHaveLength(1);
  });
});
