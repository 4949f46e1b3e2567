import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findRequest, requestDefaults, type OwnDepartureRequest } from '../../departures/records.ts';
import { assertMayAsk, submitRequest } from '../../departures/requests.ts';
import { getProfile } from '../../enrolment/profile.ts';
import type { Translator } from '../../i18n/translator.ts';
import { departureMode, departureStatus, exerciseText } from '../answer-words.ts';
import { editorialErrorText } from '../departure-form.ts';
import { message } from '../html-messages.ts';
import type { FieldError } from '../../domain/places.ts';
import { EditorialError } from '../../publishing/context.ts';
import { ownRequestJson, requestForm, requestModelFrom, requestModelOf, type RequestModel } from '../departure-form.ts';
import { formOf } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { idParam, page, redirect } from '../replies.ts';
import { accountPage, csrfField, messagePage, readerOf, type Reader } from './layout.ts';
import { hide, wantsJson, type AccountScope } from './scope.ts';

/**
 * Departure assistance on /account (docs/crises.md "Departure assistance"): for each active crisis
 * the traveller is in, "I need help to leave" (`/account/departures/{crisisId}`, the same form as
 * from a check-in link), and the status of their requests — waiting, on a departure (what, where,
 * when) or boarded.
 */

function status(tr: Translator, r: OwnDepartureRequest): SafeHtml {
  if (r.boardedAt) return message(tr, 'accountTrips.departure.boarded', { state: html`<strong>${tr.t('accountTrips.departure.boardedWord')}</strong>`, label: r.departure?.label ?? '', when: tr.dateTime(r.boardedAt) });
  if (!r.departure) return message(tr, 'accountTrips.departure.waiting', { state: html`<strong>${tr.t('accountTrips.departure.waitingWord')}</strong>` });
  const d = r.departure;
  return message(tr, 'accountTrips.departure.on', {
    label: html`<strong>${tr.t('accountTrips.departure.onLabel', { label: d.label })}</strong>`,
    mode: departureMode(tr, d.mode), status: departureStatus(tr, d.status), meetingPoint: d.meetingPoint, when: tr.dateTime(d.meetingAt),
  });
}

export function departuresSection(tr: Translator, crises: readonly { id: number; title: string; exercise: boolean }[], requests: readonly OwnDepartureRequest[]): SafeHtml | '' {
  if (crises.length === 0 && requests.length === 0) return '';
  const asked = new Set(requests.map((r) => r.crisisId));
  return html`<section class="card" id="departures" aria-labelledby="departures-title">
<h2 id="departures-title">${tr.t('accountTrips.departure.title')}</h2>
${requests.length ? html`<ul class="items">${requests.map((r) => html`<li><div class="item-main"><span class="item-title">${exerciseText(tr, r.exercise, r.crisis)}: ${tr.t('accountTrips.departure.party', { count: r.partySize, location: r.location })}</span>
<span class="item-meta">${status(tr, r)}</span></div>${r.crisisStatus === 'active' && !r.boardedAt ? html`<a href="/account/departures/${r.crisisId}">${tr.t('accountTrips.departure.change')}</a>` : ''}</li>`)}</ul>` : ''}
${crises.filter((c) => !asked.has(c.id)).map((c) => html`<p>${exerciseText(tr, c.exercise, c.title)}: <a class="btn" href="/account/departures/${c.id}">${tr.t('accountTrips.departure.ask')}</a></p>`)}
</section>`;
}

export async function departureRoutes(app: FastifyInstance, { store, ctx, publicUrl, requireSession }: AccountScope): Promise<void> {
  const { db } = store;
  const readerFor = async (request: FastifyRequest, travellerId: number) => readerOf(request, (await getProfile(ctx, travellerId))?.language, `/account/departures/${idParam(request) ?? 0}`);
  const show = (reply: FastifyReply, reader: Reader, crisis: { title: string; exercise: boolean }, crisisId: number, csrf: string, model: RequestModel, errors: readonly FieldError[], status = 200) => {
    const { tr } = reader;
    const title = tr.t('accountTrips.departure.title');
    return page(reply, accountPage(publicUrl, title, html`<div class="narrow"><h1>${exerciseText(tr, crisis.exercise, title)}</h1>
<p>${tr.t('accountTrips.departure.intro', { crisis: crisis.title })}</p>
${requestForm(tr, `/account/departures/${crisisId}`, model, errors, csrfField(csrf))}<p><a href="/account#departures">${tr.t('account.backToAccount')}</a></p></div>`, reader), status);
  };

  function refuse(reply: FastifyReply, reader: Reader, json: boolean, error: EditorialError) {
    if (json) return sendProblem(reply, error.status, error.message, error.errors);
    const { tr } = reader;
    return page(reply, messagePage(publicUrl, tr.t('accountTrips.departure.title'), [editorialErrorText(tr, error)], html`<p><a class="btn" href="/account">${tr.t('account.backToAccount')}</a></p>`, reader), error.status);
  }

  app.get('/account/departures/:id', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const crisisId = idParam(request) ?? 0;
    try {
      const crisis = await assertMayAsk(db, crisisId, session.travellerId);
      const existing = await findRequest(db, crisisId, session.travellerId);
      if (wantsJson(request)) return reply.send({ request: existing ? ownRequestJson(existing) : null });
      return show(reply, await readerFor(request, session.travellerId), crisis, crisisId, session.csrfToken, requestModelFrom(existing, await requestDefaults(db, session.travellerId)), []);
    } catch (error) {
      if (error instanceof EditorialError) return refuse(reply, await readerFor(request, session.travellerId), wantsJson(request), error);
      throw error;
    }
  });

  app.post('/account/departures/:id', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const json = wantsJson(request);
    const model = json ? null : requestModelOf(formOf(request));
    const crisisId = idParam(request) ?? 0;
    try {
      const saved = await submitRequest(db, { crisisId, travellerId: session.travellerId, via: 'account' }, model ?? request.body, ctx.now());
      if (json) return reply.code(saved.created ? 201 : 200).send({ request: ownRequestJson(saved.request) });
      return redirect(reply, '/account?done=departure-request#departures');
    } catch (error) {
      if (!(error instanceof EditorialError)) throw error;
      if (error.status === 400 && model) {
        const crisis = await assertMayAsk(db, crisisId, session.travellerId).catch(() => null);
        if (crisis) return show(reply, await readerFor(request, session.travellerId), crisis, crisisId, session.csrfToken, model, error.errors ?? [], 400);
      }
      return refuse(reply, await readerFor(request, session.travellerId), json, error);
    }
  });
}
