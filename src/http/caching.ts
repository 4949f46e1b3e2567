import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addVary, compressible, COMPRESS_THRESHOLD } from './compression.ts';

/** How long shared caches may keep a public response before revalidating it with its ETag. */
export const DEFAULT_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/**
 * Gives every successful GET/HEAD an ETag and a Cache-Control, and answers a matching
 * If-None-Match with 304 and no body. Routes may set their own Cache-Control and ETag first (the
 * shared bodies of src/http/variants.ts set one per coding). Otherwise the ETag is a hash of the
 * body, weak (`W/"…"`) when @fastify/compress may compress the body on the fly after this hook:
 * the gzip or brotli bytes are not promised to be the same twice, only their meaning is. Such a
 * response also says `Vary: Accept-Encoding`, whatever this request's coding, and so does its 304.
 */
export function installCaching(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    let etag = reply.getHeader('etag');
    if (etag === undefined) {
      const hash = `"${createHash('sha1').update(payload).digest('base64url')}"`;
      const onTheFly = !reply.hasHeader('content-encoding') && Buffer.byteLength(payload) >= COMPRESS_THRESHOLD
        && compressible(reply.getHeader('content-type'));
      if (onTheFly) reply.header('vary', addVary(reply.getHeader('vary'), 'accept-encoding'));
      etag = onTheFly ? `W/${hash}` : hash;
      reply.header('etag', etag);
    }
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', DEFAULT_CACHE_CONTROL);
    if (ifNoneMatchHits(request, String(etag))) {
      reply.code(304);
      reply.removeHeader('content-length');
      reply.removeHeader('content-type');
      return '';
    }
    return payload;
  });
  // After every other hook has had its say about caching: a response that sets a cookie is private.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.hasHeader('set-cookie')) reply.header('cache-control', privateCacheControl(reply.getHeader('cache-control')));
    return payload;
  });
}

/**
 * The Cache-Control of a response that sets a cookie (the `lang` cookie of a `?lang=` visit): a
 * shared cache must not store it, or it would hand the cookie to everyone after (RFC 9111 §3, and
 * many caches store such responses when told `public`). So `public` and `s-maxage` go and
 * `private` comes in; the browser's own caching (max-age, stale-while-revalidate, no-store) stays.
 */
export function privateCacheControl(header: unknown): string {
  const directives = String(header ?? '').split(',').map((d) => d.trim()).filter(Boolean)
    .filter((d) => !/^(public|private|s-maxage(=.*)?|proxy-revalidate)$/i.test(d));
  return ['private', ...directives].join(', ');
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): `W/"x"` and `"x"` are the same validator there. */
export function ifNoneMatchHits(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}
