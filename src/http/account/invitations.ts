import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EnrolmentError } from '../../enrolment/context.ts';
import { acceptInvitation, declineInvitation, invitationFromToken, type InvitationView } from '../../enrolment/invitations.ts';
import { quotedName } from '../../enrolment/organisation-mail.ts';
import { signToken, verifyToken } from '../../security/signed-links.ts';
import { first, formOf } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../replies.ts';
import { csrfField, dates, messagePage } from './layout.ts';
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
  const refusal = (error: EnrolmentError) => messagePage(publicUrl, error.status === 410 ? 'This invitation is closed' : 'This link does not work', [error.message]);

  // GET only shows the invitation: mail scanners that fetch links must not accept it.
  app.get<{ Querystring: { token?: string } }>('/account/invitation', hide, async (request, reply) => {
    try {
      const { invitation } = await invitationFromToken(ctx, request.query.token);
      return page(reply, invitationPage(publicUrl, invitation, { token: String(request.query.token), form: formToken(invitation.id) }));
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      return page(reply, refusal(error), error.status);
    }
  });

  app.post('/account/invitation', hide, async (request, reply) => {
    const body = formOf(request);
    const decision = first(body.decision);
    try {
      const { travellerId, invitation } = await invitationFromToken(ctx, first(body.token));
      const form = verifyToken<{ f: string; i: number }>(ctx.config.secret, 'form', first(body._form), { now: ctx.now() });
      if (!sameSite(request, publicUrl) || !form.ok || form.data.f !== 'invitation' || form.data.i !== invitation.id) {
        return page(reply, messagePage(publicUrl, 'Please try again', ['This form was out of date or did not come from this site. Open the link in the e-mail again.']), 403);
      }
      if (decision === 'accept') {
        const { trips } = await acceptInvitation(ctx, travellerId, invitation.id);
        return page(reply, messagePage(publicUrl, 'Invitation accepted', [`You are now a member of ${quotedName(invitation.organisation)} with ${accountIdentity().authorityName} travel advisories; ${trips} trip${trips === 1 ? ' was' : 's were'} added to your account.`], signInLink));
      }
      if (decision === 'decline') {
        await declineInvitation(ctx, travellerId, invitation.id);
        return page(reply, messagePage(publicUrl, 'Invitation declined', ['Nothing was added to your account, and the organisation is not told.'], signInLink));
      }
      return page(reply, messagePage(publicUrl, 'Choose an answer', ['Press "Accept" or "Decline".']), 400);
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      return page(reply, refusal(error), error.status);
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

const signInLink = html`<p><a class="btn secondary" href="/account">Your account</a></p>`;

function tripList(invitation: InvitationView): SafeHtml {
  return html`<ul>${invitation.trips.map((t) => html`<li>${t.destination}${t.region ? ` (${t.region})` : ''}, ${dates(t.start, t.end)}</li>`)}</ul>`;
}

function invitationPage(publicUrl: string, invitation: InvitationView, form: { token: string; form: string }): string {
  return messagePage(publicUrl, 'An invitation from an organisation', [
    html`An organisation that calls itself <q>${quotedName(invitation.organisation).slice(1, -1)}</q> asks to add you as a member with ${accountIdentity().authorityName} travel advisories, with these trips:`,
  ], html`${tripList(invitation)}
<p>If you accept, it sees these trips (where and when) with their advisory levels, and you get messages about them. If you decline, or do nothing, nothing is added and it is not told.</p>
<form method="post" action="/account/invitation"><input type="hidden" name="token" value="${form.token}"><input type="hidden" name="_form" value="${form.form}">
<button type="submit" name="decision" value="accept">Accept</button> <button type="submit" name="decision" value="decline" class="secondary">Decline</button></form>`);
}

/** The invitations card of the account page (only when there are some). */
export function invitationsSection(invitations: readonly InvitationView[], csrf: string): SafeHtml | '' {
  if (invitations.length === 0) return '';
  return html`<section class="card" id="invitations" aria-labelledby="invitations-title">
<h2 id="invitations-title">Invitations</h2>
<p>Nothing from these is in your account until you accept.</p>
<ul class="items">${invitations.map((i) => html`<li><div class="item-main"><span class="item-title">An organisation that calls itself <q>${quotedName(i.organisation).slice(1, -1)}</q></span>
<span class="item-meta">${i.trips.length} trip${i.trips.length === 1 ? '' : 's'}: ${i.trips.map((t) => `${t.destination}${t.region ? ` (${t.region})` : ''}, ${dates(t.start, t.end)}`).join('; ')}</span></div>
<form method="post" action="/account/invitations/${i.id}/accept">${csrfField(csrf)}<button type="submit" aria-label="Accept the invitation of ${i.organisation}">Accept</button></form>
<form method="post" action="/account/invitations/${i.id}/decline">${csrfField(csrf)}<button type="submit" class="secondary" aria-label="Decline the invitation of ${i.organisation}">Decline</button></form></li>`)}</ul>
</section>`;
}
