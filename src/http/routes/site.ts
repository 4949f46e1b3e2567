import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import { createSite, type Rendered, type Site } from '../../site/site.ts';
import type { Store } from '../../store/connect.ts';
import { findAsset, IMMUTABLE_CACHE_CONTROL } from '../assets/assets.ts';
import { sendProblem } from '../problem.ts';
import { sendShared } from '../variants.ts';

/** Pages change with each publication; a minute keeps CDNs fresh while absorbing bursts. */
const PAGE_CACHE_CONTROL = 'public, max-age=60';
/** Feed readers and integrators poll; five minutes is well inside any notification's urgency. */
const FEED_CACHE_CONTROL = 'public, max-age=300';
/** Alert feeds are polled by alerting systems that must see an alert (or its cancellation) quickly. */
const ALERT_CACHE_CONTROL = 'public, max-age=60';

type Query = Record<string, string | string[] | undefined>;

/**
 * The public site: HTML pages, hashed assets, feeds and exports. Everything is rendered by the
 * Site (src/site/site.ts), cached per publication with its ETag; these handlers only map URLs to
 * it. Parameters are read as plain strings and checked by the Site, so no input reaches a 5xx.
 */
export function siteRoutes(store: Store, config: Pick<Config, 'publicUrl'>, site: Site = createSite(store, {
  location: { mode: 'live', base: '/', publicUrl: config.publicUrl },
})) {
  return async function register(app: FastifyInstance): Promise<void> {
    const page = { schema: { hide: true } };
    // Kept responses go out precompressed with an ETag per coding; the rest (a search, a 404) are compressed on the fly.
    const send = (reply: FastifyReply, result: Rendered, cacheControl = PAGE_CACHE_CONTROL) => {
      reply.code(result.status).type(result.type).header('cache-control', cacheControl);
      return result.status === 200 && result.shared ? sendShared(reply.request, reply, result) : reply.send(result.body);
    };

    app.get('/', page, async (request, reply) => send(reply, await site.in(request.locale).home()));
    app.get('/destinations', page, async (request, reply) => send(reply, await site.in(request.locale).destinationIndex()));
    app.get<{ Params: { slug: string } }>('/destinations/:slug', page, async (request, reply) =>
      send(reply, await site.in(request.locale).destination(request.params.slug)));
    app.get<{ Params: { slug: string; n: string }; Querystring: Query }>('/destinations/:slug/revisions/:n', page, async (request, reply) => {
      const number = revisionNumber(request.params.n);
      const diff = first(request.query.diff);
      const against = diff === undefined ? undefined : revisionNumber(diff);
      if (number === undefined || (diff !== undefined && against === undefined)) {
        return send(reply, await site.in(request.locale).notFound('site.missing.revisionNumber'));
      }
      return send(reply, await site.in(request.locale).revision(request.params.slug, number, against));
    });
    app.get<{ Params: { level: string } }>('/levels/:level', page, async (request, reply) => send(reply, await site.in(request.locale).level(request.params.level)));
    app.get<{ Params: { code: string } }>('/indicators/:code', page, async (request, reply) => send(reply, await site.in(request.locale).indicator(request.params.code)));
    app.get<{ Querystring: Query }>('/search', page, async (request, reply) => send(reply, await site.in(request.locale).search(first(request.query.q))));
    app.get('/data', page, async (request, reply) => send(reply, await site.in(request.locale).openData()));

    app.get<{ Params: { file: string } }>('/assets/:file', page, async (request, reply) => {
      const asset = findAsset(request.params.file);
      if (!asset) return send(reply, await site.in(request.locale).notFound('site.missing.asset'));
      // The hashed name is the content's identity, so it serves as the ETag too.
      return sendShared(request, reply.type(asset.type).header('cache-control', IMMUTABLE_CACHE_CONTROL), { body: asset.body, etag: `"${asset.hashedName}"` });
    });

    // The logo's URL names its version, so a replaced logo is a new URL and this one can be kept for good.
    // Served with a CSP of its own: the SVG is sanitised, and a browser opening it directly runs nothing anyway.
    app.get<{ Params: { version: string; ext: string } }>('/identity/logo-:version.:ext', page, async (request, reply) => {
      const result = await site.logo(request.params.version);
      if (!result || result.type !== ({ svg: 'image/svg+xml', png: 'image/png' } as Record<string, string>)[request.params.ext]) return send(reply, await site.in(request.locale).notFound('site.missing.logo'));
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox").header('x-content-type-options', 'nosniff');
      return send(reply, result, IMMUTABLE_CACHE_CONTROL);
    });

    const feed = (summary: string) => ({ schema: { summary, tags: ['feeds'] } });
    app.get('/feeds/advisories.rss', feed('RSS 2.0 feed of major advisory changes, newest first'), async (_request, reply) =>
      send(reply, await site.rss(), FEED_CACHE_CONTROL));
    app.get('/feeds/advisories.atom', feed('Atom feed of major advisory changes, newest first'), async (_request, reply) =>
      send(reply, await site.atom(), FEED_CACHE_CONTROL));
    app.get<{ Params: { code: string } }>('/feeds/advisories/:code.atom', feed('Atom feed of one destination\'s current advisory and major changes (ISO alpha-2 or alpha-3)'), async (request, reply) => {
      const result = await site.destinationAtom(request.params.code);
      if (!result) return sendProblem(reply, 404, `No destination with an advisory has the code "${request.params.code}".`);
      return send(reply, result, FEED_CACHE_CONTROL);
    });
    app.get('/alerts', page, async (request, reply) => send(reply, await site.in(request.locale).alertsIndex()));
    app.get<{ Params: { id: string } }>('/alerts/:id', page, async (request, reply) => {
      const id = alertId(request.params.id);
      const result = id === undefined ? null : await site.in(request.locale).alert(id);
      return send(reply, result ?? await site.in(request.locale).notFound('site.missing.alert'));
    });
    app.get('/feeds/alerts.atom', feed('Atom index of current alerts; each entry links to its CAP 1.2 document'), async (_request, reply) =>
      send(reply, await site.alertsAtom(), ALERT_CACHE_CONTROL));
    app.get<{ Params: { id: string } }>('/feeds/alerts/:id.cap', feed('One alert as an OASIS CAP 1.2 document'), async (request, reply) => {
      const id = alertId(request.params.id);
      const result = id === undefined ? null : await site.alertCap(id);
      if (!result) return sendProblem(reply, 404, `There is no public alert "${request.params.id.slice(0, 20)}".`);
      return send(reply, result, ALERT_CACHE_CONTROL);
    });
    app.get('/exports/advisories.geojson', feed('Every current advisory as a GeoJSON point feature'), async (_request, reply) =>
      send(reply, await site.geojson(), FEED_CACHE_CONTROL));
    app.get('/exports/advisories.csv', feed('Every current advisory as a CSV row'), async (_request, reply) =>
      send(reply, await site.csv(), FEED_CACHE_CONTROL));
  };
}

/** A repeated parameter (?q=a&q=b) counts once; anything else that is not a string is absent. */
function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function alertId(text: string): number | undefined {
  return /^[1-9]\d{0,9}$/.test(text) && Number(text) < 2 ** 31 ? Number(text) : undefined;
}

function revisionNumber(text: string): number | undefined {
  return /^[1-9]\d{0,6}$/.test(text) ? Number(text) : undefined;
}
