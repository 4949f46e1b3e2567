import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { CLIENT_FAILURE_LIMIT, FAILURE_LIMIT, FAILURE_WINDOW_MINUTES, UNKNOWN_ACCOUNT } from '../../src/staff/lockout.ts';
import { signIn } from '../../src/staff/sign-in.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addStaff, consoleSignInAttempt, PASSWORD } from '../helpers/editorial-setup.ts';

/**
 * Limits key on the client as TRUST_PROXY lets `request.ip` name it (docs/deployment.md). Behind a
 * reverse proxy every request connects from the proxy (127.0.0.1 here, light-my-request's default).
 */
describe.each(ENGINES)('sign-in limits and their audit trail on %s', (engine) => {
  let store: TestStore;
  let direct: FastifyInstance;
  let behindHops: FastifyInstance;
  let behindAddress: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore(engine);
    for (const who of ['direct', 'hops', 'address', 'audited', 'flooded', 'sprayed']) await addStaff(store, `${who}@example.org`, 'editor');
    const config = { publicUrl: 'http://waypost.test' };
    direct = await buildApp({ store, config });
    behindHops = await buildApp({ store, config: { ...config, trustProxy: { hops: 1 } } });
    behindAddress = await buildApp({ store, config: { ...config, trustProxy: { addresses: ['127.0.0.1'] } } });
  });
  afterAll(async () => {
    for (const app of [direct, behindHops, behindAddress]) await app?.close();
    await store?.close();
  });

  const failures = (subject: string) => store.db.selectFrom('audit_log').select(['subject', 'actor_id', 'actor_label', 'detail'])
    .where('action', '=', 'sign-in-failed').where('subject', '=', subject).orderBy('id').execute();
  const ipsOf = async (subject: string) => (await failures(subject)).map((row) => (JSON.parse(row.detail) as { ip: string }).ip);

  async function lockOut(app: FastifyInstance, email: string, options: { ip?: string; forwardedFor?: (i: number) => string }) {
    for (let i = 0; i < FAILURE_LIMIT; i++) {
      const failed = await consoleSignInAttempt(app, email, { password: `wrong ${i}`, ip: options.ip, forwardedFor: options.forwardedFor?.(i) });
      expect(failed.statusCode).toBe(401);
    }
  }

  it('without TRUST_PROXY the connecting address is the client: a forged X-Forwarded-For changes nothing', async () => {
    await lockOut(direct, 'direct@example.org', { ip: '198.51.100.20', forwardedFor: (i) => `203.0.113.${i + 1}` });
    const again = await consoleSignInAttempt(direct, 'direct@example.org', { ip: '198.51.100.20', forwardedFor: '192.0.2.99' });
    expect(again.statusCode).toBe(429);
    expect(new Set(await ipsOf('direct@example.org'))).toEqual(new Set(['198.51.100.20']));
  });

  for (const [name, app, email] of [['TRUST_PROXY=1', () => behindHops, 'hops@example.org'], ['TRUST_PROXY=127.0.0.1', () => behindAddress, 'address@example.org']] as const) {
    it(`with ${name}, an attacker behind the proxy locks an account for themselves only`, async () => {
      await lockOut(app(), email, { forwardedFor: () => '203.0.113.66' });
      expect((await consoleSignInAttempt(app(), email, { forwardedFor: '203.0.113.66' })).statusCode).toBe(429);
      // Prepending a made-up address does not escape: the proxy appends the real one, and only the proxy is trusted.
      expect((await consoleSignInAttempt(app(), email, { forwardedFor: '10.9.8.7, 203.0.113.66' })).statusCode).toBe(429);
      // The account's owner, behind the same proxy, signs in.
      expect((await consoleSignInAttempt(app(), email, { forwardedFor: '198.51.100.5' })).statusCode).toBe(303);
      expect(new Set(await ipsOf(email))).toEqual(new Set(['203.0.113.66']));
    });
  }

  it('with TRUST_PROXY naming the proxy, a client that connects directly cannot claim another address', async () => {
    const refused = await consoleSignInAttempt(behindAddress, 'nobody-here@example.org', { ip: '192.0.2.10', forwardedFor: '198.51.100.77' });
    expect(refused.statusCode).toBe(401);
    expect((await ipsOf(UNKNOWN_ACCOUNT)).at(-1)).toBe('192.0.2.10');
  });

  it('account sign-in requests are limited per client behind the proxy, and per connection without TRUST_PROXY', async () => {
    const post = (app: FastifyInstance, n: number, forwardedFor: string) =>
      app.inject({ method: 'POST', url: '/account/sign-in', headers: { 'x-forwarded-for': forwardedFor }, payload: { email: `limit-${engine}-${n}-${forwardedFor}@example.org` } });
    const PER_MINUTE = 20; // accountRoutes' default
    for (let i = 0; i < PER_MINUTE; i++) expect((await post(behindHops, i, '203.0.113.70')).statusCode).toBe(202);
    expect((await post(behindHops, 99, '203.0.113.70')).statusCode).toBe(429);
    expect((await post(behindHops, 0, '203.0.113.71')).statusCode).toBe(202);

    // Without TRUST_PROXY, every forged address is the same client: the connection's.
    for (let i = 0; i < PER_MINUTE; i++) expect((await post(direct, i, `203.0.113.${100 + i}`)).statusCode).toBe(202);
    const limited = await post(direct, 99, '203.0.113.200');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('over a real socket too: the proxy-supplied address is the key only when the proxy is trusted', async () => {
    const trusted = await buildApp({ store, config: { publicUrl: 'http://waypost.test', trustProxy: { addresses: ['loopback'] } } });
    const untrusted = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    try {
      const [trustedUrl, untrustedUrl] = [await trusted.listen({ host: '127.0.0.1', port: 0 }), await untrusted.listen({ host: '127.0.0.1', port: 0 })];
      const remaining = async (url: string, forwardedFor: string) => {
        const response = await fetch(`${url}/account/sign-in`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ email: `socket-${engine}-${forwardedFor}@example.org` }),
        });
        expect(response.status).toBe(202);
        return Number(response.headers.get('x-ratelimit-remaining'));
      };
      expect([await remaining(trustedUrl, '198.51.100.1'), await remaining(trustedUrl, '198.51.100.2')]).toEqual([19, 19]);
      expect([await remaining(untrustedUrl, '198.51.100.1'), await remaining(untrustedUrl, '198.51.100.2')]).toEqual([19, 18]);
    } finally {
      await trusted.close();
      await untrusted.close();
    }
  });

  it('password spraying: one client failing on many accounts is refused (429, Retry-After) on every account, in every process; others are not', async () => {
    const sprayer = '203.0.113.150';
    // One try per account, as a sprayer does: no account reaches its own limit. Two processes share the count.
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) {
      const app = i % 2 ? behindHops : direct;
      const options = app === direct ? { ip: sprayer } : { forwardedFor: sprayer };
      expect((await consoleSignInAttempt(app, i % 7 ? `sprayed-${i}@example.org` : 'sprayed@example.org', { ...options, password: 'Summer2026!' })).statusCode).toBe(401);
    }
    const refused = await consoleSignInAttempt(direct, 'sprayed@example.org', { ip: sprayer });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many failed sign-ins from here');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(FAILURE_WINDOW_MINUTES * 60 - 120);
    expect(retryAfter).toBeLessThanOrEqual(FAILURE_WINDOW_MINUTES * 60);
    expect((await consoleSignInAttempt(behindHops, 'someone-new@example.org', { forwardedFor: sprayer })).statusCode).toBe(429);
    expect((await failures('sprayed@example.org')).map((r) => JSON.parse(r.detail).reason)).toContain('too many failed attempts from this client');
    // The account's owner elsewhere signs in.
    expect((await consoleSignInAttempt(direct, 'sprayed@example.org', { ip: '198.51.100.151' })).statusCode).toBe(303);
  });

  it('the per-client limit lifts as failures age out of the window', async () => {
    const start = new Date('2026-05-01T09:00:00Z');
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    const ip = '203.0.113.160';
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) expect(await signIn(store.db, { email: `spray-${i}@example.org`, password: 'x', ip }, at(i * 10))).toMatchObject({ status: 401 });
    const refused = await signIn(store.db, { email: 'sprayed@example.org', password: PASSWORD, ip }, at(CLIENT_FAILURE_LIMIT * 10));
    // Free once the oldest failure leaves the window: one fewer than the limit remains.
    expect(refused).toMatchObject({ ok: false, status: 429, retryAfterSeconds: FAILURE_WINDOW_MINUTES * 60 - CLIENT_FAILURE_LIMIT * 10 });
    expect(await signIn(store.db, { email: 'sprayed@example.org', password: PASSWORD, ip }, at(FAILURE_WINDOW_MINUTES * 60 + 1))).toMatchObject({ ok: true });
  });

  it('a failed sign-in names the account only when there is one; what was typed is never kept', async () => {
    const typed = 'Tr0ub4dor&3 my password';
    expect((await consoleSignInAttempt(direct, typed, { ip: '192.0.2.30' })).statusCode).toBe(401);
    expect((await consoleSignInAttempt(direct, 'audited@example.org', { ip: '192.0.2.30', password: 'not it' })).statusCode).toBe(401);
    const rows = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'sign-in-failed').execute();
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('tr0ub4dor');
    const failuresTable = await store.db.selectFrom('sign_in_failures').selectAll().execute();
    expect(JSON.stringify(failuresTable).toLowerCase()).not.toContain('tr0ub4dor');
    expect(JSON.stringify(failuresTable)).not.toContain('audited@');
    expect(rows.find((r) => JSON.parse(r.detail).reason === 'unknown address' && JSON.parse(r.detail).ip === '192.0.2.30'))
      .toMatchObject({ subject: UNKNOWN_ACCOUNT, actor_label: UNKNOWN_ACCOUNT, actor_id: null });
    const audited = await failures('audited@example.org');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_label: 'audited@example.org', actor_id: expect.any(Number) });
  });

  it('refused attempts are one audit entry per account (or unknown account) and client per window, with a count', async () => {
    const start = new Date('2026-04-01T09:00:00Z');
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    const attempt = (email: string, ip: string, seconds: number, password = 'wrong') => signIn(store.db, { email, password, ip }, at(seconds));
    const ip = '198.51.100.90';
    for (let i = 0; i < FAILURE_LIMIT; i++) expect((await attempt('flooded@example.org', ip, i)).ok).toBe(false);
    for (let i = 0; i < 10; i++) expect(await attempt('flooded@example.org', ip, 10 + i, PASSWORD)).toMatchObject({ ok: false, status: 429 });
    // Concurrent refusals queue on the same entry rather than writing their own.
    await Promise.all(Array.from({ length: 5 }, (_, i) => attempt('flooded@example.org', ip, 30 + i)));
    const refusals = async (subject: string) => (await failures(subject)).map((r) => JSON.parse(r.detail)).filter((d) => d.reason === 'too many failed attempts');
    expect(await refusals('flooded@example.org')).toEqual([{ ip, reason: 'too many failed attempts', attempts: 15, last: expect.any(String) }]);
    expect((await failures('flooded@example.org')).filter((r) => JSON.parse(r.detail).reason === 'wrong password')).toHaveLength(FAILURE_LIMIT);

    // Another client is counted apart; so are unknown addresses, under the marker whatever was typed.
    for (const typed of ['first-typo@example.org', 'second-typo@example.org']) {
      for (let i = 0; i < FAILURE_LIMIT; i++) await attempt(typed, ip, 40 + i);
      for (let i = 0; i < 3; i++) expect((await attempt(typed, ip, 50 + i)).ok).toBe(false);
    }
    expect((await refusals(UNKNOWN_ACCOUNT)).filter((d) => d.ip === ip)).toEqual([expect.objectContaining({ attempts: 6 })]);

    // A new window, a new entry.
    const later = FAILURE_WINDOW_MINUTES * 60 + 60;
    for (let i = 0; i < FAILURE_LIMIT; i++) await attempt('flooded@example.org', ip, later + i);
    expect(await attempt('flooded@example.org', ip, later + 10)).toMatchObject({ status: 429 });
    expect((await refusals('flooded@example.org')).map((d) => d.attempts)).toEqual([15, 1]);
  });
});
