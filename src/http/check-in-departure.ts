import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { LinkTarget } from '../crises/answers.ts';
import type { CheckInLink } from '../crises/links.ts';
import { findRequest, requestDefaults } from '../departures/records.ts';
import { submitRequest } from '../departures/requests.ts';
import { exerciseLabel } from '../domain/crises.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { messagePage } from './account/layout.ts';
import { wantsJson } from './account/scope.ts';
import { ownRequestJson, requestForm, requestModelFrom, requestModelOf, type RequestModel } from './departure-form.ts';
import { formOf } from './forms.ts';
import { html } from './html.ts';
import { sendProblem } from './problem.ts';
import { page } from './replies.ts';

/**
 * "I need help to leave" without signing in (docs/crises.md "Departure assistance"):
 * `/check-in/{token}/departure`, reached from the page an answer link opens. The check-in token is
 * the permission, as for answers: it names the person and the crisis. GET shows the form (filled
 * with their request, if they made one); POST saves it — one request per person and crisis.
 */

export interface LinkOpener {
  open(request: FastifyRequest, reply: FastifyReply): Promise<{ link: CheckInLink; target: LinkTarget } | null>;
  refuse(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply;
}

const hide = { schema: { hide: true } };

export function checkInDepartureRoutes(db: Kysely<Database>, publicUrl: string, opener: LinkOpener, now: () => Date) {
  return async function register(app: FastifyInstance): Promise<void> {
    const show = (reply: FastifyReply, target: LinkTarget, action: string, model: RequestModel, errors: { field: string; message: string }[], status = 200, saved = false) =>
      page(reply, messagePage(publicUrl, exerciseLabel(target.exercise, 'Help to leave'), [
        `${exerciseLabel(target.exercise, target.title)} – ${target.areaDesc}.`,
        saved ? html`<strong>Your request is saved.</strong> Staff group requests into departures and will message you with a meeting point and time. You can change it here until you board.`
          : 'Tell us who needs to leave with you and where you are. Staff group requests into departures (flights, buses, ships) and message you with a meeting point and time.',
      ], requestForm(action, model, errors)), status);

    app.get('/check-in/:token/departure', hide, async (request, reply) => {
      const opened = await opener.open(request, reply);
      if (!opened) return reply;
      const { link, target } = opened;
      const existing = await findRequest(db, target.crisisId, link.travellerId);
      if (wantsJson(request)) return reply.send({ request: existing ? ownRequestJson(existing) : null });
      return show(reply, target, request.url, requestModelFrom(existing, await requestDefaults(db, link.travellerId)), []);
    });

    app.post('/check-in/:token/departure', hide, async (request, reply) => {
      const opened = await opener.open(request, reply);
      if (!opened) return reply;
      const { link, target } = opened;
      const json = wantsJson(request);
      const model = json ? null : requestModelOf(formOf(request));
      try {
        const saved = await submitRequest(db, { crisisId: target.crisisId, travellerId: link.travellerId, via: 'link' }, model ?? request.body, now());
        if (json) return reply.code(saved.created ? 201 : 200).send({ request: ownRequestJson(saved.request) });
        return show(reply, target, request.url, requestModelFrom(saved.request, { citizenships: [], phone: null }), [], saved.created ? 201 : 200, true);
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        if (json) return sendProblem(reply, error.status, error.message, error.errors);
        if (error.status === 400 && model) return show(reply, target, request.url, model, error.errors ?? [], 400);
        return opener.refuse(request, reply, error.status, error.message);
      }
    });
  };
}
