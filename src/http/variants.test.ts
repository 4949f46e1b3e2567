import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressBody, VariantCache, variantEtag } from './variants.ts';

const bytes = (n: number) => Promise.resolve(Buffer.alloc(n));

describe('VariantCache', () => {
  it('keeps compressed copies within its byte bound, dropping the least recently used first', async () => {
    const cache = new VariantCache(100);
    let builds = 0;
    const build = (n: number) => () => { builds++; return bytes(n); };
    await cache.get('a', build(40));
    await cache.get('b', build(40));
    await cache.get('a', build(40)); // a is now the most recently used
    expect(builds).toBe(2);
    await cache.get('c', build(40));
    expect(cache.bytes).toBe(80);
    await cache.get('a', build(40));
    expect(builds).toBe(3);
    await cache.get('b', build(40)); // b was dropped
    expect(builds).toBe(4);
    expect(cache.bytes).toBeLessThanOrEqual(100);
  });

  it('shares one build between concurrent requests and forgets a failed one', async () => {
    const cache = new VariantCache(100);
    let builds = 0;
    const slow = () => { builds++; return new Promise<Buffer>((resolve) => setTimeout(() => resolve(Buffer.alloc(10)), 10)); };
    await Promise.all([cache.get('x', slow), cache.get('x', slow), cache.get('x', slow)]);
    expect(builds).toBe(1);
    await expect(cache.get('y', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.get('y', () => bytes(5))).toHaveLength(5);
  });

  it('never holds a body larger than the bound, yet returns it', async () => {
    const cache = new VariantCache(100);
    expect(await cache.get('big', () => bytes(500))).toHaveLength(500);
    expect(cache.bytes).toBe(0);
  });
});

describe('compressed copies', () => {
  it('are the same bytes every time, with an ETag per coding', async () => {
    const body = Buffer.from('Level 4: Do Not Travel. '.repeat(200));
    const [one, two] = await Promise.all([compressBody(body, 'gzip'), compressBody(body, 'gzip')]);
    expect(one.equals(two)).toBe(true);
    expect(gunzipSync(one).equals(body)).toBe(true);
    expect(variantEtag('"abc"', 'gzip')).toBe('"abc.gz"');
    expect(variantEtag('"abc"', 'br')).toBe('"abc.br"');
  });
});
