import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import type { Store } from '../store/connect.ts';
import type { SmsProvider } from '../notify/channels/sms-provider.ts';
import { installCaching } from './caching.ts';
import { installCompression } from './compression.ts';
import { installLocale } from './locale.ts';
import { installProblemHandlers, sendProblem } from './problem.ts';
import { accountRoutes } from './account/index.ts';
import { advisoryRoutes } from './routes/advisories.ts';
import { missionRoutes } from './routes/missions.ts';
import { alertRoutes } from './routes/alerts.ts';
import { checkInRoutes } from './check-in.ts';
import { caseRoutes } from './routes/cases/index.ts';
import { contactCheckRoutes } from './contact-check.ts';
import { crisisRoutes } from './routes/crises.ts';
import { departureRoutes } from './routes/departures.ts';
import { consoleRoutes } from './console/index.ts';
import { metricsRoute } from './routes/metrics.ts';
import { placeRoutes } from './routes/places.ts';
import { siteRoutes } from './routes/site.ts';
import { createSite } from '../site/site.ts';
import { identityRoutes } from './routes/identity.ts';
import { sourceRoutes } from './routes/sources.ts';
import { comparisonRoutes } from './routes/comparisons.ts';
import { comparePageRoutes } from './routes/compare-page.ts';
import { staffApiRoutes } from './routes/staff-api/index.ts';
import { ProblemSchema } from './schemas.ts';
import { installNumberGuard, installTextGuard } from './text-guard.ts';
import { trustProxyOption } from './trust-proxy.ts';

export interface AppOptions {
  store: Store;
  config: Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'smtpUrl' | 'trustProxy' | 'metricsToken' | 'secret'>>;
  /** pino options, or false for silence (tests). */
  logger?: boolean | object;
  /** The SMS provider (SMPP_URL), shared with the in-process worker; unset: no SMS. */
  sms?: SmsProvider;
}

/** Builds the web application: public API, documentation and health check. */
export async function buildApp({ store, config, logger = false, sms }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    // request.ip is the client as TRUST_PROXY allows it to be named; every limit keys on it.
    trustProxy: trustProxyOption(config.trustProxy),
    // Query strings and bodies come from anyone: keep parsing strict and bounded.
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Malformed URLs and over-long parameters are answered by the router itself: keep them problems too.
    frameworkErrors: (error, _request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      void sendProblem(reply, status >= 400 && status < 500 ? status : 400, error.message);
    },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  });
  // One Site for the pages and for the 404 page a browser gets at an address that names nothing.
  const site = createSite(store, { location: { mode: 'live', base: '/', publicUrl: config.publicUrl } });
  installProblemHandlers(app, async (request) => site.in(request.locale).notFound());
  // Before caching: its onSend hook marks HTML pages with their language before the ETag is set.
  installLocale(app);
  installCaching(app);
  // Before every route: @fastify/compress hooks into the routes registered after it.
  await installCompression(app);
  installTextGuard(app);
  installNumberGuard(app);
  app.addSchema(ProblemSchema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Waypost API',
        version: '1',
        description: 'Travel advisories (Level 1–4, risk indicators, regional advice), their history, and alerts.',
      },
      servers: [{ url: config.publicUrl }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      reply.header('cache-control', 'no-store');
      return { status: 'ok', database: store.engine };
    } catch {
      return sendProblem(reply, 503, 'The database does not answer.');
    }
  });

  if (config.metricsToken) await app.register(metricsRoute(store, config.metricsToken));
  await app.register(advisoryRoutes(store));
  await app.register(missionRoutes(store));
  await app.register(placeRoutes());
  await app.register(siteRoutes(store, config, site));
  await app.register(accountRoutes(store, config, sms ? { sms } : {}));
  await app.register(staffApiRoutes(store));
  await app.register(sourceRoutes(store));
  await app.register(identityRoutes(store, config));
  await app.register(comparisonRoutes(store));
  await app.register(comparePageRoutes(store, config));
  await app.register(alertRoutes(store, config));
  await app.register(crisisRoutes(store));
  await app.register(departureRoutes(store));
  await app.register(caseRoutes(store));
  await app.register(checkInRoutes(store, config));
  await app.register(contactCheckRoutes(store, config));
  await app.register(consoleRoutes(store, config));
  return app;
}
