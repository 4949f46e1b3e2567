import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { deliveryMetrics } from '../../notify/stats.ts';
import type { Store } from '../../store/connect.ts';
import { sendProblem } from '../problem.ts';

/**
 * `GET /metrics` (Prometheus text) for whoever holds METRICS_TOKEN. The counts say how many people an
 * alert reached and how many are enrolled, which is not for the public: without the token the route
 * does not exist (404, see app.ts), and with it every request must send `Authorization: Bearer <token>`.
 */
export function metricsRoute(store: Store, token: string) {
  // Digests have one length whatever was sent, so the comparison takes the same time for any guess.
  const expected = digest(token);
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const given = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(digest(given), expected)) {
        return sendProblem(reply.header('www-authenticate', 'Bearer realm="waypost-metrics"'), 401, 'Metrics need "Authorization: Bearer <METRICS_TOKEN>".');
      }
      reply.type('text/plain; version=0.0.4; charset=utf-8');
      return deliveryMetrics(store.db);
    });
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
