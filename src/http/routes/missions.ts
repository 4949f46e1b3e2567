import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { findByCode } from '../../domain/destinations.ts';
import { currentAdvisory } from '../../publishing/revisions.ts';
import type { Store } from '../../store/connect.ts';
import { createJsonCache, jsonOf } from '../json-cache.ts';
import { MissionsSchema } from '../mission-schemas.ts';
import { sendProblem } from '../problem.ts';
import { CodeParams, problemResponses } from '../schemas.ts';
import { sendShared } from '../variants.ts';

/** A destination's embassies and consulates as published (src/domain/missions.ts); drafts stay in the staff API. */
export function missionRoutes(store: Store) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const cache = createJsonCache(store.db);

    app.get('/api/v1/destinations/:code/missions', {
      schema: {
        summary: 'A destination\'s embassies and consulates, status first',
        description: 'The missions of the current advisory: operating, reduced (reduced staff), suspended (consular services suspended) or closed, with since-date and note. An empty list when none are published.',
        tags: ['public'],
        params: CodeParams,
        response: { 200: MissionsSchema, ...problemResponses },
      },
    }, async (request, reply) => {
      const destination = findByCode(request.params.code);
      if (!destination) return sendProblem(reply, 404, `No destination has the code "${request.params.code}".`);
      const shared = await jsonOf(cache, `missions:${destination.code}`, async () => (await currentAdvisory(store.db, destination.code))?.missions ?? []);
      return sendShared(request, reply.type('application/json; charset=utf-8'), shared!);
    });
  };
}
