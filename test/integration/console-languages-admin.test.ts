import { beforeAll, describe, expect, it } from 'vitest';
import { validateAlert } from '../../src/domain/alert-input.ts';
import { readIdentityChanges } from '../../src/domain/identity.ts';
import { checkLogo } from '../../src/domain/logo.ts';
import { addOrganisation } from '../../src/enrolment/verification.ts';
import { KNOWN_ADMIN_REFUSALS, adminRefusalText } from '../../src/http/console/admin-refusals.ts';
import { KNOWN_ALERT_REFUSALS, alertRefusalText } from '../../src/http/console/alerts/refusals.ts';
import { CATALOGS } from '../../src/i18n/catalog.ts';
import { translator } from '../../src/i18n/translator.ts';
import { recordSync } from '../../src/sources/sync/log.ts';
import { ENGINES } from '../helpers/databases.ts';
import { catalogPhrases, leaks } from '../helpers/catalogue-leaks.ts';
import { consoleGet, consolePost, consoleSignIn, consoleSignInAttempt, editorialSuite, type ConsoleSession } from '../helpers/editorial-setup.ts';

/** The console's alert and administration pages in French (issue 16); English stays as the other tests have it. */

const FR = translator('fr');
const AREAS = ['consoleAlerts', 'consoleAlertErrors', 'consoleAdmin', 'console'] as const;
const ENGLISH = catalogPhrases([...AREAS], 'en');

/** "2026-11-24T10:00", `hours` from now, UTC (what a datetime-local box sends). */
const formTime = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16);

const FORM = {
  timeZone: 'UTC', destinations: 'RU', regions: 'RU-MOW', circle: '55.7558,37.6173 5', polygon: '', areaDesc: '', category: 'Security', event: 'Demonstration',
  severity: 'Severe', urgency: 'Expected', certainty: 'Likely', status: 'Actual', headline: 'Demonstration in Moscow',
  description: 'A large demonstration is planned.', instruction: 'Avoid the area.', effective: '', onset: '', senderName: 'U.S. Embassy Moscow',
  contact: '', web: '', note: '',
};
/** What staff typed: data, shown as typed, not interface text. */
const TYPED = Object.values(FORM).join(' | ');

/** The page without its <pre> blocks: the CAP document and the e-mail preview are data, in the alert's own words. */
const withoutData = (body: string) => body.replace(/<pre[\s\S]*?<\/pre>/g, '');

