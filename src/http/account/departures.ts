import type { FastifyInstance, FastifyReply } from 'fastify';
import { findRequest, requestDefaults, type OwnDepartureRequest } from '../../departures/records.ts';
import { assertMayAsk, submitRequest } from '../../departures/requests.ts';
import { exerciseLabel } from '../../domain/crises.ts';
import type { FieldError } from '../../domain/places.ts';
import { EditorialError } from '../../publishing/context.ts';
import { ownRequestJson, requestForm, requestModelFrom, requestModelOf, type RequestModel } from '../departure-form.ts';
import { formOf } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { idParam, page, redirect } from '../replies.ts';
import { accountPage, csrfField, messagePage } from './layout.ts';
import { hide, wantsJson, type AccountScope } from './scope.ts';

/**
 * Departure assistance on /account (docs/crises.md "Departure assistance"): for each active crisis
 * the traveller is in, "I need help to leave" (`/account/departures/{crisisId}`, the same form as
 * from a check-in link), and the status of their requests — waiting, on a departure (what, where,
 * when) or boarded.
 */

const when = (at: string) => `${at.slice(0, 16).replace('T', ' ')} UTC`;

function status(r: OwnDepartureRequest): SafeHtml {
  if (r.boardedAt) return html`<strong>Boarded</strong> ${r.departure ? html`${r.departure.label} ` : ''}on ${when(r.boardedAt)}`;
  if (!r.departure) return html`<strong>Waiting</strong>: staff have your request and will assign you to a departure.`;
  const d = r.departure;
  return html`<strong>On ${d.label}</strong> (${d.mode}, ${d.status}) · meet at ${d.meetingPoint}, ${when(d.meetingAt)}`;
}

export function departuresSection(crises: readonly { id: number; title: string; exercise: boolean }[], requests: readonly OwnDepartureRequest[]): SafeHtml | '' {
  if (crises.length === 0 && requests.length === 0) return '';
  const asked = new Set(requests.map((r) => r.crisisId));
  return html`<section class="card" id="departures" aria-labelledby="departures-title">
<h2 id="departures-title">Help to leave</h2>
${requests.length ? html`<ul class="items">${requests.map((r) => html`<li><div class="item-main"><span class="item-title">${exerciseLabel(r.exercise, r.crisis)}: ${r.partySize} ${r.partySize === 1 ? 'person' : 'people'} from ${r.location}</span>
<span class="item-meta">${status(r)}</span></div>${r.crisisStatus === 'active' && !r.boardedAt ? html`<a href="/account/departures/${r.crisisId}">Change</a>` : ''}</li>`)}</ul>` : ''}
${crises.filter((c) => !asked.has(c.id)).map((c) => html`<p>${exerciseLabel(c.exercise, c.title)}: <a class="btn" href="/account/departures/${c.id}">I need help to leave</a></p>`)}
</section>`;
}

export async function departureRoutes(app: FastifyInstance, { store, ctx, publicUrl, requireSession }: AccountScope): Promise<void> {
  const { db } = store;
  const show = (reply: FastifyReply, crisis: { title: string; exercise: boolean }, crisisId: number, csrf: string, model: RequestModel, errors: readonly FieldError[], status = 200) =>
    page(reply, accountPage(publicUrl, 'Help to leave', html`<div class="narrow"><h1>${exerciseLabel(crisis.exercise, 'Help to leave')}</h1>
<p>${crisis.title}. Staff group requests into departures (flights, buses, ships) and message you with a meeting point and time.</p>
${requestForm(`/account/departures/${crisisId}`, model, errors, csrfField(csrf))}<p><a href="/account#departures">Back to your account</a></p></div>`), status);

  function refuse(reply: FastifyReply, json: boolean, error: EditorialError) {
    if (json) return sendProblem(reply, error.status, error.message, error.errors);
    return page(reply, messagePage(publicUrl, 'Help to leave', [error.message], html`<p><a class="btn" href="/account">Back to your account</a></p>`), error.status);
  }

  app.get('/account/departures/:id', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const crisisId = idParam(request) ?? 0;
    try {
      const crisis = await assertMayAsk(db, crisisId, session.travellerId);
      const existing = await findRequest(db, crisisId, session.travellerId);
      if (wantsJson(request)) return reply.send({ request: existing ? ownRequestJson(existing) : null });
      return show(reply, crisis, crisisId, session.csrfToken, requestModelFrom(existing, await requestDefaults(db, session.travellerId)), []);
    } catch (error) {
      if (error instanceof EditorialError) return refuse(reply, wantsJson(request), error);
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
        if (crisis) return show(reply, crisis, crisisId, session.csrfToken, model, error.errors ?? [], 400);
      }
      return refuse(reply, json, error);
    }
  });
}
