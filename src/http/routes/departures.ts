import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { assignRequests, createDeparture, markBoarded, mayArrangeDepartures, unassignRequest, updateDeparture, type DepartureContext } from '../../departures/arrange.ts';
import { departureManifest } from '../../departures/manifest.ts';
import { sendDepartureMessage } from '../../departures/message.ts';
import { listDepartures, listRequests } from '../../departures/records.ts';
import { DEPARTURE_LIMITS, DEPARTURE_MODES, DEPARTURE_STATUSES, requestPriority } from '../../domain/departures.ts';
import { EditorialError } from '../../publishing/context.ts';
import { staffAuth } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
import { refusalsAsProblems } from '../problem.ts';

/**
 * Departure assistance over the staff API (docs/crises.md "Departure assistance"): a crisis's
 * departures and the requests for help to leave, creating and changing departures, assigning
 * requests (never beyond capacity: 409), boarding, messaging the people assigned, the manifest as
 * CSV. Permission `departures`; everyone else 403. Every change and every manifest is audited.
 */

const Departure = Type.Object({
  id: Type.Integer(), crisisId: Type.Integer(),
  mode: Type.Union(DEPARTURE_MODES.map((m) => Type.Literal(m))), label: Type.String(),
  capacity: Type.Integer({ description: 'persons' }), meetingPoint: Type.String(), meetingAt: Type.String(),
  status: Type.Union(DEPARTURE_STATUSES.map((s) => Type.Literal(s))),
  assigned: Type.Integer({ description: 'persons assigned (sum of party sizes)' }), remaining: Type.Integer({ description: 'places left' }),
  requests: Type.Integer({ description: 'requests assigned' }), boarded: Type.Integer({ description: 'persons boarded' }),
  createdAt: Type.String(), createdBy: Type.String(), updatedAt: Type.String(),
}, { $id: 'Departure' });

const DepartureRequest = Type.Object({
  id: Type.Integer(), crisisId: Type.Integer(), travellerId: Type.Integer(), name: Type.String(), email: Type.String(),
  partySize: Type.Integer(), dependants: Type.Integer(), citizenships: Type.Array(Type.String()), passports: Type.Array(Type.String()),
  specialNeeds: Type.Union([Type.String(), Type.Null()]), location: Type.String(), phone: Type.Union([Type.String(), Type.Null()]),
  via: Type.String({ description: 'link (a check-in message) or account' }), departureId: Type.Union([Type.Integer(), Type.Null()]),
  boardedAt: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), updatedAt: Type.String(),
}, { $id: 'DepartureRequest' });

const fields = {
  mode: Type.Optional(Type.String({ description: DEPARTURE_MODES.join(' | ') })),
  label: Type.Optional(Type.String({ description: `at most ${DEPARTURE_LIMITS.label} characters, e.g. "Bus 1 to Riga"` })),
  capacity: Type.Optional(Type.Integer({ description: `persons, 1–${DEPARTURE_LIMITS.capacity}` })),
  meetingPoint: Type.Optional(Type.String({ description: `at most ${DEPARTURE_LIMITS.meetingPoint} characters` })),
  meetingAt: Type.Optional(Type.String({ description: 'RFC 3339 with a zone; from 2 days back to 90 days ahead' })),
};
const Ids = Type.Object({ requests: Type.Array(Type.Integer(), { description: 'request ids, 1–500' }) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
const problems = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));
const security = 'Staff arranging departures (crisis staff, admins): `Authorization: Bearer <token>`; everyone else 403.';

