import { translator } from '../../i18n/translator.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MESSAGE_SUBJECT_MAX, MESSAGE_TEXT_MAX, mayMessage } from '../../domain/organisation-messages.ts';
import { findByCode } from '../../domain/destinations.ts';
import { EnrolmentError } from '../../enrolment/context.ts';
import { DailyLimitError } from '../../enrolment/daily-limit.ts';
import { quotedName } from '../../enrolment/organisation-mail.ts';
import { previewOrganisationMessage, sendOrganisationMessage, type MessagePreview, type SentMessageRecord } from '../../enrolment/organisation-messages.ts';
import { adminOrganisation, type OrganisationSummary } from '../../enrolment/organisations.ts';
import { first, formOf, type FormBody } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page } from '../replies.ts';
import { accountIdentity, accountPage, csrfField, destinationList, flash, messagePage, type Flash } from './layout.ts';
import { hide, idOf, wantsJson, type AccountScope } from './scope.ts';

/**
 * "Message my people" on an organisation's pages (docs/enrolment.md): the form, the preview with the
 * number of people it reaches, and the send. Only an admin of the organisation, and only while it
 * is verified: an unverified or withdrawn one gets a 403 with the reason on every route (the
 * rule is src/domain/organisation-messages.ts mayMessage; the services ask it again when sending,
 * and the worker when fanning out). The same routes answer JSON to API clients.
 */

interface Draft {
  subject: string;
  text: string;
  audience: string;
  destinations: string;
}

function draftOf(body: FormBody | Record<string, unknown>): Draft {
  const text = (v: unknown) => first(v) ?? '';
  // An API client may send destinations as a list; a form sends one text.
  const destinations = Array.isArray(body.destinations) ? body.destinations.filter((x): x is string => typeof x === 'string').join(', ') : text(body.destinations);
  return { subject: text(body.subject), text: text(body.text), audience: text(body.audience) || 'all', destinations };
}

function messageForm(publicUrl: string, organisation: OrganisationSummary, csrf: string, draft: Draft, message: Flash = {}): string {
  return accountPage(publicUrl, `Message my people – ${organisation.name}`, html`
<p class="back"><a href="/account/organisations/${organisation.id}">← Back to ${organisation.name}</a></p>
<h1>Message my people</h1>
${flash(message)}
<section class="card" aria-labelledby="compose-title"><h2 id="compose-title">Write the message</h2>
<p class="small">It goes by e-mail (and webhook, where a person has one) from ${accountIdentity().authorityName}, saying it is sent on behalf of ${quotedName(organisation.name)}. You see who it reaches before it goes.</p>
<form method="post" action="/account/organisations/${organisation.id}/message/preview">${csrfField(csrf)}
<div class="field"><label for="msg-subject">Subject</label><input id="msg-subject" name="subject" type="text" maxlength="${MESSAGE_SUBJECT_MAX}" required value="${draft.subject}"></div>
<div class="field"><label for="msg-text">Message</label><textarea id="msg-text" name="text" rows="8" maxlength="${MESSAGE_TEXT_MAX}" required>${draft.text}</textarea></div>
<fieldset class="field"><legend>Who receives it</legend>
<label><input type="radio" name="audience" value="all"${draft.audience !== 'travelling' ? html` checked` : ''}> All members of ${organisation.name}</label><br>
<label><input type="radio" name="audience" value="travelling"${draft.audience === 'travelling' ? html` checked` : ''}> Only those travelling now (a trip you enrolled, under way today)</label></fieldset>
<div class="field"><label for="msg-destinations">Only those now in (optional, with "travelling now")</label><input id="msg-destinations" name="destinations" type="text" list="destination-names" value="${draft.destinations}" aria-describedby="msg-destinations-hint">
<p class="small" id="msg-destinations-hint">Destinations by name or code, separated by commas: "Russia, Ukraine".</p></div>
<button type="submit">Preview</button>
</form>${destinationList(translator('en'))}</section>`);
}

function previewPage(publicUrl: string, organisation: OrganisationSummary, csrf: string, preview: MessagePreview, draft: Draft): string {
  const { message } = preview;
  const hidden = html`${csrfField(csrf)}<input type="hidden" name="subject" value="${draft.subject}"><input type="hidden" name="text" value="${draft.text}"><input type="hidden" name="audience" value="${draft.audience}"><input type="hidden" name="destinations" value="${draft.destinations}">`;
  const who = message.audience === 'all' ? `all members of ${organisation.name}` : `members travelling now${message.destinations.length ? ` in ${message.destinations.map((c) => findByCode(c)?.name ?? c).join(', ')}` : ''}`;
  return accountPage(publicUrl, `Preview – ${organisation.name}`, html`
<p class="back"><a href="/account/organisations/${organisation.id}">← Back to ${organisation.name}</a></p>
<h1>Preview your message</h1>
<p id="recipients" class="notice">It goes to <strong>${preview.people}</strong> ${preview.people === 1 ? 'person' : 'people'} (${who}): <strong>${preview.deliveries}</strong> ${preview.deliveries === 1 ? 'message' : 'messages'}, one per e-mail address or webhook.</p>
<section class="card" aria-labelledby="preview-title"><h2 id="preview-title">As they will read it</h2>
<p><strong>From:</strong> ${accountIdentity().authorityName}<br><strong>Subject:</strong> ${quotedName(organisation.name)}: ${message.subject}</p>
<p><strong>Sent on behalf of ${quotedName(organisation.name)} by ${accountIdentity().authorityName}.</strong></p>
<p style="white-space: pre-line">${message.text}</p></section>
<form method="post" action="/account/organisations/${organisation.id}/message">${hidden}<button type="submit">Send to ${preview.people} ${preview.people === 1 ? 'person' : 'people'}</button></form>
<form method="post" action="/account/organisations/${organisation.id}/message/edit">${hidden}<button type="submit" class="secondary">Change it</button></form>`);
}

