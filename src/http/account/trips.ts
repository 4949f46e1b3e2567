import type { FastifyInstance } from 'fastify';
import { EnrolmentError } from '../../enrolment/context.ts';
import { tripConfirmationMail } from '../../enrolment/mail.ts';
import { getProfile } from '../../enrolment/profile.ts';
import { readIdentity } from '../../identity/settings.ts';
import { regionLabel } from '../../enrolment/regions.ts';
import { addTrip, cancelTrip, listTrips, updateTrip, type TripInput, type TripView } from '../../enrolment/trips.ts';
import { all, first, type FormBody } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { idParam, page } from '../replies.ts';
import type { Translator } from '../../i18n/translator.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import { accountPage, badge, csrfField, dates, destinationList, flash, messagePage, readerOf, type Flash, type Reader, type TripDraft } from './layout.ts';
import { destinationInput } from './names.ts';
import { hide, idOf, type AccountScope } from './scope.ts';

/** Trips: enrol one (one or more destinations, an optional region, dates or residing), edit, cancel. */

export async function tripRoutes(app: FastifyInstance, { ctx, publicUrl, requireSession, action }: AccountScope): Promise<void> {
  /** The confirmation e-mail of an enrolled trip. A mail server that is down does not undo the trip. */
  async function confirmTrip(travellerId: number, tripId: number): Promise<void> {
    const [profile, trips] = await Promise.all([getProfile(ctx, travellerId), listTrips(ctx, travellerId)]);
    const trip = trips.find((t) => t.id === tripId);
    if (!profile || !trip) return;
    const destinations = trip.destinations.map((d) => ({ name: d.name, code: d.code, region: regionLabel(d.region), level: d.level }));
    // In the traveller's language of messages, as every other message to them.
    await ctx.mail.send(tripConfirmationMail(ctx, profile.email, travellerId, { start: trip.start, end: trip.end, destinations }, await readIdentity(ctx.db), profile.language)).catch((error: { responseCode?: number }) => {
      // Not the error's message: SMTP replies often quote the address.
      app.log.warn({ smtpCode: error.responseCode }, 'trip confirmation e-mail not sent');
    });
  }

  const tripInput = (body: FormBody): TripInput => {
    const destinations = all(body.destination);
    const regions = all(body.region);
    // JSON clients send destinations: [{ destination, region }]; forms send parallel destination/region fields.
    const given = (body as { destinations?: unknown }).destinations;
    // Every element must be an object before validation reads its fields: `[null]` was a 500.
    if (Array.isArray(given) && !given.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d))) {
      throw new EnrolmentError('Each of destinations must be an object: { "destination": "FR", "region": "" }.', 400, 'destination');
    }
    const list = Array.isArray(given) ? (given as TripInput['destinations']) : destinations.map((destination, i) => ({ destination: destinationInput(destination), region: regions[i] ?? '' }));
    return { destinations: list, start: first(body.start), end: first(body.end), residing: first(body.residing) };
  };

  app.post('/account/trips', hide, action(async (session, body) => {
    const id = await addTrip(ctx, session.travellerId, tripInput(body));
    await confirmTrip(session.travellerId, id);
    return { notice: 'trip', anchor: 'trips', json: { id }, status: 201 };
  }));

  app.get('/account/trips/:id/edit', hide, async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const id = idParam(request);
    const trip = id === null ? undefined : (await listTrips(ctx, session.travellerId)).find((t) => t.id === id && !t.cancelledAt);
    const profile = await getProfile(ctx, session.travellerId);
    const reader = readerOf(request, profile?.language);
    const { tr } = reader;
    if (!trip) return page(reply, messagePage(publicUrl, tr.t('accountTrips.noSuchTrip'), [tr.t('accountTrips.noSuchTripText')], html`<p><a href="/account#trips">${tr.t('accountTrips.yourTrips')}</a></p>`, reader), 404);
    return page(reply, tripEditPage(publicUrl, reader, trip, session.csrfToken));
  });

  app.post('/account/trips/:id', hide, action(async (session, body, request) => {
    await updateTrip(ctx, session.travellerId, idOf(request), tripInput(body));
    return { notice: 'trip-saved', anchor: 'trips' };
  }));

  app.post('/account/trips/:id/cancel', hide, action(async (session, _body, request) => {
    await cancelTrip(ctx, session.travellerId, idOf(request));
    return { notice: 'trip-cancelled', anchor: 'trips' };
  }));
}

/** What was typed into the enrol form, to show it again when it is refused. */
export function tripDraft(body: FormBody): TripDraft {
  const cut = (text: string | undefined) => (text ?? '').slice(0, 100);
  return { destinations: all(body.destination).map(cut), regions: all(body.region).map(cut), start: cut(first(body.start)), end: cut(first(body.end)), residing: !!first(body.residing) };
}

