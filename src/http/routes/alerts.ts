import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { cancelAlert, issueAlert, updateAlert, type AlertContext, type IssueResult } from '../../alerts/issue.ts';
import { findAlert, isActive, listAlerts, type StoredAlert } from '../../alerts/records.ts';
import type { Config } from '../../config.ts';
import { findByCode } from '../../domain/destinations.ts';
import { ALERT_MSG_TYPES, ALERT_STATUSES, CAP_CATEGORIES, CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES } from '../../domain/alerts.ts';
import { EditorialError } from '../../publishing/context.ts';
import { staffAuth } from '../../staff/guard.ts';
import type { Store } from '../../store/connect.ts';
import { sendProblem } from '../problem.ts';

/**
 * Alerts over HTTP (docs/alerts.md): the public list and one alert as JSON, and the staff API
 * that issues, updates and cancels them (crisis staff and admins, `Authorization: Bearer`). CAP
 * documents and the Atom index are served with the site (src/http/routes/site.ts).
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const oneOf = (values: readonly string[]) => values.join(' · ');

export const AlertSchema = Type.Object(
  {
    id: Type.Integer(),
    identifier: Type.String({ description: 'CAP identifier' }),
    sender: Type.String({ description: 'CAP sender' }),
    sent: Type.String({ description: 'UTC, e.g. 2026-11-23T10:00:00Z' }),
    status: Type.String({ description: oneOf(ALERT_STATUSES) }),
    msgType: Type.String({ description: oneOf(ALERT_MSG_TYPES) }),
    references: Type.Array(Type.Integer(), { description: 'ids of the alerts an Update or Cancel replaces' }),
    note: Nullable(Type.String()),
    language: Type.String(),
    category: Type.String({ description: oneOf(CAP_CATEGORIES) }),
    event: Type.String(),
    urgency: Type.String({ description: oneOf(CAP_URGENCIES) }),
    severity: Type.String({ description: oneOf(CAP_SEVERITIES) }),
    certainty: Type.String({ description: oneOf(CAP_CERTAINTIES) }),
    headline: Type.String(),
    description: Type.String(),
    instruction: Nullable(Type.String()),
    contact: Nullable(Type.String()),
    senderName: Type.String(),
    web: Nullable(Type.String()),
    effective: Type.String(),
    onset: Nullable(Type.String()),
    expires: Type.String(),
    destinations: Type.Array(Type.String(), { description: 'ISO 3166-1 alpha-2' }),
    regions: Type.Array(Type.String(), { description: 'ISO 3166-2 codes or area names' }),
    area: Type.Object({ areaDesc: Type.String(), polygon: Nullable(Type.String()), circle: Nullable(Type.String()) }),
    supersededBy: Nullable(Type.Integer({ description: 'the Update or Cancel that replaced this alert' })),
    active: Type.Boolean({ description: 'in force or still to come: not expired, not replaced, not a Cancel' }),
    url: Type.String({ description: 'the alert\'s public page' }),
    capUrl: Type.String({ description: 'the CAP 1.2 document' }),
  },
  { $id: 'Alert' },
);

const text = (description: string) => Type.String({ description });
const time = (description: string) => Type.String({ description: `${description}; RFC 3339 with a zone, e.g. 2026-11-23T18:00:00+03:00` });

/** JSON types only: values, codes, coordinates and times are checked by validateAlert, with a message per field. */
const AlertInputSchema = Type.Object(
  {
    destinations: Type.Optional(Type.Array(Type.String(), { description: 'ISO 3166-1 alpha-2 or alpha-3 codes; at least one' })),
    regions: Type.Optional(Type.Array(Type.String(), { description: 'ISO 3166-2 codes (RU-MOW) or area names within those destinations' })),
    area: Type.Optional(Type.Object({
      polygon: Type.Optional(Nullable(text('CAP polygon: "lat,lon lat,lon …", at least 4 pairs, the last equal to the first'))),
      circle: Type.Optional(Nullable(text('CAP circle: "lat,lon radius" (km)'))),
    })),
    areaDesc: Type.Optional(text('how the area reads; default: from the destinations and regions')),
    category: Type.Optional(text(oneOf(CAP_CATEGORIES))),
    event: Type.Optional(text('what happens, e.g. Demonstration')),
    urgency: Type.Optional(text(oneOf(CAP_URGENCIES))),
    severity: Type.Optional(text(`${oneOf(CAP_SEVERITIES)}; Severe and Extreme are urgent`)),
    certainty: Type.Optional(text(oneOf(CAP_CERTAINTIES))),
    headline: Type.Optional(text('at most 160 characters')),
    description: Type.Optional(text('plain text')),
    instruction: Type.Optional(Nullable(text('what to do, plain text'))),
    contact: Type.Optional(Nullable(text('how to reach the post'))),
    senderName: Type.Optional(text('the post issuing it, e.g. U.S. Embassy Moscow; default: the deployment\'s authority name')),
    web: Type.Optional(Nullable(text('http(s) URL; default: the alert\'s page'))),
    language: Type.Optional(text('default en')),
    effective: Type.Optional(time('default: now')),
    onset: Type.Optional(Nullable(time('optional'))),
    expires: Type.Optional(time('required, after effective')),
    status: Type.Optional(text(`${oneOf(ALERT_STATUSES)} (default Actual); Exercise and Test are never public and notify nobody`)),
    msgType: Type.Optional(text(`${oneOf(ALERT_MSG_TYPES)} (default Alert)`)),
    references: Type.Optional(Type.Array(Type.Union([Type.Integer(), Type.String()]), { description: 'Update and Cancel: the ids (or CAP identifiers) of the alerts they replace' })),
    note: Type.Optional(Nullable(text('CAP note, e.g. why it is cancelled'))),
  },
  { additionalProperties: true },
);

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
const problems = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));

