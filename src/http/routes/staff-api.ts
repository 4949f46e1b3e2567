import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AUDIT_ACTIONS, searchAudit } from '../../publishing/audit.ts';
import { reviewCalendar } from '../../publishing/calendar.ts';
import type { EditorialContext } from '../../publishing/context.ts';
import { findDraft, listOpenDrafts, type Draft } from '../../publishing/draft-record.ts';
import { approveDraft, createDraft, publishDraft, returnDraft, submitDraft, updateDraft, type Expected } from '../../publishing/drafts.ts';
import { previewPublication } from '../../publishing/publication-preview.ts';
import { reissueAdvisory } from '../../publishing/publish.ts';
import { staffAuth } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
import { draftEtag, ifMatchVersion } from '../draft-etag.ts';
import { refusalsAsProblems, sendProblem } from '../problem.ts';
import { CodeParams, LevelSchema } from '../schemas.ts';
import { DraftInput, DraftSchema, Nullable, PublicationSchema } from './draft-schemas.ts';

/**
 * The staff API of docs/contracts.md: drafts and the workflow, for scripts and integrations, with
 * `Authorization: Bearer <token>`. Every rule lives in src/publishing and src/domain/workflow.ts;
 * the console calls the same functions, so both surfaces behave alike.
 */

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 }) });
const problems = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));
const DraftResponse = Type.Ref('Draft');

export interface StaffApiOptions {
  /** Injectable clock (tests). */
  now?: () => Date;
}

export function staffApiRoutes(store: Store, options: StaffApiOptions = {}) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const now = options.now ?? (() => new Date());
    const ctx: EditorialContext = { db: store.db, now };
    const auth = staffAuth(instance, { db: store.db, now });
    app.addSchema(DraftSchema);
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });
    // Workflow calls may come without a body ("POST …/submit"): treat that as an empty object.
    app.addHook('preValidation', async (request) => {
      if (request.body === undefined || request.body === null) request.body = {};
    });

    const read = auth.requirePermission('read');
    const edit = auth.requirePermission('edit');
    const review = auth.requirePermission('review');

    function sendDraft(reply: FastifyReply, draft: Draft, status = 200) {
      return reply.code(status).header('etag', draftEtag(draft.id, draft.version)).send(draft);
    }

    const attempt = refusalsAsProblems;

    function expectedVersion(header: string | undefined, id: number): Expected | undefined {
      if (header === undefined) return undefined;
      const version = ifMatchVersion(header, id);
      // An If-Match that names no version of this draft can never match: 412, like a stale one.
      return version ?? -1;
    }

    const tags = ['staff'];
    const security = 'Staff only: `Authorization: Bearer <token>` (waypost tokens create).';

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

    const transitionSchema = (summary: string, description: string, body?: ReturnType<typeof Type.Object>) => ({
      summary,
      description: `${security} ${description} If-Match is optional; a stale one gets 412.`,
      tags,
      params: IdParams,
      ...(body ? { body } : {}),
      response: { 200: DraftResponse, ...problems(400, 401, 403, 404, 409, 412) },
    });

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

    app.post('/api/v1/advisories/:code/reissue', {
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

    app.get('/api/v1/audit', {
      preValidation: read,
      schema: {
        summary: 'The audit log, newest first',
        description: security,
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)))),
          destination: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
          // A real calendar day ('format: date' checks months and days, not just digits).
          from: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD, inclusive' })),
          to: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD, inclusive' })),
          before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'entries older than this id (next page)' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
        response: {
          200: Type.Array(Type.Object({
            id: Type.Integer(), at: Type.String(), actorId: Nullable(Type.Integer()), actor: Type.String(), action: Type.String(),
            destination: Nullable(Type.String()), subject: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()),
          })),
          ...problems(400, 401, 403),
        },
      },
    }, async (request) => {
      // Only the declared filters: the schema lets other parameters through, and `actorId=x` reached the query (a 500 on PostgreSQL).
      const { q, action, destination, from, to, before, limit } = request.query;
      return searchAudit(store.db, { q, action, destination: destination?.toUpperCase(), from, to, before, limit });
    });

    app.get('/api/v1/review-calendar', {
      preValidation: read,
      schema: {
        summary: 'Advisories past or near their next review date, Level 4 first',
        description: security,
        tags,
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })) }),
        response: {
          200: Type.Array(Type.Object({
            code: Type.String(), name: Type.String(), level: LevelSchema, revision: Type.Integer(), reviewedAt: Type.String(),
            nextReviewDue: Nullable(Type.String()), days: Nullable(Type.Integer()), state: Type.String(),
            openDraft: Nullable(Type.Object({ id: Type.Integer(), status: Type.String() })),
          })),
          ...problems(400, 401, 403),
        },
      },
    }, async (request) => reviewCalendar(ctx, { horizonDays: request.query.days ?? 30 }));
  };
}