/** The card on the organisation's page: the way in, and what was sent. */
export function messagesSection(organisation: OrganisationSummary, sent: readonly SentMessageRecord[]): SafeHtml {
  const permission = mayMessage(organisation.state);
  return html`<section class="card" id="messages" aria-labelledby="messages-title"><h2 id="messages-title">Message my people</h2>
${permission.ok ? html`<p><a class="btn" href="/account/organisations/${organisation.id}/message">Write to your people</a></p>` : html`<p class="small">Only verified organisations can message their people. ${permission.reason}</p>`}
${sent.length ? html`<ul class="items">${sent.map((m) => html`<li><div class="item-main"><span class="item-title">${m.subject}</span><span class="item-meta">${m.sentAt.slice(0, 16).replace('T', ' ')} UTC · ${m.people} ${m.people === 1 ? 'person' : 'people'} · ${m.audience === 'all' ? 'all members' : `travelling now${m.destinations.length ? ` in ${m.destinations.join(', ')}` : ''}`}</span></div></li>`)}</ul>` : ''}
</section>`;
}

export async function organisationMessageRoutes(app: FastifyInstance, { ctx, publicUrl, requireSession }: AccountScope): Promise<void> {
  /** The organisation if the traveller administers it and it may message now; otherwise the refusal is sent (404, or 403 with why). */
  async function allowed(request: FastifyRequest, reply: FastifyReply, travellerId: number): Promise<OrganisationSummary | null> {
    try {
      const organisation = await adminOrganisation(ctx, travellerId, idOf(request));
      const permission = mayMessage(organisation.state);
      if (!permission.ok) throw new EnrolmentError(permission.reason, 403);
      return organisation;
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      if (wantsJson(request)) sendProblem(reply, error.status, error.message);
      else page(reply, messagePage(publicUrl, error.status === 403 ? 'Not allowed' : 'Not found', [error.message]), error.status);
      return null;
    }
  }

  const refusal = (request: FastifyRequest, reply: FastifyReply, organisation: OrganisationSummary, csrf: string, draft: Draft, error: unknown) => {
    if (!(error instanceof EnrolmentError)) throw error;
    if (error instanceof DailyLimitError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
    return page(reply, messageForm(publicUrl, organisation, csrf, draft, { problem: error.message }), error.status);
  };

  /** A route of an organisation this admin may message now: the session, the organisation and the draft sent; refusals are answered here. */
  type Handler = (reply: FastifyReply, request: FastifyRequest, at: { travellerId: number; csrf: string; organisation: OrganisationSummary; draft: Draft; body: Record<string, unknown> }) => Promise<unknown>;
  const messaging = (run: Handler) => async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const organisation = await allowed(request, reply, session.travellerId);
    if (!organisation) return reply;
    const body = formOf(request);
    const draft = draftOf(body);
    const at = { travellerId: session.travellerId, csrf: session.csrfToken, organisation, draft, body: { ...body, destinations: draft.destinations } };
    try {
      return await run(reply, request, at);
    } catch (error) {
      return refusal(request, reply, organisation, session.csrfToken, draft, error);
    }
  };

  app.get('/account/organisations/:id/message', hide, messaging(async (reply, _request, { organisation, csrf }) =>
    page(reply, messageForm(publicUrl, organisation, csrf, { subject: '', text: '', audience: 'all', destinations: '' }))));

  app.post('/account/organisations/:id/message/edit', hide, messaging(async (reply, _request, { organisation, csrf, draft }) =>
    page(reply, messageForm(publicUrl, organisation, csrf, draft))));

  app.post('/account/organisations/:id/message/preview', hide, messaging(async (reply, request, { travellerId, organisation, csrf, draft, body }) => {
    const preview = await previewOrganisationMessage(ctx, travellerId, organisation.id, body);
    if (wantsJson(request)) return { ...preview.message, people: preview.people, deliveries: preview.deliveries };
    return page(reply, previewPage(publicUrl, organisation, csrf, preview, draft));
  }));

  app.post('/account/organisations/:id/message', hide, messaging(async (reply, request, { travellerId, organisation, body }) => {
    const sent = await sendOrganisationMessage(ctx, travellerId, organisation.id, body);
    if (wantsJson(request)) return reply.code(202).send(sent);
    return reply.redirect(`/account/organisations/${organisation.id}?sent=${sent.people}#messages`, 303);
  }));
}
