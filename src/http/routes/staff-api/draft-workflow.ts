import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { approveDraft, publishDraft, returnDraft, submitDraft } from '../../../publishing/drafts.ts';
import { previewPublication } from '../../../publishing/publication-preview.ts';
import { refusalsAsProblems as attempt } from '../../problem.ts';
import { PublicationSchema } from '../draft-schemas.ts';
import { DraftResponse, IdParams, expectedVersion, problems, security, sendDraft, tags, type StaffApi } from './shared.ts';

const transitionSchema = (summary: string, description: string, body?: ReturnType<typeof Type.Object>) => ({
  summary,
  description: `${security} ${description} If-Match is optional; a stale one gets 412.`,
  tags,
  params: IdParams,
  ...(body ? { body } : {}),
  response: { 200: DraftResponse, ...problems(400, 401, 403, 404, 409, 412) },
});

/** A draft's way to publication: what publishing would do, then submit, approve, return, publish. */
export function draftWorkflowRoutes(instance: FastifyInstance, { ctx, edit, review }: StaffApi): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/drafts/:id/publication', {
    preValidation: edit,
    schema: {
      summary: 'What publishing a draft now would do',
      description: `${security} The change type it would be published as (derived against the current revision: a change of level, departure, indicators or regions is always major), why, the public change note, and how many people would be notified, counted by the fan-out's own query without writing anything. Editors, reviewers and admins.`,
      tags,
      params: IdParams,
      response: { 200: PublicationSchema, ...problems(401, 403, 404, 409) },
    },
  }, async (request, reply) => attempt(reply, async () => reply.send(await previewPublication(ctx, request.params.id))));

  app.post('/api/v1/drafts/:id/submit', {
    preValidation: edit,
    schema: transitionSchema('Submit a draft for review', 'Only a contributor (someone who changed its content) may submit it. Needs a change type, and a public change note for a major change; "minor" is refused (400, naming the fields) for a change of level, departure, indicators or regions against the current revision.'),
  }, async (request, reply) => attempt(reply, async () =>
    sendDraft(reply, await submitDraft(ctx, request.staff!.actor, request.params.id, expectedVersion(request.headers['if-match'], request.params.id)))));

  app.post('/api/v1/drafts/:id/approve', {
    preValidation: review,
    schema: transitionSchema('Approve a submitted draft', 'Reviewers and admins; under the two-person rule, none of its contributors. Send the ETag you reviewed as If-Match: the approval pins that version, and publishing refuses anything else.'),
  }, async (request, reply) => attempt(reply, async () =>
    sendDraft(reply, await approveDraft(ctx, request.staff!.actor, request.params.id, expectedVersion(request.headers['if-match'], request.params.id)))));

  app.post('/api/v1/drafts/:id/return', {
    preValidation: review,
    schema: transitionSchema('Return a draft to its editor with a comment', 'From submitted, approved or scheduled.', Type.Object({ comment: Type.String() })),
  }, async (request, reply) => attempt(reply, async () =>
    sendDraft(reply, await returnDraft(ctx, request.staff!.actor, request.params.id, (request.body as { comment?: unknown } | undefined)?.comment, expectedVersion(request.headers['if-match'], request.params.id)))));

  app.post('/api/v1/drafts/:id/publish', {
    preValidation: review,
    schema: transitionSchema(
      'Publish an approved draft now, or at publishAt',
      'Publishing writes the revision, its audit entry and (major change) the publication event in one transaction. With publishAt (RFC 3339, future) the draft is scheduled instead.',
      Type.Object({ publishAt: Type.Optional(Type.String({ description: 'RFC 3339 date-time with zone, e.g. 2026-05-01T09:00:00Z' })) }),
    ),
  }, async (request, reply) => attempt(reply, async () => {
    const outcome = await publishDraft(ctx, request.staff!.actor, request.params.id, {
      publishAt: (request.body as { publishAt?: unknown } | undefined)?.publishAt,
      expected: expectedVersion(request.headers['if-match'], request.params.id),
    });
    if (outcome.published) reply.header('location', `/api/v1/advisories/${outcome.draft.code}/revisions/${outcome.published.revision}`);
    return sendDraft(reply, outcome.draft);
  }));
}
