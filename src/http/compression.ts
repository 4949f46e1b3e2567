import compress from '@fastify/compress';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { constants } from 'node:zlib';

/**
 * Response compression, in two ways that agree on every rule below:
 * - bodies built once per publication (pages, feeds, the public JSON) are compressed once too,
 *   and sent with an ETag of their own per encoding (src/http/variants.ts);
 * - everything else (console, account pages, problems, the OpenAPI document) is compressed on
 *   the fly by @fastify/compress, and gets a weak ETag (src/http/caching.ts), because the same
 *   body compressed twice is not promised to be the same bytes.
 */

/** Content codings offered, most preferred first: brotli is about a quarter smaller than gzip on our pages. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Below this a compressed body saves less than its headers and the CPU cost (a problem document, a 304). */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Text we serve: HTML, CSS, JavaScript, JSON (problem+json, geo+json), XML (Atom, RSS, CAP),
 * CSV, SVG. Images other than SVG, fonts and archives are compressed already and left alone.
 */
const TEXT_TYPE = /^(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|[\w.-]+\+(?:json|xml))\b|image\/svg\+xml)/i;

/**
 * Also what @fastify/compress is told; for a type outside it the plugin would still consult
 * mime-db (icons, fonts), which none of our routes send.
 */
export function compressible(contentType: unknown): boolean {
  return typeof contentType === 'string' && TEXT_TYPE.test(contentType);
}

/**
 * Once per publication we can afford more effort than per request: brotli quality 9 packs the
 * 736 kB advisory list in ~160 ms off the event loop (11 takes a second for 10 % fewer bytes);
 * gzip's best level costs little more than its default, and is what `export-site --gzip` writes.
 */
export const PRECOMPRESS_BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } };
export const PRECOMPRESS_GZIP = { level: 9 };

/**
 * The coding to send for this request's Accept-Encoding, or null for the identity body. Mirrors
 * @fastify/compress exactly (`*` and `x-gzip` mean gzip; q-values honoured, q=0 refuses), so a
 * precompressed body and an on-the-fly one are chosen by the same rule.
 */
export function chooseEncoding(request: FastifyRequest): Encoding | null {
  const header = request.headers['accept-encoding'];
  if (!header) return null;
  return negotiate(header.toLowerCase().replace(/\*|x-gzip/g, 'gzip'), [...ENCODINGS]);
}

/** Adds `token` to the Vary header once. */
export function addVary(current: unknown, token: string): string {
  const values = String(current ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  return values.some((v) => v.toLowerCase() === token.toLowerCase()) ? values.join(', ') : [...values, token].join(', ');
}

/** Compresses every text response not already compressed (see the rules above), gzip or brotli. */
export async function installCompression(app: FastifyInstance): Promise<void> {
  // Signed-in pages are never compressed: they carry CSRF tokens beside text the visitor typed and
  // can be made to echo, the condition for a BREACH attack that reads a secret from compressed
  // sizes. This hook runs before the plugin's own (added below), so the plugin sees `false`.
  app.addHook('onRoute', (route) => {
    if (route.compress === undefined && isPrivatePath(route.url)) route.compress = false;
  });
  await app.register(compress, {
    global: true,
    encodings: [...ENCODINGS],
    threshold: COMPRESS_THRESHOLD,
    customTypes: compressible,
    // Per request, brotli's quality 4 (the plugin's default) and gzip's default level 6 keep a 50 kB console page to a few ms.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
    // Request bodies stay as they are: nobody needs to upload compressed forms, and a zip bomb is one less worry.
    globalDecompression: false,
  });
  // fastify ends the onSend hooks of the HEAD route it derives from a GET with one that drops the
  // body; the plugin's hook, added after it, then has nothing to compress, and HEAD would announce
  // the identity body. Moved last, HEAD reports the Content-Encoding that GET would send.
  app.addHook('onRoute', (route) => {
    if (route.method !== 'HEAD' || !Array.isArray(route.onSend)) return;
    const drop = route.onSend.findIndex((hook) => hook.name === 'headRouteOnSendHandler');
    if (drop >= 0) route.onSend.push(...route.onSend.splice(drop, 1));
  });
}

/** Pages for a signed-in person (console, account): private, uncacheable and never compressed. */
export function isPrivatePath(url: string): boolean {
  return /^\/(?:console|account)(?:\/|$)/.test(url);
}
