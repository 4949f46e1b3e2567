import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { parseTrustProxy } from '../../src/http/trust-proxy.ts';
import { createTestStore, type TestStore } from '../helpers/databases.ts';
import { nginxAvailable, startNginx } from '../helpers/nginx.ts';

/** The `location / { … }` block of docs/deployment.md, pointed at `upstream`: the test runs what the docs say. */
function documentedLocation(upstream: string): string {
  const doc = readFileSync(new URL('../../docs/deployment.md', import.meta.url), 'utf8');
  const block = /```nginx\n[\s\S]*?(location \/ \{[\s\S]*?\n {4}\})[\s\S]*?```/.exec(doc)?.[1];
  if (!block || !block.includes('proxy_pass http://127.0.0.1:3000;')) throw new Error('docs/deployment.md has no `location / { proxy_pass http://127.0.0.1:3000; … }` block');
  return block.replace('http://127.0.0.1:3000', upstream);
}

/** A traveller sign-in request from a client at `from` (any 127/8 address is this machine's), with a header it made up. */
function askForLink(url: string, from: string, forged: string): Promise<{ status: number; remaining: number }> {
  const body = JSON.stringify({ email: `proxy-${from}-${forged}@example.org` });
  return new Promise((resolve, reject) => {
    const req = request(`${url}/account/sign-in`, {
      method: 'POST', localAddress: from,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': forged },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, remaining: Number(res.headers['x-ratelimit-remaining']) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The same deployment with and without TRUST_PROXY: who shares a sign-in allowance with whom. */
describe.skipIf(!nginxAvailable())('Waypost behind nginx as docs/deployment.md configures it', () => {
  let store: TestStore;
  const running: { app: FastifyInstance; nginx: { url: string; stop: () => void } }[] = [];

  async function deploy(trustProxy: string | undefined): Promise<string> {
    const app = await buildApp({ store, config: { publicUrl: 'http://waypost.test', trustProxy: parseTrustProxy(trustProxy) } });
    const upstream = await app.listen({ host: '127.0.0.1', port: 0 });
    const nginx = await startNginx(documentedLocation(upstream));
    running.push({ app, nginx });
    return nginx.url;
  }

  beforeAll(async () => {
    store = await createTestStore('sqlite');
  });
  afterAll(async () => {
    for (const { app, nginx } of running) {
      nginx.stop();
      await app.close();
    }
    await store?.close();
  });

  it.each(['127.0.0.1', '1'])('TRUST_PROXY=%s: each client has its own allowance, whatever it writes in X-Forwarded-For', async (trustProxy) => {
    const url = await deploy(trustProxy);
    expect(await askForLink(url, '127.0.0.2', '203.0.113.1')).toEqual({ status: 202, remaining: 19 });
    expect(await askForLink(url, '127.0.0.3', '203.0.113.1')).toEqual({ status: 202, remaining: 19 });
    expect(await askForLink(url, '127.0.0.2', '203.0.113.2')).toEqual({ status: 202, remaining: 18 });
  });

  it('TRUST_PROXY unset: everyone behind the proxy is one client, the proxy', async () => {
    const url = await deploy(undefined);
    expect((await askForLink(url, '127.0.0.2', '203.0.113.1')).remaining).toBe(19);
    expect((await askForLink(url, '127.0.0.3', '203.0.113.2')).remaining).toBe(18);
    expect((await askForLink(url, '127.0.0.4', '203.0.113.3')).remaining).toBe(17);
  });
});
