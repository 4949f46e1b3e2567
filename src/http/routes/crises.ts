import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { crisisView } from '../../crises/dashboard.ts';
import { closeCrisis, declareCrisis, updateCrisisSettings, type CrisisContext } from '../../crises/declare.ts';
import { findCrisis, listCrises } from '../../crises/records.ts';
import { sendWave } from '../../crises/waves.ts';
import { TITLE_MAX } from '../../domain/crisis-input.ts';
import { staffAuth } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
import { refusalsAsProblems, sendProblem } from '../problem.ts';

/**
 * Crisis accountability over the staff API (docs/crises.md): declare a crisis, send a check-in
 * wave, read its counts, close it. Crisis staff and admins only (`Authorization: Bearer`); every
 * other role gets 403, bad input a 400 problem with a message per field, and nothing is saved.
 */

const Counts = Type.Object({
  safe: Type.Integer(), needHelp: Type.Integer(), left: Type.Integer(), noAnswer: Type.Integer(), undeliverable: Type.Integer(),
}, { description: 'people by their latest answer; no answer: a message reached them (or still may); undeliverable: none can' });

const CrisisSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('closed')]),
  exercise: Type.Boolean({ description: 'a drill: every message says EXERCISE' }),
  destinations: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  area: Type.String({ description: 'how the area reads, e.g. "Moskva (RU-MOW), Russia"' }),
  areaShape: Type.Object({ polygon: Nullable(Type.String()), circle: Nullable(Type.String()) }, {
    description: 'CAP polygon ("lat,lon lat,lon …") and circle ("lat,lon km") as declared: informative; who is asked is still decided by destination and region',
  }),
  followUpEveryHours: Nullable(Type.Number({ description: 'a follow-up to those with no answer this long after the last wave; null = only when staff send one' })),
  escalateAfterHours: Nullable(Type.Number({ description: 'after this long without an answer, emergency contacts the person agreed to are asked once; null = never' })),
  startedAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  alertId: Type.Union([Type.Integer(), Type.Null()]),
  advisory: Type.Union([Type.Object({ code: Type.String(), revision: Type.Integer() }), Type.Null()]),
  counts: Counts,
  people: Type.Integer({ description: 'everyone the waves have found in scope' }),
  byPlace: Type.Array(Type.Object({ destination: Type.String(), region: Type.String(), label: Type.String(), counts: Counts })),
  byOrganisation: Type.Array(Type.Object({ organisation: Type.String(), counts: Counts }), { description: 'the crisis\'s people who are members of each organisation, each once per organisation' }),
  waves: Type.Array(Type.Object({
    number: Type.Integer(), kind: Type.String(), sentAt: Type.String(), fannedOut: Type.Boolean(), people: Type.Integer(),
    deliveries: Type.Object({ queued: Type.Integer(), sending: Type.Integer(), sent: Type.Integer(), failed: Type.Integer(), bounced: Type.Integer() }),
  })),
}, { $id: 'Crisis' });

// One `type: [number, null]` rather than anyOf: with type coercion, anyOf turns null into 0 or 0
// into null. The range is checked by the rules (src/domain/crisis-timers.ts), with their message.
const Hours = (description: string) => Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'], description: `${description}; hours (0.25–720), null = off` }));
const FOLLOW_UP = 'a follow-up wave to those with no answer, this long after the last wave, while the crisis is active';
const ESCALATE = 'how long a person may stay silent after being first asked before their emergency contacts (those they agreed may be asked) get one e-mail';

const CrisisInput = Type.Object({
  title: Type.Optional(Type.String({ description: `at most ${TITLE_MAX} characters, one line` })),
  destinations: Type.Optional(Type.Array(Type.String(), { description: 'ISO 3166-1 alpha-2 or alpha-3 codes; at least one' })),
  regions: Type.Optional(Type.Array(Type.String(), { description: 'ISO 3166-2 codes (RU-MOW) or area names within those destinations' })),
  exercise: Type.Optional(Type.Boolean({ description: 'a drill (default false): every message says EXERCISE, counted apart' })),
  startedAt: Type.Optional(Type.String({ description: 'when it began; RFC 3339 with a zone; default now' })),
  alertId: Type.Optional(Type.Integer({ description: 'the alert it answers' })),
  advisory: Type.Optional(Type.String({ description: 'one of its destinations: links that destination\'s current advisory revision' })),
  followUpEveryHours: Hours(FOLLOW_UP),
  escalateAfterHours: Hours(ESCALATE),
  area: Type.Optional(Type.Object({
    polygon: Type.Optional(Type.String({ maxLength: 20_000, description: 'CAP polygon: "lat,lon lat,lon …", closed (last point = first)' })),
    circle: Type.Optional(Type.String({ maxLength: 100, description: 'CAP circle: "lat,lon radius" in km' })),
  }, { additionalProperties: false, description: 'a drawn area, shown with the crisis; informative (trips carry no coordinates, so scope stays by destination and region)' })),
}, { additionalProperties: false });

