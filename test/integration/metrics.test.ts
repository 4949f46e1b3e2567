import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';

const TOKEN = 'metrics-token-0123456789abcdef';

describe.each(ENGINES)('/metrics on %s', (engine) => {
  let store: TestStore;
  let open: FastifyInstance;
  let guarded: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore(engine);
    open = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    guarded = await buildApp({ store, config: { publicUrl: 'http://waypost.test', metricsToken: TOKEN } });
  });
  afterAll(async () => {
    await open?.close();
    await guarded?.close();
    await store?.close();
  });

  it('does not exist without METRICS_TOKEN: 404 like any unknown route', async () => {
    const response = await open.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).not.toContain('waypost_');
  });

  it('with METRICS_TOKEN, answers only the bearer of that token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}x`, `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, `Bearer ${TOKEN.slice(0, -1)}`]) {
      const refused = await guarded.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(refused.statusCode, String(authorization)).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="waypost-metrics"');
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).not.toContain('waypost_');
    }
    const allowed = await guarded.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(allowed.headers['cache-control']).toBe('no-store');
    expect(allowed.body).toContain('waypost_delivery_queue_depth 0');
  });
});
