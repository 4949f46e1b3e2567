import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { editorialSuite } from '../helpers/editorial-setup.ts';

type Advisory = { code: string; name: string; level: number; indicators: string[] };

/** The `rel="next"` target of a Link header, or undefined. */
const nextLink = (header: unknown): string | undefined => /<([^>]+)>;\s*rel="next"/.exec(String(header ?? ''))?.[1];

describe.each(ENGINES)('the advisory list: pages, lean form, publication on %s', (engine) => {
  const suite = editorialSuite(engine);
  const get = (url: string, headers: Record<string, string> = {}) => suite.app.inject({ method: 'GET', url, headers });

  /** Follows rel="next" from `url`; returns every page's advisories. */
  async function walk(url: string): Promise<{ pages: Advisory[][]; urls: string[] }> {
    const pages: Advisory[][] = [];
    const urls: string[] = [];
    for (let next: string | undefined = url; next; ) {
      urls.push(next);
      const response = await get(next);
      expect(response.statusCode, response.body).toBe(200);
      pages.push(response.json());
      next = nextLink(response.headers.link);
      expect(pages.length).toBeLessThan(100);
    }
    return { pages, urls };
  }

  it('walks every advisory exactly once, in the order of the full list, by following rel="next"', async () => {
    const full = (await get('/api/v1/advisories')).json() as Advisory[];
    expect(full.length).toBeGreaterThan(200);
    const { pages, urls } = await walk('/api/v1/advisories?limit=25');
    expect(pages.slice(0, -1).every((page) => page.length === 25)).toBe(true);
    expect(pages.at(-1)!.length).toBeGreaterThan(0);
    expect(pages.flat()).toEqual(full);
    expect(urls[1]).toBe(`/api/v1/advisories?limit=25&after=${pages[0]!.at(-1)!.code}`);
    // A page that ends exactly at the end of the list has no next link.
    const exact = await get(`/api/v1/advisories?limit=${full.length}`);
    expect(exact.headers.link).toBeUndefined();
    expect(exact.json()).toHaveLength(full.length);
  });

  it('pages through a filtered, lean list, keeping the filter and fields in the next link', async () => {
    const levelFour = (await get('/api/v1/advisories?level=4&indicator=D')).json() as Advisory[];
    expect(levelFour.length).toBeGreaterThan(3);
    const { pages, urls } = await walk('/api/v1/advisories?level=4&indicator=D&limit=2&fields=code,level');
    expect(pages.flat()).toEqual(levelFour.map(({ code, level }) => ({ code, level })));
    expect(urls[1]).toMatch(/^\/api\/v1\/advisories\?level=4&indicator=D&fields=code,level&limit=2&after=[A-Z]{2}$/);
  });

  it('starts after any destination given as cursor, also one outside the filter', async () => {
    const full = (await get('/api/v1/advisories?fields=code')).json() as { code: string }[];
    const at = full.findIndex((a) => a.code === 'FR');
    expect((await get('/api/v1/advisories?fields=code&after=fra')).json()).toEqual(full.slice(at + 1));
    const levelFour = (await get('/api/v1/advisories?level=4&fields=code,name')).json() as Advisory[];
    // France is Level 2: the page starts with the first Level-4 destination whose name comes after "France".
    const after = (await get('/api/v1/advisories?level=4&fields=code,name&after=FR')).json() as Advisory[];
    expect(after).toEqual(levelFour.filter((a) => a.name > 'France'));
  });

  it('returns only the fields asked for, in the full form\'s order, and the full form by default', async () => {
    const lean = await get('/api/v1/advisories?fields=level,code,levelLabel,code');
    expect(lean.statusCode).toBe(200);
    const list = lean.json();
    expect(Object.keys(list[0])).toEqual(['code', 'level', 'levelLabel']);
    expect(list.find((a: Advisory) => a.code === 'RU')).toEqual({ code: 'RU', level: 4, levelLabel: 'Do Not Travel' });
    expect(lean.rawPayload.length).toBeLessThan(20_000);
    const full = (await get('/api/v1/advisories')).json();
    expect(Object.keys(full[0])).toEqual(expect.arrayContaining(['code', 'summary', 'sections', 'regions', 'source']));
  });

  it.each([
    ['/api/v1/advisories?fields=code,password', 'password'],
    ['/api/v1/advisories?fields=code,,level', 'query.fields'],
    ['/api/v1/advisories?fields=', 'fields'],
    ['/api/v1/advisories?fields=__proto__', '__proto__'],
    ['/api/v1/advisories?limit=0', 'limit'],
    ['/api/v1/advisories?limit=501', 'limit'],
    ['/api/v1/advisories?limit=ten', 'limit'],
    ['/api/v1/advisories?after=R1', 'after'],
    ['/api/v1/advisories?after=ZZ', 'after'],
  ])('answers %s with a 400 problem naming %s', async (url, named) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(JSON.stringify(response.json())).toContain(named);
  });

  it('documents limit, after and fields in the OpenAPI document', async () => {
    const document = (await get('/api/openapi.json')).json();
    const parameters = document.paths['/api/v1/advisories'].get.parameters as { name: string; description?: string }[];
    expect(parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['level', 'indicator', 'limit', 'after', 'fields']));
    expect(parameters.find((p) => p.name === 'fields')!.description).toContain('levelLabel');
    expect(parameters.find((p) => p.name === 'limit')!.description).toContain('rel="next"');
  });

  it('serves the new list (full, gzip, page and lean) as soon as a change is published', async () => {
    const before = await get('/api/v1/advisories', { 'accept-encoding': 'gzip' });
    const beforeList = JSON.parse(gunzipSync(before.rawPayload).toString()) as Advisory[];
    expect(beforeList.find((a) => a.code === 'FR')!.level).toBe(2);
    const { editor, reviewer } = suite.team;

    const created = await suite.call('POST', '/api/v1/advisories/FR/drafts', editor.token, { level: 3, changeType: 'major', changeNote: 'Raised to Level 3.' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const submitted = await suite.call('POST', `/api/v1/drafts/${id}/submit`, editor.token, undefined, { 'if-match': created.headers.etag as string });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const approved = await suite.call('POST', `/api/v1/drafts/${id}/approve`, reviewer.token, undefined, { 'if-match': submitted.headers.etag as string });
    expect(approved.statusCode, approved.body).toBe(200);
    const published = await suite.call('POST', `/api/v1/drafts/${id}/publish`, reviewer.token, {}, { 'if-match': approved.headers.etag as string });
    expect(published.statusCode, published.body).toBe(200);

    const after = await get('/api/v1/advisories', { 'accept-encoding': 'gzip', 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const afterList = JSON.parse(gunzipSync(after.rawPayload).toString()) as Advisory[];
    expect(afterList.find((a) => a.code === 'FR')).toMatchObject({ level: 3, revision: 2 });
    expect(afterList.map((a) => a.code)).toEqual(beforeList.map((a) => a.code));
    expect((await get('/api/v1/advisories?level=3&fields=code')).json()).toContainEqual({ code: 'FR' });
    const page = (await get('/api/v1/advisories?limit=5&after=FI&fields=code,level')).json();
    expect(page[0]).toEqual({ code: 'FR', level: 3 });
    expect((await get('/api/v1/advisories/FR/revisions')).json().map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    expect((await get('/api/v1/destinations')).json().find((d: { code: string }) => d.code === 'FR').level).toBe(3);
  });
});
