import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** How long shared caches may keep a public response before revalidating it with its ETag. */
export const DEFAULT_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/**
 * Gives every successful GET/HEAD an ETag (a hash of the body) and a Cache-Control, and answers a
 * matching If-None-Match with 304 and no body. Routes may set their own Cache-Control first.
 */
export function installCaching(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = reply.getHeader('etag') ?? `"${createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('etag', etag);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', DEFAULT_CACHE_CONTROL);
    if (matches(request.headers['if-none-match'], String(etag))) {
      reply.code(304);
      reply.removeHeader('content-length');
      reply.removeHeader('content-type');
      return '';
    }
    return payload;
  });
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}
