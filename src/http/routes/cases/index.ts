import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { updateCase } from '../../../cases/change.ts';
import { caseContext, type CaseContext } from '../../../cases/context.ts';
import { addAccess, addContact, addNote, addPerson } from '../../../cases/log.ts';
import { openCase } from '../../../cases/open.ts';
import { readCase, readCases } from '../../../cases/read.ts';
import type { CaseRecord } from '../../../cases/records.ts';
import { staffAuth } from '../../../staff/guard.ts';
import type { Store } from '../../../store/connect.ts';
import { refusalsAsProblems } from '../../problem.ts';
import { IdParams, problems } from '../staff-api/shared.ts';
import { AccessInput, CasePatchInput, CaseSchema, CaseSummarySchema, ContactInput, ListQuery, NewCaseInput, NoteInput, PersonInput } from './schemas.ts';

/**
 * Assistance and consular cases over the staff API (docs/cases.md): consular staff and admins
 * only (`Authorization: Bearer`); every other role gets 403, no credentials 401, and the refusal
 * names no case. Every read and every change is in the audit log (src/cases/). Bad input is a 400
 * problem with a message per field, and changes nothing.
 */

const security = 'Consular staff and admins only: `Authorization: Bearer <token>`; everyone else 403. Audited, reads included.';
const tags = ['staff'];

export function caseRoutes(store: Store, options: { now?: () => Date; ctx?: CaseContext } = {}) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const ctx = options.ctx ?? caseContext(store.db, options.now);
    const guard = staffAuth(instance, { db: store.db, now: ctx.now }).requirePermission('cases');
    app.addSchema(CaseSummarySchema);
    app.addSchema(CaseSchema);
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });
    app.addHook('preValidation', async (request) => {
      if (request.method === 'POST' && (request.body === undefined || request.body === null)) request.body = {};
    });
    const actor = (request: FastifyRequest) => request.staff!.actor;

    app.get('/api/v1/cases', {
      preValidation: guard,
      schema: { summary: 'Cases: open first, "I need help" and overdue consular access before the rest', description: security, tags, querystring: ListQuery, response: { 200: Type.Array(Type.Ref('CaseSummary')), ...problems(400, 401, 403) } },
    }, async (request) => readCases(ctx, actor(request), request.query.status ? { status: request.query.status } : {}));

    app.post('/api/v1/cases', {
      preValidation: guard,
      schema: {
        summary: 'Open a case by hand', description: `${security} \`title\` and \`country\` are required; \`type\` may wait for triage; \`wrongful_detention\` is for admins only.`,
        tags, body: NewCaseInput, response: { 201: Type.Ref('Case'), ...problems(400, 401, 403) },
      },
    }, async (request, reply) => refusalsAsProblems(reply, async () => {
      const opened = await openCase(ctx, actor(request), request.body);
      return reply.code(201).header('location', `/api/v1/cases/${opened.id}`).send(opened);
    }));

    app.get('/api/v1/cases/:id', {
      preValidation: guard,
      schema: { summary: 'A case: its people, notes, contact log and consular access log', description: security, tags, params: IdParams, response: { 200: Type.Ref('Case'), ...problems(400, 401, 403, 404) } },
    }, async (request, reply) => refusalsAsProblems(reply, async () => reply.send(await readCase(ctx, actor(request), request.params.id))));

    app.patch('/api/v1/cases/:id', {
      preValidation: guard,
      schema: {
        summary: 'Change a case: title, type, status (closing needs an outcome), priority, assignee, country',
        description: `${security} Designating or withdrawing wrongful detention: admins only (403 for consular staff). Reopening a closed case clears its outcome and notes it.`,
        tags, params: IdParams, body: CasePatchInput, response: { 200: Type.Ref('Case'), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => refusalsAsProblems(reply, async () => reply.send(await updateCase(ctx, actor(request), request.params.id, request.body))));

    const additions: [string, string, TSchema, (c: CaseContext, a: ReturnType<typeof actor>, id: number, body: unknown) => Promise<CaseRecord>, string][] = [
      ['notes', 'Add a note (notes are never changed or removed)', NoteInput, addNote, ''],
      ['access', 'Add a consular access log entry: requested, granted, denied or visit, with its day', AccessInput, addAccess, ' 409 unless the case is an arrest or detention case.'],
      ['contacts', 'Add a contact log entry: who, how, which way, what was said', ContactInput, addContact, ''],
      ['people', 'Link a person: the traveller, a party member, or next of kin (with consent)', PersonInput, addPerson, ''],
    ];
    for (const [path, summary, body, add, more] of additions) {
      app.post(`/api/v1/cases/:id/${path}`, {
        preValidation: guard,
        schema: { summary, description: `${security}${more}`, tags, params: IdParams, body, response: { 201: Type.Ref('Case'), ...problems(400, 401, 403, 404, 409) } },
      }, async (request: FastifyRequest<{ Params: { id: number } }>, reply: FastifyReply) => refusalsAsProblems(reply, async () =>
        reply.code(201).send(await add(ctx, actor(request), request.params.id, request.body))));
    }
  };
}
