import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { LinkTarget } from '../crises/answers.ts';
import type { CheckInLink } from '../crises/links.ts';
import { findRequest, requestDefaults } from '../departures/records.ts';
import { submitRequest } from '../departures/requests.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { messagePage, type Reader } from './account/layout.ts';
import { exerciseText } from './answer-words.ts';
import { message } from './html-messages.ts';
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
  /** The reader of a page the link opens (their choice, then the person's own language). */
  readerFor(request: FastifyRequest, link: CheckInLink, here?: string): Promise<Reader>;
}

const hide = { schema: { hide: true } };

export function checkInDepartureRoutes(db: Kysely<Database>, publicUrl: string, opener: LinkOpener, now: () => Date) {
  return async function register(app: FastifyInstance): Promise<void> {
    const show = (reply: FastifyReply, reader: Reader, target: LinkTarget, action: string, model: RequestModel, errors: { field: string; message: string }[], status = 200, saved = false) => {
      const { tr } = reader;
      return page(reply, messagePage(publicUrl, exerciseText(tr, target.exercise, tr.t('accountTrips.departure.title')), [
        tr.t('accountAnswers.context', { title: exerciseText(tr, target.exercise, target.title), area: target.areaDesc }),
        saved ? message(tr, 'accountAnswers.departure.saved', { saved: html`<strong>${tr.t('accountAnswers.departure.savedWord')}</strong>` })
          : tr.t('accountAnswers.departure.intro'),
      ], requestForm(tr, action, model, errors), reader), status);
    };

    app.get('/check-in/:token/departure', hide, async (request, reply) => {
      const opened = await opener.open(request, reply);
      if (!opened) return reply;
      const { link, target } = opened;
      const existing = await findRequest(db, target.crisisId, link.travellerId);
      if (wantsJson(request)) return reply.send({ request: existing ? ownRequestJson(existing) : null });
      const action = request.url.split('?')[0]!;
      return show(reply, await opener.readerFor(request, link, action), target, action, requestModelFrom(existing, await requestDefaults(db, link.travellerId)), []);
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
        const action = request.url.split('?')[0]!;
        return show(reply, await opener.readerFor(request, link, action), target, action, requestModelFrom(saved.request, { citizenships: [], phone: null }), [], saved.created ? 201 : 200, true);
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        if (json) return sendProblem(reply, error.status, error.message, error.errors);
        const action = request.url.split('?')[0]!;
        if (error.status === 400 && model) return show(reply, await opener.readerFor(request, link, action), target, action, model, error.errors ?? [], 400);
        return opener.refuse(request, reply, error.status, error.message);
      }
    });
  };
}
