import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findByCode, DESTINATIONS } from '../../domain/destinations.ts';
import { adviceChanges, diffRevisions } from '../../domain/diff.ts';
import { levelLabel } from '../../domain/levels.ts';
import {
  currentAdvisories, currentAdvisory, findRevision, revisionHistory,
} from '../../publishing/revisions.ts';
import type { Store } from '../../store/connect.ts';
import { toAdvisoryJson } from '../advisory-json.ts';
import { apiLocale } from '../api-locale.ts';
import { LangQuery } from '../translation-schemas.ts';
import { createJsonCache, jsonOf } from '../json-cache.ts';
import { sendProblem } from '../problem.ts';
import { sendShared } from '../variants.ts';
import { advisoryListRoute } from './advisory-list.ts';
import {
  AdvisorySchema, CodeParams, DestinationSchema, DiffSchema, problemResponses,
} from '../schemas.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The public, read-only JSON API over published advisories. Every current document is built once
 * per publication and sent precompressed (src/http/variants.ts); the list lives in advisory-list.ts.
 */
export function advisoryRoutes(store: Store) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const { db } = store;
    const cache = createJsonCache(db);

    app.get('/api/v1/destinations', {
      schema: {
        summary: 'Every destination with its current level',
        tags: ['public'],
        response: { 200: Type.Array(DestinationSchema) },
      },
    }, async (request, reply) => {
      const shared = await jsonOf(cache, 'destinations', async () => {
        const current = new Map((await currentAdvisories(db)).map((a) => [a.code, a]));
        return DESTINATIONS.map(({ code, iso3, numeric, name, slug, aliases }) => {
          const advisory = current.get(code);
          return {
            code, iso3, numeric, name, slug, aliases,
            level: advisory?.level ?? null,
            levelLabel: advisory ? levelLabel(advisory.level) : null,
            updatedAt: advisory?.publishedAt ?? null,
          };
        });
      });
      return sendShared(request, reply.type(JSON_TYPE), shared!);
    });

    advisoryListRoute(app, db, cache);

    app.get('/api/v1/advisories/:code', {
      schema: {
        summary: 'The current advisory for a destination',
        tags: ['public'],
        params: CodeParams,
        querystring: Type.Object(LangQuery),
        response: { 200: AdvisorySchema, ...problemResponses },
      },
    }, async (request, reply) => {
      const destination = findByCode(request.params.code);
      if (!destination) return unknownDestination(reply, request.params.code);
      const locale = apiLocale(request, reply);
      const shared = await jsonOf(cache, `advisory:${destination.code}:${locale}`, async () => {
        const advisory = await currentAdvisory(db, destination.code);
        return advisory && toAdvisoryJson(advisory, locale);
      });
      if (!shared) return sendProblem(reply, 404, `${destination.name} has no published advisory.`);
      return sendShared(request, reply.type(JSON_TYPE), shared);
    });

    app.get('/api/v1/advisories/:code/revisions', {
      schema: {
        summary: 'Every published revision of a destination\'s advisory, newest first',
        tags: ['public'],
        params: CodeParams,
        querystring: Type.Object(LangQuery),
        response: { 200: Type.Array(AdvisorySchema), ...problemResponses },
      },
    }, async (request, reply) => {
      const destination = findByCode(request.params.code);
      if (!destination) return unknownDestination(reply, request.params.code);
      const locale = apiLocale(request, reply);
      const shared = await jsonOf(cache, `revisions:${destination.code}:${locale}`, async () =>
        (await revisionHistory(db, destination.code)).map((revision) => toAdvisoryJson(revision, locale)));
      return sendShared(request, reply.type(JSON_TYPE), shared!);
    });

    app.get('/api/v1/advisories/:code/revisions/:n', {
      schema: {
        summary: 'One revision; ?diff=m adds what changed since revision m',
        tags: ['public'],
        params: Type.Intersect([CodeParams, Type.Object({ n: Type.Integer({ minimum: 1, maximum: 1_000_000 }) })]),
        querystring: Type.Object({ diff: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })), ...LangQuery }),
        response: { 200: Type.Intersect([AdvisorySchema, Type.Object({ diff: Type.Optional(DiffSchema) })]), ...problemResponses },
      },
    }, async (request, reply) => {
      const destination = findByCode(request.params.code);
      if (!destination) return unknownDestination(reply, request.params.code);
      const revision = await findRevision(db, destination.code, request.params.n);
      if (!revision) return sendProblem(reply, 404, `${destination.name} has no revision ${request.params.n}.`);
      const locale = apiLocale(request, reply);
      const against = request.query.diff;
      if (against === undefined) return toAdvisoryJson(revision, locale);
      const other = await findRevision(db, destination.code, against);
      if (!other) return sendProblem(reply, 404, `${destination.name} has no revision ${against} to compare with.`);
      return { ...toAdvisoryJson(revision, locale), diff: { against, changes: adviceChanges(diffRevisions(other, revision)) } };
    });
  };
}

function unknownDestination(reply: FastifyReply, code: string) {
  return sendProblem(reply, 404, `No destination has the code "${code}".`);
}
