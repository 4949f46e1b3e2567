import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAlert } from '../../src/alerts/issue.ts';
import type { Mission } from '../../src/domain/missions.ts';
import { buildApp } from '../../src/http/app.ts';
import { appendRevision, currentAdvisory } from '../../src/publishing/revisions.ts';
import { comparisons } from '../../src/sources/peers/comparison.ts';
import { catalogPhrases, leaks, readable } from '../helpers/catalogue-leaks.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { demonstration } from '../helpers/alerts-setup.ts';
import { RUSSIA_MISSIONS, RUSSIA_QUICK_FACTS } from '../helpers/missions.ts';
import { importBundled } from '../helpers/seed.ts';

/** The public site's catalogue areas: none of their English may show on a French page, nor their French on an English one. */
const SITE_AREAS = ['site', 'siteHome', 'siteDestination', 'siteAlerts'] as const;
const ENGLISH = catalogPhrases(SITE_AREAS, 'en');
const FRENCH = catalogPhrases(SITE_AREAS, 'fr');

/** Every kind of public page: map, lists, a destination with and without an advisory, revisions, search, data, alerts, comparison, 404. */
const PAGES = [
  '/', '/destinations', '/destinations/russia', '/destinations/united-states', '/destinations/russia/revisions/2',
  '/destinations/russia/revisions/1', '/levels/4', '/levels/1', '/indicators/d', '/search', '/search?q=rus', '/search?q=zzzz',
  '/data', '/alerts', '/compare/', '/destinations/nowhere',
  // Missions and quick facts first listed (3), then changed, with a French translation added (4); an alert with its CAP values.
  '/destinations/russia/revisions/3', '/destinations/russia/revisions/4', '/alerts/1',
];

/** Russia's missions, with status notes of our own: the seeds' "Consular services suspended." would hide the catalogue's status words. */
const MISSIONS = RUSSIA_MISSIONS.map((m, i): Mission => ({ ...m, id: `mission-${i}`, hostCountry: null, statusNote: `Note ${i}.` } as Mission));

