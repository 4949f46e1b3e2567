import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisoryContent } from '../../src/domain/advisory.ts';
import { buildApp } from '../../src/http/app.ts';
import { ASSETS } from '../../src/http/assets/assets.ts';
import { installCaching } from '../../src/http/caching.ts';
import { installProblemHandlers } from '../../src/http/problem.ts';
import { siteRoutes } from '../../src/http/routes/site.ts';
import { appendRevision, currentAdvisory } from '../../src/publishing/revisions.ts';
import { buildWorldMap, type MapCountry } from '../../src/site/map.ts';
import { createSite } from '../../src/site/site.ts';
import type { Store } from '../../src/store/connect.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';

const PUBLIC_URL = 'http://waypost.test';

/** Publishes a new revision of a destination: its current content with `changes` applied. */
async function publish(store: Store, code: string, changes: Partial<AdvisoryContent>, changeType: 'major' | 'minor' = 'major', changeNote = 'Updated.') {
  const current = (await currentAdvisory(store.db, code))!;
  const content: AdvisoryContent = {
    level: current.level, indicators: current.indicators, risks: current.risks, regions: current.regions,
    departureUrged: current.departureUrged, summary: current.summary, sections: current.sections, ...changes,
  };
  await store.db.transaction().execute((trx) => appendRevision(trx, {
    code, content, changeType, changeNote, publishedAt: '2026-01-15T09:00:00Z', reviewedAt: '2026-01-15T09:00:00Z',
    nextReviewDue: null, source: current.source,
  }));
}

/** The rows of the first table of destinations on a page. */
const tableRows = (body: string) => body.split('<tbody>')[1]!.split('</tbody>')[0]!.match(/<tr>/g)?.length ?? 0;

