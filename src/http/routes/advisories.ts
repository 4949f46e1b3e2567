import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findByCode, DESTINATIONS } from '../../domain/destinations.ts';
import { diffRevisions } from '../../domain/diff.ts';
import { levelLabel, type Level } from '../../domain/levels.ts';
import type { Indicator } from '../../domain/indicators.ts';
import {
  currentAdvisories, currentAdvisory, findRevision, revisionHistory, type StoredRevision,
} from '../../publishing/revisions.ts';
import type { Store } from '../../store/connect.ts';
import { createJsonCache } from '../json-cache.ts';
import { sendProblem } from '../problem.ts';
import {
  AdvisorySchema, CodeParams, DestinationSchema, DiffSchema, IndicatorSchema, LevelSchema, problemResponses,
} from '../schemas.ts';

/** The public, read-only JSON API over published advisories. */
export function advisoryRoutes(store: Store) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const { db } = store;
    const cachedJson = createJsonCache(db);

    app.get('/api/v1/destinations', {
      schema: {
        summary: 'Every destination with its current level',
        tags: ['public'],
        response: { 200: Type.Array(DestinationSchema) },
      },
    }, async () => {
      const current = new Map((await currentAdvisories(db)).map((a) => [a.code, a]));
      return DESTINATIONS.map((d) => {
        const advisory = current.get(d.code);
        return {
          ...d,
          level: advisory?.level ?? null,
          levelLabel: advisory ? levelLabel(advisory.level) : null,
          updatedAt: advisory?.publishedAt ?? null,
        };
      });
    });

    app.get('/api/v1/advisories', {
      schema: {
        summary: 'Current advisories, optionally by level and risk indicator',
        tags: ['public'],
        querystring: Type.Object({ level: Type.Optional(LevelSchema), indicator: Type.Optional(IndicatorSchema) }),
        response: { 200: Type.Array(AdvisorySchema), 400: problemResponses[400] },
      },
    }, async (request) => {
      const { level, indicator } = request.query;
      const advisories = await currentAdvisories(db, {
        ...(level ? { level: level as Level } : {}),
        ...(indicator ? { indicator: indicator as Indicator } : {}),
      });
      return advisories.map(toAdvisoryJson);
    });

    app.get('/api/v1/advisories/:code', {
      schema: {
        summary: 'The current advisory for a destination',
        tags: ['public'],
        params: CodeParams,
        response: { 200: AdvisorySchema, ...problemResponses },
      },
    }, async (request, reply) => {
      const destination = findByCode(request.params.code);
      if (!destination) return unknownDestination(reply, request.params.code);
      const cached = await cachedJson(`advisory:${destination.code}`, async () => {
        const advisory = await currentAdvisory(db, destination.code);
        return advisory && toAdvisoryJson(advisory);
      });
      if (!cached) return sendProblem(reply, 404, `${destination.name} has no published advisory.`);
      return reply.header('etag', cached.etag).type('application/json; charset=utf-8').send(cached.body);
    });

    app.get('/api/v1/advisories/:code/revisions', {
      schema: {
        summary: 'Every published revision of a destination\'s advisory, newest first',
        tags: ['public'],
        params: CodeParams,
        response: { 200: Type.Array(AdvisorySchema), ...problemResponses },
      },
    }, async (request, reply) => {
      const destination = findByCode(request.params.code);
      if (!destination) return unknownDestination(reply, request.params.code);
      return (await revisionHistory(db, destination.code)).map(toAdvisoryJson);
    });

    app.get('/api/v1/advisories/:code/revisions/:n', {
      schema: {
        summary: 'One revision; ?diff=m adds what changed since revision m',
        tags: ['public'],
        params: Type.Intersect([CodeParams, Type.Object({ n: Type.Integer({ minimum: 1, maximum: 1_000_000 }) })]),
        querystring: Type.Object({ diff: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) }),
        response: { 200: Type.Intersect([AdvisorySchema, Type.Object({ diff: Type.Optional(DiffSchema) })]), ...problemResponses },
      },
    }, async (request, reply) => {
      const destination = findByCode(request.params.code);
      if (!destination) return unknownDestination(reply, request.params.code);
      const revision = await findRevision(db, destination.code, request.params.n);
      if (!revision) return sendProblem(reply, 404, `${destination.name} has no revision ${request.params.n}.`);
      const against = request.query.diff;
      if (against === undefined) return toAdvisoryJson(revision);
      const other = await findRevision(db, destination.code, against);
      if (!other) return sendProblem(reply, 404, `${destination.name} has no revision ${against} to compare with.`);
      return { ...toAdvisoryJson(revision), diff: { against, changes: diffRevisions(other, revision) } };
    });
  };
}

function unknownDestination(reply: FastifyReply, code: string) {
  return sendProblem(reply, 404, `No destination has the code "${code}".`);
}

export function toAdvisoryJson(advisory: StoredRevision) {
  return {
    code: advisory.code,
    name: advisory.name,
    level: advisory.level,
    levelLabel: levelLabel(advisory.level),
    indicators: advisory.indicators,
    risks: advisory.risks,
    regions: advisory.regions,
    departureUrged: advisory.departureUrged,
    summary: advisory.summary,
    sections: advisory.sections,
    revision: advisory.revision,
    changeType: advisory.changeType,
    changeNote: advisory.changeNote,
    publishedAt: advisory.publishedAt,
    reviewedAt: advisory.reviewedAt,
    nextReviewDue: advisory.nextReviewDue,
    source: advisory.source,
  };
}
