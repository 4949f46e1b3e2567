import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MESSAGE_SUBJECT_MAX, MESSAGE_TEXT_MAX, mayMessage } from '../../domain/organisation-messages.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import type { Translator } from '../../i18n/translator.ts';
import { getProfile } from '../../enrolment/profile.ts';
import { onBehalfOf } from '../../notify/organisation-messages.ts';
import { EnrolmentError } from '../../enrolment/context.ts';
import { DailyLimitError } from '../../enrolment/daily-limit.ts';
import { quotedName } from '../../enrolment/organisation-mail.ts';
import { previewOrganisationMessage, sendOrganisationMessage, type MessagePreview, type SentMessageRecord } from '../../enrolment/organisation-messages.ts';
import { adminOrganisation, type OrganisationSummary } from '../../enrolment/organisations.ts';
import { first, formOf, type FormBody } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page } from '../replies.ts';
import { accountIdentity, accountPage, csrfField, destinationList, flash, messagePage, readerOf, type Flash, type Reader } from './layout.ts';
import { hide, idOf, organisationMenuHref, wantsJson, type AccountScope } from './scope.ts';
import { enrolmentErrorText } from './errors.ts';

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

function messageForm(publicUrl: string, reader: Reader, organisation: OrganisationSummary, csrf: string, draft: Draft, message: Flash = {}): string {
  const { tr } = reader;
  return accountPage(publicUrl, tr.t('accountOrganisations.message.pageTitle', { organisation: organisation.name }), html`
<p class="back"><a href="/account/organisations/${organisation.id}">${tr.t('accountOrganisations.backTo', { organisation: organisation.name })}</a></p>
<h1>${tr.t('accountOrganisations.message.title')}</h1>
${flash(message)}
<section class="card" aria-labelledby="compose-title"><h2 id="compose-title">${tr.t('accountOrganisations.message.write')}</h2>
<p class="small">${tr.t('accountOrganisations.message.how', { authority: accountIdentity().authorityName, organisation: quotedName(organisation.name) })}</p>
<form method="post" action="/account/organisations/${organisation.id}/message/preview">${csrfField(csrf)}
<div class="field"><label for="msg-subject">${tr.t('accountOrganisations.message.subject')}</label><input id="msg-subject" name="subject" type="text" maxlength="${MESSAGE_SUBJECT_MAX}" required value="${draft.subject}"></div>
<div class="field"><label for="msg-text">${tr.t('accountOrganisations.message.text')}</label><textarea id="msg-text" name="text" rows="8" maxlength="${MESSAGE_TEXT_MAX}" required>${draft.text}</textarea></div>
<fieldset class="field"><legend>${tr.t('accountOrganisations.message.who')}</legend>
<label><input type="radio" name="audience" value="all"${draft.audience !== 'travelling' ? html` checked` : ''}> ${tr.t('accountOrganisations.message.all', { organisation: organisation.name })}</label><br>
<label><input type="radio" name="audience" value="travelling"${draft.audience === 'travelling' ? html` checked` : ''}> ${tr.t('accountOrganisations.message.travelling')}</label></fieldset>
<div class="field"><label for="msg-destinations">${tr.t('accountOrganisations.message.onlyIn')}</label><input id="msg-destinations" name="destinations" type="text" list="destination-names" value="${draft.destinations}" aria-describedby="msg-destinations-hint">
<p class="small" id="msg-destinations-hint">${tr.t('accountOrganisations.message.onlyInHint')}</p></div>
<button type="submit">${tr.t('accountOrganisations.message.preview')}</button>
</form>${destinationList(tr)}</section>`, reader);
}

/** The destinations a message is limited to, named in the reader's language. */
const places = (tr: Translator, codes: readonly string[]) => tr.list(codes.map((c) => destinationName(c, tr.locale)));

function previewPage(publicUrl: string, reader: Reader, organisation: OrganisationSummary, csrf: string, preview: MessagePreview, draft: Draft): string {
  const { tr } = reader;
  const { message } = preview;
  const hidden = html`${csrfField(csrf)}<input type="hidden" name="subject" value="${draft.subject}"><input type="hidden" name="text" value="${draft.text}"><input type="hidden" name="audience" value="${draft.audience}"><input type="hidden" name="destinations" value="${draft.destinations}">`;
  const who = message.audience === 'all' ? tr.t('accountOrganisations.preview.whoAll', { organisation: organisation.name })
    : message.destinations.length ? tr.t('accountOrganisations.preview.whoTravellingIn', { places: places(tr, message.destinations) }) : tr.t('accountOrganisations.preview.whoTravelling');
  const authority = accountIdentity().authorityName;
  // The frame as the recipients read it: each in their own language; the admin sees it in theirs.
  return accountPage(publicUrl, tr.t('accountOrganisations.preview.pageTitle', { organisation: organisation.name }), html`
<p class="back"><a href="/account/organisations/${organisation.id}">${tr.t('accountOrganisations.backTo', { organisation: organisation.name })}</a></p>
<h1>${tr.t('accountOrganisations.preview.title')}</h1>
<p id="recipients" class="notice">${tr.parts('accountOrganisations.preview.reach', { count: html`<strong>${tr.number(preview.people)}</strong>`, people: preview.people, who, deliveryCount: html`<strong>${tr.number(preview.deliveries)}</strong>`, deliveries: preview.deliveries })}</p>
<section class="card" aria-labelledby="preview-title"><h2 id="preview-title">${tr.t('accountOrganisations.preview.asRead')}</h2>
<p><strong>${tr.t('accountOrganisations.preview.from')}</strong> ${authority}<br><strong>${tr.t('accountOrganisations.preview.subject')}</strong> ${quotedName(organisation.name)}: ${message.subject}</p>
<p><strong>${onBehalfOf(authority, organisation.name, tr)}</strong></p>
<p style="white-space: pre-line">${message.text}</p></section>
<form method="post" action="/account/organisations/${organisation.id}/message">${hidden}<button type="submit">${tr.t('accountOrganisations.preview.send', { people: preview.people })}</button></form>
<form method="post" action="/account/organisations/${organisation.id}/message/edit">${hidden}<button type="submit" class="secondary">${tr.t('accountOrganisations.preview.change')}</button></form>`, reader);
}

