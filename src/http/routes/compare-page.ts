import type { FastifyInstance } from 'fastify';
import { comparisons, disagreeing } from '../../sources/peers/comparison.ts';
import { inLocale, siteLinks } from '../../site/links.ts';
import type { Store } from '../../store/connect.ts';
import type { Config } from '../../config.ts';
import { compareDocument } from '../../site/compare-map.ts';
import type { CompareSort } from '../pages/peer-advice.ts';
import { sendProblem } from '../problem.ts';

const SORTS: readonly CompareSort[] = ['name', 'spread', 'highest'];

/** `/compare/`: every destination × government, sortable; `?disagree=N` keeps the ones N levels or more apart, largest first. */
export function comparePageRoutes(store: Store, config: Pick<Config, 'publicUrl'>) {
  const links = siteLinks({ base: '/', publicUrl: config.publicUrl, mode: 'live' });
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { sort?: string; disagree?: string } }>('/compare/', { schema: { hide: true } }, async (request, reply) => {
      const disagree = request.query.disagree === undefined ? null : Number(request.query.disagree);
      const valid = disagree === null || (Number.isInteger(disagree) && disagree >= 0 && disagree <= 3);
      const sort = SORTS.find((s) => s === request.query.sort) ?? (disagree === null ? 'name' : 'spread');
      if (!valid) return sendProblem(reply, 400, 'disagree must be 0, 1, 2 or 3');
      const all = await comparisons(store.db);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300')
        .send(compareDocument(all, disagree === null ? all : disagreeing(all, disagree), inLocale(links, request.locale), { sort, disagree }));
    });
  };
}
