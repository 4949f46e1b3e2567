import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_REFUSALS, refusalText } from '../../src/http/console/editorial-refusals.ts';
import { fieldLabel } from '../../src/http/console/layout.ts';
import { translator } from '../../src/i18n/translator.ts';
import { catalogPhrases, leaks } from '../helpers/catalogue-leaks.ts';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consolePost, consoleSignIn, editorialSuite, type ConsoleSession } from '../helpers/editorial-setup.ts';

/**
 * The console's editorial pages in French (issue 16): dashboard, review calendar, destinations, a
 * destination, the editor, a draft, its changes, comparing revisions and the publish confirmation,
 * with nothing of their interface left in English; the publishing service's refusals translated
 * at the edge. The English pages are held to their words by the editorial console tests.
 */
const AREAS = ['consoleEditorial', 'consoleDrafts', 'consoleRefusals', 'console'] as const;
const ENGLISH = catalogPhrases([...AREAS], 'en');
const FRENCH = translator('fr');

describe.each(ENGINES)('the editorial console in French on %s', (engine) => {
  const suite = editorialSuite(engine);
  let editor: ConsoleSession;
  let reviewer: ConsoleSession;
  /** The Netherlands raised to Level 4 (submitted, approved): the draft the pages show. */
  let draftId: number;
  let version: number;
  /** What the advisories themselves say (English content, not interface text). */
  let advisoryText: string;

  beforeAll(async () => {
    editor = await consoleSignIn(suite.app, 'editor@example.org');
    reviewer = await consoleSignIn(suite.app, 'reviewer@example.org');
    const { call, team } = suite;
    const created = await call('POST', '/api/v1/advisories/NL/drafts', team.editor.token, { level: 4, departureUrged: true, indicators: ['C', 'T', 'K'], changeType: 'major', changeNote: 'Raised to Level 4: leave now.' });
    expect(created.statusCode, created.body).toBe(201);
    draftId = created.json().id;
    expect((await call('POST', `/api/v1/drafts/${draftId}/submit`, team.editor.token)).statusCode).toBe(200);
    const approved = await call('POST', `/api/v1/drafts/${draftId}/approve`, team.reviewer.token);
    expect(approved.statusCode, approved.body).toBe(200);
    version = approved.json().version;
    const texts = await Promise.all(['NL', 'FR'].map((code) => call('GET', `/api/v1/advisories/${code}`, null)));
    advisoryText = texts.map((r) => r.body).join(' ') + (await call('GET', `/api/v1/drafts/${draftId}`, team.editor.token)).body;
  });

  const french = async (session: ConsoleSession, url: string, status = 200) => {
    const page = await consoleGet(suite.app, session, `${url}${url.includes('?') ? '&' : '?'}lang=fr`);
    expect(page.statusCode, `${url}: ${page.body.slice(0, 300)}`).toBe(status);
    expect(page.body).toContain('<html lang="fr">');
    expect(leaks(page.body, ENGLISH, advisoryText), url).toEqual([]);
    return page.body;
  };

  it('shows the dashboard and the review calendar in French', async () => {
    const dashboard = await french(reviewer, '/console');
    expect(dashboard).toContain('En attente de relecture');
    expect(dashboard).toContain('Tous les brouillons ouverts');
    expect(dashboard).toContain('Connecté comme reviewer@example.org (relecture).');
    expect(dashboard).toContain('>approuvé</span>');
    const calendar = await french(reviewer, '/console/calendar?days=400');
    expect(calendar).toContain('<h1>Calendrier des révisions</h1>');
    expect(calendar).toContain('À revoir sous (jours)');
    expect(calendar).toMatch(/à revoir dans \d+ jours|en retard de \d+ jours?|à revoir aujourd’hui/);
  });

  it('shows the destinations, a destination and a comparison of revisions in French', async () => {
    const list = await french(reviewer, '/console/destinations');
    expect(list).toMatch(/\d+ affichées\. Chacune a un avis en vigueur/);
    expect(list).toContain('<th>Prochaine révision</th>');
    const destination = await french(reviewer, '/console/destinations/NL');
    expect(destination).toContain('<h1>Pays-Bas <span class="muted mono">NL</span></h1>');
    expect(destination).toContain('Niveau 2 : Vigilance renforcée');
    expect(destination).toContain('Reconduire après relecture');
    expect(destination).toContain('Ouvrir le brouillon (approuvé)');
    expect(destination).toContain('<h2>Historique</h2>');
    const compare = await french(reviewer, '/console/destinations/NL/compare?from=1&to=1');
    expect(compare).toContain('révision 1 → 1');
    expect(compare).toContain('Aucune différence.');
  });

  it('shows the editor, the draft, its changes and the publish confirmation in French', async () => {
    const draftPage = await french(reviewer, `/console/drafts/${draftId}`);
    expect(draftPage).toContain('<h2>Circuit de validation</h2>');
    expect(draftPage).toContain('<dt>Toujours majeur</dt>');
    expect(draftPage).toContain('<strong>Niveau</strong> : niveau relevé de 2 à 4');
    expect(draftPage).toContain('les ressortissants sont désormais appelés à partir');
    expect(draftPage).toContain('<strong>Indicateurs de risque :</strong>');
    expect(draftPage).toContain('Enlèvement ou prise d’otages');
    const diff = await french(reviewer, `/console/drafts/${draftId}/diff`);
    expect(diff).toMatch(/\d+ champs modifiés :/);
    expect(diff).toContain('Indicateurs de risque');
    const confirm = await french(reviewer, `/console/drafts/${draftId}/publish?version=${version}`);
    expect(confirm).toContain('Publier Pays-Bas maintenant ?');
    expect(confirm).toMatch(/Personne ne sera prévenu, en urgence\.|\d+ personnes? (sera|seront) prévenues?/);
    // The editor's own form, on a draft they may edit: a new one for France.
    const started = await consolePost(suite.app, editor, '/console/destinations/FR/drafts?lang=fr');
    expect(started.statusCode).toBe(303);
    const edit = await french(editor, String(started.headers.location));
    expect(edit).toContain('Brouillon créé à partir de la révision en vigueur.');
    expect(edit).toContain('<h2>Niveau et risques</h2>');
    expect(edit).toContain('Ambassades et consulats');
    expect(edit).toContain('Nos cartes bancaires y fonctionnent-elles ?');
    expect(edit).toContain('<h2>Traductions</h2>');
  });

  it('shows a refused save in French, next to its field and in the summary, and saves nothing', async () => {
    const draft = (await suite.call('POST', '/api/v1/advisories/DE/drafts', suite.team.editor.token, {})).json();
    const refused = await consolePost(suite.app, editor, `/console/drafts/${draft.id}?lang=fr`, { version: String(draft.version), level: '9', summary: 'x', sections_count: '0', regions_count: '0', changeType: 'minor' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<html lang="fr">');
    expect(refused.body).toContain('Rien n’a été enregistré. Veuillez corriger :');
    expect(refused.body).toContain('<a href="#f-level">Niveau</a> : doit être un niveau de 1 à 4');
    expect(refused.body).toContain('<p class="error">doit être un niveau de 1 à 4</p>');
    expect(leaks(refused.body, ENGLISH, advisoryText)).toEqual([]);
    const after = await suite.call('GET', `/api/v1/drafts/${draft.id}`, suite.team.editor.token);
    expect(after.json().version).toBe(draft.version);
    // Submitting "minor" for a Level 4 change: the submission's refusal, each change in French.
    const submit = await consolePost(suite.app, editor, `/console/drafts/${draftId}/submit?lang=fr`, { version: String(version) });
    expect(submit.statusCode).toBe(409);
    expect(submit.body).toContain('Ce brouillon est déjà approuvé.');
  });
});

describe('the publishing service’s refusals in French', () => {
  it('holds every English catalogue text to the domain’s words, and translates each one', () => {
    const en = translator('en');
    for (const [english, id] of Object.entries(KNOWN_REFUSALS.EXACT)) {
      expect(en.t(id), id).toBe(english);
      expect(refusalText(FRENCH, english), english).toBe(FRENCH.t(id));
    }
    expect(refusalText(FRENCH, 'this change must be major because level raised from 2 to 4; citizens are now urged to leave; risk indicators added K (Kidnapping or Hostage Taking); removed C (Crime)'))
      .toBe('cette modification doit être majeure car niveau relevé de 2 à 4 ; les ressortissants sont désormais appelés à partir ; indicateurs de risque : ajout de K (Enlèvement ou prise d’otages) ; retrait de C (Criminalité)');
    expect(refusalText(FRENCH, 'is too long (at most 20,000 characters)')).toBe(`est trop long (au plus ${FRENCH.number(20000)} caractères)`);
    expect(refusalText(translator('en'), 'must be text')).toBe('must be text');
  });

  it('knows every plain refusal the draft, mission and workflow rules can show on these pages', () => {
    // API-only shapes (a form never sends them): not translated, shown as written.
    const apiOnly = /^(must be \{|must be a JSON|must be a list|must be an? (mission|object|list)|is not a (field|quick fact)|unknown indicator|must be the translated|must be an object)/;
    const files = ['src/domain/draft-input.ts', 'src/domain/draft-fields.ts', 'src/domain/mission-input.ts', 'src/domain/workflow.ts', 'src/domain/advisory-translations.ts', 'src/domain/quick-facts.ts', 'src/publishing/publish.ts', 'src/domain/change-type.ts'];
    const missing: string[] = [];
    let seen = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/(?:message|reason): '((?:[^'\\]|\\.)+)'/g)) {
        const text = match[1]!.replace(/\\'/g, "'");
        seen++;
        if (!apiOnly.test(text) && refusalText(FRENCH, text) === text) missing.push(`${file}: ${text}`);
      }
    }
    expect(missing).toEqual([]);
    expect(seen).toBeGreaterThan(40);
  });

  it('names the form fields in French, and in English as before', () => {
    const en = translator('en');
    expect(['level', 'summary', 'changeNote', 'sections.2.title', 'regions.0', 'risks.3.text', 'destinations.1', 'area.circle', 'missions.0.name'].map((f) => fieldLabel(f, en)))
      .toEqual(['Level', 'Summary', 'Change note', 'Section 3 title', 'Region 1', 'Risk text', 'Destination 2', 'Circle', 'missions.0.name']);
    expect(fieldLabel('sections.2.title', FRENCH)).toBe('Section 3 : titre');
    expect(fieldLabel('nextReviewDue', FRENCH)).toBe('Prochaine révision');
  });
});
