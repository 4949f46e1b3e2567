import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { findDraft, listOpenDrafts, type Draft } from '../../../publishing/draft-record.ts';
import { createDraft, updateDraft } from '../../../publishing/drafts.ts';
import { refusalsAsProblems as attempt, sendProblem } from '../../problem.ts';
import { CodeParams } from '../../schemas.ts';
import { DraftInput } from '../draft-schemas.ts';
import { DraftResponse, IdParams, expectedVersion, problems, security, sendDraft, tags, type StaffApi } from './shared.ts';

/** The draft itself: start one, list the open ones, read one, change one (with If-Match). */
export function draftRoutes(instance: FastifyInstance, { ctx, read, edit }: StaffApi): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/advisories/:code/drafts', {
    preValidation: edit,
    schema: {
      summary: 'Start a draft from the current revision plus the fields sent',
      description: `${security} One open draft per destination (409 otherwise). Returns the draft with its ETag.`,
      tags,
      params: CodeParams,
      body: DraftInput,
      response: { 201: DraftResponse, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => attempt(reply, async () => {
    const draft = await createDraft(ctx, request.staff!.actor, request.params.code, request.body ?? {});
    reply.header('location', `/api/v1/drafts/${draft.id}`);
    return sendDraft(reply, draft, 201);
  }));

  app.get('/api/v1/drafts', {
    preValidation: read,
    schema: {
      summary: 'Open drafts, most recently changed first',
      description: security,
      tags,
      querystring: Type.Object({ status: Type.Optional(Type.Union(['draft', 'submitted', 'approved', 'scheduled'].map((s) => Type.Literal(s)))) }),
      response: { 200: Type.Array(DraftResponse), ...problems(400, 401, 403) },
    },
  }, async (request) => listOpenDrafts(ctx, request.query.status as Draft['status'] | undefined));

  app.get('/api/v1/drafts/:id', {
    preValidation: read,
    schema: { summary: 'One draft, with its ETag', description: security, tags, params: IdParams, response: { 200: DraftResponse, ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    const draft = await findDraft(ctx, request.params.id);
    if (!draft) return sendProblem(reply, 404, `There is no draft ${request.params.id}.`);
    return sendDraft(reply, draft);
  });

  app.patch('/api/v1/drafts/:id', {
    preValidation: edit,
    schema: {
      summary: 'Change a draft (needs If-Match)',
      description: `${security} Send the ETag you read as If-Match: 428 without it, 412 when someone changed the draft since.`,
      tags,
      params: IdParams,
      body: DraftInput,
      response: { 200: DraftResponse, ...problems(400, 401, 403, 404, 409, 412, 428) },
    },
  }, async (request, reply) => attempt(reply, async () => {
    const header = request.headers['if-match'];
    if (header === undefined) {
      return sendProblem(reply, 428, `Changing a draft needs an If-Match header with the ETag from GET /api/v1/drafts/${request.params.id}, so that nobody's changes are overwritten.`);
    }
    const draft = await updateDraft(ctx, request.staff!.actor, request.params.id, expectedVersion(header, request.params.id)!, request.body);
    return sendDraft(reply, draft);
  }));
}