/** The trips card of the account page: trips ahead or under way, the enrol form (with a refused draft and why), ended and cancelled ones. */
export function tripsSection(tr: Translator, trips: readonly TripView[], today: string, csrf: string, refused?: { draft: TripDraft; problem: string }): SafeHtml {
  const active = trips.filter((t) => !t.cancelledAt && (t.end === null || t.end >= today));
  const past = trips.filter((t) => !active.includes(t));
  const names = (trip: TripView) => tr.list(trip.destinations.map((d) => destinationName(d.code, tr.locale)));
  return html`<section class="card" id="trips" aria-labelledby="trips-title">
<h2 id="trips-title">${tr.t('accountTrips.yourTrips')}</h2>
${active.length ? html`<ul class="items">${active.map((trip) => tripItem(tr, trip, csrf))}</ul>` : html`<p class="empty">${tr.t('accountTrips.none')}</p>`}
<h3>${tr.t('accountTrips.enrol')}</h3>
${refused ? html`<p class="problem" id="trip-problem">${tr.t('accountTrips.refused', { problem: refused.problem })}</p>` : ''}
${tripForm(tr, { action: '/account/trips', csrf, submit: tr.t('accountTrips.enrolSubmit'), ...(refused ? { draft: refused.draft } : {}) })}
${past.length ? html`<h3>${tr.t('accountTrips.past')}</h3><ul class="items">${past.map((trip) => html`<li><div class="item-main"><span class="item-title">${names(trip)}</span><span class="item-meta">${tr.t('accountTrips.pastMeta', { dates: dates(trip.start, trip.end, tr), state: trip.cancelledAt ? 'cancelled' : 'ended' })}</span></div></li>`)}</ul>` : ''}
</section>`;
}

function tripItem(tr: Translator, trip: TripView, csrf: string): SafeHtml {
  return html`<li><div class="item-main">
<span class="item-title">${trip.destinations.map((d, i) => html`${i ? ', ' : ''}${destinationName(d.code, tr.locale)}${d.region ? html` — ${regionLabel(d.region)}` : ''} ${badge(d.level, tr)}${d.departureUrged ? html` <span class="tag-urgent">${tr.t('accountTrips.leaveNow')}</span>` : ''}`)}</span>
<span class="item-meta">${dates(trip.start, trip.end, tr)}${trip.organisation ? ` · ${tr.t('accountTrips.enrolledBy', { organisation: trip.organisation })}` : ''}</span>
${trip.alerts.length ? html`<ul class="trip-alerts">${trip.alerts.map((a) => html`<li><span class="tag-urgent">${a.severity}</span> <a href="/alerts/${a.id}/">${a.headline}</a></li>`)}</ul>` : ''}</div>
<div class="actions"><a class="btn secondary" href="/account/trips/${trip.id}/edit">${tr.t('accountTrips.edit')}<span class="visually-hidden"> ${tr.t('accountTrips.editWhich', { start: tr.date(trip.start) })}</span></a>
<form method="post" action="/account/trips/${trip.id}/cancel">${csrfField(csrf)}<button class="secondary" type="submit">${tr.t('accountTrips.cancel')}</button></form></div></li>`;
}

function tripForm(tr: Translator, options: { action: string; csrf: string; submit: string; trip?: TripView; draft?: TripDraft }): SafeHtml {
  const stops = options.trip?.destinations ?? [];
  const { draft } = options;
  const rows = [0, 1, 2].map((i) => ({ destination: draft?.destinations[i] ?? (stops[i] ? destinationName(stops[i].code, tr.locale) : ''), region: draft?.regions[i] ?? stops[i]?.region ?? '' }));
  const residing = draft ? draft.residing : options.trip ? options.trip.end === null : false;
  const start = draft?.start ?? options.trip?.start ?? '';
  const end = draft?.end ?? options.trip?.end ?? '';
  return html`<form method="post" action="${options.action}">${csrfField(options.csrf)}
${rows.map((row, i) => html`<div class="stop">
<div class="field"><label for="destination-${i}">${i === 0 ? tr.t('accountTrips.destination') : tr.t('accountTrips.anotherDestination')}</label><input id="destination-${i}" name="destination" type="text" list="destination-names" autocomplete="off" value="${row.destination}"${i === 0 ? html` required placeholder="${tr.t('accountTrips.destinationExample')}"` : ''}></div>
<div class="field"><label for="region-${i}">${tr.t('accountTrips.region')}</label><input id="region-${i}" name="region" type="text" maxlength="100" value="${row.region}" list="places-${i}" autocomplete="off" data-places="destination-${i}"${draft ? html` aria-describedby="trip-problem"` : ''} placeholder="${i === 0 ? tr.t('accountTrips.regionExample') : ''}"><datalist id="places-${i}"></datalist></div>
</div>`)}
<div class="form-grid">
<div class="field"><label for="start">${tr.t('accountTrips.start')}</label><input id="start" name="start" type="date" required value="${start}"></div>
<div class="field"><label for="end">${tr.t('accountTrips.end')}</label><input id="end" name="end" type="date" value="${end}"></div>
<div class="field checks"><label><input type="checkbox" name="residing" value="on"${residing ? html` checked` : ''}> ${tr.t('accountTrips.residing')}</label></div>
</div>
<button type="submit">${options.submit}</button>
</form>`;
}

function tripEditPage(publicUrl: string, reader: Reader, trip: TripView, csrf: string, flashed: Flash = {}): string {
  const { tr } = reader;
  return accountPage(publicUrl, tr.t('accountTrips.editTitle'), html`${destinationList(tr)}
<p class="back"><a href="/account#trips">${tr.t('account.backArrow')}</a></p>
<h1>${tr.t('accountTrips.editTitle')}</h1>
${flash(flashed)}
<div class="card">${tripForm(tr, { action: `/account/trips/${trip.id}`, csrf, submit: tr.t('accountTrips.save'), trip })}</div>`, reader);
}