describe.each(ENGINES)('the public site in two languages on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  /** Everything the advisories say themselves (summaries, sections, notes): their language is not the interface's. */
  let advisoryText = '';

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    // A second revision of Russia, so its revision page compares two.
    const current = (await currentAdvisory(store.db, 'RU'))!;
    await store.db.transaction().execute((trx) => appendRevision(trx, {
      code: 'RU', changeType: 'major', changeNote: 'Added kidnapping.', publishedAt: '2026-01-15T09:00:00Z', reviewedAt: '2026-01-15T09:00:00Z',
      nextReviewDue: null, source: current.source,
      content: { ...current, indicators: [...new Set([...current.indicators, 'K' as const])], summary: `${current.summary}\n\nKidnapping has been reported.` },
    }));
    // Missions and quick facts listed, then changed (a status, a phone, a fact, bank cards), and a French summary added.
    const withMissions = { ...current, missions: MISSIONS, quickFacts: { ...RUSSIA_QUICK_FACTS, bankCardsWork: null } };
    const changed = {
      ...withMissions,
      missions: MISSIONS.map((m, i) => (i === 0 ? { ...m, status: 'suspended' as const, statusSince: '2026-11-30', phones: m.phones.slice(1) } : m)),
      quickFacts: { ...RUSSIA_QUICK_FACTS, blankPages: 'One.', bankCardsWork: false },
      translations: { fr: { summary: 'Ne vous rendez pas en Russie.', sections: {} } },
    };
    for (const [content, publishedAt] of [[withMissions, '2026-02-01T09:00:00Z'], [changed, '2026-03-01T09:00:00Z']] as const) {
      const latest = (await currentAdvisory(store.db, 'RU'))!;
      await store.db.transaction().execute((trx) => appendRevision(trx, {
        code: 'RU', changeType: 'major', changeNote: 'Missions.', publishedAt, reviewedAt: publishedAt, nextReviewDue: null, source: latest.source,
        content: { ...content, indicators: latest.indicators, summary: latest.summary },
      }));
    }
    const issued = await issueAlert({ db: store.db, now: () => new Date(), publicUrl: 'http://waypost.test' }, { id: null, label: 'crisis@example.org', role: 'crisis' }, demonstration());
    expect(issued.alert.id).toBe(1);
    // Other governments' advice (on /compare/) is quoted in their words too (the State Department's label included).
    const rows = [...await store.db.selectFrom('advisory_revisions').selectAll().execute(), ...await comparisons(store.db)];
    advisoryText = readable(JSON.stringify(rows).replace(/\\n/g, ' '));
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const withLang = (url: string, lang: string) => `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`;

  it.each(PAGES)('%s in French, by ?lang=fr or Accept-Language, says nothing in English from the site catalogue', async (url) => {
    for (const response of [await get(withLang(url, 'fr')), await get(url, { 'accept-language': 'fr-CA,fr;q=0.9' })]) {
      expect(response.body).toContain('<html lang="fr">');
      expect(response.headers['content-language']).toBe('fr');
      expect(response.body).toContain('Carte du monde</a>');
      expect(response.body).toContain('Destinations de A à Z</a>');
      expect(response.body).toMatch(/<a href="[^"]*lang=en" lang="en" hreflang="en">English<\/a>/);
      expect(leaks(response.body, ENGLISH, advisoryText)).toEqual([]);
    }
  });

  it.each(PAGES)('%s in English says nothing in French from the site catalogue', async (url) => {
    const response = await get(url, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(response.body).toContain('<html lang="en">');
    expect(response.headers['content-language']).toBe('en');
    expect(response.body).toContain('World map</a>');
    expect(leaks(response.body, FRENCH, advisoryText)).toEqual([]);
  });

  it('the leak check finds English left on a French page', async () => {
    const english = (await get('/destinations/russia?lang=en')).body;
    expect(leaks(english, ENGLISH, advisoryText)).toEqual(expect.arrayContaining(['Skip to main content', 'What other governments say']));
  });

  it('keeps a cached page per language: French and English bodies and ETags differ, each stable, each with Vary', async () => {
    const french1 = await get('/destinations/russia', { cookie: 'lang=fr' });
    const english1 = await get('/destinations/russia');
    const french2 = await get('/destinations/russia', { 'accept-language': 'fr' });
    const english2 = await get('/destinations/russia', { cookie: 'lang=en', 'accept-language': 'fr' });
    expect(french1.body).toContain('Niveau 4 : Ne pas voyager');
    expect(french1.body).toContain('<h1>Russie</h1>');
    expect(english1.body).toContain('Level 4: Do Not Travel');
    expect(french1.headers.etag).not.toBe(english1.headers.etag);
    expect(french2.headers.etag).toBe(french1.headers.etag);
    expect(english2.headers.etag).toBe(english1.headers.etag);
    expect(String(french1.headers.vary)).toMatch(/accept-language/i);
    expect(String(french1.headers.vary)).toMatch(/cookie/i);
    // A precompressed variant is per language too.
    const gzFrench = await get('/', { 'accept-encoding': 'gzip', 'accept-language': 'fr' });
    const gzEnglish = await get('/', { 'accept-encoding': 'gzip' });
    expect(gzFrench.headers.etag).not.toBe(gzEnglish.headers.etag);
  });

  it('answers a browser at an address that names nothing with the site\'s 404 page in its language; API clients still get a problem', async () => {
    const french = await get('/no-such-page/', { accept: 'text/html,application/xhtml+xml', 'accept-language': 'fr' });
    expect(french.statusCode).toBe(404);
    expect(french.headers['content-type']).toMatch(/^text\/html/);
    expect(french.body).toContain('<html lang="fr">');
    expect(french.body).toContain('Il n’y a aucune page à cette adresse.');
    const english = await get('/no-such-page/', { accept: 'text/html' });
    expect(english.body).toContain('There is no page at this address.');
    for (const [url, accept] of [['/no-such-page/', 'application/json'], ['/api/v1/nothing', 'text/html']] as const) {
      const response = await get(url, { accept });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('a page that sets the lang cookie is private (no shared cache keeps it), its max-age kept; a plain public page stays public', async () => {
    for (const url of ['/?lang=fr', '/destinations/russia?lang=fr', '/destinations/russia?lang=en']) {
      const chosen = await get(url);
      expect(chosen.statusCode, url).toBe(200);
      expect(String(chosen.headers['set-cookie']), url).toMatch(/^lang=/);
      const directives = String(chosen.headers['cache-control']).split(/,\s*/);
      expect(directives, url).toContain('private');
      expect(directives, url).toContain('max-age=60');
      expect(directives.filter((d) => /^(public|s-maxage)/.test(d)), url).toEqual([]);
    }
    // The same page, the choice already in the cookie: no cookie set, as public as before.
    for (const [url, cookie] of [['/', undefined], ['/destinations/russia', undefined], ['/destinations/russia?lang=fr', 'lang=fr']] as const) {
      const plain = await get(url, cookie ? { cookie } : {});
      expect(plain.headers['set-cookie'], url).toBeUndefined();
      expect(String(plain.headers['cache-control']), url).toMatch(/^public, max-age=60\b/);
    }
  });

  it('?lang=fr sets the cookie that keeps the next pages in French', async () => {
    const chosen = await get('/levels/4?lang=fr');
    expect(String(chosen.headers['set-cookie'])).toMatch(/^lang=fr;/);
    const next = await get('/destinations', { cookie: 'lang=fr' });
    expect(next.body).toContain('<h1>Destinations de A à Z</h1>');
    // French alphabetical order: Allemagne (Germany) before Autriche (Austria).
    expect(next.body.indexOf('>Allemagne<')).toBeLessThan(next.body.indexOf('>Autriche<'));
  });

  it('feeds stay in the default language and say so, whatever the reader chose', async () => {
    expect((await get('/feeds/advisories.atom', { cookie: 'lang=fr' })).body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect((await get('/feeds/alerts.atom')).body).toContain('xml:lang="en"');
    expect((await get('/feeds/advisories.rss?lang=fr')).body).toContain('<language>en</language>');
  });

  it('says mission and quick-fact changes, translation fields, CAP values and the map alert in French', async () => {
    const text = (url: string) => get(url).then((response) => readable(response.body.replace(/<[^>]+>/g, '')));
    const revision = await text('/destinations/russia/revisions/4?lang=fr');
    expect(revision).toContain('Embassy in Moscow : Personnel réduit depuis le 1 août 2021 : Note 0. → Services consulaires suspendus depuis le 30 novembre 2026 : Note 0.');
    expect(revision).toContain('Embassy in Moscow, comment la joindre :');
    expect(revision).toContain('(urgences 24 h/24, 7 j/7)');
    expect(revision).toContain('Pages vierges du passeport : Two. → One.');
    expect(revision).toContain('Nos cartes bancaires ne fonctionnent pas.');
    expect(revision).toContain('Résumé (traduction en français)');
    expect(revision).not.toContain('translations.fr');
    const english = await text('/destinations/russia/revisions/4?lang=en');
    expect(english).toContain('Summary (French translation)');
    expect(english).toContain('Embassy in Moscow: Reduced staff since 2021-08-01: Note 0. → Consular services suspended since 2026-11-30: Note 0.');
    const alert = await text('/alerts/1?lang=fr');
    expect(alert).toContain('Attendue : agir dans l’heure');
    expect(alert).toContain('Sûreté (police, armée, terrorisme)');
    expect(alert).toContain('Probable');
    expect(await text('/alerts/1?lang=en')).toContain('Expected: act within the next hour');
    expect((await get('/?lang=fr')).body).toContain('aria-label="Alerte (Modérée) : Demonstration in Moscow. Russie"');
  });

  it('gives the search filter its status lines in the page\'s language', async () => {
    const french = (await get('/search?lang=fr')).body;
    expect(french).toContain('data-match-other="{count} destinations correspondent à « {query} »."');
    expect(french).toContain('data-none="Aucune destination ne correspond à « {query} »."');
    expect((await get('/search?lang=en')).body).toContain('data-match-one="{count} destination matches “{query}”."');
  });

  it('searches French names, and dates are written in French', async () => {
    const results = (await get('/search?q=Allemagne&lang=fr')).body;
    expect(results).toContain('href="/destinations/germany/">Allemagne</a>');
    const revision = (await get('/destinations/russia/revisions/2?lang=fr')).body;
    expect(revision).toContain('15 janvier 2026');
  });
});
