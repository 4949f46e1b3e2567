import type { FastifyReply, FastifyRequest } from 'fastify';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ifNoneMatchHits } from './caching.ts';
import {
  addVary, chooseEncoding, compressible, COMPRESS_THRESHOLD, PRECOMPRESS_BROTLI, PRECOMPRESS_GZIP, type Encoding,
} from './compression.ts';

/** A body built once and shared by every request until the next publication, with its strong ETag. */
export interface SharedBody {
  body: Buffer;
  etag: string;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * The same bytes `waypost serve` sends for Accept-Encoding `encoding`. zlib runs on libuv's
 * thread pool, so a large body (the 736 kB advisory list) never stalls other requests; the
 * output depends only on the input, so `export-site --gzip` writes byte-identical files.
 */
export function compressBody(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, { ...PRECOMPRESS_BROTLI, params: { ...PRECOMPRESS_BROTLI.params, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipped(body, PRECOMPRESS_GZIP);
}

/** `"abc"` → `"abc.br"`: each coding of a body is a representation of its own, with its own strong ETag. */
export function variantEtag(etag: string, encoding: Encoding): string {
  return `${etag.slice(0, -1)}.${encoding === 'gzip' ? 'gz' : 'br'}"`;
}

/**
 * Compressed copies of shared bodies, keyed by the identity body's ETag (a hash of its bytes)
 * and coding. Bounded by bytes, least recently used first out: with 64 MB every page, feed and
 * JSON document of a publication fits in both codings several times over (about 6 MB of
 * identity bytes compress to about 1.5 MB per coding), so only an attacker walking old revision
 * pages could push entries out, and those are compressed again on their next request. Copies in
 * flight are not counted until they are done. The identity bodies themselves live in the
 * publication caches (src/site/publication-cache.ts), bounded by entry count.
 */
export class VariantCache {
  readonly maxBytes: number;
  #entries = new Map<string, Promise<Buffer>>();
  #sizes = new Map<string, number>();
  #bytes = 0;

  constructor(maxBytes = 64 * 1024 * 1024) {
    this.maxBytes = maxBytes;
  }

  /** Bytes of compressed copies held now. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string, build: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.#entries.get(key);
    if (hit) {
      // Map keeps insertion order: moving the entry to the end makes the first one the least recently used.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const value = build();
    this.#entries.set(key, value);
    value.then((buffer) => {
      if (this.#entries.get(key) !== value) return;
      this.#sizes.set(key, buffer.length);
      this.#bytes += buffer.length;
      this.#evict();
    }, () => {
      // A failed compression is not remembered: the next request tries again.
      if (this.#entries.get(key) === value) this.#entries.delete(key);
    });
    return value;
  }

  #evict(): void {
    for (const key of this.#entries.keys()) {
      if (this.#bytes <= this.maxBytes) return;
      const size = this.#sizes.get(key);
      if (size === undefined) continue;
      this.#entries.delete(key);
      this.#sizes.delete(key);
      this.#bytes -= size;
    }
  }
}

const variants = new VariantCache();

/**
 * Sends a shared body in the coding the request prefers (brotli, gzip or none), compressing it
 * once per body and coding, with `Vary: Accept-Encoding` and the coding's own strong ETag.
 * The reply's Content-Type must be set. A revalidation that matches is answered 304 (by the
 * caching hook) without compressing anything. Small or non-text bodies go out as they are.
 */
export async function sendShared(request: FastifyRequest, reply: FastifyReply, shared: SharedBody): Promise<FastifyReply> {
  const { body, etag } = shared;
  if (body.length < COMPRESS_THRESHOLD || !compressible(reply.getHeader('content-type'))) return reply.header('etag', etag).send(body);
  reply.header('vary', addVary(reply.getHeader('vary'), 'accept-encoding'));
  const encoding = chooseEncoding(request);
  if (!encoding) return reply.header('etag', etag).send(body);
  const tag = variantEtag(etag, encoding);
  reply.header('etag', tag).header('content-encoding', encoding);
  if (ifNoneMatchHits(request, tag)) return reply.send('');
  return reply.send(await variants.get(`${etag}:${encoding}`, () => compressBody(body, encoding)));
}
