import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { Type } from 'typebox';
import { findByCode } from '../../domain/destinations.ts';
import { PEER_SOURCES } from '../../domain/peer-levels.ts';
import { comparisonRows, comparisons, disagreeing, type Comparison } from '../../sources/peers/comparison.ts';
import type { Store } from '../../store/connect.ts';
import { sendProblem } from '../problem.ts';
import { CodeParams, problemResponses } from '../schemas.ts';

/**
 * Other governments' advice beside ours (docs/sources.md, "Compare"): every source's native words
 * next to the level it maps to, for one destination, for all, or where they disagree; also as CSV.
 * Public: it is what the governments themselves publish.
 */

const RegionSchema = Type.Object({ name: Type.String(), code: Type.Optional(Type.String({ description: 'ISO 3166-2' })), level: Type.Integer({ minimum: 1, maximum: 4 }), nativeLabel: Type.String() });
const SourceSchema = Type.Object({
  source: Type.Union(PEER_SOURCES.map((s) => Type.Literal(s))),
  nativeLabel: Type.String({ description: 'the source\'s own words for its level' }),
  level: Type.Integer({ minimum: 1, maximum: 4, description: 'mapped to the 1–4 scale, for comparison only' }),
  regions: Type.Array(RegionSchema),
  updatedAt: Type.String(),
  url: Type.String({ description: 'the original' }),
  departure: Type.Union([Type.String(), Type.Null()], { description: 'the source\'s sentence telling its citizens to leave (a departure directive), or null' }),
});
const ComparisonSchema = Type.Object({
  code: Type.String(),
  ours: Type.Union([Type.Object({ level: Type.Integer(), levelLabel: Type.String(), publishedAt: Type.String() }), Type.Null()]),
  sources: Type.Array(SourceSchema),
});
const ListedSchema = Type.Intersect([ComparisonSchema, Type.Object({ name: Type.String(), spread: Type.Integer(), highest: Type.Union([Type.Integer(), Type.Null()]) })]);
const DisagreeQuery = Type.Object({ disagree: Type.Optional(Type.Integer({ minimum: 0, maximum: 3, description: 'only destinations whose levels differ by at least this much, largest spread first' })) });

const publicJson = (c: Comparison) => ({ code: c.code, ours: c.ours, sources: c.sources });

export function comparisonRoutes(store: Store) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const select = async (disagree: number | undefined) => {
      const all = await comparisons(store.db);
      return disagree === undefined ? all : disagreeing(all, disagree);
    };

    app.get('/api/v1/destinations/:code/comparison', {
      schema: { summary: 'What other governments say about a destination, beside our level', tags: ['public'], params: CodeParams, response: { 200: ComparisonSchema, ...problemResponses } },
    }, async (request, reply) => {
      const destination = findByCode(request.params.code);
      if (!destination) return sendProblem(reply, 404, `No destination has the code "${request.params.code}".`);
      const [comparison] = await comparisons(store.db, destination.code);
      return reply.header('cache-control', 'public, max-age=300').send(publicJson(comparison!));
    });

    app.get('/api/v1/comparisons', {
      schema: { summary: 'Every destination × source; with ?disagree=N the ones whose levels differ by at least N', tags: ['public'], querystring: DisagreeQuery, response: { 200: Type.Array(ListedSchema), 400: Type.Ref('Problem') } },
    }, async (request, reply) => reply.header('cache-control', 'public, max-age=300').send(await select(request.query.disagree)));

    app.get('/api/v1/comparisons.csv', {
      schema: {
        summary: 'The comparison as CSV: one row per destination × source, ours first', tags: ['public'], querystring: DisagreeQuery,
        response: { 200: { description: 'RFC 4180 CSV, header first', content: { 'text/csv': { schema: Type.String() } } }, 400: Type.Ref('Problem') },
      },
    }, async (request, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="comparisons.csv"')
      .send(stringify(comparisonRows(await select(request.query.disagree)))));
  };
}
