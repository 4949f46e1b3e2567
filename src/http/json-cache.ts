import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PublicationCache } from '../site/publication-cache.ts';
import { localPublicationCount } from '../publishing/revisions.ts';
import { STAMP_MAX_AGE_MS } from '../site/site.ts';
import { throttledPublicationStamp } from '../site/queries.ts';
import type { Database } from '../store/schema.ts';
import type { SharedBody } from './variants.ts';

/**
 * Public JSON that only changes when something is published, built, serialised and hashed once
 * per publication, so a request costs a map lookup (and its compressed copies are made once too,
 * see src/http/variants.ts). The key joins the database's publication stamp (read at most every
 * STAMP_MAX_AGE_MS) with this process's own publication count, so whoever publishes through this
 * process reads it back at once; other processes' publications show up within STAMP_MAX_AGE_MS.
 */
export function createJsonCache(db: Kysely<Database>, stampMaxAgeMs = STAMP_MAX_AGE_MS) {
  const cache = new PublicationCache(2000);
  const stamp = throttledPublicationStamp(db, stampMaxAgeMs);
  const value = async <T>(key: string, build: () => Promise<T>): Promise<T> =>
    cache.get(`${localPublicationCount()}:${await stamp()}`, key, build);

  return {
    /** Any value derived from the current publication, built once for it. */
    value,

    /** `build` returns JSON text, or undefined when there is nothing (not kept). */
    text: (key: string, build: () => Promise<string | undefined>): Promise<SharedBody | undefined> => value(key, async () => {
      const text = await build();
      if (text === undefined) return undefined;
      const body = Buffer.from(text);
      return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    }),
  };
}

export type JsonCache = ReturnType<typeof createJsonCache>;

/** The cached text of a value to serialise, or undefined when `build` finds nothing. */
export function jsonOf(cache: JsonCache, key: string, build: () => Promise<unknown>): Promise<SharedBody | undefined> {
  return cache.text(key, async () => {
    const data = await build();
    return data === undefined ? undefined : JSON.stringify(data);
  });
}
