import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { reissueAdvisory } from '../../../publishing/publish.ts';
import { refusalsAsProblems as attempt } from '../../problem.ts';
import { CodeParams } from '../../schemas.ts';
import { problems, security, tags, type StaffApi } from './shared.ts';

/** Reissue an advisory after its periodic review: no draft, no changes, no notifications. */
export function reissueRoute(instance: FastifyInstance, { ctx, review }: StaffApi): void {
  instance.withTypeProvider<TypeBoxTypeProvider>().post('/api/v1/advisories/:code/reissue', {
    preValidation: review,
    schema: {
      summary: 'Reissue after periodic review, no changes',
      description: `${security} Records a review: a new minor revision with the same content, published date and change note; only reviewedAt and nextReviewDue move. Notifies nobody.`,
      tags,
      params: CodeParams,
      body: Type.Object({ nextReviewDue: Type.Optional(Type.String({ description: 'YYYY-MM-DD; default: the cycle for the level' })) }),
      response: { 201: Type.Object({ code: Type.String(), revision: Type.Integer(), nextReviewDue: Type.String() }), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => attempt(reply, async () => {
    const result = await reissueAdvisory(ctx, request.staff!.actor, request.params.code, { nextReviewDue: request.body?.nextReviewDue });
    reply.header('location', `/api/v1/advisories/${result.code}/revisions/${result.revision}`);
    return reply.code(201).send(result);
  }));
}
