import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';

describe.each(ENGINES)('public API on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('shows Russia at Level 4 with departure urged, detention and terrorism, and dual-citizenship advice', async () => {
    const response = await get('/api/v1/advisories/RU');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      code: 'RU', name: 'Russia', level: 4, levelLabel: 'Do Not Travel', departureUrged: true, revision: 1,
      source: { authority: 'U.S. Department of State' },
    });
    expect(body.indicators).toEqual(expect.arrayContaining(['D', 'T']));
    expect(body.sections.map((s: { slug: string }) => s.slug)).toContain('dual-citizenship');
    expect(body.publishedAt.slice(0, 10)).toBe('2025-05-08');
  });

  it('accepts alpha-3 codes in any case', async () => {
    for (const code of ['rus', 'RUS', 'ru']) {
      const response = await get(`/api/v1/advisories/${code}`);
      expect(response.statusCode, code).toBe(200);
      expect(response.json().code).toBe('RU');
    }
  });

  it('lists the 20 Level-4 destinations of the bundled feed', async () => {
    const response = await get('/api/v1/advisories?level=4');
    expect(response.statusCode).toBe(200);
    const codes = response.json().map((a: { code: string }) => a.code);
    expect(codes).toHaveLength(20);
    expect(codes).toEqual(expect.arrayContaining(['RU', 'UA', 'KP', 'AF', 'SY', 'YE', 'VE', 'IR']));
    expect(response.json().every((a: { level: number }) => a.level === 4)).toBe(true);
  });

  it('filters by risk indicator', async () => {
    const detention = (await get('/api/v1/advisories?indicator=D')).json();
    expect(detention.length).toBeGreaterThan(5);
    expect(detention.every((a: { indicators: string[] }) => a.indicators.includes('D'))).toBe(true);
    const both = (await get('/api/v1/advisories?level=4&indicator=D')).json();
    expect(both.length).toBeLessThan(detention.length);
    expect(both.map((a: { code: string }) => a.code)).toContain('RU');
  });

  it('lists every destination, with null level where there is no advisory', async () => {
    const list = (await get('/api/v1/destinations')).json();
    expect(list.length).toBeGreaterThanOrEqual(249);
    expect(list.find((d: { code: string }) => d.code === 'RU')).toMatchObject({ iso3: 'RUS', slug: 'russia', level: 4 });
    const without = list.filter((d: { level: number | null }) => d.level === null);
    expect(without.length).toBeGreaterThan(20);
    expect(without.every((d: { updatedAt: string | null; levelLabel: string | null }) => d.updatedAt === null && d.levelLabel === null)).toBe(true);
  });

  it('keeps history and diffs revisions', async () => {
    const history = (await get('/api/v1/advisories/RU/revisions')).json();
    expect(history.map((r: { revision: number }) => r.revision)).toEqual([1]);
    const one = await get('/api/v1/advisories/RU/revisions/1?diff=1');
    expect(one.statusCode).toBe(200);
    expect(one.json().diff).toEqual({ against: 1, changes: [] });
    expect((await get('/api/v1/advisories/RU/revisions/2')).statusCode).toBe(404);
  });

  it.each([
    ['/api/v1/advisories/XX', 404],
    ['/api/v1/advisories/ZZZ', 404],
    ['/api/v1/advisories/R1', 400],
    ['/api/v1/advisories/russia', 400],
    ['/api/v1/advisories/%00%ff', 400],
    ['/api/v1/advisories?level=5', 400],
    ['/api/v1/advisories?level=four', 400],
    ['/api/v1/advisories?indicator=Z', 400],
    ['/api/v1/advisories/RU/revisions/0', 400],
    ['/api/v1/advisories/RU/revisions/abc', 400],
    ['/api/v1/advisories/RU/revisions/1?diff=-3', 400],
    ['/api/v1/advisories/RU/revisions/1?diff=9', 404],
    ['/api/v1/nothing-here', 404],
    [`/api/v1/advisories/${'A'.repeat(5000)}`, 414],
  ])('answers %s with a %i problem document', async (url, status) => {
    const response = await get(url);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  });

  it('sends ETag and Cache-Control, and 304 on revalidation', async () => {
    const first = await get('/api/v1/advisories/RU');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    const again = await get('/api/v1/advisories/RU', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await get('/api/v1/advisories/FR', { 'if-none-match': etag });
    expect(other.statusCode).toBe(200);
    for (const url of ['/api/v1/destinations', '/api/v1/advisories?level=4', '/api/v1/advisories/RU/revisions']) {
      expect((await get(url)).headers.etag, url).toBeTruthy();
    }
  });

  it('publishes a valid OpenAPI 3.1 document and interactive docs', async () => {
    const response = await get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/destinations', '/api/v1/advisories', '/api/v1/advisories/{code}', '/api/v1/destinations/{code}/missions', '/api/v1/destinations/{code}/missions/drafts',
      ]),
    );
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const docs = await get('/api/docs');
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('reports health with the database engine', async () => {
    const response = await get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: engine });
  });
});
