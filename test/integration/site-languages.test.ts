import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { appendRevision, currentAdvisory } from '../../src/publishing/revisions.ts';
import { comparisons } from '../../src/sources/peers/comparison.ts';
import { catalogPhrases, leaks, readable } from '../helpers/catalogue-leaks.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
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
];

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

  it('searches French names, and dates are written in French', async () => {
    const results = (await get('/search?q=Allemagne&lang=fr')).body;
    expect(results).toContain('href="/destinations/germany/">Allemagne</a>');
    const revision = (await get('/destinations/russia/revisions/2?lang=fr')).body;
    expect(revision).toContain('15 janvier 2026');
  });
});