describe.each(ENGINES)('the console alert and administration pages in French on %s', (engine) => {
  const suite = editorialSuite(engine);
  let admin: ConsoleSession;
  let alertId: number;
  beforeAll(async () => {
    admin = await consoleSignIn(suite.app, 'admin@example.org');
    const issued = await consolePost(suite.app, admin, '/console/alerts', { ...FORM, expires: formTime(24), op: 'issue' });
    expect(issued.statusCode, issued.body).toBe(303);
    alertId = Number(/\/console\/alerts\/(\d+)/.exec(String(issued.headers.location))![1]);
  });

  const french = async (url: string, data = '') => {
    const page = await consoleGet(suite.app, admin, url);
    expect(page.statusCode, url).toBe(200);
    expect(page.body).toContain('<html lang="fr">');
    expect(leaks(withoutData(page.body), ENGLISH, `${TYPED} ${data}`), url).toEqual([]);
    return page.body;
  };

  it('signs in in French, by ?lang=fr or Accept-Language, and refuses in French', async () => {
    const chosen = await suite.app.inject({ method: 'GET', url: '/console/sign-in?lang=fr' });
    expect(chosen.body).toContain('<html lang="fr">');
    expect(chosen.body).toContain('<h1>Se connecter à la console</h1>');
    expect(chosen.body).toContain('class="language-menu"');
    expect(leaks(chosen.body, ENGLISH, '')).toEqual([]);
    const byHeader = await suite.app.inject({ method: 'GET', url: '/console/sign-in', headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    expect(byHeader.body).toContain('Mot de passe');

    const wrong = await consoleSignInAttempt(suite.app, 'admin@example.org', { password: 'not the password', headers: { 'accept-language': 'fr' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Cette adresse électronique et ce mot de passe ne correspondent à aucun compte du personnel');
    expect(leaks(wrong.body, ENGLISH, 'admin@example.org')).toEqual([]);
    const english = await consoleSignInAttempt(suite.app, 'admin@example.org', { password: 'not the password' });
    expect(english.body).toContain('That e-mail address and password do not match a staff account that can sign in.');
  });

  it('lists alerts, offers the form and shows an alert with its CAP document, in French', async () => {
    const list = await french('/console/alerts?lang=fr');
    expect(list).toContain('Émettre une alerte');
    expect(list).toContain('<td data-label="Gravité">Grave</td>');
    expect(list).toContain('Russie');
    expect(list).toContain('en cours');
    const form = await french('/console/alerts/new?lang=fr');
    expect(form).toContain('<option value="" selected>Choisir…</option>');
    expect(form).toContain('<option value="Security">Sûreté (police, armée, terrorisme)</option>');
    expect(form).toContain('Réelle (publique, notifie les personnes)');
    const alert = await french(`/console/alerts/${alertId}?lang=fr`);
    expect(alert).toContain(`Alerte ${alertId} · Réelle · Alerte · Grave · en cours`);
    expect(alert).toContain('Annuler cette alerte');
    // The CAP document is as issued: CAP's own tokens.
    expect(alert).toMatch(/<pre class="cap" id="cap-document">[\s\S]*&lt;severity&gt;Severe&lt;\/severity&gt;/);
    const update = await french(`/console/alerts/${alertId}/update?lang=fr`);
    expect(update).toContain(`Mettre à jour l’alerte ${alertId}`);
  });

  it('previews an alert in French, the preview itself as travellers and systems get it', async () => {
    const preview = await consolePost(suite.app, admin, '/console/alerts?lang=fr', { ...FORM, expires: formTime(24), op: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Telle que les voyageurs la recevront');
    expect(preview.body).toContain('Aperçu CAP 1.2');
    expect(preview.body).toContain('&lt;severity&gt;Severe&lt;/severity&gt;');
    expect(leaks(withoutData(preview.body), ENGLISH, TYPED)).toEqual([]);
  });

  it('refuses an alert form in French, in words, each message linked to its box; nothing is saved', async () => {
    const before = await suite.store.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const refused = await consolePost(suite.app, admin, '/console/alerts?lang=fr', {
      ...FORM, destinations: 'RU, XX', circle: '55.7558,37.6173 -1', headline: '', timeZone: 'Mars/Olympus', expires: formTime(24), op: 'issue',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('L’alerte n’a pas été émise. Veuillez corriger :');
    expect(refused.body).toContain('<a href="#f-destinations">Destination 2</a> : aucune destination ne s’appelle « XX »');
    expect(refused.body).toContain('<a href="#f-circle">Cercle</a> : le rayon ne peut pas être négatif');
    expect(refused.body).toContain('<a href="#f-headline">Titre</a> : est obligatoire');
    expect(refused.body).toContain('aucun fuseau horaire ne s’appelle « Mars/Olympus »');
    expect(leaks(withoutData(refused.body), ENGLISH, `${TYPED} RU, XX Mars/Olympus`)).toEqual([]);
    const after = await suite.store.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('shows staff, tokens, settings and identity in French', async () => {
    const staff = await french('/console/users?lang=fr', 'admin@example.org editor@example.org');
    expect(staff).toContain('<h1>Comptes du personnel</h1>');
    expect(staff).toContain('Personnel de crise : émet des alertes');
    expect(staff).toContain('<option value="reviewer">relecture</option>');
    const taken = await consolePost(suite.app, admin, '/console/users?lang=fr', { email: 'editor@example.org', role: 'editor', name: '' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('<a href="#f-email">Adresse électronique</a> : a déjà un compte');

    const tokens = await french('/console/tokens?lang=fr');
    expect(tokens).toContain('Créer un jeton');
    const created = await consolePost(suite.app, admin, '/console/tokens?lang=fr', { name: 'import' });
    expect(created.body).toContain('Votre nouveau jeton « import »');
    expect(leaks(created.body, ENGLISH, 'import')).toEqual([]);

    const settings = await french('/console/settings?lang=fr');
    expect(settings).toContain('Personne ayant modifié le contenu d’un brouillon ne peut l’approuver.');
    const identity = await french('/console/settings/identity?lang=fr', 'Waypost');
    expect(identity).toContain('<h1>Identité du déploiement</h1>');
    const pale = await consolePost(suite.app, admin, '/console/settings/identity?lang=fr', {
      authorityName: 'Ministère', authorityShortName: 'MAE', citizenNoun: 'ressortissants', brandColour: '#ffff00', emergencyPhone: '', contactUrl: '', footerLinks: '',
    });
    expect(pale.statusCode).toBe(400);
    expect(pale.body).toContain('<a href="#f-brandColour">Couleur</a> : un texte blanc sur #ffff00 a un contraste de');
  });

  it('shows organisations and sources in French', async () => {
    await addOrganisation({ db: suite.store.db, now: () => new Date() }, 'Lycée Molière', { kind: 'system', id: null, label: 'test', role: 'system' } as never);
    const organisations = await french('/console/organisations?lang=fr', 'Lycée Molière');
    expect(organisations).toContain('en attente de vérification');
    expect(organisations).toContain('>Vérifier</button>');
    const verified = await consoleGet(suite.app, admin, '/console/organisations?done=verified&lang=fr');
    expect(verified.body).toContain('Vérifiée : l’organisation peut désormais importer');

    await recordSync(suite.store.db, { source: 'us-state-dept', trigger: 'sync', location: 'https://feed.example/rss', startedAt: new Date(), finishedAt: new Date(), httpStatus: 304, outcome: 'not-modified' });
    const sources = await french('/console/sources?lang=fr', 'https://feed.example/rss');
    expect(sources).toContain('inchangé (304)');
    expect(sources).toContain('Aucune synchronisation n’a encore eu lieu. Lancez <code>waypost sync uk-fcdo</code>');
  });
});

describe('the console refusal tables', () => {
  it('hold each English catalogue text to the domain text it stands for', () => {
    for (const [text, id] of [...Object.entries(KNOWN_ALERT_REFUSALS.EXACT), ...Object.entries(KNOWN_ADMIN_REFUSALS.EXACT)]) expect(CATALOGS.en[id], id).toBe(text);
  });

  it('translate every refusal the alert rules give for a thoroughly wrong form', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const inputs = [
      { destinations: [], regions: 'x', area: { polygon: '1,2 3,4', circle: '95,0 5' }, category: 'Nope', urgency: '', event: 'a\u0001', headline: 'x'.repeat(200), description: 'ok', senderName: 'S', web: 'ftp://x', effective: 'soon', expires: '2026-11-30T00:00:00Z', references: [1], language: '??' },
      { destinations: ['RU', 'XX'], regions: [5], area: { circle: '1,2 -1', polygon: '1,2 1,3 1,4 1,5' }, category: 'Met', urgency: 'Past', severity: 'Minor', certainty: 'Likely', event: 'e', headline: 'h', description: 'd', senderName: 's', expires: 'never', msgType: 'Update' },
      { destinations: ['RU'], area: { circle: '1,2 x' }, category: 'Met', urgency: 'Past', severity: 'Minor', certainty: 'Likely', event: 'e', headline: 'h', description: 'd', senderName: 's', effective: '2026-12-03T00:00:00Z', onset: '2026-12-04T00:00:00Z', expires: '2026-12-02T00:00:00Z' },
    ];
    const messages = inputs.flatMap((input) => {
      const result = validateAlert(input, { now, resolveRegion: (_d, region) => ({ ok: false, reason: `unknown region "${region}"` }) });
      return result.ok ? [] : result.errors.map((e) => e.message);
    });
    expect(messages.length).toBeGreaterThan(15);
    expect(messages.filter((m) => alertRefusalText(FR, m) === m)).toEqual([]);
  });

  it('translate the identity and logo refusals an admin can meet', () => {
    const read = readIdentityChanges({ authorityName: '', citizenNoun: 'x'.repeat(500), brandColour: 'pink', emergencyPhone: 'call me', contactUrl: 'ftp://x', footerLinks: [{ label: '', url: 'x' }] });
    const messages = [...(read.ok ? [] : read.errors.map((e) => e.message)), ...['', 'image/png', 'image/svg+xml', 'text/plain'].map((type) => {
      const checked = checkLogo(type, Buffer.from(type === '' ? '' : '<svg'));
      return checked.ok ? '' : checked.reason;
    })].filter(Boolean);
    expect(messages.length).toBeGreaterThan(6);
    expect(messages.filter((m) => adminRefusalText(FR, m) === m)).toEqual([]);
  });
});