export function alertRoutes(store: Store, config: Pick<Config, 'publicUrl'>, options: { now?: () => Date } = {}) {
  return async function register(instance: FastifyInstance): Promise<void> {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const now = options.now ?? (() => new Date());
    const ctx: AlertContext = { db: store.db, now, publicUrl: config.publicUrl };
    const auth = staffAuth(instance, { db: store.db, now });
    const issue = auth.requirePermission('alert');
    app.addSchema(AlertSchema);
    // "POST …/cancel" may come without a body: treat that as an empty object.
    app.addHook('preValidation', async (request) => {
      if (request.method === 'POST' && (request.body === undefined || request.body === null)) request.body = {};
    });

    const base = config.publicUrl.replace(/\/+$/, '');
    const toJson = (alert: StoredAlert, at: Date) => ({
      id: alert.id, identifier: alert.identifier, sender: alert.sender, sent: alert.sent, status: alert.status, msgType: alert.msgType,
      references: alert.references, note: alert.note, language: alert.language, category: alert.category, event: alert.event,
      urgency: alert.urgency, severity: alert.severity, certainty: alert.certainty, headline: alert.headline, description: alert.description,
      instruction: alert.instruction, contact: alert.contact, senderName: alert.senderName, web: alert.web, effective: alert.effective,
      onset: alert.onset, expires: alert.expires, destinations: alert.destinations, regions: alert.regions, area: alert.area,
      supersededBy: alert.supersededBy, active: isActive(alert, at),
      url: `${base}/alerts/${alert.id}/`, capUrl: `${base}/feeds/alerts/${alert.id}.cap`,
    });

    /** Shared caches may keep a list for a minute, but never past the moment an alert in it expires. */
    const cacheFor = (reply: FastifyReply, alerts: readonly StoredAlert[], at: Date) => {
      const expiries = alerts.filter((a) => isActive(a, at)).map((a) => Math.floor((Date.parse(a.expires) - at.getTime()) / 1000));
      reply.header('cache-control', `public, max-age=${Math.max(0, Math.min(60, ...expiries))}`);
    };

    app.get('/api/v1/alerts', {
      schema: {
        summary: 'Alerts, newest first: every public (Actual) alert, or only the active ones of a destination',
        description: 'Active = in force or still to come: not expired, not replaced by an Update, not cancelled. Exercise and Test alerts are never listed.',
        tags: ['public'],
        querystring: Type.Object({
          destination: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}$', description: 'ISO 3166-1 alpha-2 or alpha-3, any case' })),
          active: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1, description: 'alerts with a smaller id (next page)' })),
        }),
        response: { 200: Type.Array(Type.Ref('Alert')), ...problems(400) },
      },
    }, async (request, reply) => {
      const { destination: code, active, limit, before } = request.query;
      const destination = code === undefined ? undefined : findByCode(code);
      if (code !== undefined && !destination) {
        return sendProblem(reply, 400, `No destination has the code "${code}".`, [{ field: 'destination', message: 'unknown destination: use an ISO 3166-1 code such as RU' }]);
      }
      const at = now();
      const alerts = await listAlerts(store.db, {
        publicOnly: true, ...(destination ? { destination: destination.code } : {}), ...(active ? { active: true } : {}),
        ...(limit ? { limit } : {}), ...(before ? { before } : {}),
      }, at);
      cacheFor(reply, alerts, at);
      return alerts.map((alert) => toJson(alert, at));
    });

    app.get('/api/v1/alerts/:id', {
      schema: { summary: 'One public alert', tags: ['public'], params: IdParams, response: { 200: Type.Ref('Alert'), ...problems(400, 404) } },
    }, async (request, reply) => {
      const alert = await findAlert(store.db, request.params.id);
      if (!alert || alert.status !== 'Actual') return sendProblem(reply, 404, `There is no public alert ${request.params.id}.`);
      const at = now();
      cacheFor(reply, [alert], at);
      return toJson(alert, at);
    });

    // ---- Staff: issue, update, cancel (crisis staff and admins) ----

    const security = 'Crisis staff and admins: `Authorization: Bearer <token>`.';
    const sendIssued = (reply: FastifyReply, result: IssueResult) => {
      reply.header('cache-control', 'private, no-store').header('location', `/api/v1/alerts/${result.alert.id}`);
      return reply.code(201).send({ ...toJson(result.alert, now()), notified: result.eventId !== null });
    };
    async function attempt(reply: FastifyReply, run: () => Promise<FastifyReply>): Promise<FastifyReply> {
      try {
        return await run();
      } catch (error) {
        if (error instanceof EditorialError) return sendProblem(reply.header('cache-control', 'private, no-store'), error.status, error.message, error.errors);
        throw error;
      }
    }
    const IssuedSchema = Type.Intersect([Type.Ref('Alert'), Type.Object({ notified: Type.Boolean({ description: 'an Actual alert notifies its audience; Exercise and Test do not' }) })]);

    app.post('/api/v1/alerts', {
      preValidation: issue,
      schema: {
        summary: 'Issue an alert (CAP fields); Update and Cancel messages name the alerts they replace in references',
        description: `${security} Saves the alert, writes its audit entry and (status Actual) the notification event in one transaction. Bad input: 400 with a message per field, nothing saved.`,
        tags: ['staff'],
        body: AlertInputSchema,
        response: { 201: IssuedSchema, ...problems(400, 401, 403, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => sendIssued(reply, await issueAlert(ctx, request.staff!.actor, request.body))));

    app.post('/api/v1/alerts/:id/update', {
      preValidation: issue,
      schema: {
        summary: 'Issue an Update of an alert: its fields, changed by those sent',
        description: `${security} The new message refers to alert {id}, which leaves the active lists. Its audience is told again.`,
        tags: ['staff'],
        params: IdParams,
        body: AlertInputSchema,
        response: { 201: IssuedSchema, ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => sendIssued(reply, await updateAlert(ctx, request.staff!.actor, request.params.id, request.body))));

    app.post('/api/v1/alerts/:id/cancel', {
      preValidation: issue,
      schema: {
        summary: 'Cancel an alert',
        description: `${security} Issues a Cancel message for the same area and time window, so the people the alert reached hear that it is cancelled.`,
        tags: ['staff'],
        params: IdParams,
        body: Type.Object({ note: Type.Optional(Type.String({ description: 'why, e.g. "The demonstration was called off."' })) }),
        response: { 201: IssuedSchema, ...problems(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => attempt(reply, async () => sendIssued(reply, await cancelAlert(ctx, request.staff!.actor, request.params.id, { note: request.body?.note }))));
  };
}
