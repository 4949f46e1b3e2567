import { describe, expect, it } from 'vitest';
import { PublicationCache } from './publication-cache.ts';

describe('PublicationCache', () => {
  it('builds once per publication and key, and again for a new publication', async () => {
    const cache = new PublicationCache();
    let builds = 0;
    const build = async () => ++builds;
    expect(await cache.get('1.1', 'home', build)).toBe(1);
    expect(await cache.get('1.1', 'home', build)).toBe(1);
    expect(await cache.get('1.1', 'other', build)).toBe(2);
    expect(await cache.get('2.2', 'home', build)).toBe(3);
    expect(await cache.get('2.2', 'other', build)).toBe(4);
  });

  it('shares one build between concurrent requests', async () => {
    const cache = new PublicationCache();
    let builds = 0;
    const build = () => new Promise<number>((resolve) => setTimeout(() => resolve(++builds), 10));
    expect(await Promise.all([cache.get('1', 'k', build), cache.get('1', 'k', build)])).toEqual([1, 1]);
  });

  it('forgets a failed build so the next request tries again', async () => {
    const cache = new PublicationCache();
    await expect(cache.get('1', 'k', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cache.get('1', 'k', async () => 'ok')).toBe('ok');
  });

  it('keeps at most its bound of entries, forgetting the oldest', async () => {
    const cache = new PublicationCache(2);
    let builds = 0;
    const build = async () => ++builds;
    await cache.get('1', 'a', build);
    await cache.get('1', 'b', build);
    await cache.get('1', 'c', build);
    expect(await cache.get('1', 'c', build)).toBe(3);
    expect(await cache.get('1', 'a', build)).toBe(4);
  });
});