function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
const problems = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));
const security = 'Crisis staff and admins: `Authorization: Bearer <token>`; everyone else 403.';

export function crisisRoutes(store: Store, options: { now?: () => Date } = {}) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const now = options.now ?? (() => new Date());
    const ctx: CrisisContext = { db: store.db, now };
    const guard = staffAuth(instance, { db: store.db, now }).requirePermission('crises');
    app.addSchema(CrisisSchema);
    // "POST …/waves" and "…/close" may come without a body.
    app.addHook('preValidation', async (request) => {
      if (request.method === 'POST' && (request.body === undefined || request.body === null)) request.body = {};
    });
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });

    const attempt = refusalsAsProblems;

    app.get('/api/v1/crises', {
      preValidation: guard,
      schema: { summary: 'Every crisis, active first, with its counts', description: security, tags: ['staff'], response: { 200: Type.Array(Type.Ref('Crisis')), ...problems(401, 403) } },
    }, async () => Promise.all((await listCrises(store.db)).map((crisis) => crisisView(store.db, crisis))));

    app.post('/api/v1/crises', {
      preValidation: guard,
      schema: {
        summary: 'Declare a crisis',
        description: `${security} Its area (destinations, optional regions) and start decide who its check-in waves ask. Audited.`,
        tags: ['staff'], body: CrisisInput, response: { 201: Type.Ref('Crisis'), ...problems(400, 401, 403) },
      },
    }, async (request, reply) => attempt(reply, async () => {
      const crisis = await declareCrisis(ctx, request.staff!.actor, request.body);
      return reply.code(201).header('location', `/api/v1/crises/${crisis.id}`).send(await crisisView(store.db, crisis));
    }));

    app.get('/api/v1/crises/:id', {
      preValidation: guard,
      schema: { summary: 'A crisis with its counts, by place and by wave', description: security, tags: ['staff'], params: IdParams, response: { 200: Type.Ref('Crisis'), ...problems(400, 401, 403, 404) } },
    }, async (request, reply) => {
      const crisis = await findCrisis(store.db, request.params.id);
      if (!crisis) return sendProblem(reply, 404, `There is no crisis ${request.params.id}.`);
      return crisisView(store.db, crisis);
    });

    app.patch('/api/v1/crises/:id', {
      preValidation: guard,
      schema: {
        summary: 'Change what a crisis does by itself: timed follow-ups and emergency-contact escalation',
        description: `${security} Only \`followUpEveryHours\` and \`escalateAfterHours\` may change (null = off); 409 when the crisis is closed. Audited with the values before and after.`,
        tags: ['staff'], params: IdParams,
        body: Type.Object({ followUpEveryHours: Hours(FOLLOW_UP), escalateAfterHours: Hours(ESCALATE) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Crisis'), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => reply.send(await crisisView(store.db, await updateCrisisSettings(ctx, request.staff!.actor, request.params.id, request.body)))));

    app.post('/api/v1/crises/:id/waves', {
      preValidation: guard,
      schema: {
        summary: 'Send a check-in wave: "Are you safe?" to everyone in scope now',
        description: `${security} Adds everyone now in scope to the crisis's population and queues one urgent message per person and channel before it answers (the 202 means every message is in the queue; workers send them); \`followUp: true\` asks only those who have not answered. 409 when the crisis is closed.`,
        tags: ['staff'], params: IdParams,
        body: Type.Object({ followUp: Type.Optional(Type.Boolean({ description: 'only those with no answer yet (default false)' })) }, { additionalProperties: false }),
        response: {
          202: Type.Object({
            wave: Type.Integer({ description: 'its number within the crisis' }), audience: Type.Integer({ description: 'people it asks: each has a message queued' }),
            deliveries: Type.Integer({ description: 'messages queued: one per person and channel' }), followUp: Type.Boolean(), waveId: Type.Integer(), eventId: Type.Integer(),
          }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    }, async (request, reply) => attempt(reply, async () => {
      const result = await sendWave(ctx, request.staff!.actor, request.params.id, { followUp: request.body.followUp ?? false });
      return reply.code(202).send({ wave: result.wave, audience: result.audience, deliveries: result.deliveries, followUp: result.followUp, waveId: result.waveId, eventId: result.eventId });
    }));

    app.post('/api/v1/crises/:id/close', {
      preValidation: guard,
      schema: {
        summary: 'Close a crisis', description: `${security} No more waves; its answer links record nothing more; its messages still queued are not sent.`,
        tags: ['staff'], params: IdParams, body: Type.Object({}, { additionalProperties: false }), response: { 200: Type.Ref('Crisis'), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => reply.send(await crisisView(store.db, await closeCrisis(ctx, request.staff!.actor, request.params.id)))));
  };
}