export function departureRoutes(store: Store, options: { now?: () => Date } = {}) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const now = options.now ?? (() => new Date());
    const ctx: DepartureContext = { db: store.db, now };
    const guard = staffAuth(instance, { db: store.db, now }).requirePermission('departures');
    app.addSchema(Departure);
    app.addSchema(DepartureRequest);
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });
    const attempt = refusalsAsProblems;
    const crisisExists = async (id: number) => {
      if (!(await store.db.selectFrom('crises').select('id').where('id', '=', id).executeTakeFirst())) throw new EditorialError(404, `There is no crisis ${id}.`);
    };

    app.get('/api/v1/crises/:id/departures', {
      preValidation: guard,
      schema: { summary: 'A crisis\'s departures with their load', description: security, tags: ['staff'], params: IdParams, response: { 200: Type.Array(Type.Ref('Departure')), ...problems(400, 401, 403, 404) } },
    }, async (request, reply) => attempt(reply, async () => {
      await crisisExists(request.params.id);
      return reply.send(await listDepartures(store.db, request.params.id));
    }));

    app.post('/api/v1/crises/:id/departures', {
      preValidation: guard,
      schema: {
        summary: 'Create a departure (flight, bus, ship) for a crisis', description: `${security} It starts planned. 409 when the crisis is closed. Audited.`,
        tags: ['staff'], params: IdParams, body: Type.Object(fields, { additionalProperties: false }), response: { 201: Type.Ref('Departure'), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => {
      const departure = await createDeparture(ctx, request.staff!.actor, request.params.id, request.body);
      return reply.code(201).header('location', `/api/v1/departures/${departure.id}`).send(departure);
    }));

    app.get('/api/v1/crises/:id/departure-requests', {
      preValidation: guard,
      schema: {
        summary: 'Requests for help to leave a crisis', description: `${security} Unassigned first, those with special needs and the largest parties first among them.`,
        tags: ['staff'], params: IdParams, response: { 200: Type.Array(Type.Ref('DepartureRequest')), ...problems(400, 401, 403, 404) },
      },
    }, async (request, reply) => attempt(reply, async () => {
      await crisisExists(request.params.id);
      const requests = await listRequests(store.db, { crisisId: request.params.id });
      return reply.send(requests.sort((a, b) => Number(a.departureId !== null) - Number(b.departureId !== null) || requestPriority(a, b)));
    }));

    app.patch('/api/v1/departures/:id', {
      preValidation: guard,
      schema: {
        summary: 'Change a departure', description: `${security} Capacity never below the persons assigned; statuses planned ↔ boarding → departed, or cancelled (releases everyone assigned; refused once anyone boarded). 409 on a refused change. Audited.`,
        tags: ['staff'], params: IdParams, body: Type.Object({ ...fields, status: Type.Optional(Type.String({ description: DEPARTURE_STATUSES.join(' | ') })) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Departure'), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => reply.send(await updateDeparture(ctx, request.staff!.actor, request.params.id, request.body))));

    app.post('/api/v1/departures/:id/assignments', {
      preValidation: guard,
      schema: {
        summary: 'Assign requests to a departure', description: `${security} All or none: 409 when their persons exceed the places left, or one is on another departure. Audited.`,
        tags: ['staff'], params: IdParams, body: Ids, response: { 200: Type.Ref('Departure'), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => reply.send(await assignRequests(ctx, request.staff!.actor, request.params.id, request.body.requests))));

    app.delete('/api/v1/departures/:id/assignments/:requestId', {
      preValidation: guard,
      schema: {
        summary: 'Take a request off a departure', description: `${security} 409 once it has boarded. Audited.`,
        tags: ['staff'], params: Type.Object({ id: IdParams.properties.id, requestId: IdParams.properties.id }), response: { 200: Type.Ref('Departure'), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => reply.send(await unassignRequest(ctx, request.staff!.actor, request.params.id, request.params.requestId))));

    app.post('/api/v1/departures/:id/boarded', {
      preValidation: guard,
      schema: {
        summary: 'Mark requests as boarded', description: `${security} Only requests assigned to this departure (409 otherwise); all or none. Audited.`,
        tags: ['staff'], params: IdParams, body: Ids, response: { 200: Type.Ref('Departure'), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => reply.send(await markBoarded(ctx, request.staff!.actor, request.params.id, request.body.requests))));

    app.post('/api/v1/departures/:id/message', {
      preValidation: guard,
      schema: {
        summary: 'Message everyone assigned to a departure', description: `${security} One urgent message per person assigned and channel, exactly once, with the departure's meeting point and time. 409 when nobody is assigned. Audited.`,
        tags: ['staff'], params: IdParams,
        body: Type.Object({ text: Type.String({ description: `at most ${DEPARTURE_LIMITS.message} characters` }) }, { additionalProperties: false }),
        response: { 202: Type.Object({ messageId: Type.Integer(), eventId: Type.Integer(), people: Type.Integer(), deliveries: Type.Integer() }), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => reply.code(202).send(await sendDepartureMessage(ctx, request.staff!.actor, request.params.id, request.body.text))));

    app.get('/api/v1/departures/:id/manifest.csv', {
      preValidation: guard,
      schema: {
        summary: 'A departure\'s manifest as CSV', description: `${security} Columns: name, party_size, dependants, citizenships, passports, special_needs, boarded (yes/no); largest party first. Every export is audited.`,
        tags: ['staff'], params: IdParams,
        response: { 200: { description: 'RFC 4180 CSV, header first', content: { 'text/csv': { schema: Type.String() } } }, ...problems(400, 401, 403, 404) },
      },
    }, async (request, reply) => attempt(reply, async () => {
      mayArrangeDepartures(request.staff!.actor);
      const { csv } = await departureManifest(ctx, request.staff!.actor, request.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="departure-${request.params.id}-manifest.csv"`).send(csv);
    }));
  };
}
