import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_CONTROL, privateCacheControl } from './caching.ts';

describe('the Cache-Control of a response that sets a cookie', () => {
  it.each([
    [DEFAULT_CACHE_CONTROL, 'private, max-age=60, stale-while-revalidate=300'],
    ['public, max-age=60', 'private, max-age=60'],
    ['public, s-maxage=600, max-age=30, proxy-revalidate', 'private, max-age=30'],
    ['private, no-store', 'private, no-store'],
    ['no-store', 'private, no-store'],
    [undefined, 'private'],
  ])('%s → %s', (given, expected) => {
    expect(privateCacheControl(given)).toBe(expected);
  });
});
