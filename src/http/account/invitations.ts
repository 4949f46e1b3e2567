import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EnrolmentError } from '../../enrolment/context.ts';
import { acceptInvitation, declineInvitation, invitationFromToken, type InvitationView } from '../../enrolment/invitations.ts';
import { quotedName } from '../../enrolment/organisation-mail.ts';
import { signToken, verifyToken } from '../../security/signed-links.ts';
import { first, formOf } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../replies.ts';
import { getProfile } from '../../enrolment/profile.ts';
import { findDestination } from '../../enrolment/validation.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import type { Translator } from '../../i18n/translator.ts';
import { message } from '../html-messages.ts';
import { enrolmentErrorText } from './errors.ts';
import { csrfField, dates, messagePage, readerOf, type Reader } from './layout.ts';
import { hide, idOf, type AccountScope } from './scope.ts';
import { accountIdentity } from './layout.ts';

/**
 * Invitations from organisations to people who already have an account (src/enrolment/invitations.ts):
 * accepted or declined on the account page (signed in), or on the page the e-mail's signed link
 * opens (/account/invitation?token=…), whose form carries a signed form token and is refused
 * from other sites. Nothing is attached to the account before "Accept".
 */

/** A form post from this site: browsers say so (Sec-Fetch-Site), and an Origin, when sent, is ours. */
function sameSite(request: FastifyRequest, publicUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  return origin === undefined || origin === new URL(publicUrl).origin;
}

export async function invitationRoutes(app: FastifyInstance, { ctx, publicUrl, action }: AccountScope): Promise<void> {
  const formToken = (invitationId: number) => signToken(ctx.config.secret, 'form', { f: 'invitation', i: invitationId }, { now: ctx.now() });
  const refusal = (reader: Reader, error: EnrolmentError) =>
    messagePage(publicUrl, reader.tr.t(error.status === 410 ? 'accountTrips.invitation.closedTitle' : 'accountTrips.invitation.badLinkTitle'), [enrolmentErrorText(reader.tr, error)], undefined, reader);
  /** The invitee's language: their own choice, then their profile's. */
  const readerFor = async (request: FastifyRequest, travellerId: number | undefined) =>
    readerOf(request, travellerId === undefined ? null : (await getProfile(ctx, travellerId))?.language, '/account');

  // GET only shows the invitation: mail scanners that fetch links must not accept it.
  app.get<{ Querystring: { token?: string } }>('/account/invitation', hide, async (request, reply) => {
    try {
      const { travellerId, invitation } = await invitationFromToken(ctx, request.query.token);
      const reader = await readerFor(request, travellerId);
      return page(reply, invitationPage(publicUrl, { ...reader, here: request.url }, invitation, { token: String(request.query.token), form: formToken(invitation.id) }));
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      return page(reply, refusal(readerOf(request), error), error.status);
    }
  });

  app.post('/account/invitation', hide, async (request, reply) => {
    const body = formOf(request);
    const decision = first(body.decision);
    try {
      const { travellerId, invitation } = await invitationFromToken(ctx, first(body.token));
      const reader = await readerFor(request, travellerId);
      const { tr } = reader;
      const form = verifyToken<{ f: string; i: number }>(ctx.config.secret, 'form', first(body._form), { now: ctx.now() });
      if (!sameSite(request, publicUrl) || !form.ok || form.data.f !== 'invitation' || form.data.i !== invitation.id) {
        return page(reply, messagePage(publicUrl, tr.t('account.tryAgainTitle'), [tr.t('accountTrips.invitation.outOfDate')], undefined, reader), 403);
      }
      const yourAccount = html`<p><a class="btn secondary" href="/account">${tr.t('account.yourAccount')}</a></p>`;
      if (decision === 'accept') {
        const { trips } = await acceptInvitation(ctx, travellerId, invitation.id);
        return page(reply, messagePage(publicUrl, tr.t('accountTrips.invitation.acceptedTitle'), [
          tr.t('accountTrips.invitation.accepted', { organisation: quotedName(invitation.organisation), authority: accountIdentity().authorityName, trips }),
        ], yourAccount, reader));
      }
      if (decision === 'decline') {
        await declineInvitation(ctx, travellerId, invitation.id);
        return page(reply, messagePage(publicUrl, tr.t('accountTrips.invitation.declinedTitle'), [tr.t('accountTrips.invitation.declined')], yourAccount, reader));
      }
      return page(reply, messagePage(publicUrl, tr.t('accountTrips.invitation.chooseTitle'), [tr.t('accountTrips.invitation.choose')], undefined, reader), 400);
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      return page(reply, refusal(readerOf(request), error), error.status);
    }
  });

  app.post('/account/invitations/:id/accept', hide, action(async (session, _body, request) => {
    const { trips } = await acceptInvitation(ctx, session.travellerId, idOf(request));
    return { notice: 'invitation-accepted', anchor: 'trips', json: { trips } };
  }));

  app.post('/account/invitations/:id/decline', hide, action(async (session, _body, request) => {
    await declineInvitation(ctx, session.travellerId, idOf(request));
    return { notice: 'invitation-declined', anchor: 'invitations' };
  }));
}

