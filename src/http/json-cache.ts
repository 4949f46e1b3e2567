import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PublicationCache } from '../site/publication-cache.ts';
import { localPublicationCount } from '../publishing/revisions.ts';
import { STAMP_MAX_AGE_MS } from '../site/site.ts';
import { throttledPublicationStamp } from '../site/queries.ts';
import type { Database } from '../store/schema.ts';

export interface CachedJson {
  body: string;
  etag: string;
}

/**
 * Public JSON that only changes when something is published, serialised and hashed once per
 * publication, so a request costs a map lookup. The key joins the database's publication stamp
 * (read at most every STAMP_MAX_AGE_MS) with this process's own publication count, so whoever
 * publishes through this process reads it back at once; other processes' publications show up
 * within STAMP_MAX_AGE_MS.
 */
export function createJsonCache(db: Kysely<Database>, stampMaxAgeMs = STAMP_MAX_AGE_MS) {
  const cache = new PublicationCache(2000);
  const stamp = throttledPublicationStamp(db, stampMaxAgeMs);

  /** `build` returns the value to serialise, or undefined when there is nothing (not cached). */
  return async function cachedJson(key: string, build: () => Promise<unknown>): Promise<CachedJson | undefined> {
    const value = await cache.get(`${localPublicationCount()}:${await stamp()}`, key, async () => {
      const data = await build();
      if (data === undefined) return undefined;
      const body = JSON.stringify(data);
      return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    });
    return value;
  };
}
