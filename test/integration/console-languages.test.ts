import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { catalogPhrases, leaks } from '../helpers/catalogue-leaks.ts';
import { consoleGet, consoleSignIn, editorialSuite, type ConsoleSession } from '../helpers/editorial-setup.ts';

/** The staff console's frame in the staff member's language (issue 16): the page bodies have their own tests. */
describe.each(ENGINES)('the console frame in French on %s', (engine) => {
  const suite = editorialSuite(engine);
  let admin: ConsoleSession;
  beforeAll(async () => {
    admin = await consoleSignIn(suite.app, 'admin@example.org');
  });

  const frame = (body: string) => body.slice(0, body.indexOf('<main'));

  it('follows ?lang=fr, then the cookie it sets, then Accept-Language', async () => {
    const chosen = await consoleGet(suite.app, admin, '/console?lang=fr');
    expect(chosen.statusCode).toBe(200);
    expect(chosen.body).toContain('<html lang="fr">');
    expect(chosen.headers['content-language']).toBe('fr');
    expect(String(chosen.headers['set-cookie'])).toContain('lang=fr');
    expect(frame(chosen.body)).toContain('Tableau de bord');
    expect(frame(chosen.body)).toContain('Se déconnecter');
    expect(frame(chosen.body)).toContain('<span class="role">administration</span>');

    const byCookie = await suite.app.inject({ method: 'GET', url: '/console', headers: { cookie: `${admin.cookie}; lang=fr` } });
    expect(byCookie.body).toContain('<html lang="fr">');
    const byHeader = await suite.app.inject({ method: 'GET', url: '/console/destinations', headers: { cookie: admin.cookie, 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' } });
    expect(byHeader.body).toContain('<html lang="fr">');
    expect(byHeader.body).toContain('Journal d’audit');
  });

  it('offers both languages, each link keeping the page and its query', async () => {
    const page = await consoleGet(suite.app, admin, '/console/audit?action=publish&lang=fr');
    expect(page.body).toMatch(/<nav class="language-menu"[^>]*><ul><li><a href="\/console\/audit\?action=publish&amp;lang=en" lang="en"/);
    expect(page.body).toContain('href="/console/audit?action=publish&amp;lang=fr" lang="fr" hreflang="fr" aria-current="true"');
  });

  it('says nothing of the frame in English on a French page, and nothing in French on an English one', async () => {
    const fr = await consoleGet(suite.app, admin, '/console?lang=fr');
    expect(leaks(frame(fr.body), catalogPhrases(['console'], 'en'), '')).toEqual([]);
    const en = await consoleGet(suite.app, admin, '/console?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(leaks(frame(en.body), catalogPhrases(['console'], 'fr'), '')).toEqual([]);
  });

  it('translates the notices shown after a redirect and the not-found page', async () => {
    const saved = await consoleGet(suite.app, admin, '/console?done=settings&lang=fr');
    expect(saved.body).toContain('Réglages enregistrés.');
    const missing = await consoleGet(suite.app, admin, '/console/destinations/QQ?lang=fr');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<h1>Introuvable</h1>');
    expect(missing.body).toContain('Retour au tableau de bord');
  });
});
