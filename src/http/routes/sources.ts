import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recentSyncs } from '../../sources/sync/log.ts';
import { SOURCES } from '../../sources/sync/registry.ts';
import { staffAuth } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';

/**
 * `GET /api/v1/sources` (staff): every source Waypost imports, with its import and sync log, newest
 * first: when, how it was started, the HTTP status, what it created, updated, skipped and merged,
 * and why a run failed. Staff only: the log names the files and URLs operators imported from.
 */

const SyncSchema = Type.Object({
  id: Type.Integer(),
  trigger: Type.Union([Type.Literal('import'), Type.Literal('sync'), Type.Literal('scheduler')]),
  location: Type.String({ description: 'URL or file imported' }),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  httpStatus: Type.Union([Type.Integer(), Type.Null()]),
  outcome: Type.Union([Type.Literal('imported'), Type.Literal('not-modified'), Type.Literal('failed')]),
  items: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skipped: Type.Integer({ description: 'not newer than the current revision' }),
  merged: Type.Integer({ description: 'merged into another item for the same destination' }),
  unmapped: Type.Integer(),
  events: Type.Integer({ description: 'advisory.published events written (major changes)' }),
  error: Type.Union([Type.String(), Type.Null()]),
});

const SourceSchema = Type.Object({
  name: Type.String(),
  authority: Type.String(),
  defaultUrl: Type.String(),
  syncs: Type.Array(SyncSchema),
});

export function sourceRoutes(store: Store) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const auth = staffAuth(instance, { db: store.db });
    app.get('/api/v1/sources', {
      preValidation: auth.requirePermission('read'),
      schema: {
        summary: 'Import and sync log per source, newest first',
        description: 'Staff API: `Authorization: Bearer <token>`.',
        tags: ['staff'],
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'log entries per source (default 20)' })) }),
        response: {
          200: Type.Array(SourceSchema),
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
          403: Type.Ref('Problem'),
        },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return Promise.all(SOURCES.map(async (source) => ({
        name: source.name,
        authority: source.authority,
        defaultUrl: source.defaultUrl,
        syncs: (await recentSyncs(store.db, { source: source.name, limit: request.query.limit ?? 20 })).map(({ source: _source, ...entry }) => entry),
      })));
    });
  };
}
