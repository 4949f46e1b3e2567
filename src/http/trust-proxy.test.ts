import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { parseTrustProxy, trustProxyOption } from './trust-proxy.ts';

describe('TRUST_PROXY', () => {
  it('unset, empty or 0 trusts nothing', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('  ')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(trustProxyOption(false)).toBe(false);
  });

  it('a number is a count of trusted hops, nearest first', () => {
    expect(parseTrustProxy('2')).toEqual({ hops: 2 });
    const trust = trustProxyOption({ hops: 2 }) as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('203.0.113.9', hop))).toEqual([true, true, false]);
  });

  it('otherwise a comma-separated list of addresses, ranges or proxy-addr names', () => {
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1,loopback')).toEqual({ addresses: ['127.0.0.1', '10.0.0.0/8', '::1', 'loopback'] });
    expect(trustProxyOption({ addresses: ['127.0.0.1'] })).toEqual(['127.0.0.1']);
  });

  it('refuses what would trust everyone or nothing by mistake, with a message that says what is wanted', () => {
    for (const bad of ['true', 'nginx', '10.0.0.0/33', '127.0.0.1;10.0.0.1', '300.1.1.1', '21']) {
      expect(() => parseTrustProxy(bad), bad).toThrow(/^TRUST_PROXY must be a number of proxy hops/);
    }
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal', WAYPOST_SECRET: 'x' })).toThrow(/TRUST_PROXY must be/);
  });

  it('is read from the environment with METRICS_TOKEN, which must be long enough not to be guessed', () => {
    const config = loadConfig({ TRUST_PROXY: '1', METRICS_TOKEN: 'a'.repeat(32), WAYPOST_SECRET: 'x' });
    expect(config).toMatchObject({ trustProxy: { hops: 1 }, metricsToken: 'a'.repeat(32) });
    expect(loadConfig({ WAYPOST_SECRET: 'x' })).toMatchObject({ trustProxy: false, metricsToken: undefined });
    expect(() => loadConfig({ METRICS_TOKEN: 'short', WAYPOST_SECRET: 'x' })).toThrow(/METRICS_TOKEN must be 16 to 512/);
    expect(() => loadConfig({ METRICS_TOKEN: `${'a'.repeat(20)} b`, WAYPOST_SECRET: 'x' })).toThrow(/METRICS_TOKEN/);
  });
});
