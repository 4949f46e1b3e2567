import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { searchPlaces } from '../../places/gazetteer.ts';
import { sendProblem } from '../problem.ts';
import { problemResponses } from '../schemas.ts';

export const PLACES_MAX_LIMIT = 20;

const PlaceSchema = Type.Object({
  name: Type.String({ description: 'The place\'s name in the gazetteer ("Saint Petersburg")' }),
  country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  subdivision: Type.Union([Type.String({ description: 'ISO 3166-2 code ("RU-SPE")' }), Type.Null()]),
  lat: Type.Number(),
  lon: Type.Number(),
});

/**
 * `GET /api/v1/places?q=`: the gazetteer, for the trip form's typeahead, CSV checks and search.
 * Answers from the index in memory (loaded once, at the first request or at start-up); the answer
 * depends only on the query and the bundled data, so shared caches may keep it for a day.
 */
export function placeRoutes() {
  return async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/v1/places', {
      schema: {
        summary: 'Places by the names people use: cities, regions and their ISO 3166-2 subdivisions',
        description: 'Accents, case, punctuation, "St"/"Saint", usual romanisations and small typos do not matter ("st petersburg", "Cancun", "Moskow"). Best first: exact names, variant spellings, names starting so, then near misses; capitals and cities named as their region before namesakes.',
        tags: ['public'],
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 100, description: 'What was typed: at least 2 letters or digits' }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PLACES_MAX_LIMIT, description: `At most this many places (default 10, at most ${PLACES_MAX_LIMIT})` })),
        }),
        response: { 200: Type.Array(PlaceSchema), 400: problemResponses[400] },
      },
    }, async (request, reply) => {
      const { q, limit } = request.query;
      if (q.replace(/[^\p{L}\p{N}]/gu, '').length < 2 || /[\p{Cc}]/u.test(q)) {
        return sendProblem(reply, 400, 'Type at least two letters of a place\'s name.', [{ field: 'q', message: 'at least two letters or digits, no control characters' }]);
      }
      reply.header('cache-control', 'public, max-age=86400');
      return searchPlaces(q, limit ?? 10);
    });
  };
}