describe.each(ENGINES)('public site on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: { publicUrl: PUBLIC_URL } });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('renders the home page: a map with a link per country, the legend, Do Not Travel and latest changes', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = response.body;
    const svg = body.slice(body.indexOf('<svg class="world-map"'), body.indexOf('</svg>', body.indexOf('<svg class="world-map"')));
    expect(svg.match(/<a href="\/destinations\/[a-z0-9-]+\/" aria-label="/g)!.length).toBeGreaterThanOrEqual(170);
    expect(svg).toContain('aria-label="Russia: Level 4, Do Not Travel"');
    // The State Department does not advise on the United States itself: shown as such, not as safe.
    expect(svg).toContain('aria-label="United States: no advisory"');
    expect(body).toContain('Level 4: Do Not Travel</a> <span class="count">20</span>');
    const doNotTravel = body.slice(body.indexOf('id="dnt-title"'), body.indexOf('id="latest-title"'));
    expect(doNotTravel.match(/<li>/g)).toHaveLength(20);
    expect(doNotTravel).toContain('>Russia</a> <span class="tag-urgent">Leave now</span>');
    expect(body).toContain('<h2 id="latest-title">Latest changes</h2>');
    expect(body).toMatch(/<form class="search" role="search" aria-label="Search destinations" action="\/search\/"/);
    expect(body).toContain('<a class="skip-link" href="#main">');
  });

  it('renders Russia: level badge, departure banner in the advisory\'s words, risks, sections, history, feed', async () => {
    for (const url of ['/destinations/russia', '/destinations/russia/']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      const body = response.body;
      expect(body).toContain('<h1>Russia</h1>');
      expect(body).toContain('<span class="badge badge-4 badge-large">Level 4: Do Not Travel</span>');
      expect(body).toMatch(/<p class="banner-quote">U\.S\. citizens in Russia should leave immediately\.<\/p>/);
      expect(body).toContain('>Wrongful Detention</a>');
      expect(body).toMatch(/<h2 id="dual-citizenship">Dual citizenship<\/h2>/);
      expect(body).toContain('<h2 id="history-title">History</h2>');
      expect(body).toContain('href="/feeds/advisories/RU.atom"');
      expect(body).toContain('href="/destinations/russia/revisions/1/"');
    }
  });

  it('shows a destination without an advisory as such', async () => {
    const body = (await get('/destinations/united-states')).body;
    expect(body).toContain('<span class="badge badge-0 badge-large">No advisory</span>');
    expect(body).toContain('That is not a statement that it is safe');
  });

  it('lists destinations by level, by risk and from A to Z', async () => {
    const level4 = await get('/levels/4');
    expect(level4.statusCode).toBe(200);
    expect(tableRows(level4.body)).toBe(20);
    expect(level4.body).toContain('<h1>Level 4: Do Not Travel</h1>');
    const detention = (await get('/indicators/d')).body;
    const withD = (await get('/api/v1/advisories?indicator=D')).json() as unknown[];
    expect(tableRows(detention)).toBe(withD.length);
    expect(detention).toContain('<h1>Risk: Wrongful Detention</h1>');
    expect(detention).toContain('>Russia</a>');
    expect((await get('/indicators/D')).statusCode).toBe(200);
    expect(tableRows((await get('/destinations')).body)).toBeGreaterThanOrEqual(249);
  });

  it('searches by name, former name and ISO code, best match first', async () => {
    const first = async (q: string) => {
      const body = (await get(`/search?q=${encodeURIComponent(q)}`)).body;
      return /<ul class="results"><li><a href="\/destinations\/([a-z0-9-]+)\/">/.exec(body)?.[1];
    };
    expect(await first('Burma')).toBe('myanmar');
    expect(await first('rus')).toBe('russia');
    expect(await first('RU')).toBe('russia');
    expect(await first('cote d ivoire')).toBe('cote-d-ivoire');
    expect(await first('Turkey')).toBe('turkiye');
    const none = (await get('/search?q=zzzz')).body;
    expect(none).toContain('No destination matches “zzzz”.');
    // Without a query the page lists everything for its script to filter (the static export's search).
    const index = (await get('/search')).body;
    expect(index.match(/<li data-terms="/g)!.length).toBeGreaterThanOrEqual(249);
    expect(index).toContain('data-terms="ru|rus|russia|russian federation"');
  });

  it('keeps the home page under 300 kB uncompressed, with everything it loads', async () => {
    const home = (await get('/')).body;
    const loaded = [...home.matchAll(/<(?:link rel="stylesheet"|script) [^>]*(?:href|src)="([^"]+)"/g)].map(([, href]) => href!);
    expect(loaded.length).toBeGreaterThan(0);
    let total = Buffer.byteLength(home);
    for (const href of loaded) total += (await get(href)).rawPayload.length;
    expect(total).toBeLessThan(300 * 1024);
  });

  it('serves hashed assets for a year and unknown ones as 404', async () => {
    for (const asset of ASSETS) {
      const response = await get(`/assets/${asset.hashedName}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.rawPayload.equals(asset.body)).toBe(true);
    }
    expect((await get('/assets/site.css')).statusCode).toBe(404);
    expect((await get('/')).body).toContain(`href="/assets/${ASSETS[0]!.hashedName}"`);
  });

  it('gives pages and feeds an ETag and a short Cache-Control, and answers revalidation with 304', async () => {
    for (const url of ['/', '/destinations/russia', '/levels/4', '/feeds/advisories.atom', '/feeds/advisories.rss', '/exports/advisories.csv']) {
      const first = await get(url);
      expect(first.statusCode, url).toBe(200);
      expect(first.headers.etag, url).toMatch(/^"[\w-]+"$/);
      expect(first.headers['cache-control'], url).toMatch(/^public, max-age=(60|300)$/);
      const again = await get(url, { 'if-none-match': String(first.headers.etag) });
      expect(again.statusCode, url).toBe(304);
      expect(again.body, url).toBe('');
    }
  });

  it.each([
    // NUL: refused before any route runs (src/http/text-guard.ts).
    ['/destinations/%00', 400],
    ['/destinations/<script>alert(1)</script>', 404],
    ['/destinations/%3Cscript%3Ealert(1)%3C%2Fscript%3E', 404],
    ['/destinations/russia/revisions/0', 404],
    ['/destinations/russia/revisions/99', 404],
    ['/destinations/russia/revisions/1e3', 404],
    ['/destinations/russia/revisions/1?diff=-1', 404],
    ['/destinations/russia/revisions/1?diff[]=1', 200],
    ['/levels/0', 404],
    ['/levels/4.0', 404],
    ['/indicators/%E2%80%AE', 404],
    ['/search?q[]=x', 200],
    ['/search?q=a&q=b', 200],
    ['/search?q=%00%FF', 200],
    ['/search?q=%E0%A4%A', 200],
    ['/search?q=' + 'x'.repeat(10_240), 400],
    ['/feeds/advisories/%00.atom', 400],
    ['/feeds/advisories/us.atom', 404],
    ['/destinations/' + 'a'.repeat(5000), 414],
  ])('answers a hostile URL with %#: never a 5xx or reflected markup', async (url, status) => {
    const response = await get(url);
    expect(response.statusCode).toBe(status);
    if (String(response.headers['content-type']).startsWith('text/html')) expect(response.body).not.toContain('<script>alert');
  });

  it('offers search on the 404 page of an unknown destination', async () => {
    const response = await get('/destinations/atlantis');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<h1>Page not found</h1>');
    expect(response.body).toContain('We have no destination called “atlantis”.');
    expect(response.body).toMatch(/<form class="search" role="search" aria-label="Search for a destination"/);
  });
});

describe.each(ENGINES)('public site after new publications on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  const mapBuilds: number[] = [];

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    // The real routes and caching, with a map builder that counts its calls.
    app = Fastify();
    installProblemHandlers(app);
    installCaching(app);
    const buildMap = (countries: readonly MapCountry[]) => {
      mapBuilds.push(countries.length);
      return buildWorldMap(countries);
    };
    await app.register(siteRoutes(store, { publicUrl: PUBLIC_URL }, createSite(store, {
      location: { mode: 'live', base: '/', publicUrl: PUBLIC_URL }, buildMap, stampMaxAgeMs: 0,
    })));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('builds the map once per publication, and again after a new revision', async () => {
    const first = await get('/');
    const second = await get('/');
    expect(mapBuilds).toHaveLength(1);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.body).toContain('aria-label="Mongolia: Level 1, Exercise Normal Precautions"');

    await publish(store, 'MN', { level: 3 }, 'major', 'Raised to Level 3.');
    const third = await get('/');
    expect(mapBuilds).toHaveLength(2);
    expect(third.headers.etag).not.toBe(first.headers.etag);
    expect(third.body).toContain('aria-label="Mongolia: Level 3, Reconsider Travel"');
    await get('/');
    expect(mapBuilds).toHaveLength(2);
  });

  it('stripes a country with a region above its level, in the higher level\'s colour, and says so in words', async () => {
    await publish(store, 'MX', {
      level: 2,
      regions: [{ name: 'Sinaloa', code: 'MX-SIN', level: 4, indicators: ['C', 'K'], summary: 'Do not travel due to crime and kidnapping.' }],
    });
    const body = (await get('/')).body;
    expect(body).toContain('aria-label="Mexico: Level 2, Exercise Increased Caution; some areas Level 4"><path class="l2h4"');
    expect(body).toMatch(/<pattern id="l2h4"/);
    const mexico = (await get('/destinations/mexico')).body;
    expect(mexico).toContain('<h2 id="regions-title">Regional advice</h2>');
    expect(mexico).toMatch(/<th scope="row">Sinaloa<\/th>\s*<td[^>]*><span class="badge badge-4 badge-small">Level 4: Do Not Travel<\/span>/);
    // The imported advisories list Level 4 areas of their own (Georgia, Egypt, ...): Mexico joins them.
    const level4 = (await get('/levels/4')).body;
    expect(level4).toMatch(/Areas of \d+ more destinations are also at this level: [^.]*<a href="\/destinations\/mexico\/">Mexico<\/a>/);
    expect(level4).toContain('<a href="/destinations/georgia/">Georgia</a>');
  });

  it('shows what changed, word by word, on the revision page linked from the destination page', async () => {
    const before = (await currentAdvisory(store.db, 'RU'))!;
    await publish(store, 'RU', { summary: `${before.summary}\n\nBorder crossings may close without notice.` }, 'major', 'Added border information.');
    const page = (await get('/destinations/russia')).body;
    expect(page).toContain('href="/destinations/russia/revisions/2/"');
    expect(page).toContain('See exactly what changed since revision 1');
    for (const url of ['/destinations/russia/revisions/2', '/destinations/russia/revisions/2?diff=1']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('What changed since revision 1');
      expect(response.body).toMatch(/<ins>[^<]*Border crossings may close without notice\.<\/ins>/);
      // The change note is shown as written, not diffed against the last one: that is the publisher's text, not the advice.
      expect(response.body).toContain('<p class="lede">Added border information.</p>');
      expect(response.body).not.toContain('<del>Reissued');
    }
    const first = await get('/destinations/russia/revisions/1');
    expect(first.body).toContain('This is the first revision published here');
  });

  it('renders hostile advisory text as inert, sanitised markup', async () => {
    await publish(store, 'FR', {
      summary: 'Hello <script>alert(1)</script> <img src=x onerror="alert(2)"> [link](javascript:alert(3)) **bold**',
      sections: [{ slug: 'x', title: '<b onclick="alert(4)">Title</b>', body: '<iframe src="https://evil.example"></iframe>ok' }],
    }, 'major', '<script>alert(5)</script>');
    const body = (await get('/destinations/france')).body;
    expect(body).not.toMatch(/<script>alert|javascript:|<iframe|<img/);
    // No tag carries an event handler; escaped text that mentions one is harmless.
    expect(body).not.toMatch(/<[a-z][^>]*\son\w+=/i);
    expect(body).toContain('<strong>bold</strong>');
    expect(body).toContain('&lt;b onclick=&quot;alert(4)&quot;&gt;Title&lt;/b&gt;');
    expect(body).toContain('&lt;script&gt;alert(5)&lt;/script&gt;');
  });
});