/** The card on the organisation's page: the way in, and what was sent. */
export function messagesSection(tr: Translator, organisation: OrganisationSummary, sent: readonly SentMessageRecord[]): SafeHtml {
  const permission = mayMessage(organisation.state);
  const who = (m: SentMessageRecord) => (m.audience === 'all' ? tr.t('accountOrganisations.sent.all')
    : m.destinations.length ? tr.t('accountOrganisations.sent.travellingIn', { places: places(tr, m.destinations) }) : tr.t('accountOrganisations.sent.travelling'));
  return html`<section class="card" id="messages" aria-labelledby="messages-title"><h2 id="messages-title">${tr.t('accountOrganisations.message.title')}</h2>
${permission.ok ? html`<p><a class="btn" href="/account/organisations/${organisation.id}/message">${tr.t('accountOrganisations.sent.way')}</a></p>` : html`<p class="small">${tr.t('accountOrganisations.sent.onlyVerified', { reason: enrolmentErrorText(tr, { message: permission.reason }) })}</p>`}
${sent.length ? html`<ul class="items">${sent.map((m) => html`<li><div class="item-main"><span class="item-title">${m.subject}</span><span class="item-meta">${tr.t('accountOrganisations.sent.meta', { when: m.sentAt.slice(0, 16).replace('T', ' '), people: m.people, who: who(m) })}</span></div></li>`)}</ul>` : ''}
</section>`;
}

export async function organisationMessageRoutes(app: FastifyInstance, { ctx, publicUrl, requireSession }: AccountScope): Promise<void> {
  /** The organisation if the traveller administers it and it may message now; otherwise the refusal is sent (404, or 403 with why). */
  async function allowed(request: FastifyRequest, reply: FastifyReply, travellerId: number, reader: Reader): Promise<OrganisationSummary | null> {
    try {
      const organisation = await adminOrganisation(ctx, travellerId, idOf(request));
      const permission = mayMessage(organisation.state);
      if (!permission.ok) throw new EnrolmentError(permission.reason, 403);
      return organisation;
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      if (wantsJson(request)) sendProblem(reply, error.status, error.message);
      else page(reply, messagePage(publicUrl, reader.tr.t(error.status === 403 ? 'accountOrganisations.notAllowed' : 'accountOrganisations.notFound'), [enrolmentErrorText(reader.tr, error)], undefined, reader), error.status);
      return null;
    }
  }

  const refusal = (request: FastifyRequest, reply: FastifyReply, reader: Reader, organisation: OrganisationSummary, csrf: string, draft: Draft, error: unknown) => {
    if (!(error instanceof EnrolmentError)) throw error;
    if (error instanceof DailyLimitError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
    return page(reply, messageForm(publicUrl, reader, organisation, csrf, draft, { problem: enrolmentErrorText(reader.tr, error) }), error.status);
  };

  /** A route of an organisation this admin may message now: the session, the organisation and the draft sent; refusals are answered here. */
  type Handler = (reply: FastifyReply, request: FastifyRequest, at: { travellerId: number; csrf: string; reader: Reader; organisation: OrganisationSummary; draft: Draft; body: Record<string, unknown> }) => Promise<unknown>;
  const messaging = (run: Handler) => async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    // The admin's profile language after the request's own choice; a POST's language menu leads back to the organisation.
    const reader = readerOf(request, (await getProfile(ctx, session.travellerId))?.language, organisationMenuHref(request));
    const organisation = await allowed(request, reply, session.travellerId, reader);
    if (!organisation) return reply;
    const body = formOf(request);
    const draft = draftOf(body);
    const at = { travellerId: session.travellerId, csrf: session.csrfToken, reader, organisation, draft, body: { ...body, destinations: draft.destinations } };
    try {
      return await run(reply, request, at);
    } catch (error) {
      return refusal(request, reply, reader, organisation, session.csrfToken, draft, error);
    }
  };

  app.get('/account/organisations/:id/message', hide, messaging(async (reply, _request, { reader, organisation, csrf }) =>
    page(reply, messageForm(publicUrl, reader, organisation, csrf, { subject: '', text: '', audience: 'all', destinations: '' }))));

  app.post('/account/organisations/:id/message/edit', hide, messaging(async (reply, _request, { reader, organisation, csrf, draft }) =>
    page(reply, messageForm(publicUrl, reader, organisation, csrf, draft))));

  app.post('/account/organisations/:id/message/preview', hide, messaging(async (reply, request, { travellerId, reader, organisation, csrf, draft, body }) => {
    const preview = await previewOrganisationMessage(ctx, travellerId, organisation.id, body);
    if (wantsJson(request)) return { ...preview.message, people: preview.people, deliveries: preview.deliveries };
    return page(reply, previewPage(publicUrl, reader, organisation, csrf, preview, draft));
  }));

  app.post('/account/organisations/:id/message', hide, messaging(async (reply, request, { travellerId, organisation, body }) => {
    const sent = await sendOrganisationMessage(ctx, travellerId, organisation.id, body);
    if (wantsJson(request)) return reply.code(202).send(sent);
    return reply.redirect(`/account/organisations/${organisation.id}?sent=${sent.people}#messages`, 303);
  }));
}
