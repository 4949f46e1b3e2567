import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { draftMissions } from '../../../publishing/missions-draft.ts';
import { MissionInputs } from '../../mission-schemas.ts';
import { refusalsAsProblems as attempt } from '../../problem.ts';
import { CodeParams } from '../../schemas.ts';
import { DraftResponse, expectedVersion, problems, security, sendDraft, tags, type StaffApi } from './shared.ts';

/** Missions (embassies, consulates) and quick facts through a draft: the same workflow as the advisory they belong to. */
export function missionDraftRoutes(instance: FastifyInstance, { ctx, edit }: StaffApi): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/destinations/:code/missions/drafts', {
    preValidation: edit,
    schema: {
      summary: 'Put a new list of missions (and quick facts) into the destination\'s draft',
      description: `${security} Sets \`missions\` (the whole list) and optionally \`quickFacts\`, \`changeType\` and \`changeNote\` on the destination's open draft (200), or starts one from the current revision (201). Then submit, approve and publish it like any draft (/api/v1/drafts/{id}/submit …). A mission becoming suspended or closed makes the change major and notifies travellers there. If-Match is optional; a stale one gets 412.`,
      tags,
      params: CodeParams,
      body: Type.Object({
        ...MissionInputs,
        changeType: Type.Optional(Type.Union([Type.Literal('major'), Type.Literal('minor'), Type.Null()])),
        changeNote: Type.Optional(Type.String()),
      }, { additionalProperties: true }),
      response: { 200: DraftResponse, 201: DraftResponse, ...problems(400, 401, 403, 404, 409, 412) },
    },
  }, async (request, reply) => attempt(reply, async () => {
    const header = request.headers['if-match'];
    const { draft, created } = await draftMissions(ctx, request.staff!.actor, request.params.code, request.body, (id) => expectedVersion(header, id));
    if (created) reply.header('location', `/api/v1/drafts/${draft.id}`);
    return sendDraft(reply, draft, created ? 201 : 200);
  }));
}
