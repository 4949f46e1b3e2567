import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { currentAdvisory } from '../../src/publishing/revisions.ts';
import type { PeerEntry } from '../../src/sources/peers/feed.ts';
import { importPeerFeed } from '../../src/sources/peers/store.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';

function peer(code: string, level: 1 | 2 | 3 | 4, nativeLabel: string, regions: PeerEntry['regions'] = []): PeerEntry {
  return { code, title: code, nativeLabel, level, regions, sections: [], changeNote: '', updatedAt: '2026-09-01T00:00:00.000Z', url: `https://example.org/${code}`, uncoded: [] };
}

describe.each(ENGINES)('the comparison API on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let france: { level: number };

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    france = (await currentAdvisory(store.db, 'FR'))!;
    await importPeerFeed(store.db, { format: 't', items: 2, merges: [], unmapped: [], entries: [peer('FR', 4, 'Advise against all travel'), peer('TT', 2, 'Exercise a high degree of caution', [{ name: 'Laventille', level: 3, nativeLabel: 'Avoid non-essential travel' }])] }, { source: 'uk-fcdo' });
    await importPeerFeed(store.db, { format: 't', items: 1, merges: [], unmapped: [], entries: [peer('FR', 2, 'Exercise a high degree of caution')] }, { source: 'canada' });
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('gives our level and each source\'s native words beside its mapped level; the State Department is the imported one', async () => {
    const response = await app.inject({ url: '/api/v1/destinations/fra/comparison' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.code).toBe('FR');
    expect(body.ours).toEqual({ level: france.level, levelLabel: expect.any(String), publishedAt: expect.any(String) });
    expect(body.sources.map((s: { source: string; level: number; nativeLabel: string }) => [s.source, s.level, s.nativeLabel])).toEqual([
      ['us-state-dept', france.level, expect.stringMatching(/^Level \d: /)],
      ['uk-fcdo', 4, 'Advise against all travel'],
      ['canada', 2, 'Exercise a high degree of caution'],
    ]);
  });

  it('lists the destinations that disagree by at least N, largest spread first, and refuses a bad N', async () => {
    const two = (await app.inject({ url: '/api/v1/comparisons?disagree=2' })).json() as { code: string; spread: number }[];
    expect(two.map((c) => c.code)).toContain('FR');
    expect(two.every((c) => c.spread >= 2)).toBe(true);
    expect(two.map((c) => c.spread)).toEqual([...two.map((c) => c.spread)].sort((a, b) => b - a));
    const bad = await app.inject({ url: '/api/v1/comparisons?disagree=nine' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('answers 404 as a problem for an unknown destination', async () => {
    const response = await app.inject({ url: '/api/v1/destinations/zzz/comparison' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('exports CSV, one row per destination × source, with regions', async () => {
    const response = await app.inject({ url: '/api/v1/comparisons.csv?disagree=1' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('code,destination,source,native_label,level,regions,updated_at,url,spread');
    expect(lines).toContain(`FR,France,uk-fcdo,Advise against all travel,4,,2026-09-01T00:00:00.000Z,https://example.org/FR,${4 - Math.min(france.level, 2)}`);
    expect(lines.some((l) => l.startsWith('TT,Trinidad and Tobago,uk-fcdo,') && l.includes('Laventille (3)'))).toBe(true);
  });

  it('shows "What other governments say" on the destination page, native words, link to the original', async () => {
    const page = await app.inject({ url: '/destinations/trinidad-and-tobago/' });
    expect(page.body).toContain('<h2 id="peers-title">What other governments say</h2>');
    expect(page.body).toContain('<a href="https://example.org/TT">United Kingdom (FCDO)</a>');
    expect(page.body).toContain('<li>Laventille: Avoid non-essential travel (Level 3)</li>');
  });

  it('/compare/ lists every destination; the disagree view puts the largest difference first and refuses a bad N', async () => {
    const all = await app.inject({ url: '/compare/' });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Trinidad and Tobago');
    const disagree = await app.inject({ url: '/compare/?disagree=2' });
    const spreads = [...disagree.body.matchAll(/<td[^>]*>(\d)<\/td>\n<td[^>]*>Level/g)].map((m) => Number(m[1]));
    expect(spreads.length).toBeGreaterThan(0);
    expect(spreads).toEqual([...spreads].sort((a, b) => b - a));
    expect(disagree.body).toContain('France');
    expect((await app.inject({ url: '/compare/?disagree=x' })).headers['content-type']).toMatch(/problem\+json/);
  });

  it('/compare/ maps the highest level any government gives, each shape linking to that destination\'s comparison', async () => {
    const body = (await app.inject({ url: '/compare/' })).body;
    expect(body).toContain('<h2 id="map-title">The highest level any government gives</h2>');
    expect(body).toContain('Highest level any government gives: Level 4');
    // The UK's Level 4 for France is above ours and the State Department's: the map says 4.
    expect(body).toMatch(/<a href="\/destinations\/france\/#peers-title" aria-label="France: Level 4, [^"]+"><path class="l4"/);
    // The disagree view keeps the whole map above the shorter table.
    expect((await app.inject({ url: '/compare/?disagree=3' })).body).toContain('href="/destinations/trinidad-and-tobago/#peers-title"');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ url: '/api/docs/json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/destinations/{code}/comparison', '/api/v1/comparisons', '/api/v1/comparisons.csv']));
  });
});
