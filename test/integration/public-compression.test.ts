import type { LightMyRequestResponse } from 'fastify';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assetPath } from '../../src/http/assets/assets.ts';
import { ENGINES } from '../helpers/databases.ts';
import { editorialSuite } from '../helpers/editorial-setup.ts';

const decode = (response: LightMyRequestResponse): Buffer => {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(response.rawPayload);
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload);
  expect(encoding).toBeUndefined();
  return response.rawPayload;
};

/** Bodies built once per publication: precompressed, one strong ETag per coding. */
const SHARED = [
  '/api/v1/advisories', '/api/v1/advisories?level=4', '/api/v1/advisories/RU', '/api/v1/advisories/RU/revisions',
  '/api/v1/destinations', '/', '/destinations/russia/', '/feeds/advisories.atom', '/exports/advisories.csv', `/assets/${assetPath('site.css')}`,
];
/** Bodies made per request: compressed on the fly by @fastify/compress, with a weak ETag. */
const ON_THE_FLY = ['/api/v1/advisories?limit=20', '/api/v1/advisories?fields=code,level,levelLabel', '/api/openapi.json', '/search?q=congo'];

describe.each(ENGINES)('compressed public responses on %s', (engine) => {
  const suite = editorialSuite(engine);
  const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => suite.app.inject({ method, url, headers });

  it.each(SHARED)('%s: gzip and brotli bodies decompress to the identity body, each with its own strong ETag', async (url) => {
    const identity = await get(url);
    expect(identity.statusCode).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toMatch(/accept-encoding/i);
    const tags = new Set([identity.headers.etag]);
    for (const [accept, coding] of [['gzip', 'gzip'], ['br', 'br'], ['gzip, deflate, br, zstd', 'br'], ['br;q=0.5, gzip', 'gzip'], ['*', 'gzip']] as const) {
      const response = await get(url, { 'accept-encoding': accept });
      expect(response.statusCode, accept).toBe(200);
      expect(response.headers['content-encoding'], accept).toBe(coding);
      expect(response.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(response.headers.etag, accept).toMatch(/^"[^"]+"$/);
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      expect(response.rawPayload.length).toBeLessThan(identity.rawPayload.length * 0.6);
      expect(decode(response).equals(identity.rawPayload), accept).toBe(true);
      tags.add(response.headers.etag);
    }
    expect(tags.size).toBe(3);
  });

  it('answers If-None-Match with 304 for the ETag of each coding, and 200 for another coding\'s ETag', async () => {
    for (const url of ['/api/v1/advisories', '/', '/api/v1/advisories/RU']) {
      const byCoding = new Map<string, string>();
      for (const accept of ['identity', 'gzip', 'br']) byCoding.set(accept, (await get(url, { 'accept-encoding': accept })).headers.etag as string);
      for (const [accept, etag] of byCoding) {
        const again = await get(url, { 'accept-encoding': accept, 'if-none-match': etag });
        expect(again.statusCode, `${url} ${accept}`).toBe(304);
        expect(again.rawPayload.length).toBe(0);
        expect(again.headers.etag).toBe(etag);
        expect(again.headers.vary).toMatch(/accept-encoding/i);
        const list = await get(url, { 'accept-encoding': accept, 'if-none-match': `"nope", ${etag}` });
        expect(list.statusCode).toBe(304);
      }
      const crossed = await get(url, { 'accept-encoding': 'br', 'if-none-match': byCoding.get('gzip')! });
      expect(crossed.statusCode).toBe(200);
      expect(crossed.headers['content-encoding']).toBe('br');
    }
  });

  it.each(ON_THE_FLY)('%s: compressed on the fly with a weak ETag that still revalidates', async (url) => {
    const identity = await get(url);
    expect(identity.statusCode).toBe(200);
    expect(identity.headers.etag).toMatch(/^W\/"/);
    for (const coding of ['gzip', 'br']) {
      const response = await get(url, { 'accept-encoding': coding });
      expect(response.headers['content-encoding']).toBe(coding);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers.vary).not.toMatch(/accept-encoding.*accept-encoding/i);
      expect(response.headers.etag).toMatch(/^W\/"/);
      expect(decode(response).equals(identity.rawPayload)).toBe(true);
      const again = await get(url, { 'accept-encoding': coding, 'if-none-match': response.headers.etag as string });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    }
  });

  it('leaves tiny bodies and refused codings uncompressed', async () => {
    const problem = await get('/api/v1/advisories/XX', { 'accept-encoding': 'gzip, br' });
    expect(problem.statusCode).toBe(404);
    expect(problem.headers['content-encoding']).toBeUndefined();
    expect(problem.json().status).toBe(404);
    const health = await get('/healthz', { 'accept-encoding': 'gzip, br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json().status).toBe('ok');
    const tiny = await get('/api/v1/advisories?limit=1&fields=code', { 'accept-encoding': 'gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers.etag).toMatch(/^"/);
    for (const accept of ['gzip;q=0, br;q=0', 'identity', 'deflate', 'compress']) {
      const response = await get('/api/v1/advisories/RU', { 'accept-encoding': accept });
      expect(response.headers['content-encoding'], accept).toBeUndefined();
      expect(response.json().code).toBe('RU');
    }
  });

  it('answers HEAD with the same headers as GET and no body', async () => {
    for (const url of ['/api/v1/advisories', '/', '/api/v1/advisories?limit=50']) {
      for (const coding of ['gzip', 'br']) {
        const got = await get(url, { 'accept-encoding': coding });
        const head = await get(url, { 'accept-encoding': coding }, 'HEAD');
        expect(head.statusCode).toBe(200);
        expect(head.rawPayload.length).toBe(0);
        for (const name of ['content-encoding', 'content-type', 'vary']) expect(head.headers[name], `${url} ${name}`).toBe(got.headers[name]);
        if (!got.headers.etag?.toString().startsWith('W/')) expect(head.headers.etag).toBe(got.headers.etag);
      }
    }
  });

  it.each(['/console/sign-in', '/account/sign-in'])('never compresses %s: it carries a CSRF token beside echoed input (BREACH)', async (url) => {
    const page = await get(url, { 'accept-encoding': 'gzip, br' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body).toContain('<form');
  });
});