/** "Russia (Moscow), 2 December 2026 – 9 December 2026" for each trip of an invitation. */
const tripLines = (tr: Translator, invitation: InvitationView) => invitation.trips.map((t) => {
  const found = findDestination(t.destination);
  const name = found ? destinationName(found.code, tr.locale) : t.destination;
  return `${name}${t.region ? ` (${t.region})` : ''}, ${dates(t.start, t.end, tr)}`;
});

/** The name an organisation gave itself, quoted as ours to show (src/enrolment/organisation-mail.ts), without the quotes. */
const calledItself = (organisation: string) => quotedName(organisation).slice(1, -1);

function invitationPage(publicUrl: string, reader: Reader, invitation: InvitationView, form: { token: string; form: string }): string {
  const { tr } = reader;
  return messagePage(publicUrl, tr.t('accountTrips.invitation.title'), [
    message(tr, 'accountTrips.invitation.asks', { organisation: html`<q>${calledItself(invitation.organisation)}</q>`, authority: accountIdentity().authorityName }),
  ], html`<ul>${tripLines(tr, invitation).map((line) => html`<li>${line}</li>`)}</ul>
<p>${tr.t('accountTrips.invitation.ifAccept')}</p>
<form method="post" action="/account/invitation"><input type="hidden" name="token" value="${form.token}"><input type="hidden" name="_form" value="${form.form}">
<button type="submit" name="decision" value="accept">${tr.t('accountTrips.invitation.accept')}</button> <button type="submit" name="decision" value="decline" class="secondary">${tr.t('accountTrips.invitation.decline')}</button></form>`, reader);
}

/** The invitations card of the account page (only when there are some). */
export function invitationsSection(tr: Translator, invitations: readonly InvitationView[], csrf: string): SafeHtml | '' {
  if (invitations.length === 0) return '';
  return html`<section class="card" id="invitations" aria-labelledby="invitations-title">
<h2 id="invitations-title">${tr.t('accountTrips.invitation.heading')}</h2>
<p>${tr.t('accountTrips.invitation.nothingUntil')}</p>
<ul class="items">${invitations.map((i) => html`<li><div class="item-main"><span class="item-title">${message(tr, 'accountTrips.invitation.from', { organisation: html`<q>${calledItself(i.organisation)}</q>` })}</span>
<span class="item-meta">${tr.t('accountTrips.invitation.trips', { count: i.trips.length, list: tripLines(tr, i).join('; ') })}</span></div>
<form method="post" action="/account/invitations/${i.id}/accept">${csrfField(csrf)}<button type="submit" aria-label="${tr.t('accountTrips.invitation.acceptOf', { organisation: i.organisation })}">${tr.t('accountTrips.invitation.accept')}</button></form>
<form method="post" action="/account/invitations/${i.id}/decline">${csrfField(csrf)}<button type="submit" class="secondary" aria-label="${tr.t('accountTrips.invitation.declineOf', { organisation: i.organisation })}">${tr.t('accountTrips.invitation.decline')}</button></form></li>`)}</ul>
</section>`;
}
